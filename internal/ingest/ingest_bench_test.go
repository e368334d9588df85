package ingest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
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
