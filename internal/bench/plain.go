package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/news"
)

// The peer: a plain bleve index of the same articles, title and body
// analysed by bleve's own `ar` analyzer, stored with term vectors (so it
// can highlight, as ours does), the source as a keyword with doc values
// (for a facet), the publication date, BM25 scoring. Nothing of taqrir's
// analysis, facts or store.
const plainBatch = 1000

func plainMapping() mapping.IndexMapping {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = ar.AnalyzerName
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text())
	doc.AddFieldMappingsAt("body", text())
	src := bleve.NewKeywordFieldMapping()
	src.Analyzer = keyword.Name
	src.Store = true
	src.IncludeInAll = false
	src.DocValues = true
	doc.AddFieldMappingsAt("source", src)
	pub := bleve.NewDateTimeFieldMapping()
	pub.Store = true
	pub.IncludeInAll = false
	doc.AddFieldMappingsAt("published", pub)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = ar.AnalyzerName
	m.ScoringModel = "bm25"
	return m
}

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
	bi, err := bleve.New(dir, plainMapping())
	if err != nil {
		return 0, 0, err
	}
	b := bi.NewBatch()
	n := 0
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		err := bi.Batch(b)
		b.Reset()
		return err
	}
	err = each(func(a *news.Article) error {
		n++
		doc := map[string]any{"title": a.Title, "body": a.Body(), "source": a.Source}
		if a.HasPublished() {
			doc["published"] = a.Published
		}
		if err := b.Index(fmt.Sprintf("a%08d", n), doc); err != nil {
			return err
		}
		if b.Size() >= plainBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := bi.Close(); err == nil {
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
