package bench

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// antNews is the real corpus of issue 15 (absent: the benchmark skips).
const antNews = "../../../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// BenchmarkIngestAntNews ingests the first 5,000 articles of ant-news
// (extract → facts → store → index) into a fresh data directory, then
// indexes the same articles' title and body into a plain bleve index with
// the ar analyzer (bench.PlainIndexArticles, the peer of taqrir bench), and reports articles/s and
// CPU-seconds per 1,000 articles of both, and the ratio ours/plain.
//
//	go test -run '^$' -bench IngestAntNews -benchtime 1x ./internal/bench
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
		sum, err := ingest.Run(ctx, st, ix, source.Options{}.Paths(in), ingest.Options{})
		ix.Close()
		st.Close()
		ours := testsuite.CPUTime() - c0
		if err != nil || sum.Items != len(lines) {
			b.Fatalf("ingest: %v, %+v", err, sum)
		}
		c0 = testsuite.CPUTime()
		d, err := PlainIndexArticles(filepath.Join(dir, "plain.bleve"), arts)
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
