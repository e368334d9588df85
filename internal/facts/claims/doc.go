// Package claims finds attributed statements in Arabic news text: who said
// what, through which cue, in which medium. It reads attribution verbs
// (قال، أكد، أعلن، أوضح… in their inflections and with و/ف), prepositional
// cues (بحسب، وفقا لـ، نقلا عن، حسبما، على حد قول) and the participles that
// carry a second claim of the same speaker (مضيفا، مؤكدا); it takes the
// speaker after the verb (VSO), before it (SVO) or from the previous claim
// when the verb has none ("وأضاف"), marks descriptors such as "مصدر مطلع" or
// "3 مسؤولين حكوميين" anonymous, and takes the content from a direct quote
// or the indirect speech after إن/أن, or the clause a بحسب follows. A
// document a بحسب points to is the claim's medium: its author after ل is
// the speaker (بحسب تقرير للأمم المتحدة), the outlet that read it is not
// (بحسب مسودة اطلع عليها «المدار»: no speaker, anonymous). A speaker or
// medium never keeps half a quotation, and a bare surname (وأضاف الحاج)
// takes the canonical of the full name an earlier claim gave.
//
// It works on one article's text, its sentences and its resolved entities;
// every offset it returns is a byte offset into that text. It must never
// invent a claim without a cue and a content marker, never panic on any
// input, never return an offset outside the text, and never do I/O.
//
// Its word lists (cues, month names, units …) are data, not code: embedded
// TSV files in lexicon/, each opening with the gazetteer's header (what it
// holds, its source, how it is written), parsed with package wordtable on
// first use, not at init.
package claims
