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
package quantity
