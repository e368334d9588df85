package ingest

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"

	"github.com/taqrir/taqrir/internal/news"
)

// PlainBatch is how many articles PlainBleveIngest indexes per bleve batch.
const PlainBatch = 100

// PlainBleveIngest is the peer ingest of issue 15, for comparing Run with:
// it indexes the title and body of each article into a new plain bleve
// index at dir (which must not exist), both fields analysed by bleve's own
// `ar` analyzer, in batches of PlainBatch, and closes the index. Nothing of
// taqrir's extraction, facts, store or index schema takes part. It returns
// the time from creating the index to closing it. Callers (benchmarks,
// `taqrir bench`) read the articles beforehand so only indexing is timed.
func PlainBleveIngest(dir string, arts []news.Article) (time.Duration, error) {
	start := time.Now()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = ar.AnalyzerName
	ix, err := bleve.New(dir, m)
	if err != nil {
		return 0, err
	}
	b := ix.NewBatch()
	for i := range arts {
		a := &arts[i]
		if err := b.Index(fmt.Sprintf("d%d", i), map[string]any{"title": a.Title, "body": a.Body()}); err != nil {
			ix.Close()
			return 0, err
		}
		if b.Size() >= PlainBatch || i == len(arts)-1 {
			if err := ix.Batch(b); err != nil {
				ix.Close()
				return 0, err
			}
			b.Reset()
		}
	}
	if err := ix.Close(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}
