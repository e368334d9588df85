// Package resolve turns the entity mentions of one article (from the
// tagger and the gazetteer) into entities with canonical names: every
// spelling of a known name, and a country's nisba adjective (الأميركية),
// gets the gazetteer's canonical (الولايات المتحدة); a person's short
// mention (بايدن) takes the canonical of the full name given earlier in the
// article (جو بايدن); a title before a name is read as the person's role,
// with the country it belongs to and where it is held (السفير الأميركي في
// العراق ماثيو تولر → role سفير, of الولايات المتحدة, in العراق); and a
// capital named as a political agent (أعلنت واشنطن) is linked to its
// country and marked as metonymy, while "في واشنطن" stays the city. An
// institution is kept apart from the person named after it (الباحث في مركز
// القرن الأفريقي للدراسات ياسر الحاج; مفوضية الاتحاد الأفريقي | نكوسي
// مابيزا; جامعة عمر المختار | منصور الدرسي), and a country is a place
// whatever type the tagger gave its mention (القطرية).
// Canonical names are plain strings from the gazetteer or the text, so the
// same entity gets the same canonical in every article; CanonicalOf and
// Aliases map any alias to it for search.
//
// It reads one article's text and never does I/O, never keeps state
// between articles, never panics on any input and never returns an offset
// outside the text it was given. It never invents an entity of its own
// except the persons a title introduces (with the institution between
// them) and the repeated short mentions of a person already found.
//
// Its word lists (cues, month names, units …) are data, not code: embedded
// TSV files in lexicon/, each opening with the gazetteer's header (what it
// holds, its source, how it is written), parsed with package wordtable on
// first use, not at init.
package resolve
