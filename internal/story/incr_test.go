package story

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
)

// TestSampleIncremental clusters the sample as `taqrir stories` does on a
// large store: articles one by one in ingest (file) order, document
// frequencies growing as they come, then one Merge pass.
func TestSampleIncremental(t *testing.T) {
	arts, truth := sampleArticles(t)
	for _, tc := range []struct {
		name       string
		arts       []news.Article
		minP, minR float64
	}{
		{"terms only", arts, 0.95, 0.85},
		// An article naming entities that a story shares none of does not
		// join it on generic words alone (Egypt's inflation and the
		// OPEC+ cut share أسعار، تراجع، ارتفاع، تضخم): precision 1.
		{"with entities", handEntities(arts), 1, 0.95},
		{"with extracted facts", extracted(arts), 1, 0.95},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.arts {
				c.Add(&tc.arts[i])
			}
			c.Merge()
			stories := c.Stories()
			p, r, f1 := pairwise(stories, truth)
			t.Logf("%s, incremental in file order: %d stories, pairwise precision %.3f recall %.3f F1 %.3f", tc.name, len(stories), p, r, f1)
			if p < tc.minP || r < tc.minR {
				t.Errorf("precision %.3f recall %.3f, want ≥ %.2f and ≥ %.2f; stories:%s", p, r, tc.minP, tc.minR, describe(stories, truth))
			}
		})
	}
}

// TestDropStaleIsExact: forgetting stories whose window has passed (batch
// clustering in date order) changes no assignment, since those stories
// fail the window test anyway.
func TestDropStaleIsExact(t *testing.T) {
	arts, _ := sampleArticles(t)
	arts = handEntities(arts)
	with, err := Cluster(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	keep := DefaultOptions()
	keep.keepStale = true
	without, _ := Cluster(arts, keep)
	if d := cmp.Diff(without, with); d != "" {
		t.Errorf("stories (-keeping stale postings +dropping them):\n%s", d)
	}
}

// TestConcurrentAdd: Add from several goroutines places every article
// once (run with -race).
func TestConcurrentAdd(t *testing.T) {
	arts, _ := sampleArticles(t)
	c, _ := New(DefaultOptions())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(arts); i += 4 {
				c.Add(&arts[i])
			}
		}()
	}
	wg.Wait()
	c.Merge()
	n := 0
	for _, s := range c.Stories() {
		n += s.Size
	}
	if n != len(arts) {
		t.Errorf("stories hold %d articles, want %d", n, len(arts))
	}
}
