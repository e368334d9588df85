package story_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/story"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// BenchmarkRebuildRealCorpus rebuilds the stories of a data directory
// holding the real ANT corpus (TAQRIR_ANT_DATA: a directory made by
// taqrir --data DIR ingest ../shared/data/ant-news/ant-multisource-2018.jsonl.gz):
// every article read from the store with its facts, analysed and placed,
// then the merge pass and the save. The real-news issue's target is under
// one minute for the whole corpus.
func BenchmarkRebuildRealCorpus(b *testing.B) {
	dir := os.Getenv("TAQRIR_ANT_DATA")
	if dir == "" {
		b.Skip("TAQRIR_ANT_DATA names no data directory with the ANT corpus ingested")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	path := filepath.Join(b.TempDir(), "stories.gob")
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	n := 0
	for range b.N {
		os.Remove(path)
		_, res, err := story.CatchUp(ctx, db, path, story.DefaultOptions())
		if err != nil || res.SaveErr != nil {
			b.Fatalf("%+v, %v", res, err)
		}
		n += res.Added
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/rebuild")
	b.ReportMetric((testsuite.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
