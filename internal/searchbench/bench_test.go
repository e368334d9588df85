package searchbench

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// benchIndexes opens (building when needed) the corpus the benchmark runs
// on: TAQRIR_SEARCHBENCH_N synthetic articles (default 10,000) in
// TAQRIR_SEARCHBENCH_DIR (default a temporary directory; give one to build
// a large corpus once and reuse it), from every TAQRIR_SEARCHBENCH_STEP-th
// ANT article (default 1: all 29,440).
func benchIndexes(b *testing.B) *Indexes {
	b.Helper()
	path := corpusPath(b)
	n := 10000
	if v := os.Getenv("TAQRIR_SEARCHBENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	step := 1
	if v := os.Getenv("TAQRIR_SEARCHBENCH_STEP"); v != "" {
		var err error
		if step, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	dir := os.Getenv("TAQRIR_SEARCHBENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	ctx := context.Background()
	x, err := OpenIndexes(ctx, dir, n, 1, func() (*Pool, error) {
		return LoadPool(ctx, path, PoolOptions{Step: step, Entities: true})
	}, func(which string, done int) {
		if done%20000 == 0 {
			b.Logf("%s: %d articles", which, done)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Close() })
	return x
}

// BenchmarkSearchANT runs the committed query set (600 queries from ANT
// titles, a quarter each plain, source, date range and entity filtered)
// against a synthetic corpus of real ANT sentences, with facets and
// snippets on and off, and the same queries against the plain bleve peer;
// the result cache is off. Each iteration is one pass over the set.
//
//	TAQRIR_SEARCHBENCH_N=100000 TAQRIR_SEARCHBENCH_DIR=/tmp/srch100k \
//	  go test -run '^$' -bench SearchANT -benchtime 1x ./internal/searchbench
func BenchmarkSearchANT(b *testing.B) {
	x := benchIndexes(b)
	qs, err := Queries()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// Latency is measured with the result cache off; the facet column is
	// built first (a server builds it on its second faceted search).
	x.Taqrir.SetCacheSize(0)
	start := time.Now()
	cpu := testsuite.CPUTime()
	if err := x.Taqrir.PrepareFacets(); err != nil {
		b.Fatal(err)
	}
	b.Logf("facet column built in %v (%v CPU)", time.Since(start).Round(time.Millisecond), (testsuite.CPUTime() - cpu).Round(time.Millisecond))
	for _, c := range []struct {
		name string
		o    Options
	}{{"all", Options{Facets: true, Highlights: true, CPUClock: testsuite.CPUTime}}, {"bare", Options{CPUClock: testsuite.CPUTime}}} {
		b.Run("taqrir/"+c.name, func(b *testing.B) {
			report(b, func() (Latency, error) { return Run(ctx, x.Taqrir, qs, c.o) })
		})
		b.Run("plain/"+c.name, func(b *testing.B) {
			report(b, func() (Latency, error) { return x.Plain.Run(ctx, qs, c.o) })
		})
	}
}

func report(b *testing.B, run func() (Latency, error)) {
	// One pass untimed first: the index's pages in memory, as a server's
	// are.
	l, err := run()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var err error
		if l, err = run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(l.P50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(l.P99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(l.CPU.Microseconds())/1000, "cpu-ms/query")
	b.ReportMetric(0, "ns/op")
	b.Log(l)
}

// BenchmarkSearchCache runs the query set twice through the result cache
// at its default size and reports the second pass's hit rate and latency.
func BenchmarkSearchCache(b *testing.B) {
	x := benchIndexes(b)
	qs, err := Queries()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	o := Options{Facets: true, Highlights: true}
	for range b.N {
		x.Taqrir.SetCacheSize(0)
		x.Taqrir.SetCacheSize(index.DefaultCacheSize)
		if _, err := Run(ctx, x.Taqrir, qs, o); err != nil {
			b.Fatal(err)
		}
		before := x.Taqrir.CacheStats()
		l, err := Run(ctx, x.Taqrir, qs, o)
		if err != nil {
			b.Fatal(err)
		}
		st := x.Taqrir.CacheStats()
		rate := float64(st.Hits-before.Hits) / float64(len(qs))
		b.ReportMetric(rate, "hit-rate")
		b.ReportMetric(float64(l.P50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(0, "ns/op")
		b.Logf("second pass, cache of %d: hit rate %.2f; %v", st.Max, rate, l)
	}
}
