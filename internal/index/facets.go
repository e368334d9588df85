package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Facets by counting: bleve computes a facet by visiting the doc values
// of every matching document, and zap keeps doc values in snappy-compressed
// chunks, so every faceted search decompressed the facet fields of most of
// the index again (63% of search CPU at 10k articles with facets on, most
// of it the entities field). A facet column reads them once for a state of
// the index: for each document (by its number in one pinned snapshot) the
// ordinals of its source, month and entity names; a faceted search then
// walks its matches in that snapshot and counts. The counts and their order
// (count, then value) are bleve's.

// facetFields are the facets a search returns, with their sizes.
var facetFields = [...]struct {
	name, field string
	size        int
}{{"sources", fSource, 50}, {"months", fMonth, 120}, {"entities", fEntityKey, 30}}

var errNoColumn = errors.New("index: no facet column for this kind of index")

// facetColumn is the facet values of every document of one snapshot.
type facetColumn struct {
	seq    int64
	gen    uint64
	reader bleveindex.IndexReader
	terms  [len(facetFields)][]string
	off    [len(facetFields)][]uint32 // document n's ordinals: vals[off[n]:off[n+1]]
	vals   [len(facetFields)][]uint32
	// The filters a search can check from the column instead of bleve:
	// each source value's SourceKey (by ordinal of terms[0]), and each
	// document's publication time (UnixNano; noDate when undated).
	sourceKeys []string
	sourceDocs []uint64 // documents of each source value, by ordinal
	published  []int64
	dates      []int64 // the publication times of the dated documents, sorted
	// segs are the snapshot's segments, in order: a reader with the same
	// numbers its documents as the column does (see sameSnapshot).
	segs []any

	refs    int  // searches using it (under facetColumns.mu)
	retired bool // replaced: close the reader when the last search is done
}

// facetColumns holds the current column and decides when to build one: not
// for the first faceted search at a state of the index (a one-shot CLI
// search pays nothing for it), from the second on (a server's, a
// benchmark's), in the background while searches fall back to bleve's
// facets.
type facetColumns struct {
	mu       sync.Mutex
	cur      *facetColumn
	building bool
	seenSeq  int64
	seenGen  uint64
	seen     int
	closed   bool
	never    bool         // not a scorch index (an in-memory one): bleve's facets only
	passes   atomic.Int64 // searches run through the column (pass.go), for tests
	own      atomic.Int64 // of those, searches run by our own loop (exec.go), for tests
	pruned   atomic.Int64 // matches our own loop counted without scoring (they could not reach the page), for tests
	wg       sync.WaitGroup
}

// acquire returns the column for the state (seq, gen), or nil; a nil
// return may start building one. release must be called on a column got.
func (ix *Index) acquireFacets(seq int64, gen uint64) *facetColumn {
	fc := &ix.facets
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if c := fc.cur; c != nil && c.seq == seq && c.gen == gen {
		c.refs++
		return c
	}
	if fc.seenSeq != seq || fc.seenGen != gen {
		fc.seenSeq, fc.seenGen, fc.seen = seq, gen, 0
	}
	fc.seen++
	if fc.seen >= 2 && !fc.building && !fc.closed && !fc.never {
		fc.building = true
		fc.wg.Add(1)
		go func() {
			defer fc.wg.Done()
			c, err := ix.buildFacets(seq, gen)
			fc.mu.Lock()
			defer fc.mu.Unlock()
			fc.building = false
			fc.install(c, err)
		}()
	}
	return nil
}

// peekFacets returns the column for the state (seq, gen), or nil, without
// counting the search towards building one (a search that shows no facets).
func (ix *Index) peekFacets(seq int64, gen uint64) *facetColumn {
	fc := &ix.facets
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if c := fc.cur; c != nil && c.seq == seq && c.gen == gen {
		c.refs++
		return c
	}
	return nil
}

func (ix *Index) releaseFacets(c *facetColumn) {
	fc := &ix.facets
	fc.mu.Lock()
	defer fc.mu.Unlock()
	c.refs--
	if c.retired && c.refs == 0 {
		c.reader.Close()
	}
}

// closeFacets waits for a build and closes the column's reader (before the
// index closes).
func (ix *Index) closeFacets() {
	fc := &ix.facets
	fc.mu.Lock()
	fc.closed = true
	fc.mu.Unlock()
	fc.wg.Wait()
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if c := fc.cur; c != nil {
		fc.cur = nil
		c.retired = true
		if c.refs == 0 {
			c.reader.Close()
		}
	}
}

// buildFacets reads the facet fields' doc values of every document of a
// snapshot taken now; seq and gen were read before it, so a write since
// leaves the column stale, never wrong.
func (ix *Index) buildFacets(seq int64, gen uint64) (*facetColumn, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	c := &facetColumn{seq: seq, gen: gen, reader: r}
	if _, ok := r.(*scorch.IndexSnapshot); !ok {
		// Only scorch numbers documents densely within a snapshot.
		return c, errNoColumn
	}
	fields := make([]string, len(facetFields), len(facetFields)+1)
	for i, f := range facetFields {
		fields[i] = f.field
	}
	fields = append(fields, fPublished)
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return c, err
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return c, err
	}
	defer ids.Close()
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		c.segs = append(c.segs, ss.Segment())
	}
	ord := [len(facetFields)]map[string]uint32{}
	for i := range ord {
		ord[i] = map[string]uint32{}
		c.off[i] = []uint32{0}
	}
	var date int64
	visit := func(field string, term []byte) {
		if field == fPublished {
			// Doc values hold the time at every precision step; shift 0 is
			// the time itself.
			if sh, err := numeric.PrefixCoded(term).Shift(); err == nil && sh == 0 {
				if v, err := numeric.PrefixCoded(term).Int64(); err == nil {
					date = v
				}
			}
			return
		}
		for i, f := range facetFields {
			if f.field != field {
				continue
			}
			o, ok := ord[i][string(term)]
			if !ok {
				o = uint32(len(c.terms[i]))
				t := string(term)
				ord[i][t] = o
				c.terms[i] = append(c.terms[i], t)
			}
			c.vals[i] = append(c.vals[i], o)
		}
	}
	for {
		id, err := ids.Next()
		if err != nil {
			return c, err
		}
		if id == nil {
			break
		}
		n := id.Value()
		for i := range c.off {
			// Documents not listed (deleted) have no values.
			for uint64(len(c.off[i])) <= n {
				c.off[i] = append(c.off[i], uint32(len(c.vals[i])))
			}
		}
		for uint64(len(c.published)) < n {
			c.published = append(c.published, noDate)
		}
		date = noDate
		if err := dvr.VisitDocValues(id, visit); err != nil {
			return c, err
		}
		c.published = append(c.published, date)
		for i := range c.off {
			c.off[i] = append(c.off[i], uint32(len(c.vals[i])))
		}
	}
	c.sourceKeys = make([]string, len(c.terms[0]))
	for o, t := range c.terms[0] {
		c.sourceKeys[o] = SourceKey(t)
	}
	c.sourceDocs = make([]uint64, len(c.terms[0]))
	for _, o := range c.vals[0] {
		c.sourceDocs[o]++
	}
	for _, t := range c.published {
		if t != noDate {
			c.dates = append(c.dates, t)
		}
	}
	slices.Sort(c.dates)
	return c, nil
}

// count returns the facets of the documents q matches in the column's
// snapshot, and how many it matches.
func (c *facetColumn) count(ctx context.Context, ix *Index, q query.Query) ([len(facetFields)][]FacetCount, uint64, error) {
	var out [len(facetFields)][]FacetCount
	s, err := q.Searcher(ctx, c.reader, ix.bi.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return out, 0, err
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: c.reader}
	var counts [len(facetFields)][]int
	for i := range counts {
		counts[i] = make([]int, len(c.terms[i]))
	}
	var total uint64
	for {
		if total%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return out, 0, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return out, 0, err
		}
		if dm == nil {
			break
		}
		total++
		n := dm.IndexInternalID.Value()
		for i := range counts {
			if n+1 < uint64(len(c.off[i])) {
				for _, o := range c.vals[i][c.off[i][n]:c.off[i][n+1]] {
					counts[i][o]++
				}
			}
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	for i, f := range facetFields {
		out[i] = topFacets(counts[i], c.terms[i], f.size)
	}
	return out, total, nil
}

// facetBefore orders facet values as bleve does: by count, most first,
// then by value.
func facetBefore(a, b FacetCount) int {
	if a.Count != b.Count {
		return b.Count - a.Count
	}
	return strings.Compare(a.Value, b.Value)
}

// topFacets returns the size first values with a count, in facetBefore
// order, keeping only those (an entity facet has thousands of values with
// a count; sorting them all cost more than counting).
func topFacets(counts []int, terms []string, size int) []FacetCount {
	top := make([]FacetCount, 0, size)
	for o, n := range counts {
		if n == 0 {
			continue
		}
		fc := FacetCount{Value: terms[o], Count: n}
		if len(top) == size && facetBefore(fc, top[size-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, fc, facetBefore)
		if len(top) == size {
			top = top[:size-1]
		}
		top = slices.Insert(top, at, fc)
	}
	return top
}

// PrepareFacets builds the facet column for the index's current state now
// instead of on the second faceted search (a server about to serve, a
// benchmark about to measure). It costs about one faceted search over the
// whole index.
func (ix *Index) PrepareFacets() error {
	gen := ix.cache.gen.Load()
	seq, err := ix.Seq()
	if err != nil {
		return err
	}
	c, err := ix.buildFacets(seq, gen)
	fc := &ix.facets
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if errors.Is(err, errNoColumn) {
		err = nil
	}
	fc.install(c, err)
	return err
}

// install makes a column built (or failed: err) the current one, under mu.
func (fc *facetColumns) install(c *facetColumn, err error) {
	if errors.Is(err, errNoColumn) {
		fc.never = true
	}
	if err != nil || fc.closed {
		if c != nil {
			c.reader.Close()
		}
		return
	}
	if old := fc.cur; old != nil {
		old.retired = true
		if old.refs == 0 {
			old.reader.Close()
		}
	}
	fc.cur = c
}
