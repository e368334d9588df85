package index

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/facts"
)

// sampleDiskIndex is the sample corpus with its facts in an on-disk
// (scorch) index, the kind that has a facet column.
func sampleDiskIndex(t testing.TB) *Index {
	t.Helper()
	dir := t.TempDir()
	ix, _ := sampleIndexWith(t, func() (*Index, error) { return Open(filepath.Join(dir, "index.bleve")) }, facts.ExtractArticle)
	return ix
}

// TestFacetColumnCountsAsBleve: a search with the facet column (facets
// counted and the source and date filters checked in the ranking pass) is
// bleve's without it — hits, scores, snippets, totals, and facets value for
// value and in the same order — for every query of the relevance suite with
// and without filters (source, date range, entity, all three), relaxed
// queries, an entity's page and a report's IDs-only search, most of them
// run by our own loop (exec.go) instead of bleve's searchers; and a write
// makes the column stale.
func TestFacetColumnCountsAsBleve(t *testing.T) {
	t.Run("one segment", func(t *testing.T) { facetColumnCountsAsBleve(t, sampleDiskIndex(t), true) })
	t.Run("segments with deletions", func(t *testing.T) { facetColumnCountsAsBleve(t, segmentedDiskIndex(t), false) })
}

// facetColumnCountsAsBleve is TestFacetColumnCountsAsBleve on ix; writable
// says whether it may write to ix (a read-only index cannot).
func facetColumnCountsAsBleve(t *testing.T, ix *Index, writable bool) {
	ix.SetCacheSize(0)
	ctx := context.Background()
	cases, err := corpus.Relevance()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for _, c := range cases {
		reqs = append(reqs, Request{Query: c.Query, Synonyms: true},
			Request{Query: c.Query, Source: "الجزيرة نت", Synonyms: true},
			Request{Query: c.Query, Since: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Sort: "newest"},
			Request{Query: c.Query, Entities: []string{"مصر", "جمهورية مصر العربية"}, Synonyms: true},
			Request{Query: c.Query, Source: "المدار الاخباري", Synonyms: true},
			Request{Query: c.Query, Source: "الواحة نيوز", Until: time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC), Entities: []string{"مصر"}, Synonyms: true, NoHighlight: true},
			Request{Query: c.Query, Since: time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 4, 20, 8, 15, 0, 0, time.FixedZone("", 3600)), IDsOnly: true, Limit: 50},
			// Short pages: our own loop leaves unscored the matches that
			// cannot reach them.
			Request{Query: c.Query, Synonyms: true, Limit: 1},
			Request{Query: c.Query, Synonyms: true, Limit: 2, Offset: 1, NoHighlight: true})
	}
	reqs = append(reqs, Request{All: true, Entities: []string{"مصر"}, Limit: 20, Sort: "newest"},
		Request{Query: "فيضانات مصر العراق السودان ليبيا"}, Request{Query: "مصر -السودان"}, Request{Query: "انتخاب*"})
	want := make([]Result, len(reqs))
	ix.facets.never = true // bleve's way: no column is built while want is searched
	for i, r := range reqs {
		if want[i], err = ix.Search(ctx, r); err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
	}
	ix.facets.never = false
	if err := ix.PrepareFacets(); err != nil {
		t.Fatal(err)
	}
	seq, _ := ix.Seq()
	if ix.acquireFacets(seq, ix.cache.gen.Load()) == nil {
		t.Fatal("no facet column in use")
	}
	ix.releaseFacets(ix.facets.cur)
	nonEmpty, filtered := 0, 0
	for i, r := range reqs {
		got, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if d := cmp.Diff(want[i], got, cmpopts.IgnoreFields(Result{}, "Took")); d != "" {
			t.Errorf("%+v: facet column differs from bleve (-bleve +column):\n%s", r, d)
		}
		if len(got.Entities) > 0 {
			nonEmpty++
		}
		if (r.Source != "" || !r.Until.IsZero()) && got.Total > 0 {
			filtered++
		}
	}
	if n := ix.facets.passes.Load(); n < int64(len(reqs)) {
		t.Errorf("%d of %d searches ran through the facet column", n, len(reqs))
	}
	if n := ix.facets.own.Load(); n < int64(len(reqs))/2 {
		t.Errorf("%d of %d searches ran through our own loop (exec.go): the test tests it too little", n, len(reqs))
	}
	t.Logf("%d of %d searches through the column, %d of them by our own loop", ix.facets.passes.Load(), len(reqs), ix.facets.own.Load())
	if nonEmpty == 0 || filtered == 0 {
		t.Fatalf("%d searches had an entities facet, %d filtered ones matched: the test tests nothing", nonEmpty, filtered)
	}
	if !writable {
		return
	}
	if err := ix.MarkBuiltWith(BuildVersion()); err != nil {
		t.Fatal(err)
	}
	if ix.acquireFacets(seq, ix.cache.gen.Load()) != nil {
		t.Fatal("the facet column outlived a write")
	}
}

// TestSourcesFacetOnly: a request for the sources facet alone gets the
// sources of the full request, hits and total unchanged, and no months or
// entities, whether bleve counts (the first search of a process) or the
// facet column does; the result cache keeps the two requests apart.
func TestSourcesFacetOnly(t *testing.T) {
	ix := sampleDiskIndex(t)
	ctx := context.Background()
	check := func(how string) {
		t.Helper()
		for _, q := range []string{"مصر", "فيضانات", "الحكومة"} {
			full, err := ix.Search(ctx, Request{Query: q, Synonyms: true})
			if err != nil {
				t.Fatal(err)
			}
			only, err := ix.Search(ctx, Request{Query: q, Synonyms: true, SourcesFacet: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Sources) == 0 || len(full.Months) == 0 || len(full.Entities) == 0 {
				t.Fatalf("%s: %q: full facets %d/%d/%d: the test tests nothing", how, q, len(full.Sources), len(full.Months), len(full.Entities))
			}
			want := full
			want.Months, want.Entities = []FacetCount{}, []FacetCount{}
			if d := cmp.Diff(want, only, cmpopts.IgnoreFields(Result{}, "Took")); d != "" {
				t.Errorf("%s: %q: sources only (-want +got):\n%s", how, q, d)
			}
		}
	}
	check("bleve")
	if err := ix.PrepareFacets(); err != nil {
		t.Fatal(err)
	}
	ix.SetCacheSize(0)
	check("facet column")
}
