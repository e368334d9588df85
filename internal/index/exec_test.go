package index

import (
	"context"
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// FuzzOwnLoopAsBleve: for any query, alone or with a source filter, a
// search through the facet column (run by our own loop when the query is of
// Build's shape) finds what bleve's searchers find for the same query on
// the same index: the same total, hits and scores.
func FuzzOwnLoopAsBleve(f *testing.F) {
	for _, q := range []string{"الدوحة", "فيضانات مصر العراق", "مباحثات OR مفاوضات هدنة", `"وقف إطلاق النار" غزة`, "ليب* انتخابات", "امريكا ايران -عمان", "في من", "\x00\xff", "OR OR", "-00"} {
		f.Add(q, false)
		f.Add(q, true)
	}
	ix := sampleDiskIndex(f)
	ix.SetCacheSize(0)
	if err := ix.PrepareFacets(); err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string, source bool) {
		r := Request{Query: q, Limit: 5, Synonyms: true, NoHighlight: true}
		if source {
			r.Source = "الجزيرة نت"
		}
		got, err := ix.Search(ctx, r)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuery) && !errors.Is(err, ErrBadQuery) {
				t.Fatalf("%q: %v", q, err)
			}
			return
		}
		// bleve's own run of the strict query (Search relaxes a query
		// that matches nothing, and bleve runs relaxed queries).
		p, err := ParseQuery(q)
		if err != nil {
			t.Fatalf("%q: searched, but does not parse: %v", q, err)
		}
		words, err := Build(p, r.Synonyms, false)
		if err != nil {
			t.Fatalf("%q: searched, but does not build: %v", q, err)
		}
		fs, err := r.filters(true)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(filtered(words, fs), r.Limit, 0, false))
		if err != nil {
			t.Fatalf("%q: bleve: %v", q, err)
		}
		if want.Total == 0 {
			return
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Fatalf("%q: %d matches through the column, %d by bleve", q, got.Total, want.Total)
		}
		for i := range got.Hits {
			if g, w := got.Hits[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
				t.Fatalf("%q: hit %d is %s (%v) through the column, %s (%v) by bleve", q, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
	})
}
