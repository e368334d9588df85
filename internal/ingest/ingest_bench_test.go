package ingest

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/testsuite"
)

func dirSize(t testing.TB, dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkIngest10k ingests 10,000 synthetic articles (sample sentences
// recombined) into a fresh SQLite store and bleve index per iteration, and
// reports articles/s and the bytes on disk per article (store, index).
//
//	go test -run '^$' -bench Ingest10k -benchtime 1x ./internal/ingest
func BenchmarkIngest10k(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	pool, err := synth.Load(ctx, corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(b.TempDir(), "synth.jsonl")
	if err := os.WriteFile(in, pool.JSONL(1, 0, n), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		st, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
		if err != nil {
			b.Fatal(err)
		}
		ix, err := index.Open(filepath.Join(dir, "index.bleve"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Run(ctx, st, ix, source.Options{}.Paths(in), Options{})
		if err != nil || sum.New != n {
			b.Fatalf("ingest: %v, %+v", err, sum)
		}
		b.StopTimer()
		ix.Close()
		st.Close()
		b.ReportMetric(float64(n)/sum.Duration.Seconds(), "articles/s")
		db := dirSize(b, dir) - dirSize(b, filepath.Join(dir, "index.bleve"))
		b.ReportMetric(float64(db)/n, "store-B/article")
		b.ReportMetric(float64(dirSize(b, filepath.Join(dir, "index.bleve")))/n, "index-B/article")
		b.StartTimer()
	}
}

// antNews is the real corpus of issue 15 (absent: the benchmark skips).
const antNews = "../../../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// BenchmarkIngestAntNews ingests the first 5,000 articles of ant-news
// (extract → facts → store → index) into a fresh data directory, then
// indexes the same articles' title and body into a plain bleve index with
// the ar analyzer (PlainBleveIngest), and reports articles/s and
// CPU-seconds per 1,000 articles of both, and the ratio ours/plain.
//
//	go test -run '^$' -bench IngestAntNews -benchtime 1x ./internal/ingest
func BenchmarkIngestAntNews(b *testing.B) {
	const n = 5000
	ctx := context.Background()
	if _, err := os.Stat(antNews); err != nil {
		b.Skip("ant-news not present:", err)
	}
	var lines [][]byte
	var arts []news.Article
	err := source.Options{}.Paths(antNews)(ctx, func(it source.Item) error {
		if len(lines) == n {
			return errEnough
		}
		res, err := extract.ItemMeta(it.Format, it.Data, extract.PageMeta{})
		if err != nil {
			return nil
		}
		lines = append(lines, append(append([]byte(nil), it.Data...), '\n'))
		arts = append(arts, res.Article)
		return nil
	})
	if err != nil && err != errEnough {
		b.Fatal(err)
	}
	in := filepath.Join(b.TempDir(), "ant.jsonl")
	if err := os.WriteFile(in, bytes.Join(lines, nil), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dir := b.TempDir()
		st, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
		if err != nil {
			b.Fatal(err)
		}
		ix, err := index.Open(filepath.Join(dir, "index.bleve"))
		if err != nil {
			b.Fatal(err)
		}
		c0 := testsuite.CPUTime()
		sum, err := Run(ctx, st, ix, source.Options{}.Paths(in), Options{})
		ix.Close()
		st.Close()
		ours := testsuite.CPUTime() - c0
		if err != nil || sum.Items != len(lines) {
			b.Fatalf("ingest: %v, %+v", err, sum)
		}
		c0 = testsuite.CPUTime()
		d, err := PlainBleveIngest(filepath.Join(dir, "plain.bleve"), arts)
		plain := testsuite.CPUTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		ourRate, plainRate := float64(len(lines))/sum.Duration.Seconds(), float64(len(arts))/d.Seconds()
		b.ReportMetric(ourRate, "articles/s")
		b.ReportMetric(plainRate, "plain-articles/s")
		b.ReportMetric(ourRate/plainRate, "ratio")
		b.ReportMetric(ours.Seconds()*1000/float64(len(lines)), "cpu-s/1k")
		b.ReportMetric(plain.Seconds()*1000/float64(len(arts)), "plain-cpu-s/1k")
	}
}

var errEnough = errors.New("enough articles")
