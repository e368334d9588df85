package story

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/testsuite"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/news"
)

// BenchmarkCluster10k times batch clustering (document frequencies,
// near-duplicates, assignment, merge) of 10,000 synthetic articles.
// Synthetic articles recombine the sample's sentences at random, so the
// stories they form mean nothing; only the time does.
func BenchmarkCluster10k(b *testing.B) {
	arts := synthArticles(b, 10000)
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	var n int
	for range b.N {
		stories, err := Cluster(arts, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		n = len(stories)
	}
	b.ReportMetric(float64(n), "stories")
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric((testsuite.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// synthArticles makes n synthetic articles (internal/corpus/synth).
func synthArticles(b *testing.B, n int) []news.Article {
	b.Helper()
	pool, err := synth.Load(context.Background(), corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]news.Article, n)
	for i := range arts {
		s := pool.Make(1, i)
		pub, _ := time.Parse(time.RFC3339, s.Published)
		arts[i] = news.Article{ID: fmt.Sprintf("s%06d", i), Source: s.Source, Title: s.Title, Published: pub, Paragraphs: strings.Split(s.Text, "\n")}
	}
	return arts
}

// BenchmarkCatchUp100On10k times what `taqrir stories` pays after an
// ingest of 100 articles into a store of 10,000 whose stories are saved:
// load the state, add the 100 in seq order, merge, save.
func BenchmarkCatchUp100On10k(b *testing.B) {
	arts := synthArticles(b, 10100)
	dir := b.TempDir()
	base := filepath.Join(dir, "base.gob")
	if _, _, err := CatchUp(context.Background(), &memStore{arts: arts[:10000]}, base, DefaultOptions()); err != nil {
		b.Fatal(err)
	}
	state, err := os.ReadFile(base)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "stories.gob")
	src := &memStore{arts: arts}
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	for range b.N {
		b.StopTimer()
		if err := os.WriteFile(path, state, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, res, err := CatchUp(context.Background(), src, path, DefaultOptions())
		if err != nil || res.Added != 100 || res.Rebuilt != nil || res.SaveErr != nil {
			b.Fatalf("%+v, %v", res, err)
		}
	}
	b.ReportMetric(float64(len(state))/1e6, "state-MB")
	b.ReportMetric((testsuite.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkRebuild10k times a catch-up from nothing (a missing, damaged
// or other-version state) over 10,000 stored articles.
func BenchmarkRebuild10k(b *testing.B) {
	arts := synthArticles(b, 10000)
	path := filepath.Join(b.TempDir(), "stories.gob")
	src := &memStore{arts: arts}
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	for range b.N {
		os.Remove(path)
		_, res, err := CatchUp(context.Background(), src, path, DefaultOptions())
		if err != nil || res.Added != len(arts) || res.SaveErr != nil {
			b.Fatalf("%+v, %v", res, err)
		}
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric((testsuite.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
