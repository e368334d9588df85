package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/taqrir/taqrir/internal/news"
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

// TestOwnLoopLeavesUnscored: on 400 articles where two words are in most
// bodies and in a few titles, short pages of them (alone, with a source
// filter, past the first hits) are bleve's exactly — total, hits, scores —
// while our own loop leaves unscored most matches, those that could not
// reach the page.
func TestOwnLoopLeavesUnscored(t *testing.T) {
	filler := strings.Fields("قال المتحدث إن الوضع في المنطقة يتطلب متابعة دقيقة من جميع الأطراف المعنية بالملف خلال الأيام المقبلة")
	var entries []Entry
	for i := range 400 {
		a := news.Article{
			ID:        fmt.Sprintf("a%03d", i),
			Source:    []string{"الجزيرة نت", "العربية", "بي بي سي عربي"}[i%3],
			Title:     fmt.Sprintf("تقرير رقم %d عن الأسواق", i),
			Published: time.Date(2025, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
		}
		body := []string{strings.Join(filler[:5+i%13], " ")}
		if i%5 != 0 {
			body = append(body, "عقدت الحكومة اجتماعا لبحث الميزانية "+strings.Join(filler[i%7:], " "))
		}
		if i%37 == 0 {
			a.Title = "الحكومة تعقد اجتماعا طارئا"
		}
		a.Paragraphs = body
		entries = append(entries, Entry{Seq: int64(i + 1), Article: a})
	}
	// Read-only, so that no background merge moves BM25's statistics
	// between the two runs of a query (see segmentedDiskIndex).
	ix := readOnlyIndex(t, entries)
	ix.SetCacheSize(0)
	if err := ix.PrepareFacets(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, r := range []Request{
		{Query: "الحكومة اجتماع", Limit: 3, Synonyms: true},
		{Query: "الحكومة اجتماع الميزانية", Limit: 1, Synonyms: true},
		{Query: "الحكومة اجتماع", Limit: 2, Offset: 4, Synonyms: true},
		{Query: "الحكومة اجتماع", Limit: 5, Source: "العربية", Synonyms: true},
	} {
		got, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := ParseQuery(r.Query)
		words, _ := Build(p, r.Synonyms, false)
		fs, _ := r.filters(true)
		want, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(filtered(words, fs), r.Limit, r.Offset, false))
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) || want.Total < 100 {
			t.Fatalf("%+v: %d matches (%d hits) through the column, %d (%d) by bleve", r, got.Total, len(got.Hits), want.Total, len(want.Hits))
		}
		for i := range got.Hits {
			if g, w := got.Hits[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
				t.Errorf("%+v: hit %d is %s (%v) through the column, %s (%v) by bleve", r, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
	}
	own, pruned := ix.facets.own.Load(), ix.facets.pruned.Load()
	if own != 4 || pruned < 100 {
		t.Fatalf("%d of 4 searches by our own loop, %d matches left unscored: the test does not test leaving them unscored", own, pruned)
	}
	t.Logf("%d matches left unscored over 4 searches", pruned)
}
