package index

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzSearch: any query a user can type, parsed and run against the sample
// corpus, returns results or ErrEmptyQuery / ErrBadQuery; it never panics,
// every hit is an indexed article, and snippets are valid UTF-8.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"الدوحة", `"وقف إطلاق النار" -غزة`, "مباحثات OR مفاوضات | هدنة", "ليب*", "ل*", `«غير مغلق`, "-", "OR OR", "في من", "\x00\xff", "*", `""`} {
		f.Add(q)
	}
	ix, urls := sampleIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(context.Background(), Request{Query: q, Limit: 5, Synonyms: true})
		if err != nil {
			if !errors.Is(err, ErrEmptyQuery) && !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Search(%q): %v", q, err)
			}
			return
		}
		if len(res.Hits) > 5 {
			t.Fatalf("Search(%q): %d hits over the limit", q, len(res.Hits))
		}
		for _, h := range res.Hits {
			if _, ok := urls[h.ID]; !ok {
				t.Fatalf("Search(%q): hit %s is no indexed article", q, h.ID)
			}
			if !utf8.ValidString(h.Snippet) {
				t.Fatalf("Search(%q): snippet not valid UTF-8: %q", q, h.Snippet)
			}
		}
	})
}
