package bench

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/story"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// BenchmarkIngestStagesAntNews splits the CPU cost of ingest by stage on
// the first TAQRIR_BENCH_N (default 2,000) articles of ant-news, each stage
// run over all the articles before the next on one goroutine, so the
// garbage a stage makes is mostly collected while it runs: extract, facts
// (internal/facts's BenchmarkStagesAntNews splits it), the store's transactions in
// batches of TAQRIR_BENCH_BATCH (default 512), the index's batches of the same size and the stories'
// catch-up. It reports CPU-ms per article of each (process user+sys, so
// the collector's work on other threads counts), and the sum.
//
//	go test -run '^$' -bench IngestStagesAntNews -benchtime 1x ./internal/bench
func BenchmarkIngestStagesAntNews(b *testing.B) {
	n, batch := 2000, 512
	if s := os.Getenv("TAQRIR_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("TAQRIR_BENCH_BATCH"); s != "" {
		batch, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	if _, err := os.Stat(antNews); err != nil {
		b.Skip("ant-news not present:", err)
	}
	var items []source.Item
	err := source.Options{}.Paths(antNews)(ctx, func(it source.Item) error {
		if len(items) == n {
			return errEnough
		}
		it.Data = append([]byte(nil), it.Data...)
		items = append(items, it)
		return nil
	})
	if err != nil && err != errEnough {
		b.Fatal(err)
	}
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(len(items)) }
	for b.Loop() {
		total := time.Duration(0)
		stage := func(name string, f func()) {
			runtime.GC()
			c0 := testsuite.CPUTime()
			f()
			d := testsuite.CPUTime() - c0
			total += d
			b.ReportMetric(per(d), name+"-cpu-ms/art")
		}
		recs := make([]store.Record, 0, len(items))
		stage("extract", func() {
			for _, it := range items {
				res, err := extract.ItemMeta(it.Format, it.Data, extract.PageMeta{})
				if err != nil {
					continue
				}
				a := res.Article
				a.RawSHA256 = news.RawSHA256(it.Data)
				a.Origin = it.Origin
				recs = append(recs, store.Record{
					Raw: store.Raw{SHA256: a.RawSHA256, Format: string(it.Format), Origin: it.Origin, Data: it.Data,
						Packed: store.Compress(it.Data), ReceivedAt: time.Now()},
					Article: a, ContentHash: res.ContentHash,
				})
			}
		})
		stage("facts", func() {
			for i := range recs {
				facts.ExtractArticle(&recs[i].Article)
			}
		})
		dir := b.TempDir()
		st, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
		if err != nil {
			b.Fatal(err)
		}
		var entries []index.Entry
		stage("store", func() {
			for s := 0; s < len(recs); s += batch {
				res, err := st.Put(ctx, recs[s:min(s+batch, len(recs))])
				if err != nil {
					b.Fatal(err)
				}
				for i, r := range res {
					a := recs[s+i].Article
					a.ID, a.CopyOf = r.ID, r.CopyOf
					entries = append(entries, index.Entry{Seq: r.Seq, Article: a})
				}
			}
		})
		ix, err := index.Open(filepath.Join(dir, "index.bleve"))
		if err != nil {
			b.Fatal(err)
		}
		stage("index", func() {
			for s := 0; s < len(entries); s += batch {
				if err := ix.Apply(entries[s:min(s+batch, len(entries))]); err != nil {
					b.Fatal(err)
				}
			}
			// bleve merges segments in the background: closing waits for it.
			if err := ix.Close(); err != nil {
				b.Fatal(err)
			}
		})
		stage("stories", func() {
			c, _, err := story.CatchUp(ctx, st, filepath.Join(dir, "stories.gob"), story.DefaultOptions())
			if err != nil || c == nil {
				b.Fatal(err)
			}
		})
		st.Close()
		b.ReportMetric(per(total), "total-cpu-ms/art")
	}
}
