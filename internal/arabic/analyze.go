package arabic

import "unsafe"

// Analyze tokenises text and fills every token's Norm, Stem, Key and Stop.
// Punctuation tokens get Norm = Text and empty Stem and Key.
func Analyze(text string) []Token {
	toks := Tokenize(text)
	for i := range toks {
		t := &toks[i]
		t.Norm = Normalize(t.Text)
		if t.Kind == KindPunct {
			continue
		}
		t.Stem, t.Key, t.Stop = analyzeWord(t.Text)
	}
	return toks
}

// EachTerm calls fn for every word and number of text with its byte offsets,
// index key and stopword flag. It is Analyze without the Token slice, for
// indexing: folding happens in one reused buffer and a key is allocated
// only when it is neither a lexicon string nor a slice of text itself.
// Every key passed to fn is an ordinary immutable string fn may keep.
func EachTerm(text string, fn func(start, end int, key string, stop bool)) {
	buf := make([]byte, 0, 64)
	for i := 0; i < len(text); {
		start, end, kind := nextToken(text, i)
		if kind == 0 {
			return
		}
		i = end
		if kind == KindPunct {
			continue
		}
		raw := text[start:end]
		var ok, changed bool
		buf, changed, ok = appendFoldWord(buf[:0], raw)
		if ok && !changed {
			_, key, stop := analyzeFolded(raw, false)
			fn(start, end, key, stop)
			continue
		}
		if !ok {
			buf = appendNormalize(buf[:0], raw, true)
		}
		// The folded word is viewed as a string without copying; any
		// key that points into the buffer is cloned before the buffer is
		// reused.
		f := unsafe.String(unsafe.SliceData(buf), len(buf))
		_, key, stop := analyzeFolded(f, hamzaArticle(raw))
		if len(key) > 0 {
			p := uintptr(unsafe.Pointer(unsafe.StringData(key)))
			b := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
			if p >= b && p < b+uintptr(cap(buf)) {
				key = string([]byte(key))
			}
		}
		fn(start, end, key, stop)
	}
}
