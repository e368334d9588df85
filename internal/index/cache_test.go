package index

import (
	"context"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// TestResultCache: a repeated request is answered from the cache, any
// write invalidates it (the new article is found), a caller changing its
// result does not change the cache, the bound holds, and size 0 turns it
// off.
func TestResultCache(t *testing.T) {
	ix, _ := sampleIndex(t)
	ctx := context.Background()
	req := Request{Query: "فيضانات", Limit: 5, Synonyms: true}
	first, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Hits) == 0 {
		t.Fatal("no hits")
	}
	first.Hits[0].Title = "changed by the caller"
	again, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if st := ix.CacheStats(); st.Hits != 1 || st.Misses != 1 || st.Size != 1 {
		t.Fatalf("after a repeated search: %+v, want 1 hit, 1 miss, 1 entry", st)
	}
	if again.Hits[0].Title == "changed by the caller" || again.Total != first.Total {
		t.Fatalf("cached result changed: %+v", again.Hits[0])
	}

	// A write: an article on the same word must be found at once.
	a := news.Article{ID: "cache-test", Title: "فيضانات في مدينة الاختبار", Paragraphs: []string{"فيضانات غمرت المدينة"},
		Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}
	seq, _ := ix.Seq()
	if err := ix.Apply([]Entry{{Seq: seq + 1, Article: a}}); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != first.Total+1 {
		t.Fatalf("after a write: %d matches, want %d (a stale cached result?)", after.Total, first.Total+1)
	}
	// A re-index at an older seq (a rebuild) leaves Seq alone: it must
	// invalidate too.
	a.Title = "عنوان آخر"
	a.Paragraphs = []string{"نص لا يذكر الموضوع"}
	if err := ix.Apply([]Entry{{Seq: 1, Article: a}}); err != nil {
		t.Fatal(err)
	}
	if res, err := ix.Search(ctx, req); err != nil || res.Total != first.Total {
		t.Fatalf("after a re-index: %d matches (%v), want %d", res.Total, err, first.Total)
	}
	if st := ix.CacheStats(); st.Hits != 1 {
		t.Fatalf("a write left a hit: %+v", st)
	}

	// The bound.
	ix.SetCacheSize(2)
	for _, q := range []string{"مصر", "العراق", "السودان"} {
		if _, err := ix.Search(ctx, Request{Query: q}); err != nil {
			t.Fatal(err)
		}
	}
	if st := ix.CacheStats(); st.Size != 2 || st.Max != 2 || st.Evicted == 0 {
		t.Fatalf("bounded to 2: %+v", st)
	}

	// Off.
	ix.SetCacheSize(0)
	before := ix.CacheStats()
	for range 2 {
		if _, err := ix.Search(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if st := ix.CacheStats(); st.Hits != before.Hits || st.Misses != before.Misses || st.Size != 0 {
		t.Fatalf("cache off: %+v, was %+v", st, before)
	}
}

// TestCacheKeyTellsRequestsApart: requests that differ in anything a
// result depends on have different keys.
func TestCacheKeyTellsRequestsApart(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	reqs := []Request{
		{Query: "مصر"}, {Query: "مصر", Source: "x"}, {Query: "مصر", Entities: []string{"x"}},
		{Query: "مصر", Entities: []string{"x", "y"}}, {Query: "مصر", Since: day}, {Query: "مصر", Until: day},
		{Query: "مصر", Limit: 5}, {Query: "مصر", Offset: 5}, {Query: "مصر", Sort: "newest"},
		{Query: "مصر", Synonyms: true}, {Query: "مصر", IDsOnly: true}, {Query: "مصر", All: true},
		{Query: "مصر", NoFacets: true}, {Query: "مصر", NoHighlight: true}, {Query: "مصر x"},
		{Source: "مصر"},
	}
	seen := map[string]int{}
	for i, r := range reqs {
		k := cacheKey(r)
		if j, ok := seen[k]; ok {
			t.Errorf("requests %d and %d share a key", j, i)
		}
		seen[k] = i
	}
	if cacheKey(Request{Query: "مصر", IDs: []string{"a"}}) != "" {
		t.Error("a request by ids is cached")
	}
}
