package index

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// One pass over the matches: when a facet column is there for the state of
// the index a search reads, the search counts its facets and checks its
// source and date filters from the column as bleve ranks the matches,
// instead of a second run of the whole query for the facets (which cost as
// much as the ranking itself) and of bleve's filter searchers (a source
// term and a date range of a few hundred numeric terms, advanced for every
// match). The entity filter stays a bleve query: it matches phrases of
// analysed names, which the column does not hold.

// noDate is the column's publication time of an undated document.
const noDate = math.MinInt64

// colFilter is the part of a request's filters the column checks.
type colFilter struct {
	sources      []bool // by source ordinal: the source passes (nil: no source filter)
	dated        bool
	since, until int64 // [since, until) in UnixNano, when dated
}

// columnFilters splits a request's filters: those the column can check
// (source, date range) and the rest, as bleve queries. ok is false when
// the column cannot stand in for them (an odd source name or a date bleve
// would refuse): all are bleve's then.
func (c *facetColumn) columnFilters(r Request) (f colFilter, ok bool) {
	if r.Source != "" {
		key := SourceKey(r.Source)
		if key == "" {
			return f, false
		}
		f.sources = make([]bool, len(c.sourceKeys))
		for o, k := range c.sourceKeys {
			f.sources[o] = k == key
		}
	}
	if !r.Since.IsZero() || !r.Until.IsZero() {
		f.dated = true
		f.since, f.until = math.MinInt64+1, math.MaxInt64
		if !r.Since.IsZero() {
			if !nanoTime(r.Since) {
				return f, false
			}
			f.since = r.Since.UnixNano()
		}
		if !r.Until.IsZero() {
			if !nanoTime(r.Until) {
				return f, false
			}
			f.until = r.Until.UnixNano()
		}
	}
	return f, true
}

// nanoTime reports whether t has a UnixNano (bleve refuses a date range
// beyond it).
func nanoTime(t time.Time) bool {
	return t.After(time.Unix(0, math.MinInt64)) && t.Before(time.Unix(0, math.MaxInt64))
}

// pass reports whether document n of the column's snapshot passes f.
func (c *facetColumn) pass(f *colFilter, n uint64) bool {
	if f.sources != nil {
		ok := false
		if n+1 < uint64(len(c.off[0])) {
			for _, o := range c.vals[0][c.off[0][n]:c.off[0][n+1]] {
				if f.sources[o] {
					ok = true
					break
				}
			}
		}
		if !ok {
			return false
		}
	}
	if f.dated {
		if n >= uint64(len(c.published)) {
			return false
		}
		t := c.published[n]
		if t == noDate || t < f.since || t >= f.until {
			return false
		}
	}
	return true
}

// sameSnapshot reports whether r numbers documents as the column does:
// the same segments in the same order (a merge since the column was built
// renumbers them, even with no write).
func (c *facetColumn) sameSnapshot(r bleveindex.IndexReader) bool {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return false
	}
	ss := is.Segments()
	if len(ss) != len(c.segs) {
		return false
	}
	for i, s := range ss {
		if any(s.Segment()) != c.segs[i] {
			return false
		}
	}
	return true
}

// columnQuery is the query a search gives bleve when there is a column:
// on the column's snapshot, the words and the filters the column cannot
// check, with the column checking the others and counting the facets of
// every match as the collector takes it; on another snapshot, the whole
// query as bleve would run it without a column.
type columnQuery struct {
	col    *facetColumn
	words  query.Query // the words and the filters left to bleve
	full   query.Query // everything, for another snapshot
	filter colFilter
	facets bool
	counts [len(facetFields)][]int
	// counted is true when the last searcher ran on the column's
	// snapshot (counts and filters were the column's).
	counted bool
}

func (q *columnQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	if !q.col.sameSnapshot(r) {
		q.counted = false
		return q.full.Searcher(ctx, r, m, o)
	}
	s, err := q.words.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	q.start()
	return &columnSearcher{Searcher: s, q: q}, nil
}

// start readies q to filter and count a run on the column's snapshot.
func (q *columnQuery) start() {
	q.counted = true
	if q.facets {
		for i := range q.counts {
			q.counts[i] = make([]int, len(q.col.terms[i]))
		}
	}
}

// columnSearcher is a searcher whose matches the column filters and counts.
type columnSearcher struct {
	search.Searcher
	q *columnQuery
}

func (s *columnSearcher) keep(dm *search.DocumentMatch) bool {
	return s.q.take(dm.IndexInternalID.Value())
}

// take reports whether document n passes the column's filters, and counts
// its facets when it does.
func (q *columnQuery) take(n uint64) bool {
	c := q.col
	if !c.pass(&q.filter, n) {
		return false
	}
	if q.facets {
		for i := range q.counts {
			if n+1 < uint64(len(c.off[i])) {
				for _, o := range c.vals[i][c.off[i][n]:c.off[i][n+1]] {
					q.counts[i][o]++
				}
			}
		}
	}
	return true
}

func (s *columnSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(sctx)
		if err != nil || dm == nil {
			return dm, err
		}
		if s.keep(dm) {
			return dm, nil
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

func (s *columnSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(sctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if s.keep(dm) {
		return dm, nil
	}
	sctx.DocumentMatchPool.Put(dm)
	return s.Next(sctx)
}

// columnFilterQuery is the column's filter as one more conjunct of the
// words: the documents that pass it, in order, scoring nothing. The
// words' conjunction then advances each word to the next document that
// passes, instead of matching (and scoring) every document the word holds
// for the columnSearcher to drop afterwards: a source filter keeps about
// one match in six, and a frequent word's matches were most of a
// filtered search's time. It is only ever searched on the column's own
// snapshot (it is part of columnQuery.words).
type columnFilterQuery struct{ q *columnQuery }

func (f columnFilterQuery) Searcher(context.Context, bleveindex.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	c, flt := f.q.col, &f.q.filter
	size := uint64(len(c.published))
	count := size
	if flt.sources != nil {
		n := uint64(0)
		for o, ok := range flt.sources {
			if ok {
				n += c.sourceDocs[o]
			}
		}
		count = min(count, n)
	}
	if flt.dated {
		from, _ := slices.BinarySearch(c.dates, flt.since)
		to, _ := slices.BinarySearch(c.dates, flt.until)
		count = min(count, uint64(to-from))
	}
	return &setSearcher{set: &columnSet{c: c, f: flt, size: size}, count: count}, nil
}

// columnSet is the column's documents that pass a filter.
type columnSet struct {
	c    *facetColumn
	f    *colFilter
	size uint64 // documents in the column
}

func (s *columnSet) first(n uint64) (uint64, bool) {
	for ; n < s.size; n++ {
		if s.c.pass(s.f, n) {
			return n, true
		}
	}
	return 0, false
}

// docSet is a set of the snapshot's documents, walked in order.
type docSet interface {
	// first returns the set's first document numbered n or more (n is
	// never less than a document it returned before), ok false when
	// there is none.
	first(n uint64) (d uint64, ok bool)
}

// setSearcher is a conjunct that walks a docSet (the candidates, the
// column's filter), scoring nothing and weighing nothing.
type setSearcher struct {
	set   docSet
	count uint64 // how many, or an upper bound: it orders a conjunction
	cur   uint64 // the document last returned
	start bool   // a document was returned
	over  bool   // the set has no more
}

func (s *setSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	n := uint64(0)
	if s.start {
		n = s.cur + 1
	}
	return s.from(sctx, n), nil
}

func (s *setSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	n := id.Value()
	if s.start && n < s.cur {
		n = s.cur // never behind the current document
	}
	return s.from(sctx, n), nil
}

// from returns the set's first document numbered n or more, nil when none.
func (s *setSearcher) from(sctx *search.SearchContext, n uint64) *search.DocumentMatch {
	if s.over {
		return nil
	}
	d, ok := s.set.first(n)
	if !ok {
		s.over = true
		return nil
	}
	s.cur, s.start = d, true
	dm := sctx.DocumentMatchPool.Get()
	dm.IndexInternalID = bleveindex.NewIndexInternalID(dm.IndexInternalID, d)
	return dm
}

func (s *setSearcher) Close() error               { return nil }
func (s *setSearcher) Weight() float64            { return 0 }
func (s *setSearcher) SetQueryNorm(float64)       {}
func (s *setSearcher) Count() uint64              { return s.count }
func (s *setSearcher) Min() int                   { return 0 }
func (s *setSearcher) Size() int                  { return 64 }
func (s *setSearcher) DocumentMatchPoolSize() int { return 1 }

// withColumnFilter returns the words' query with q's column filter among
// its required clauses (requireAlso), or words itself when q filters
// nothing.
func (q *columnQuery) withColumnFilter(words query.Query) query.Query {
	if q.filter.sources == nil && !q.filter.dated {
		return words
	}
	return requireAlso(words, columnFilterQuery{q})
}

// facetCounts are the facets the pass counted.
func (q *columnQuery) facetCounts() [len(facetFields)][]FacetCount {
	var out [len(facetFields)][]FacetCount
	for i, f := range facetFields {
		out[i] = topFacets(q.counts[i], q.col.terms[i], f.size)
	}
	return out
}

// requireAlso returns q with the extra queries required as well. When q is
// a boolean query with required clauses (Build's), they join those clauses,
// in a copy (the query without them may share q's): the words' own
// conjunction then leapfrogs with the filters, and a word is advanced to
// the next document a filter lets through instead of matching (and
// scoring) every document it holds. Else q and the extras are one
// conjunction.
func requireAlso(q query.Query, extra ...query.Query) query.Query {
	if bq, ok := q.(*query.BooleanQuery); ok {
		if must, ok := bq.Must.(*query.ConjunctionQuery); ok && len(must.Conjuncts) > 0 {
			cp, conj := *bq, *must
			conj.Conjuncts = append(slices.Clip(must.Conjuncts), extra...)
			cp.Must = &conj
			return &cp
		}
	}
	return bleve.NewConjunctionQuery(append([]query.Query{q}, extra...)...)
}

// filterQuery is a filter that takes part in the search as a conjunct
// instead of as bleve's BooleanQuery filter, which checks it only after the
// words have matched (and been scored) document by document: as a conjunct
// it leapfrogs with the words, so the rarer side sets the pace. It scores
// nothing and weighs nothing, so the ranking is what the words alone give.
type filterQuery struct{ q query.Query }

func (f filterQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	o.Score, o.Explain, o.IncludeTermVectors = "none", false, false
	s, err := f.q.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	return unscored{s}, nil
}

// unscored is a searcher whose matches add nothing to a conjunction's
// score, its query norm or its term locations.
type unscored struct{ search.Searcher }

func (unscored) Weight() float64      { return 0 }
func (unscored) SetQueryNorm(float64) {}

func (s unscored) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	return unscore(s.Searcher.Next(sctx))
}

func (s unscored) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return unscore(s.Searcher.Advance(sctx, id))
}

func unscore(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm != nil {
		dm.Score, dm.Expl = 0, nil
		dm.FieldTermLocations = dm.FieldTermLocations[:0]
		dm.Locations = nil
	}
	return dm, err
}
