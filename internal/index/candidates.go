package index

import (
	"context"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The documents that can match. bleve's conjunction of the words is a
// leapfrog of their searchers, and each word's searcher (a disjunction of
// its key, other reading, derivational keys and synonyms) scores every
// document it lands on, most of which another word then rules out: with
// frequent words that was most of a search's time. A candidates conjunct
// holds the documents that have every word, computed first from the
// posting lists' bitmaps (per segment, the AND over the words of the OR of
// each word's terms), and as the rarest conjunct it leads the leapfrog: the
// words' searchers are only advanced to documents that match. It scores
// nothing and weighs nothing, so the ranking and the scores are the words'
// alone (TestCandidatesChangeNothing).

// termRef is one term a query looks up.
type termRef struct{ field, term string }

// candidateQuery is the conjunct of the documents that hold, for every
// word, one of its terms.
type candidateQuery struct{ words [][]termRef }

// withCandidates adds a candidates conjunct to a boolean query's required
// clauses when at least two of them are words whose terms are known (term
// queries, or disjunctions of them); other clauses (phrases, prefixes,
// filters) are left to match as before, so the candidates are a superset
// of the matches. bq is changed in place.
func withCandidates(bq *query.BooleanQuery) {
	must, ok := bq.Must.(*query.ConjunctionQuery)
	if !ok {
		return
	}
	var words [][]termRef
	for _, c := range must.Conjuncts {
		if ts, ok := queryTerms(c, nil); ok && len(ts) > 0 {
			words = append(words, ts)
		}
	}
	if len(words) < 2 {
		return
	}
	must.AddQuery(candidateQuery{words: words})
}

// queryTerms appends to dst the terms a document must hold one of to
// match q, when q is a term query or a disjunction (of at least one) of
// such; ok is false for any other query.
func queryTerms(q query.Query, dst []termRef) ([]termRef, bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		return append(dst, termRef{q.FieldVal, q.Term}), true
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return dst, false
		}
		for _, d := range q.Disjuncts {
			var ok bool
			if dst, ok = queryTerms(d, dst); !ok {
				return dst, false
			}
		}
		return dst, true
	}
	return dst, false
}

func (q candidateQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		// Another kind of index (the in-memory one of tests): every
		// document is a candidate.
		all, err := searcher.NewMatchAllSearcher(ctx, r, 1, o)
		if err != nil {
			return nil, err
		}
		return unscored{all}, nil
	}
	return q.searcher(newPostings(is))
}

// searcher is the candidates' searcher, from the posting lists of p.
func (q candidateQuery) searcher(p *postings) (search.Searcher, error) {
	set := &candidateSet{}
	var count uint64
	offset := uint64(0)
	for i, ss := range p.segs {
		seg := ss.Segment()
		bm, err := q.segmentDocs(p, i)
		if err != nil {
			return nil, err
		}
		if bm == nil {
			// A segment whose postings cannot be read as bitmaps: all
			// its documents are candidates.
			bm = roaring.New()
			bm.AddRange(0, seg.Count())
		}
		if del := ss.Deleted(); del != nil {
			bm.AndNot(del)
		}
		set.segs = append(set.segs, candidateSegment{offset: offset, docs: bm})
		count += bm.GetCardinality()
		offset += seg.Count()
	}
	return &setSearcher{set: set, count: count}, nil
}

// segmentDocs is the bitmap of segment i's documents (deleted ones too)
// that hold a term of every word; nil when a posting list does not give
// its bitmap.
func (q candidateQuery) segmentDocs(p *postings, i int) (*roaring.Bitmap, error) {
	var out *roaring.Bitmap
	for _, w := range q.words {
		wb := roaring.New()
		for _, t := range w {
			pls, err := p.lists(t)
			if err != nil {
				return nil, err
			}
			if pls[i] == nil {
				continue
			}
			or, ok := pls[i].(interface{ OrInto(*roaring.Bitmap) })
			if !ok {
				return nil, nil
			}
			or.OrInto(wb)
		}
		if out == nil {
			out = wb
		} else {
			out.And(wb)
		}
		if out.IsEmpty() {
			break
		}
	}
	return out, nil
}

// postings looks terms up in each segment of a snapshot, as bleve's term
// reader does (deleted documents left out of what the lists iterate), each
// field's dictionary built once and each term's lists read once: the
// candidates and our own loop (exec.go) share them within a search.
type postings struct {
	segs  []*scorch.SegmentSnapshot
	dicts map[string][]segment.TermDictionary
	byRef map[termRef][]segment.PostingsList
}

func newPostings(is *scorch.IndexSnapshot) *postings {
	return &postings{segs: is.Segments(), dicts: map[string][]segment.TermDictionary{}, byRef: map[termRef][]segment.PostingsList{}}
}

// lists are t's posting lists, by segment.
func (p *postings) lists(t termRef) ([]segment.PostingsList, error) {
	if pls, ok := p.byRef[t]; ok {
		return pls, nil
	}
	ds, ok := p.dicts[t.field]
	if !ok {
		// A segment builds its dictionary of a field anew at each call.
		ds = make([]segment.TermDictionary, len(p.segs))
		for i, ss := range p.segs {
			var err error
			if ds[i], err = ss.Segment().Dictionary(t.field); err != nil {
				return nil, err
			}
		}
		p.dicts[t.field] = ds
	}
	pls := make([]segment.PostingsList, len(p.segs))
	for i, ss := range p.segs {
		var err error
		if pls[i], err = ds[i].PostingsList([]byte(t.term), ss.Deleted(), nil); err != nil {
			return nil, err
		}
	}
	p.byRef[t] = pls
	return pls, nil
}

// candidateSegment is one segment's candidates, numbered within it.
type candidateSegment struct {
	offset uint64 // the segment's first document in the snapshot's numbering
	docs   *roaring.Bitmap
}

// candidateSet is the candidates in the snapshot's numbering.
type candidateSet struct {
	segs []candidateSegment
	seg  int                 // the segment it is in
	it   roaring.IntPeekable // over segs[seg].docs, nil before the start
}

func (c *candidateSet) first(n uint64) (uint64, bool) {
	// The segment holding n, the last that starts at or before it, at
	// the start or when it is past the current one.
	if c.it == nil || (c.seg+1 < len(c.segs) && n >= c.segs[c.seg+1].offset) {
		if i := sort.Search(len(c.segs), func(i int) bool { return c.segs[i].offset > n }) - 1; i > c.seg || c.it == nil {
			c.seg, c.it = max(i, 0), nil
		}
	}
	for ; c.seg < len(c.segs); c.seg, c.it = c.seg+1, nil {
		sg := c.segs[c.seg]
		if c.it == nil {
			c.it = sg.docs.Iterator()
		}
		if n > sg.offset {
			c.it.AdvanceIfNeeded(uint32(n - sg.offset))
		}
		if c.it.HasNext() {
			return sg.offset + uint64(c.it.Next()), true
		}
	}
	return 0, false
}
