package searchbench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

// Latency is what running a query set measured: wall-clock latency per
// query (p50, p99, mean, max) and process CPU time per query.
type Latency struct {
	Queries int           `json:"queries"`
	P50     time.Duration `json:"p50_ns"`
	P99     time.Duration `json:"p99_ns"`
	Mean    time.Duration `json:"mean_ns"`
	Max     time.Duration `json:"max_ns"`
	CPU     time.Duration `json:"cpu_per_query_ns"` // process CPU time (all threads) / queries; 0 without Options.CPUClock
	Hits    uint64        `json:"hits"`             // total matches over the set
	Empty   int           `json:"empty"`            // queries matching nothing
}

func (l Latency) String() string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/1e6) }
	return fmt.Sprintf("%d queries: p50 %s p99 %s mean %s max %s cpu/query %s (%d empty)",
		l.Queries, ms(l.P50), ms(l.P99), ms(l.Mean), ms(l.Max), ms(l.CPU), l.Empty)
}

// measure runs each query once through run and summarises.
func measure(ctx context.Context, qs []Query, clock func() time.Duration, run func(context.Context, Query) (uint64, error)) (Latency, error) {
	lat := make([]time.Duration, 0, len(qs))
	l := Latency{Queries: len(qs)}
	if clock == nil {
		clock = func() time.Duration { return 0 }
	}
	cpu0 := clock()
	for _, q := range qs {
		start := time.Now()
		n, err := run(ctx, q)
		d := time.Since(start)
		if err != nil {
			return l, fmt.Errorf("query %q: %w", q.Text, err)
		}
		lat = append(lat, d)
		l.Hits += n
		if n == 0 {
			l.Empty++
		}
		l.Mean += d
	}
	if len(lat) == 0 {
		return l, nil
	}
	l.CPU = (clock() - cpu0) / time.Duration(len(lat))
	l.Mean /= time.Duration(len(lat))
	slices.Sort(lat)
	l.P50 = lat[len(lat)/2]
	l.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
	l.Max = lat[len(lat)-1]
	return l, nil
}

// Run runs the query set once against a taqrir index, as `taqrir search`
// would ask (o says whether facets and snippets are computed). Turn the
// index's result cache off (SetCacheSize(0)) to measure latency.
func Run(ctx context.Context, ix *index.Index, qs []Query, o Options) (Latency, error) {
	return measure(ctx, qs, o.CPUClock, func(ctx context.Context, q Query) (uint64, error) {
		res, err := ix.Search(ctx, q.Request(o))
		return res.Total, err
	})
}

// Entries turns synthetic articles numbered from seq into index entries.
func Entries(arts []news.Article, seq int64) []index.Entry {
	es := make([]index.Entry, len(arts))
	for i := range arts {
		es[i] = index.Entry{Seq: seq + int64(i), Article: arts[i]}
	}
	return es
}

// PlainIndex is the peer: a plain bleve index of the same articles with
// bleve's own Arabic analyzer (`ar`), the fields taqrir filters and facets
// on, and the same queries asked of it in bleve's plain way (each word a
// match query on title and body, all required).
type PlainIndex struct {
	bi bleve.Index
}

func plainMapping() mapping.IndexMapping {
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = ar.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text(true, true))
	doc.AddFieldMappingsAt("body", text(true, true))
	doc.AddFieldMappingsAt("entities", text(false, true))
	doc.AddFieldMappingsAt("source", kw(true))
	doc.AddFieldMappingsAt("entity", kw(false))
	doc.AddFieldMappingsAt("month", kw(false))
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

// OpenPlain opens the peer index at path, creating it when absent.
func OpenPlain(path string) (*PlainIndex, error) {
	bi, err := bleve.Open(path)
	if err == bleve.ErrorIndexPathDoesNotExist {
		bi, err = bleve.New(path, plainMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("plain index: %w", err)
	}
	return &PlainIndex{bi: bi}, nil
}

// Close closes the peer index.
func (p *PlainIndex) Close() error { return p.bi.Close() }

// Count is the number of documents in the peer index.
func (p *PlainIndex) Count() (uint64, error) { return p.bi.DocCount() }

// Apply indexes articles into the peer index in one batch.
func (p *PlainIndex) Apply(arts []news.Article) error {
	b := p.bi.NewBatch()
	for i := range arts {
		a := &arts[i]
		d := map[string]any{"title": a.Title, "body": a.Body(), "source": a.Source, "month": "unknown"}
		var names, canon []string
		for _, e := range a.Entities {
			if !slices.Contains(names, e.Text) {
				names = append(names, e.Text)
			}
			if e.Canonical != "" && !slices.Contains(names, e.Canonical) {
				names = append(names, e.Canonical)
			}
			c := e.Canonical
			if c == "" {
				c = e.Text
			}
			if !slices.Contains(canon, c) {
				canon = append(canon, c)
			}
		}
		if len(names) > 0 {
			d["entities"], d["entity"] = names, canon
		}
		if a.HasPublished() {
			d["published"], d["month"] = a.Published, a.Published.Format("2006-01")
		}
		if err := b.Index(a.ID, d); err != nil {
			return err
		}
	}
	return p.bi.Batch(b)
}

// Request is the plain bleve request for q.
func (p *PlainIndex) Request(q Query, o Options) *bleve.SearchRequest {
	var words []query.Query
	for _, w := range strings.Fields(q.Text) {
		t := bleve.NewMatchQuery(w)
		t.SetField("title")
		t.SetBoost(index.TitleBoost)
		b := bleve.NewMatchQuery(w)
		b.SetField("body")
		words = append(words, bleve.NewDisjunctionQuery(t, b))
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(words...)
	switch {
	case q.Source != "":
		t := bleve.NewTermQuery(q.Source)
		t.SetField("source")
		bq.AddFilter(t)
	case !q.Since.IsZero() || !q.Until.IsZero():
		d := bleve.NewDateRangeQuery(q.Since, q.Until)
		d.SetField("published")
		bq.AddFilter(d)
	case q.Entity != "":
		var names []query.Query
		for _, n := range q.Request(o).Entities {
			m := bleve.NewMatchPhraseQuery(n)
			m.SetField("entities")
			names = append(names, m)
		}
		bq.AddFilter(bleve.NewDisjunctionQuery(names...))
	}
	limit := o.Limit
	if limit <= 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{"title", "source", "published"}
	if o.Highlights {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("body")
	}
	if o.Facets {
		req.AddFacet("sources", bleve.NewFacetRequest("source", 50))
		req.AddFacet("months", bleve.NewFacetRequest("month", 120))
		req.AddFacet("entities", bleve.NewFacetRequest("entity", 30))
	}
	return req
}

// Run runs the query set once against the peer index.
func (p *PlainIndex) Run(ctx context.Context, qs []Query, o Options) (Latency, error) {
	return measure(ctx, qs, o.CPUClock, func(ctx context.Context, q Query) (uint64, error) {
		res, err := p.bi.SearchInContext(ctx, p.Request(q, o))
		if err != nil {
			return 0, err
		}
		return res.Total, nil
	})
}

// Indexes are a taqrir index and its plain peer over the same synthetic
// corpus, in one directory.
type Indexes struct {
	Taqrir *index.Index
	Plain  *PlainIndex
}

// Close closes both.
func (x *Indexes) Close() error {
	err := x.Taqrir.Close()
	if e := x.Plain.Close(); err == nil {
		err = e
	}
	return err
}

// OpenIndexes opens the two indexes of a corpus of n synthetic articles in
// dir (taqrir.bleve and plain.bleve), building what is missing or short
// from pool (pool may be nil when both are complete) with seed. progress,
// if not nil, is told how many articles each index has after each batch.
func OpenIndexes(ctx context.Context, dir string, n int, seed uint64, pool func() (*Pool, error), progress func(which string, done int)) (*Indexes, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tx, err := index.Open(filepath.Join(dir, "taqrir.bleve"))
	if err != nil {
		return nil, err
	}
	px, err := OpenPlain(filepath.Join(dir, "plain.bleve"))
	if err != nil {
		tx.Close()
		return nil, err
	}
	x := &Indexes{Taqrir: tx, Plain: px}
	var p *Pool
	fill := func(which string, have uint64, apply func(lo int, arts []news.Article) error) error {
		if int(have) >= n {
			return nil
		}
		if p == nil {
			if p, err = pool(); err != nil {
				return err
			}
		}
		lo := int(have)
		return p.Build(ctx, seed, lo, n, 2000, func(arts []news.Article) error {
			err := apply(lo, arts)
			lo += len(arts)
			return err
		}, func(done int) {
			if progress != nil {
				progress(which, int(have)+done)
			}
		})
	}
	// The taqrir index records the seq of its last batch: it restarts
	// where an interrupted build stopped; the peer counts its documents.
	seq, err := tx.Seq()
	if err == nil {
		err = fill("taqrir", uint64(seq), func(lo int, arts []news.Article) error {
			return tx.Apply(Entries(arts, int64(lo)+1))
		})
	}
	if err == nil {
		var c uint64
		if c, err = px.Count(); err == nil {
			err = fill("plain", c, func(_ int, arts []news.Article) error { return px.Apply(arts) })
		}
	}
	if err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}
