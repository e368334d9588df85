package arabic

import (
	"strings"
	"unsafe"
)

// Prepare builds now every table the analysis reads, including the one a
// short process rather works out word by word (the known suffixed forms,
// see knownEntry): for a process about to analyse a great deal, a server
// or a benchmark, so that its first requests do not pay for them.
func Prepare() {
	loadTables()
	buildKnown()
	latinAbbrevs()
}

// Stem returns the light stem of a raw word: folded, with clitics and
// affixes stripped where the rules and the lexicon allow. Latin words are
// lower-cased, numbers are returned in their key form.
func Stem(word string) string {
	loadTables()
	stem, _, _ := analyzeWord(word)
	return stem
}

// Key returns the index term for a raw word: the stem, resolved through the
// alias table so every spelling and inflection of a country or name shares
// one key (الأميركيين, أمريكا and امريكا all give the key of أمريكا).
func Key(word string) string {
	loadTables()
	_, key, _ := analyzeWord(word)
	return key
}

// KeyNoStem returns the folded word with name variants resolved but no
// clitic or affix stripped; it is the "no stemming" arm of the evaluation.
// Numbers get the same key as from Key. It allocates only when the key is
// new text (neither a lexicon string nor the word itself).
func KeyNoStem(word string) string {
	loadTables()
	var arr [64]byte
	buf, changed, ok := appendFoldWord(arr[:0], word)
	if !ok {
		buf, changed = appendNormalize(arr[:0], word, true), true
	}
	if len(buf) == 0 {
		return ""
	}
	if e := lexicon[string(buf)]; e != nil {
		return e.key
	}
	f := unsafe.String(unsafe.SliceData(buf), len(buf))
	switch wordKind(f) {
	case KindNumber:
		return strings.Clone(numberKey(f))
	case KindArabic:
		if k, ok := skeletonKey(f); ok {
			return k
		}
	}
	if !changed {
		return word
	}
	return string(buf)
}

// IsStopword reports whether a raw word is a news stopword, after folding
// (so إلى, الى and الي all are) and after its clitics (وفي, عليها).
func IsStopword(word string) bool {
	loadTables()
	_, _, stop := analyzeWord(word)
	return stop
}

// Synonyms returns the keys of the news-vocabulary synonyms of a key (not
// the key itself), for widening a query at a lower weight. Never apply
// them to stored text. The returned slice must not be modified.
func Synonyms(key string) []string {
	loadTables()
	return synonyms[key]
}

// analyzeWord folds a raw word and returns its stem, key and stopword flag.
// It and everything below it read the lexicon tables without loading
// them: the exported functions call loadTables first.
func analyzeWord(word string) (stem, key string, stop bool) {
	return analyzeFolded(Fold(word), hamzaArticle(word))
}

// analyzeFolded is analyzeWord for an already folded word.
func analyzeFolded(f string, hamzaAlef bool) (stem, key string, stop bool) {
	if f == "" {
		return "", "", false
	}
	switch wordKind(f) {
	case KindNumber:
		k := numberKey(f)
		return k, k, false
	case KindArabic:
	default:
		return f, f, false
	}
	stem, e := stemFolded(f, hamzaAlef)
	if e != nil {
		return stem, e.key, e.stop
	}
	if k, ok := skeletonKey(stem); ok {
		return stem, k, false
	}
	if looksForeign(stem) {
		return stem, foreignFold(stem), false
	}
	return stem, stem, false
}

// wordKind classifies a folded word by its first rune.
func wordKind(f string) Kind {
	if f[0] == 0xD8 || f[0] == 0xD9 {
		return KindArabic // folded Arabic letters are all U+0621..U+064A
	}
	cls, _, _ := classAt(f, 0)
	switch cls {
	case clsArabic:
		return KindArabic
	case clsDigit:
		return KindNumber
	case clsLetter:
		return KindLatin
	}
	return KindPunct
}

// numberKey drops thousands separators from a normalised number so 2,500
// and ٢٥٠٠ meet; decimal points, dates and times keep their separators.
func numberKey(f string) string {
	comma := false
	for i := 0; i < len(f); i++ {
		if f[i] == ',' {
			comma = true
			break
		}
	}
	if !comma {
		return f
	}
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if f[i] != ',' {
			b = append(b, f[i])
		}
	}
	return string(b)
}
