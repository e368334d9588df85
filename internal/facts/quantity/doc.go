// Package quantity finds the figures of Arabic news text: numbers in any
// digits (2,500، ٢٬٥٠٠، 3.5، ٣٫٥) or in words (ألفين وخمسمائة، خمسة وعشرين،
// نصف مليون), with their approximation (حوالي، أكثر من، عشرات) and what they
// count: a percentage, a currency (دولار أمريكي), a unit (كيلومتر، برميل) or
// a counted noun (جنديا، قتيلا), normalised to a lemma-like unit.
//
// It must never turn a date into a figure: years, days and times found by
// package timex are skipped, as are ordinals (الـ20), reference numbers
// (القرار 2254), phone-like digit strings and digits inside URLs or Latin
// codes. It never panics on untrusted text, keeps byte offsets into the
// text it was given, and does no I/O.
//
// Its word lists (cues, month names, units …) are data, not code: embedded
// TSV files in lexicon/, each opening with the gazetteer's header (what it
// holds, its source, how it is written), parsed with package wordtable on
// first use, not at init.
package quantity
