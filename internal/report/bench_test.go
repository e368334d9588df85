package report_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/testsuite"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// benchQueries match few, some and very many synthetic articles.
var benchQueries = []string{"سد وادي الخير", "أوبك", "الدوحة", "امريكا"}

// BenchmarkReport measures a whole report: query → search → fetch from
// the store → Build → HTML, over a data directory of synthetic articles
// (sample sentences recombined) stored with their facts as ingest stores
// them. The
// 100k case builds a large store first and runs only with
// TAQRIR_BENCH_100K=1.
//
//	go test -run '^$' -bench Report -benchtime 8x ./internal/report
//	TAQRIR_BENCH_100K=1 TAQRIR_REPORTBENCH_DIR=/tmp/reportbench go test -run '^$' -bench Report/articles=100000 -benchtime 4x -timeout 60m ./internal/report
func BenchmarkReport(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			if n > 10000 && os.Getenv("TAQRIR_BENCH_100K") != "1" {
				b.Skip("set TAQRIR_BENCH_100K=1 to build a 100k-article data directory")
			}
			st, ix := synthData(b, n)
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			matched, included := 0, 0
			var peak uint64
			cpu0 := testsuite.CPUTime()
			b.ResetTimer()
			for i := range b.N {
				q := benchQueries[i%len(benchQueries)]
				start := time.Now()
				rep, err := report.ForQuery(ctx, st, ix, report.Query{Text: q}, report.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := render.HTML(io.Discard, rep); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				matched = max(matched, rep.Articles.Matched)
				included = max(included, rep.Articles.Included)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			b.StopTimer()
			// CPU time says what the report costs when the two cores are
			// shared with other work (wall time then mostly measures waiting).
			b.ReportMetric(float64((testsuite.CPUTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Milliseconds()), "max-ms")
			b.ReportMetric(float64(matched), "max-matched")
			b.ReportMetric(float64(included), "max-read")
			b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
		})
	}
}

// BenchmarkBuild measures Build alone over 2000 synthetic articles (the
// default cap), without search or store.
func BenchmarkBuild(b *testing.B) {
	arts := synthArticles(b, report.DefaultLimit)
	b.ResetTimer()
	for range b.N {
		if _, err := report.Build(context.Background(), arts, report.Query{Text: "x"}, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func synthArticles(b *testing.B, n int) []news.Article {
	b.Helper()
	st, _ := synthData(b, n)
	var arts []news.Article
	if err := st.Scan(context.Background(), 0, func(_ int64, a news.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	return arts
}

// synthData stores and indexes n synthetic articles in a data directory,
// the way ingest does (store first, then the index with the store's
// sequence numbers), with their facts. The directory is then closed and
// opened again, as `taqrir report` opens what an ingest left: bleve's
// merges still running after the last batch are not timed as the report's.
// With TAQRIR_REPORTBENCH_DIR set the directory is kept there
// (articles-N) and a later run opens it instead of building it again: the
// 100k one takes about 5 minutes to build on two quiet cores.
func synthData(b *testing.B, n int) (*sqlite.DB, *index.Index) {
	b.Helper()
	// The benchmark runs once with b.N = 1 before the real run: build
	// each size once per process.
	if d, ok := synthCache[n]; ok {
		return d.st, d.ix
	}
	ctx := context.Background()
	keep := os.Getenv("TAQRIR_REPORTBENCH_DIR")
	var dir string
	if keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("articles-%d", n))
		if _, err := os.Stat(filepath.Join(dir, "built")); err == nil {
			st, ix := openSynth(b, dir)
			synthCache[n] = synthSet{st, ix, ""}
			b.Logf("opened %s", dir)
			return st, ix
		}
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "taqrir-report-bench-"); err != nil {
			b.Fatal(err)
		}
	}
	buildSynth(b, ctx, dir, n)
	temp := dir
	if keep != "" {
		if err := os.WriteFile(filepath.Join(dir, "built"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
		temp = ""
	}
	st, ix := openSynth(b, dir)
	synthCache[n] = synthSet{st, ix, temp}
	return st, ix
}

func openSynth(b *testing.B, dir string) (*sqlite.DB, *index.Index) {
	b.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "taqrir.db"))
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	return st, ix
}

// buildSynth fills dir with n synthetic articles and closes it.
func buildSynth(b *testing.B, ctx context.Context, dir string, n int) {
	b.Helper()
	pool, err := synth.Load(ctx, corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	st, ix := openSynth(b, dir)
	start := time.Now()
	const batch = 1000
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for from := 0; from < n; from += batch {
		var recs []store.Record
		for i := from; i < min(from+batch, n); i++ {
			s := pool.Make(7, i)
			res, err := extract.FromFields(extract.Fields{URL: s.URL, Title: s.Title, Text: s.Text, Published: s.Published, Source: s.Source})
			if err != nil {
				b.Fatal(err)
			}
			raw := []byte(s.URL + "\n" + s.Title + "\n" + s.Text)
			a := res.Article
			a.RawSHA256 = news.RawSHA256(raw)
			a.IngestedAt = now
			recs = append(recs, store.Record{Raw: store.Raw{SHA256: a.RawSHA256, Format: "jsonl", Data: raw, ReceivedAt: now}, Article: a, ContentHash: res.ContentHash})
		}
		// The articles carry their facts, as ingest stores them, so the
		// report has entities, dates, figures and claims to work on.
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(recs); i += workers {
					facts.ExtractArticle(&recs[i].Article)
				}
			})
		}
		wg.Wait()
		put, err := st.Put(ctx, recs)
		if err != nil {
			b.Fatal(err)
		}
		entries := make([]index.Entry, 0, len(put))
		for i, p := range put {
			if p.Outcome != store.Unchanged {
				a := recs[i].Article
				a.ID = p.ID
				entries = append(entries, index.Entry{Seq: p.Seq, Article: a})
			}
		}
		if err := ix.Apply(entries); err != nil {
			b.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored and indexed %d synthetic articles in %s", n, time.Since(start).Round(time.Second))
}

type synthSet struct {
	st  *sqlite.DB
	ix  *index.Index
	dir string // removed at the end ("" when kept)
}

// synthCache holds the synthetic data directories of this process; TestMain
// closes and removes them.
var synthCache = map[int]synthSet{}
