package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Our own run of the words' query. bleve runs a query as a tree of
// searchers that hand each other a scored DocumentMatch at every document
// they stop at; for a query with tens of thousands of matches that
// machinery, not reading the postings, was most of the time. When the
// query is Build's shape (required words that are terms or disjunctions of
// terms, unscored filters beside them, the title's words as an optional
// clause) and the facet column is there, search runs it here instead: the
// same posting readers, a plain leapfrog over document numbers, and the
// score computed only at a match, by bleve's formula in bleve's order, so
// that the hits, their scores and their order are exactly bleve's
// (TestFacetColumnCountsAsBleve compares every relevance query, with and
// without filters, against bleve's own run). Anything else (phrases,
// prefixes, a relaxed query, a date sort) is bleve's.
//
// With a candidates conjunct, a document matches where the candidates and
// the filters agree, and it is counted (and its facets) there; its words'
// postings are read only when it can still reach the page: BM25 bounds a
// term's score by idf·k1 times its query weight, so a document whose title
// score plus the words' bound is under the page's worst score is left
// unscored (TestOwnLoopLeavesUnscored, FuzzOwnLoopAsBleve). Once the page
// holds documents with the words in their titles, that is most of a
// frequent query's matches.

// done is the position of a reader that has no more documents.
const done = math.MaxUint64

// xnode is a node of the query tree, positioned at a document.
type xnode interface {
	// at is the document the node is at (done when none is left).
	at() uint64
	// seek moves the node to its first document numbered target or more
	// (it never moves back) and returns it.
	seek(target uint64) (uint64, error)
	count() uint64
	weight() float64
	setNorm(float64)
	// score is the node's score at document d, where it is (at() == d).
	score(d uint64) float64
	// bound is more than any score the node can give, once its norm
	// is set.
	bound() float64
	close()
}

// termX is a term in a field, scored as bleve's TermQueryScorer with the
// BM25 model (the mapping's). It reads each segment's postings itself, as
// bleve's term reader does (deleted documents left out), numbering the
// documents as the snapshot does (the segment's offset plus its number).
type termX struct {
	segs       []termSeg
	si         int             // the segment it is in
	p          segment.Posting // where it is; nil when done
	doc        uint64
	started    bool
	n          uint64 // documents holding the term
	boost, idf float64
	avgLen     float64 // the field's mean length, as bleve rounds it
	qw         float64 // the query weight, once the norm is set
}

// termSeg is a term's postings in one segment.
type termSeg struct {
	offset uint64
	it     segment.PostingsIterator // nil: none
}

// newTermX reads term t from every segment of p's snapshot.
func newTermX(p *postings, t termRef) (*termX, error) {
	pls, err := p.lists(t)
	if err != nil {
		return nil, err
	}
	x := &termX{qw: 1}
	offset := uint64(0)
	for i, ss := range p.segs {
		sg := termSeg{offset: offset}
		if pls[i] != nil {
			x.n += pls[i].Count()
			sg.it = pls[i].Iterator(true, true, false, nil)
		}
		x.segs = append(x.segs, sg)
		offset += ss.Segment().Count()
	}
	return x, nil
}

func (t *termX) at() uint64 { return t.doc }

func (t *termX) seek(target uint64) (uint64, error) {
	if t.started && (t.doc == done || t.doc >= target) {
		return t.doc, nil
	}
	t.started = true
	// The segment holding target, the last that starts at or before it,
	// when it is past the current one.
	if t.si+1 < len(t.segs) && target >= t.segs[t.si+1].offset {
		t.si = sort.Search(len(t.segs), func(i int) bool { return t.segs[i].offset > target }) - 1
	}
	for ; t.si < len(t.segs); t.si++ {
		sg := t.segs[t.si]
		if sg.it == nil {
			continue
		}
		var err error
		if target > sg.offset {
			t.p, err = sg.it.Advance(target - sg.offset)
		} else {
			t.p, err = sg.it.Next()
		}
		if err != nil {
			return done, err
		}
		if t.p != nil {
			t.doc = sg.offset + t.p.Number()
			return t.doc, nil
		}
	}
	t.p, t.doc = nil, done
	return done, nil
}

func (t *termX) count() uint64 { return t.n }

func (t *termX) weight() float64 {
	w := t.boost * t.idf
	return w * w
}

func (t *termX) setNorm(norm float64) { t.qw = t.boost * t.idf * norm }

func (t *termX) score(uint64) float64 {
	var tf float64
	if f := t.p.Frequency(); f < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(f)]
	} else {
		tf = math.Sqrt(float64(f))
	}
	norm := t.p.Norm()
	fieldLength := 1 / (norm * norm)
	s := t.idf * (tf * search.BM25_k1) /
		(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/t.avgLen)))
	if t.qw != 1 {
		s = s * t.qw
	}
	return s
}

// bound: BM25's term frequency part, tf·k1 / (tf + k1·(1 − b + b·len/avg)),
// stays under k1 for any frequency and length, so a term's score stays
// under idf·k1 times its query weight.
func (t *termX) bound() float64 { return t.idf * search.BM25_k1 * t.qw }

func (t *termX) close() {}

// orX is a disjunction, scored as bleve's DisjunctionQueryScorer: the sum
// of the matching children's scores, in the order bleve sorts them, times
// the share of children that match.
type orX struct {
	kids    []xnode // sorted as bleve sorts them (by count)
	doc     uint64
	started bool
	n       uint64
}

func (o *orX) at() uint64 { return o.doc }

func (o *orX) seek(target uint64) (uint64, error) {
	if o.started && (o.doc == done || o.doc >= target) {
		return o.doc, nil
	}
	o.started = true
	o.doc = done
	for _, k := range o.kids {
		d, err := k.seek(target)
		if err != nil {
			return done, err
		}
		o.doc = min(o.doc, d)
	}
	return o.doc, nil
}

func (o *orX) count() uint64 { return o.n }

func (o *orX) weight() float64 {
	var w float64
	for _, k := range o.kids {
		w += k.weight()
	}
	return w
}

func (o *orX) setNorm(norm float64) {
	for _, k := range o.kids {
		k.setNorm(norm)
	}
}

func (o *orX) score(d uint64) float64 {
	var sum float64
	matched := 0
	for _, k := range o.kids {
		if k.at() == d {
			sum += k.score(d)
			matched++
		}
	}
	return sum * (float64(matched) / float64(len(o.kids)))
}

func (o *orX) bound() float64 {
	var b float64
	for _, k := range o.kids {
		b += k.bound()
	}
	return b
}

func (o *orX) close() {
	for _, k := range o.kids {
		k.close()
	}
}

// filterX is a conjunct that scores nothing (a filter, the candidates): a
// bleve searcher, followed.
type filterX struct {
	s    search.Searcher
	sctx *search.SearchContext
	doc  uint64
	id   bleveindex.IndexInternalID
	live bool // it was started
}

func (f *filterX) at() uint64 { return f.doc }

func (f *filterX) seek(target uint64) (uint64, error) {
	if f.live && (f.doc == done || f.doc >= target) {
		return f.doc, nil
	}
	var dm *search.DocumentMatch
	var err error
	if !f.live {
		f.live = true
		dm, err = f.s.Next(f.sctx)
		if err == nil && dm != nil && dm.IndexInternalID.Value() < target {
			f.sctx.DocumentMatchPool.Put(dm)
			f.id = bleveindex.NewIndexInternalID(f.id, target)
			dm, err = f.s.Advance(f.sctx, f.id)
		}
	} else {
		f.id = bleveindex.NewIndexInternalID(f.id, target)
		dm, err = f.s.Advance(f.sctx, f.id)
	}
	if err != nil {
		return done, err
	}
	if dm == nil {
		f.doc = done
		return done, nil
	}
	f.doc = dm.IndexInternalID.Value()
	f.sctx.DocumentMatchPool.Put(dm)
	return f.doc, nil
}

func (f *filterX) count() uint64        { return f.s.Count() }
func (f *filterX) weight() float64      { return 0 }
func (f *filterX) setNorm(float64)      {}
func (f *filterX) score(uint64) float64 { return 0 }
func (f *filterX) bound() float64       { return 0 }
func (f *filterX) close()               { f.s.Close() }

// byCount sorts nodes as bleve's OrderedSearcherList sorts searchers
// (sort.Sort by count), so that the scores are summed in bleve's order.
type byCount []xnode

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].count() < b[j].count() }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// xplan is a compiled query: the required conjuncts and the optional
// disjunction.
type xplan struct {
	must   []xnode // sorted by count
	should *orX    // nil: none
	all    []xnode // every node made, to close
	// With a candidates conjunct, the documents that match are those
	// where the candidates and the filters agree (match); the words
	// (words, their score's bound wordsBound) are read only to score a
	// document that can still reach the page. Without, match is must.
	match      []xnode
	words      []xnode
	wordsBound float64
	// scored and pruned count the matches the last run scored and
	// did not need to.
	scored, pruned uint64
}

func (p *xplan) close() {
	for _, n := range p.all {
		n.close()
	}
}

// compileX compiles q for reader r, or returns ok false when q is not of
// the shape it runs exactly as bleve would.
func compileX(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, sctx *search.SearchContext, q query.Query) (p *xplan, ok bool, err error) {
	bq, isBool := q.(*query.BooleanQuery)
	if !isBool || bq.MustNot != nil || bq.Filter != nil {
		return nil, false, nil
	}
	must, isConj := bq.Must.(*query.ConjunctionQuery)
	if !isConj || len(must.Conjuncts) == 0 {
		return nil, false, nil
	}
	if im, isImpl := m.(*mapping.IndexMappingImpl); !isImpl || im.ScoringModel != bleveindex.BM25Scoring {
		return nil, false, nil
	}
	bm, isBM := r.(bleveindex.BM25Reader)
	is, isScorch := r.(*scorch.IndexSnapshot)
	if !isBM || !isScorch {
		return nil, false, nil
	}
	pst := newPostings(is)
	total, err := r.DocCount()
	if err != nil || total == 0 {
		return nil, false, err
	}
	avgLen := map[string]float64{}
	pl := &xplan{}
	defer func() {
		if !ok || err != nil {
			pl.close()
		}
	}()
	var node func(q query.Query) (xnode, bool, error)
	node = func(q query.Query) (xnode, bool, error) {
		switch q := q.(type) {
		case *query.TermQuery:
			if q.FieldVal == "" {
				return nil, false, nil
			}
			t, err := newTermX(pst, termRef{q.FieldVal, q.Term})
			if err != nil {
				return nil, false, err
			}
			t.boost = q.BoostVal.Value()
			n := t.n
			avg, seen := avgLen[q.FieldVal]
			if !seen {
				card, err := bm.FieldCardinality(q.FieldVal)
				if err != nil {
					return nil, false, err
				}
				avg = math.Ceil(float64(card) / float64(total))
				avgLen[q.FieldVal] = avg
			}
			if avg == 0 {
				return nil, false, nil // bleve would score by tf-idf
			}
			t.avgLen = avg
			t.idf = math.Log(1 + (float64(total)-float64(n)+0.5)/(float64(n)+0.5))
			return t, true, nil
		case *query.DisjunctionQuery:
			if q.Min > 1 || len(q.Disjuncts) == 0 || len(q.Disjuncts) > searcher.DisjunctionHeapTakeover {
				return nil, false, nil
			}
			o := &orX{}
			for _, d := range q.Disjuncts {
				k, ok, err := node(d)
				if !ok || err != nil {
					return nil, ok, err
				}
				o.kids = append(o.kids, k)
				o.n += k.count()
			}
			sort.Sort(byCount(o.kids))
			return o, true, nil
		case candidateQuery, columnFilterQuery, filterQuery:
			var s search.Searcher
			var err error
			if c, isCand := q.(candidateQuery); isCand {
				s, err = c.searcher(pst) // the lists the words read
			} else {
				s, err = q.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
			}
			if err != nil {
				return nil, false, err
			}
			f := &filterX{s: s, sctx: sctx}
			pl.all = append(pl.all, f)
			return f, true, nil
		}
		return nil, false, nil
	}
	candidates := false
	for _, c := range must.Conjuncts {
		n, ok, err := node(c)
		if !ok || err != nil {
			return nil, ok, err
		}
		pl.must = append(pl.must, n)
		switch c.(type) {
		case candidateQuery:
			candidates = true
			pl.match = append(pl.match, n)
		case columnFilterQuery, filterQuery:
			pl.match = append(pl.match, n)
		default:
			pl.words = append(pl.words, n)
		}
	}
	if !candidates {
		pl.match, pl.words = pl.must, nil
	}
	sort.Sort(byCount(pl.must))
	if bq.Should != nil {
		n, ok, err := node(bq.Should)
		if !ok || err != nil {
			return nil, ok, err
		}
		o, isOr := n.(*orX)
		if !isOr {
			return nil, false, nil
		}
		pl.should = o
	}
	// The norm, as bleve's BooleanSearcher computes it (or the
	// conjunction's, which bleve runs alone when there is no optional
	// clause): the sum of the squared weights, required then optional.
	var sum float64
	sum += byCount(pl.must).weight()
	if pl.should != nil {
		sum += pl.should.weight()
	}
	norm := 1.0 / math.Sqrt(sum)
	for _, n := range pl.must {
		n.setNorm(norm)
	}
	if pl.should != nil {
		pl.should.setNorm(norm)
	}
	for _, w := range pl.words {
		pl.wordsBound += w.bound()
	}
	return pl, true, nil
}

func (b byCount) weight() float64 {
	var w float64
	for _, n := range b {
		w += n.weight()
	}
	return w
}

// xhit is a match kept for the page.
type xhit struct {
	doc   uint64
	score float64
}

// worse orders hits as bleve's collector does: a lower score, or the same
// score and found later (a higher number), is worse.
func (a xhit) worse(b xhit) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// run finds every match of the plan, gives each to take (which may drop
// it: a filter the column checks), and keeps the best keep; it returns
// them best first, how many matched and the best score of all.
func (p *xplan) run(ctx context.Context, keep int, take func(uint64) bool) (best []xhit, total uint64, maxScore float64, err error) {
	defer func() { p.pruned = total - p.scored }()
	// best is a heap, worst first, of at most keep hits.
	target := uint64(0)
	for n := 0; ; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			return nil, 0, 0, ctx.Err()
		}
		// Leapfrog: every conjunct that decides a match at the same
		// document.
		for agreed := false; !agreed; {
			agreed = true
			for _, c := range p.match {
				d, err := c.seek(target)
				if err != nil {
					return nil, 0, 0, err
				}
				if d == done {
					sortHits(best)
					return best, total, maxScore, nil
				}
				if d > target {
					target, agreed = d, false
				}
			}
		}
		d := target
		target++
		if !take(d) {
			continue
		}
		total++
		var title float64
		if p.should != nil {
			at, err := p.should.seek(d)
			if err != nil {
				return nil, 0, 0, err
			}
			if at == d {
				title = p.should.score(d)
			}
		}
		// A document that cannot beat the page's worst (its title's
		// score and the most the words could add, with a margin for
		// rounding, under it; a tie goes to the earlier document, which
		// the page's are) is counted but not scored: most of a frequent
		// query's matches, once the page holds documents with the words
		// in their titles.
		if len(p.words) > 0 && keep > 0 && len(best) == keep && (title+p.wordsBound)*(1+1e-9) < best[0].score {
			continue
		}
		p.scored++
		for _, w := range p.words {
			at, err := w.seek(d)
			if err != nil {
				return nil, 0, 0, err
			}
			if at != d {
				return nil, 0, 0, fmt.Errorf("index: document %d is a candidate without every word", d)
			}
		}
		var s float64
		for _, c := range p.must {
			s += c.score(d)
		}
		if p.should != nil {
			s += title
		}
		maxScore = max(maxScore, s)
		h := xhit{doc: d, score: s}
		switch {
		case len(best) < keep:
			best = append(best, h)
			up(best, len(best)-1)
		case keep > 0 && best[0].worse(h):
			best[0] = h
			down(best, 0)
		}
	}
}

// up and down keep best a heap with the worst hit first.
func up(h []xhit, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h[i].worse(h[parent]) {
			return
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func down(h []xhit, i int) {
	for {
		w := i
		if l := 2*i + 1; l < len(h) && h[l].worse(h[w]) {
			w = l
		}
		if r := 2*i + 2; r < len(h) && h[r].worse(h[w]) {
			w = r
		}
		if w == i {
			return
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// sortHits orders hits best first.
func sortHits(h []xhit) {
	sort.Slice(h, func(i, j int) bool { return h[j].worse(h[i]) })
}

// searchX runs q on the column's snapshot when compileX takes it: the
// result bleve's SearchInContext would give for req (relevance order,
// req.Fields loaded), with the column filtering and counting through
// cq.take. ok is false when q is not of a shape it runs.
func (ix *Index) searchX(ctx context.Context, cq *columnQuery, q query.Query, req *bleve.SearchRequest) (*bleve.SearchResult, bool, error) {
	start := time.Now()
	r := cq.col.reader
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(16, 0), IndexReader: r}
	p, ok, err := compileX(ctx, r, ix.bi.Mapping(), sctx, q)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer p.close()
	cq.start()
	best, total, maxScore, err := p.run(ctx, req.From+req.Size, cq.take)
	if err != nil {
		return nil, true, err
	}
	ix.facets.pruned.Add(int64(p.pruned))
	sr := &bleve.SearchResult{Request: req, Total: total, MaxScore: maxScore, Hits: search.DocumentMatchCollection{}}
	if req.From < len(best) {
		for _, h := range best[req.From:] {
			dm := &search.DocumentMatch{IndexInternalID: bleveindex.NewIndexInternalID(nil, h.doc), Score: h.score}
			if dm.ID, err = r.ExternalID(dm.IndexInternalID); err != nil {
				return nil, true, err
			}
			if len(req.Fields) > 0 {
				if err, _ := bleve.LoadAndHighlightFields(dm, req, "", r, nil); err != nil {
					return nil, true, err
				}
			}
			sr.Hits = append(sr.Hits, dm)
		}
	}
	sr.Took = time.Since(start)
	return sr, true, nil
}
