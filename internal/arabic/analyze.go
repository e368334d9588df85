package arabic

import (
	"iter"
	"strings"
	"unsafe"
)

// Analyze tokenises text and fills every token's Norm, Stem, Key and Stop.
// Punctuation tokens get Norm = Text and empty Stem and Key.
func Analyze(text string) []Token {
	loadTables()
	toks := Tokenize(text)
	buf := make([]byte, 0, 64)
	for i := range toks {
		t := &toks[i]
		t.Norm = Normalize(t.Text)
		if t.Kind == KindPunct {
			continue
		}
		t.Stem, t.Key, t.Stop, buf = analyzeRaw(t.Text, buf, true)
	}
	return toks
}

// EachTerm calls fn for every word and number of text with its byte offsets,
// index key and stopword flag. It is Analyze without the Token slice, for
// indexing: folding happens in one reused buffer and a key is allocated
// only when it is neither a lexicon string nor a slice of text itself.
// Every key passed to fn is an ordinary immutable string fn may keep.
func EachTerm(text string, fn func(start, end int, key string, stop bool)) {
	eachTerm(text, false, func(start, end int, key, _ string, stop bool) { fn(start, end, key, stop) })
}

// eachTerm is the loop of EachTerm and EachTermAlt; alt keys are computed
// only when withAlt is set.
func eachTerm(text string, withAlt bool, fn func(start, end int, key, alt string, stop bool)) {
	loadTables()
	buf := make([]byte, 0, 64)
	for start, end := range words(text) {
		raw := text[start:end]
		var key, alt string
		var stop bool
		_, key, stop, buf = analyzeRaw(raw, buf, false)
		if withAlt && !stop {
			alt = altKey(raw, unsafe.String(unsafe.SliceData(buf), len(buf)), key)
		}
		fn(start, end, key, alt, stop)
	}
}

// words yields the byte spans of text's words and numbers: its tokens
// but punctuation, the walk of EachTerm and TermCache.
func words(text string) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		for t := range Tokens(text) {
			if t.Kind != KindPunct && !yield(t.Start, t.End) {
				return
			}
		}
	}
}

// analyzeRaw is analyzeWord for the hot paths: the word is folded into buf
// (returned for reuse) and viewed as a string without copying; a stem or
// key that points into buf is copied out before returning, so the results
// stay valid after buf is reused. With wantStem false the stem is not
// copied and must not be used.
func analyzeRaw(raw string, buf []byte, wantStem bool) (stem, key string, stop bool, out []byte) {
	buf, changed, ok := appendFoldWord(buf[:0], raw)
	if ok && !changed {
		stem, key, stop = analyzeFolded(raw, false)
		return stem, key, stop, buf
	}
	if !ok {
		buf = appendNormalize(buf[:0], raw, true)
	}
	f := unsafe.String(unsafe.SliceData(buf), len(buf))
	stem, key, stop = analyzeFolded(f, hamzaArticle(raw))
	inBuf := func(s string) bool {
		if len(s) == 0 {
			return false
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		b := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
		return p >= b && p < b+uintptr(cap(buf))
	}
	keyInBuf := inBuf(key)
	if wantStem && inBuf(stem) {
		stem = string([]byte(stem))
		if keyInBuf && key == stem {
			return stem, stem, stop, buf
		}
	} else if !wantStem {
		stem = ""
	}
	if keyInBuf {
		key = string([]byte(key))
	}
	return stem, key, stop, buf
}

// EachTermAlt is EachTerm with a second key for a word whose first letter
// may be a clitic (ب ل ك و ف) that the stemmer kept, because the rest is
// not a known word and has no derived-noun shape: بكين or لندن as names,
// but also بقطارات or فقطارات. alt is the key of the word without that
// letter, or "" when the analysis is sure (a lexicon word, a stripped
// clitic, a short word, a stopword either way). Indexing both at one
// position lets a query reach the word whichever reading is right.
func EachTermAlt(text string, fn func(start, end int, key, alt string, stop bool)) {
	eachTerm(text, true, fn)
}

// altKey returns the key of folded word f without its first letter when
// that letter is a clitic the stemmer kept (see EachTermAlt), else "". f
// may be a view of a reused buffer: the result is always a safe string.
func altKey(raw, f, key string) string {
	if len(f) < 10 || len(key) < 2 || f[:2] != key[:2] || lexicon[key] != nil {
		return ""
	}
	switch f[:2] {
	case "ب", "ل", "ك", "و", "ف":
	default:
		return ""
	}
	if letters(f) < 5 {
		return ""
	}
	_, k, stop := analyzeFolded(f[2:], len(raw) > 2 && hamzaArticle(raw[2:]))
	if stop || k == key || k == "" {
		return ""
	}
	return strings.Clone(k)
}
