package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/searchbench"
)

// The peer: the plain bleve index of searchbench (searchbench.OpenPlain):
// the same articles, title and body analysed by bleve's own `ar` analyzer,
// stored with term vectors (so it can highlight, as ours does), the
// source as a keyword with doc values (for a facet), the publication
// date, BM25 scoring. Nothing of taqrir's analysis, facts or store.
const plainBatch = 1000

// PlainSummary is what PlainIndex prints for the parent process.
type PlainSummary struct {
	Articles int           `json:"articles"`
	Duration time.Duration `json:"duration_ns"`
}

// PlainIndex indexes the articles of the .jsonl file in (read through the
// source and extract stages, as ingest reads them) into a new plain bleve
// index at dir, in batches, and writes a PlainSummary as JSON to out. It
// is the peer's ingest, run as `taqrir bench plain-index` in a child
// process so its time and peak RSS are its own.
func PlainIndex(ctx context.Context, in, dir string, out io.Writer) error {
	n, d, err := plainIndex(dir, func(add func(a *news.Article) error) error {
		return eachArticle(ctx, in, 0, func(_ []byte, a *news.Article) error { return add(a) })
	})
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(PlainSummary{Articles: n, Duration: d})
}

// PlainIndexArticles is PlainIndex over articles already read, in this
// process (for Go benchmarks that time the peer beside ingest.Run): it
// returns the time from creating the index to closing it.
func PlainIndexArticles(dir string, arts []news.Article) (time.Duration, error) {
	_, d, err := plainIndex(dir, func(add func(a *news.Article) error) error {
		for i := range arts {
			if err := add(&arts[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

// plainIndex creates the peer's index at dir, indexes what each calls
// add with, in batches of plainBatch, and closes it: the one way the peer
// indexes.
func plainIndex(dir string, each func(add func(a *news.Article) error) error) (int, time.Duration, error) {
	start := time.Now()
	if _, err := os.Stat(dir); err == nil {
		return 0, 0, fmt.Errorf("plain index: %s exists", dir)
	}
	pi, err := searchbench.OpenPlain(dir)
	if err != nil {
		return 0, 0, err
	}
	var batch []news.Article
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := pi.Apply(batch)
		batch = batch[:0]
		return err
	}
	err = each(func(a *news.Article) error {
		n++
		b := *a
		b.ID = fmt.Sprintf("a%08d", n)
		batch = append(batch, b)
		if len(batch) >= plainBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := pi.Close(); err == nil {
		err = cerr
	}
	return n, time.Since(start), err
}

// plainRequest is the peer's search for q: every word in the title or the
// body (as taqrir's plain words must all match), the source as a filter,
// ten hits with their title, source and date; full adds what taqrir's
// full search adds: highlighted body fragments and a facet of sources.
func plainRequest(q Query, full bool) *bleve.SearchRequest {
	var must []query.Query
	for _, w := range strings.Fields(q.Text) {
		t := bleve.NewMatchQuery(w)
		t.SetField("title")
		b := bleve.NewMatchQuery(w)
		b.SetField("body")
		must = append(must, bleve.NewDisjunctionQuery(t, b))
	}
	if q.Entity != "" {
		// no entities in a plain index: the name as a phrase instead
		t := bleve.NewMatchPhraseQuery(q.Entity)
		t.SetField("title")
		b := bleve.NewMatchPhraseQuery(q.Entity)
		b.SetField("body")
		must = append(must, bleve.NewDisjunctionQuery(t, b))
	}
	if q.Source != "" {
		s := bleve.NewTermQuery(q.Source)
		s.SetField("source")
		must = append(must, s)
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		incl, excl := true, false
		d := bleve.NewDateRangeInclusiveQuery(q.Since, q.Until, &incl, &excl)
		d.SetField("published")
		must = append(must, d)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), 10, 0, false)
	req.Fields = []string{"title", "source", "published"}
	if full {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("body")
		req.AddFacet("sources", bleve.NewFacetRequest("source", 50))
	}
	return req
}
