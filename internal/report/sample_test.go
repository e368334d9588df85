package report_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// sampleData is the embedded sample corpus ingested once into a temporary
// data directory through the same path as `taqrir demo`.
type sampleData struct {
	st *sqlite.DB
	ix *index.Index
}

var (
	sampleOnce sync.Once
	sample     sampleData
	sampleErr  error
	sampleDir  string
)

func openSample(t testing.TB) sampleData {
	t.Helper()
	sampleOnce.Do(func() {
		ctx := context.Background()
		sampleDir, sampleErr = tempDir()
		if sampleErr != nil {
			return
		}
		if sample.st, sampleErr = sqlite.Open(ctx, filepath.Join(sampleDir, "taqrir.db")); sampleErr != nil {
			return
		}
		if sample.ix, sampleErr = index.Open(filepath.Join(sampleDir, "index.bleve")); sampleErr != nil {
			return
		}
		var sum ingest.Summary
		sum, sampleErr = ingest.Run(ctx, sample.st, sample.ix, source.Options{}.FS(corpus.FS(), "."), ingest.Options{})
		if sampleErr == nil && len(sum.Failures) > 0 {
			t.Logf("ingest failures: %v", sum.Failures)
		}
	})
	if sampleErr != nil {
		t.Fatalf("ingesting the sample corpus: %v", sampleErr)
	}
	return sample
}

func indexRequest(q string) index.Request {
	return index.Request{Query: q, Limit: report.DefaultLimit, Synonyms: true}
}
