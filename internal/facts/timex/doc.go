// Package timex finds date, time and duration expressions in Arabic news
// text and normalises them TIMEX-style (news.Date: a value such as
// "2021-04-07", "2021-W14" or "P3W" and its granularity). Absolute dates
// are read in both month-name sets (يناير… and كانون الثاني…), in numeric
// forms with any digits, and in the Hijri calendar (converted with the
// Umm al-Qura tables of hablullah/go-hijri for 1356–1500 AH, the tabular
// calendar outside them); relative ones (أمس، الاثنين، الشهر
// المقبل، قبل يومين) are resolved against the publication date.
//
// It must never guess: without a publication date a relative expression is
// returned with Unresolved set and an empty value, and vague expressions
// (منذ أسابيع) are kept as such. It never panics on untrusted text, never
// moves offsets (Start and End are byte offsets into the text it was
// given), and does no I/O.
//
// Its word lists (cues, month names, units …) are data, not code: embedded
// TSV files in lexicon/, each opening with the gazetteer's header (what it
// holds, its source, how it is written), parsed with package wordtable on
// first use, not at init.
package timex
