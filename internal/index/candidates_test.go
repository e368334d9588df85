package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/facts"
)

// TestCandidatesChangeNothing: the candidates conjunct changes no result.
// On a disk index of several segments holding deleted documents (articles
// indexed again), every query of the relevance suite, alone and with a
// source, a date range or an entity filter, gets from bleve the same total,
// hits and scores (exactly) with the conjunct as without it.
func TestCandidatesChangeNothing(t *testing.T) {
	ix := segmentedDiskIndex(t)

	cases, err := corpus.Relevance()
	if err != nil {
		t.Fatal(err)
	}
	filters := []Request{{}, {Source: "الجزيرة نت"}, {Since: time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC)}, {Entities: []string{"مصر"}}}
	ctx := context.Background()
	with, matched := 0, 0
	for _, c := range cases {
		p, err := ParseQuery(c.Query)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Build(p, true, false)
		if err != nil {
			t.Fatal(err)
		}
		plain := withoutCandidates(q)
		if plain == q {
			continue
		}
		with++
		for _, f := range filters {
			fs, err := f.filters(true)
			if err != nil {
				t.Fatal(err)
			}
			search := func(q query.Query) *bleve.SearchResult {
				res, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(filtered(q, fs), 100, 0, false))
				if err != nil {
					t.Fatalf("%s %+v: %v", c.Query, f, err)
				}
				return res
			}
			got, want := search(q), search(plain)
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%s %+v: %d matches (%d hits) with candidates, %d (%d) without", c.Query, f, got.Total, len(got.Hits), want.Total, len(want.Hits))
				continue
			}
			for i := range got.Hits {
				if g, w := got.Hits[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
					t.Errorf("%s %+v: hit %d is %s (%v) with candidates, %s (%v) without", c.Query, f, i, g.ID, g.Score, w.ID, w.Score)
				}
			}
			if got.Total > 0 {
				matched++
			}
		}
	}
	if with < len(cases)/3 || matched < with {
		t.Fatalf("%d of %d queries had candidates, %d searches matched: the test tests too little", with, len(cases), matched)
	}
}

// segmentedDiskIndex is the sample corpus with its facts in a disk index
// of several segments, a quarter of its articles indexed twice (so that
// the first copies are deleted documents), opened read-only: bleve merges
// the segments of a writable index in the background, and a merge changes
// the statistics BM25 scores by (the field's mean length counts deleted
// documents until they are merged away), so that two runs of one query
// could differ without either being wrong.
func segmentedDiskIndex(t *testing.T) *Index {
	t.Helper()
	entries, _ := sampleEntries(t, facts.ExtractArticle)
	batches := slices.Collect(slices.Chunk(entries, 6))
	var again []Entry
	for i := 0; i < len(entries); i += 4 {
		e := entries[i]
		e.Seq = int64(len(entries) + i + 1)
		again = append(again, e)
	}
	ix := readOnlyIndex(t, append(batches, again)...)
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	segs, deleted := 0, uint64(0)
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		segs++
		if d := s.Deleted(); d != nil {
			deleted += d.GetCardinality()
		}
	}
	if segs < 2 || deleted == 0 {
		t.Fatalf("%d segments, %d deleted documents: the index does not test what it should", segs, deleted)
	}
	return ix
}

// readOnlyIndex is a disk index holding batches, one segment each, opened
// read-only. Each batch is applied by a writable index of its own, closed
// before the next opens: its close persists the batch as one segment, so
// that bleve never holds two unpersisted segments to merge in memory. The
// writable index's merge planner is told that no segment is small enough
// to merge, so no background merge joins the persisted ones either (and
// drops the deleted documents a test wants kept) however busy the machine.
func readOnlyIndex(t *testing.T, batches ...[]Entry) *Index {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index.bleve")
	if err := create(path, map[string]any{}); err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		bi, err := bleve.OpenUsing(path, map[string]any{
			"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": 1},
		})
		if err != nil {
			t.Fatal(err)
		}
		w := &Index{bi: bi, path: path, cache: newResultCache(DefaultCacheSize)}
		if err := errors.Join(w.Apply(b), w.Close()); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// withoutCandidates is Build's query without its candidates conjunct (q
// itself when it has none).
func withoutCandidates(q query.Query) query.Query {
	bq, ok := q.(*query.BooleanQuery)
	if !ok {
		return q
	}
	must, ok := bq.Must.(*query.ConjunctionQuery)
	if !ok {
		return q
	}
	i := slices.IndexFunc(must.Conjuncts, func(c query.Query) bool { _, ok := c.(candidateQuery); return ok })
	if i < 0 {
		return q
	}
	cp, conj := *bq, *must
	conj.Conjuncts = slices.Delete(slices.Clone(must.Conjuncts), i, i+1)
	cp.Must = &conj
	return &cp
}
