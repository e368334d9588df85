package arabic

import "strings"

// TermCache is EachTerm with a memory: the key and stopword flag of each
// distinct word are worked out once and looked up after. News repeats its
// words (a report's 2,000 articles are some 800,000 words and a few tens
// of thousands of forms), and a lookup costs a fraction of a stemming. A
// TermCache is for one goroutine; it forgets everything when it holds
// maxCachedTerms forms, so its memory stays bounded whatever it reads.
// The zero value is ready to use.
type TermCache struct {
	m   map[string]cachedTerm
	buf []byte
}

type cachedTerm struct {
	key  string
	stop bool
}

const maxCachedTerms = 1 << 17

// EachTerm calls fn as the package's EachTerm does, with the same
// offsets, keys and flags. A nil *TermCache is the package's EachTerm.
func (c *TermCache) EachTerm(text string, fn func(start, end int, key string, stop bool)) {
	if c == nil {
		EachTerm(text, fn)
		return
	}
	loadTables()
	if c.m == nil {
		c.m = make(map[string]cachedTerm, 1024)
		c.buf = make([]byte, 0, 64)
	}
	for start, end := range words(text) {
		raw := text[start:end]
		t, ok := c.m[raw]
		if !ok {
			_, t.key, t.stop, c.buf = analyzeRaw(raw, c.buf, false)
			if len(c.m) >= maxCachedTerms {
				clear(c.m)
			}
			c.m[strings.Clone(raw)] = t
		}
		fn(start, end, t.key, t.stop)
	}
}
