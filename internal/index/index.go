package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// Field names in the index.
const (
	fTitle     = "title"      // indexed for the title's weight in the ranking, and stored
	fBody      = "body"       // stored only: hits' snippets are cut from it
	fText      = "text"       // title, body and captions, one value each: what words are matched in
	fSource    = "source"     // as written, for display and facets
	fSourceKey = "source_key" // folded, for filtering
	fMonth     = "month"      // "2025-03" or "unknown"
	fPublished = "published"
	fLanguage  = "language"
	fEntities  = "entities"   // the article's entities: canonical names and mentions, one value each
	fEntityKey = "entity"     // the article's entities' canonical names as written, for the entities facet
	fEntityRun = "entity_run" // every run of 2 to maxRun words of each entity name, its keys as one term (the entity filter)
)

// schemaVersion changes whenever the document mapping or what goes into a
// document changes; with the analysis version it decides whether an index
// must be rebuilt (see Stale).
const schemaVersion = "5"

// BuildVersion names the analysis and document schema this program indexes
// with; an index built with another is stale.
func BuildVersion() string { return analyzer.Version() + "+schema" + schemaVersion }

// TitleBoost is how much more a match in the title counts than one in the
// body (in the bleve index the title's words are matched in the text field
// with the body's, and a title that has them adds TitleBoost times their
// score in the title); CaptionBoost is how much a match in a photo caption
// counts in PostgreSQL's scoring (bleve matches captions as the body);
// SynonymBoost is the weight of a synonym relative to the word typed.
const (
	TitleBoost   = 2.5
	CaptionBoost = 0.5
	SynonymBoost = 0.3
)

// NearBoost is the weight of a word's nearest neighbour in the learned
// vector space (see SetNeighbours) relative to the word typed.
const NearBoost = 0.1

// neighbours expands query words with their nearest words in a vector
// table, with the synonyms; nil: no such expansion.
var neighbours atomic.Pointer[wordrep.Expander]

// SetNeighbours sets the expander whose keys widen every query word, at
// NearBoost, whenever synonyms are on (Request.Synonyms); nil turns it
// off. The result cache is not keyed by it: set it before searching.
func SetNeighbours(e *wordrep.Expander) { neighbours.Store(e) }

// ErrBadRequest is returned for a request option we do not know.
var ErrBadRequest = errors.New("index: bad request")

var (
	seqKey      = []byte("taqrir_seq")
	analysisKey = []byte("taqrir_analysis")
)

// Index is an open search index.
type Index struct {
	bi     bleve.Index
	path   string
	cache  *resultCache
	facets facetColumns
}

// NewMapping returns the index mapping: one Arabic-analysed text field that
// words are matched in (title, body and captions; term positions for
// phrases), the title analysed again for its weight in the ranking, the body
// stored for snippets, keyword fields for facets and filters, BM25 scoring.
//
// One field to match in, not one per part, is what makes a query cheap: a
// word asked in title, body and captions was three posting lists for each of
// its readings, and advancing them through the conjunction was most of a
// search's time.
func NewMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer.Name
		f.Store = store
		f.IncludeTermVectors = true
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
	doc.AddFieldMappingsAt(fTitle, text(true))
	doc.AddFieldMappingsAt(fText, text(false))
	body := bleve.NewTextFieldMapping()
	body.Index = false
	body.Store = true
	body.IncludeInAll = false
	doc.AddFieldMappingsAt(fBody, body)
	ent := bleve.NewTextFieldMapping()
	ent.Analyzer = analyzer.Name
	ent.IncludeInAll = false
	ent.IncludeTermVectors = true // phrase matching inside one entity name
	doc.AddFieldMappingsAt(fEntities, ent)
	doc.AddFieldMappingsAt(fSource, kw(true))
	doc.AddFieldMappingsAt(fSourceKey, kw(false))
	doc.AddFieldMappingsAt(fEntityKey, kw(false))
	run := kw(false)
	run.DocValues = false // looked up, never faceted or sorted on
	doc.AddFieldMappingsAt(fEntityRun, run)
	doc.AddFieldMappingsAt(fMonth, kw(false))
	doc.AddFieldMappingsAt(fLanguage, kw(false))
	pub := bleve.NewDateTimeFieldMapping()
	pub.Store = true
	pub.IncludeInAll = false
	doc.AddFieldMappingsAt(fPublished, pub)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzer.Name
	m.ScoringModel = "bm25"
	return m
}

// Open opens the index at path, creating it when absent.
func Open(path string) (*Index, error) {
	// Another taqrir process holding the index would otherwise make us
	// wait forever on its lock.
	// A fresh map for each call: bleve writes its store path into the one
	// it is given.
	cfg := func() map[string]any { return map[string]any{"bolt_timeout": "5s"} }
	bi, err := bleve.OpenUsing(path, cfg())
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if err = create(path, cfg()); err == nil {
			bi, err = bleve.OpenUsing(path, cfg())
		}
	}
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("index: %s is in use by another taqrir process (stop it, or use another --data): %w", path, err)
		}
		if !errors.Is(err, fs.ErrPermission) && !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
			return nil, fmt.Errorf("index: open %s: %w: %w", path, ErrDamaged, err)
		}
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	return &Index{bi: bi, path: path, cache: newResultCache(DefaultCacheSize)}, nil
}

// ErrDamaged marks an index that exists but cannot be opened (its metadata
// unreadable, a segment missing). The store is the truth, so the remedy is
// to rebuild it from the store.
var ErrDamaged = errors.New("damaged")

// create makes an empty index at path. It is built beside path and renamed
// into place when whole, so a process killed while creating it leaves
// either no index or a complete one, never a directory with half its
// metadata written (which bleve cannot open).
func create(path string, cfg map[string]any) error {
	part := path + ".part"
	if err := os.RemoveAll(part); err != nil {
		return fmt.Errorf("index: create %s: %w", path, err)
	}
	bi, err := bleve.NewUsing(part, NewMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
	if err != nil {
		return err
	}
	err = bi.SetInternal(analysisKey, []byte(BuildVersion()))
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(part, path)
	}
	if err != nil {
		os.RemoveAll(part)
		return fmt.Errorf("index: create %s: %w", path, err)
	}
	return nil
}

// OpenReadOnly opens an existing index for reading only, for a data
// directory that cannot be written (read-only, or a full disk): nothing is
// created, applied or rebuilt.
func OpenReadOnly(path string) (*Index, error) {
	bi, err := bleve.OpenUsing(path, map[string]any{"read_only": true, "bolt_timeout": "5s"})
	if err != nil {
		return nil, fmt.Errorf("index: open %s read-only: %w", path, err)
	}
	return &Index{bi: bi, path: path, cache: newResultCache(DefaultCacheSize)}, nil
}

// OpenMem opens a fresh in-memory index (tests, evaluation).
func OpenMem() (*Index, error) {
	bi, err := bleve.NewMemOnly(NewMapping())
	if err == nil {
		err = bi.SetInternal(analysisKey, []byte(BuildVersion()))
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return &Index{bi: bi, cache: newResultCache(DefaultCacheSize)}, nil
}

// Remove deletes the index at path (for reindex).
func Remove(path string) error { return os.RemoveAll(path) }

// Close closes the index.
func (ix *Index) Close() error {
	ix.closeFacets()
	return ix.bi.Close()
}

// Count returns the number of indexed documents.
func (ix *Index) Count() (uint64, error) { return ix.bi.DocCount() }

// Seq returns the store sequence number of the last applied change.
func (ix *Index) Seq() (int64, error) {
	v, err := ix.bi.GetInternal(seqKey)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseInt(string(v), 10, 64)
}

// Stale reports whether the index was built with another version of the
// Arabic analysis or of the document schema than this program's (see
// BuildVersion): its terms or fields no longer match what queries expect,
// so it must be rebuilt.
func (ix *Index) Stale() (bool, error) {
	v, err := ix.BuiltWith()
	if err != nil {
		return false, err
	}
	return v != BuildVersion(), nil
}

// BuiltWith is the BuildVersion the index was built with ("" when it does
// not say).
func (ix *Index) BuiltWith() (string, error) {
	v, err := ix.bi.GetInternal(analysisKey)
	return string(v), err
}

// MarkBuiltWith records which analysis version built the index. Open does
// it for a new index; tests use it to stand in for an index of an older
// taqrir.
func (ix *Index) MarkBuiltWith(version string) error {
	ix.cache.written()
	defer ix.cache.written()
	return ix.bi.SetInternal(analysisKey, []byte(version))
}

// Entry is an article with its store sequence number.
type Entry struct {
	Seq     int64
	Article news.Article
}

// Apply indexes (or re-indexes) articles in one batch and records the
// highest Seq with them, atomically.
func (ix *Index) Apply(entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	// The write generation moves on before and after: a state read while
	// the batch lands is stale once it has.
	ix.cache.written()
	defer ix.cache.written()
	b := ix.bi.NewBatch()
	var maxSeq int64
	for i := range entries {
		e := &entries[i]
		if err := b.Index(e.Article.ID, document(&e.Article)); err != nil {
			return fmt.Errorf("index: article %s: %w", e.Article.ID, err)
		}
		maxSeq = max(maxSeq, e.Seq)
	}
	if cur, err := ix.Seq(); err == nil && cur > maxSeq {
		maxSeq = cur
	}
	b.SetInternal(seqKey, []byte(strconv.FormatInt(maxSeq, 10)))
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("index: batch: %w", err)
	}
	return nil
}

func document(a *news.Article) map[string]any {
	body := a.Body()
	d := map[string]any{
		fTitle:     a.Title,
		fBody:      body,
		fSource:    a.Source,
		fSourceKey: SourceKey(a.Source),
		fLanguage:  a.Language,
		fMonth:     "unknown",
	}
	// Each part its own value, so a phrase never runs from the title into
	// the body (bleve matches a phrase within one value).
	text := []string{a.Title, body}
	if len(a.Captions) > 0 {
		text = append(text, strings.Join(a.Captions, "\n"))
	}
	d[fText] = text
	if names := EntityNames(a.Entities); len(names) > 0 {
		d[fEntities] = names
		an := analyzer.New()
		var runs []string
		for _, n := range names {
			for _, words := range segments(an.Analyze([]byte(n))) {
				runs = nameRuns(words, runs)
			}
		}
		if len(runs) > 0 {
			d[fEntityRun] = runs
		}
	}
	if names := CanonicalNames(a.Entities); len(names) > 0 {
		d[fEntityKey] = names
	}
	if a.HasPublished() {
		d[fPublished] = a.Published
		d[fMonth] = a.Published.Format("2006-01")
	}
	return d
}

// EntityNames lists an article's entities for the entity filter: every
// canonical name and every distinct mention, each its own value so a
// phrase never runs from one name into the next. Every search backend
// indexes these.
func EntityNames(es []news.Entity) []string {
	if len(es) == 0 {
		return nil
	}
	seen := make(map[string]bool, 2*len(es))
	var out []string
	for _, e := range es {
		for _, n := range [2]string{e.Canonical, e.Text} {
			if n = strings.TrimSpace(n); n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// CanonicalNames lists the distinct canonical names of an article's
// entities (the mention where the resolver gave none), for the entities
// facet: one count per article, however often it names one.
func CanonicalNames(es []news.Entity) []string {
	seen := make(map[string]bool, len(es))
	var out []string
	for _, e := range es {
		n := strings.TrimSpace(e.Canonical)
		if n == "" {
			n = strings.TrimSpace(e.Text)
		}
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// SourceKey folds a source name so a filter matches whatever the spelling
// of hamza, case or spacing. It is the one identity of an outlet: the
// index's source filter, the stories' --source, and the report's outlet
// counts (distinct outlets of a sentence, an event, an actor) all use it.
func SourceKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(arabic.Fold(s))), " ")
}

// Request is a search.
type Request struct {
	Query  string
	Source string // only this source (any spelling variant of the name)
	// Entities keeps articles naming any of these entities (a name, its
	// canonical form, its aliases); each is matched as a phrase against the
	// article's entity names, through the same analysis as text, so
	// spelling variants and clitics match.
	Entities []string
	Since    time.Time // published on or after (zero: no bound)
	Until    time.Time // published before (zero: no bound)
	Limit    int
	Offset   int
	Synonyms bool // expand words with news-vocabulary synonyms at a lower weight
	// Sort is "" or "relevance" (best first), "newest" or "oldest" (by
	// publication date; undated articles last).
	Sort string
	// IDsOnly skips what a reader of the hits needs and a caller that
	// loads the articles itself (a report) does not: stored fields,
	// snippets and facets. Hits then carry only ID and Score.
	IDsOnly bool
	// IDs keeps only these articles (nil: no such filter); saved searches
	// match the articles an ingest just stored this way.
	IDs []string
	// All matches every article the filters keep; Query is then ignored
	// (an entity's page lists its articles without words to look for).
	All bool
	// NoFacets and NoHighlight skip the facets and the snippets a page
	// does not show (Hits then carry no Snippet).
	NoFacets    bool
	NoHighlight bool
	// SourcesFacet counts the sources facet alone (Months and Entities
	// come back empty): what the command line shows. Bleve counts a facet
	// by reading the field of every match, and the entities field is most
	// of that work.
	SourcesFacet bool
}

// Hit is one search result.
type Hit struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	Published *time.Time `json:"published"`
	Score     float64    `json:"score"`
	Snippet   string     `json:"snippet"` // HTML: the text escaped, matches in <mark>
}

// FacetCount is one facet value and its count.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is a page of hits and the facets of the whole result set.
type Result struct {
	Hits    []Hit        `json:"hits"`
	Total   uint64       `json:"total"`
	Sources []FacetCount `json:"sources"`
	Months  []FacetCount `json:"months"`
	// Entities counts the canonical names of the matching articles'
	// entities (the most frequent first).
	Entities []FacetCount  `json:"entities"`
	Took     time.Duration `json:"took_ns"`
	Parsed   Parsed        `json:"parsed"`
	// Relaxed is true when no article matched every word and the hits are
	// those matching most of them (at least 60%).
	Relaxed bool `json:"relaxed"`
	// Ignored lists the words of the query that were not searched for:
	// common words (stopwords).
	Ignored []string `json:"ignored,omitempty"`
}

// Search runs a request. A request asked again of the same state of the
// index is answered from the result cache (see SetCacheSize).
func (ix *Index) Search(ctx context.Context, r Request) (Result, error) {
	c := ix.cache
	key := ""
	if c.max.Load() > 0 {
		key = cacheKey(r)
	}
	if key == "" {
		return ix.searchUncached(ctx, r)
	}
	start := time.Now()
	gen := c.gen.Load()
	seq, err := ix.Seq()
	if err != nil {
		return ix.searchUncached(ctx, r)
	}
	if res, ok := c.get(key, seq); ok {
		res.Took = time.Since(start)
		return res, nil
	}
	res, err := ix.searchUncached(ctx, r)
	if err == nil {
		c.put(key, seq, gen, res)
	}
	return res, err
}

func (ix *Index) searchUncached(ctx context.Context, r Request) (Result, error) {
	if r.All {
		return ix.search(ctx, r, Parsed{}, false)
	}
	p, err := ParseQuery(r.Query)
	if err != nil {
		return Result{}, err
	}
	res, err := ix.search(ctx, r, p, false)
	if err == nil && res.Total == 0 && len(p.Must) >= 3 {
		// Every word required found nothing: rather than an empty page,
		// rank what matches most of the words, and say so.
		res, err = ix.search(ctx, r, p, true)
		res.Relaxed = true
	}
	res.Ignored = p.Stopwords()
	return res, err
}

func (ix *Index) search(ctx context.Context, r Request, p Parsed, relaxed bool) (Result, error) {
	var q query.Query = bleve.NewMatchAllQuery()
	if !r.All {
		var err error
		if q, err = Build(p, r.Synonyms, relaxed); err != nil {
			return Result{}, err
		}
	}
	// The facet column of this state of the index, when there is one, counts
	// the facets and checks the source and date filters in the ranking pass
	// (pass.go); a faceted search may start building it.
	var col *facetColumn
	if seq, err := ix.Seq(); err == nil {
		gen := ix.cache.gen.Load()
		if !r.IDsOnly && !r.NoFacets {
			col = ix.acquireFacets(seq, gen)
		} else {
			col = ix.peekFacets(seq, gen)
		}
	}
	defer func() {
		if col != nil {
			ix.releaseFacets(col)
		}
	}()
	var cf colFilter
	if col != nil {
		var ok bool
		if cf, ok = col.columnFilters(r); !ok {
			ix.releaseFacets(col)
			col = nil
		}
	}
	filters, err := r.filters(col == nil)
	if err != nil {
		return Result{}, err
	}
	full := q
	var cq *columnQuery
	if col != nil {
		all, err := r.filters(true)
		if err != nil {
			return Result{}, err
		}
		full = filtered(q, all)
		cq = &columnQuery{col: col, full: full, filter: cf, facets: !r.IDsOnly && !r.NoFacets}
		cq.words = filtered(cq.withColumnFilter(q), filters)
		q = cq
	} else {
		q = filtered(q, filters)
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(q, limit, max(r.Offset, 0), false)
	switch r.Sort {
	case "", "relevance":
	case "newest":
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fPublished, Type: search.SortFieldAsDate, Desc: true, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	case "oldest":
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fPublished, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	default:
		return Result{}, fmt.Errorf("%w: sort %q (want relevance, newest or oldest)", ErrBadRequest, r.Sort)
	}
	snippets := !r.IDsOnly && !r.NoHighlight
	if !r.IDsOnly {
		req.Fields = []string{fTitle, fSource, fPublished}
		if snippets {
			req.Fields = append(req.Fields, fBody)
		}
	}
	if col == nil && !r.IDsOnly && !r.NoFacets {
		for _, f := range facetFields {
			if r.SourcesFacet && f.name != "sources" {
				continue
			}
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	var sr *bleve.SearchResult
	ran := false
	if cq != nil && (r.Sort == "" || r.Sort == "relevance") && !r.All {
		sr, ran, err = ix.searchX(ctx, cq, cq.words, req)
		if err != nil {
			return Result{}, fmt.Errorf("index: search: %w", err)
		}
		if ran {
			ix.facets.own.Add(1)
		}
	}
	if !ran {
		if sr, err = ix.bi.SearchInContext(ctx, req); err != nil {
			return Result{}, fmt.Errorf("index: search: %w", err)
		}
	}
	res := Result{Total: sr.Total, Took: sr.Took, Parsed: p, Hits: make([]Hit, 0, len(sr.Hits)),
		Sources: []FacetCount{}, Months: []FacetCount{}, Entities: []FacetCount{}}
	var mark func(string) bool
	if snippets {
		mark = func(string) bool { return false } // all: the openings
		if !r.All {
			mark = p.marker(r.Synonyms)
		}
	}
	for _, h := range sr.Hits {
		hit := Hit{ID: h.ID, Score: h.Score}
		if r.IDsOnly {
			res.Hits = append(res.Hits, hit)
			continue
		}
		hit.Title, _ = h.Fields[fTitle].(string)
		hit.Source, _ = h.Fields[fSource].(string)
		if s, ok := h.Fields[fPublished].(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				hit.Published = &t
			}
		}
		if snippets {
			// The words asked for marked where the body first has them,
			// else (a match in the title or a caption) the opening.
			body, _ := h.Fields[fBody].(string)
			hit.Snippet = Snippet(body, mark)
		}
		res.Hits = append(res.Hits, hit)
	}
	for name, f := range sr.Facets {
		counts := []FacetCount{}
		for _, t := range f.Terms.Terms() {
			counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
		}
		switch name {
		case "sources":
			res.Sources = counts
		case "months":
			res.Months = counts
		case "entities":
			res.Entities = counts
		}
	}
	if cq != nil && cq.counted {
		ix.facets.passes.Add(1)
	}
	if cq != nil && cq.facets {
		var fcs [len(facetFields)][]FacetCount
		if cq.counted {
			fcs = cq.facetCounts()
		} else {
			// bleve searched another snapshot than the column's (a merge
			// since): count on the column's own, as many matches.
			if fcs, _, err = col.count(ctx, ix, full); err != nil {
				return Result{}, fmt.Errorf("index: facets: %w", err)
			}
		}
		res.Sources, res.Months, res.Entities = fcs[0], fcs[1], fcs[2]
		if r.SourcesFacet {
			res.Months, res.Entities = []FacetCount{}, []FacetCount{}
		}
	}
	return res, nil
}

// filtered is q with the filters required as well (requireAlso), each a
// conjunct that scores nothing (filterQuery): the words and the filters
// leapfrog, and the scores are the words'.
func filtered(q query.Query, filters []query.Query) query.Query {
	if len(filters) == 0 {
		return q
	}
	fs := make([]query.Query, len(filters))
	for i, f := range filters {
		fs[i] = filterQuery{f}
	}
	return requireAlso(q, fs...)
}

// filters returns the queries an article must all match besides the
// words: its source, one of the entities, the date range; without
// sourceDate, the source and the date range are left out (a facet column
// checks them).
func (r Request) filters(sourceDate bool) ([]query.Query, error) {
	var fs []query.Query
	if r.IDs != nil {
		fs = append(fs, bleve.NewDocIDQuery(r.IDs))
	}
	if r.Source != "" && sourceDate {
		t := bleve.NewTermQuery(SourceKey(r.Source))
		t.SetField(fSourceKey)
		fs = append(fs, t)
	}
	if len(r.Entities) > 0 {
		q := entityFilter(r.Entities)
		if q == nil {
			return nil, fmt.Errorf("%w: empty entity name", ErrBadRequest)
		}
		fs = append(fs, q)
	}
	if !r.Since.IsZero() || !r.Until.IsZero() {
		if !r.Since.IsZero() && !r.Until.IsZero() && !r.Since.Before(r.Until) {
			return nil, fmt.Errorf("%w: empty date range: published on or after %s and before %s", ErrBadRequest,
				r.Since.Format(time.RFC3339), r.Until.Format(time.RFC3339))
		}
		if sourceDate {
			dq := bleve.NewDateRangeQuery(r.Since, r.Until)
			dq.SetField(fPublished)
			fs = append(fs, dq)
		}
	}
	return fs, nil
}

// maxRun is the longest run of an entity name's words indexed as one term
// (fEntityRun): a name of up to maxRun words is looked up, a longer one
// asked as a phrase.
const maxRun = 4

// segments groups an analysed name's keys by word, one slot per position
// holding every key at it (a word may have a second clitic reading or a
// derivational key), and splits the words where positions skip (a word
// the analysis drops): a phrase never spans such a gap by a run term.
func segments(toks analysis.TokenStream) [][][]string {
	var segs [][][]string
	last := 0
	for _, t := range toks {
		n := len(segs)
		switch {
		case n > 0 && t.Position == last:
			w := segs[n-1]
			w[len(w)-1] = append(w[len(w)-1], string(t.Term))
		case n > 0 && t.Position == last+1:
			segs[n-1] = append(segs[n-1], []string{string(t.Term)})
		default:
			segs = append(segs, [][]string{{string(t.Term)}})
		}
		last = t.Position
	}
	return segs
}

// nameRuns appends to dst the terms of every run of 2 to maxRun
// consecutive words of a name (a segment's slots): each run once for every
// choice of one key a word, the keys joined by a space. A phrase of the
// name's analysis matches an article exactly when one of the article's
// names has one of the phrase's run terms.
func nameRuns(words [][]string, dst []string) []string {
	for i := range words {
		for j := i + 2; j <= min(len(words), i+maxRun); j++ {
			dst = combos(words[i:j], "", dst)
		}
	}
	return dst
}

// combos appends prefix followed by every choice of one key from each of
// words, space-separated.
func combos(words [][]string, prefix string, dst []string) []string {
	if len(words) == 0 {
		return append(dst, prefix)
	}
	for _, k := range words[0] {
		p := k
		if prefix != "" {
			p = prefix + " " + k
		}
		dst = combos(words[1:], p, dst)
	}
	return dst
}

// entityFilter matches the articles naming any of names: each name as a
// phrase against the article's entity names, through the index's analysis.
// Names that analyse alike are asked once; a name of one word (one
// position, maybe with its other clitic reading) is asked as its terms,
// and a name of 2 to maxRun words as the run terms of its whole length
// (fEntityRun), not as a phrase: the same matches without reading term
// positions. nil when no name has any text.
func entityFilter(names []string) query.Query {
	an := analyzer.New()
	seen := map[string]bool{}
	var qs []query.Query
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		toks := an.Analyze([]byte(n))
		var terms []string
		one := len(toks) > 0
		for _, t := range toks {
			one = one && t.Position == toks[0].Position
			terms = append(terms, strconv.Itoa(t.Position)+":"+string(t.Term))
		}
		slices.Sort(terms)
		key := strings.Join(terms, " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		if !one {
			segs := segments(toks)
			if len(segs) != 1 || len(segs[0]) > maxRun {
				pq := bleve.NewMatchPhraseQuery(n)
				pq.SetField(fEntities)
				qs = append(qs, pq)
				continue
			}
			for _, run := range combos(segs[0], "", nil) {
				if !seen["run "+run] {
					seen["run "+run] = true
					tq := bleve.NewTermQuery(run)
					tq.SetField(fEntityRun)
					qs = append(qs, tq)
				}
			}
			continue
		}
		for _, t := range toks {
			if term := string(t.Term); !seen["term "+term] {
				seen["term "+term] = true
				tq := bleve.NewTermQuery(term)
				tq.SetField(fEntities)
				qs = append(qs, tq)
			}
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// Excerpt returns about n bytes of s cut at a word boundary, with "…" when
// cut: the snippet of a hit whose body holds none of the query's words.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}

// Build turns a parsed query into a bleve query. Every word (or phrase, or
// prefix) must match in the text field (title, body and captions); a word
// matches by its analysed key, its other reading and derivational keys, and
// with synonyms each synonym's key as an extra, lower-weighted alternative.
// The words the title holds add their title score, TitleBoost times, as
// optional clauses: they rank, they do not match. Words that are only
// stopwords are dropped from the required clauses. relaxed requires only
// 60% of the clauses instead of all.
func Build(p Parsed, synonyms, relaxed bool) (query.Query, error) {
	bq := bleve.NewBooleanQuery()
	var should, title []query.Query
	musts := 0
	for _, cl := range p.Must {
		var alts, talts []query.Query
		for _, t := range cl {
			q, err := termQuery(t, synonyms, fText, 1)
			if err != nil {
				return nil, err
			}
			if q == nil {
				continue
			}
			alts = append(alts, q)
			if tq, _ := termQuery(t, synonyms, fTitle, TitleBoost); tq != nil {
				talts = append(talts, tq)
			}
		}
		q := oneOf(alts)
		if q == nil {
			continue
		}
		if relaxed {
			should = append(should, q)
		} else {
			bq.AddMust(q)
		}
		title = append(title, oneOf(talts))
		musts++
	}
	if len(should) > 0 {
		words := bleve.NewBooleanQuery()
		words.AddShould(should...)
		words.SetMinShould(math.Ceil(0.6 * float64(len(should))))
		bq.AddMust(words)
	}
	for _, t := range p.MustNot {
		q, err := termQuery(t, false, fText, 1)
		if err != nil {
			return nil, err
		}
		if q != nil {
			bq.AddMustNot(q)
		}
	}
	if musts == 0 {
		if len(p.Must) > 0 {
			// Only stopwords were asked for: match nothing rather than
			// all, and say which words those were.
			return nil, &StopwordsError{Words: p.Stopwords()}
		}
		if len(p.MustNot) == 0 {
			return nil, ErrEmptyQuery
		}
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	if len(title) > 0 {
		bq.AddShould(title...) // MinShould 0 beside musts: optional
	}
	withCandidates(bq)
	return bq, nil
}

// oneOf is the disjunction of qs: nil for none, the query itself for one.
func oneOf(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// derived lists the terms the analyzer indexes at a word's position besides
// its key: the other reading (alt) and the DerivKey of each reading.
func derived(key, alt string) []string {
	var out []string
	add := func(k string) {
		if k != "" && k != key && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	add(alt)
	add(arabic.DerivKey(key))
	if alt != "" {
		add(arabic.DerivKey(alt))
	}
	return out
}

// termQuery is the query for one word or phrase in field, each match
// weighted boost, or nil when it has no searchable token.
func termQuery(t Term, synonyms bool, field string, boost float64) (query.Query, error) {
	if t.Prefix {
		return prefixQuery(t, field, boost)
	}
	keys, others := termKeys(t.Text)
	if len(keys) == 0 {
		return nil, nil
	}
	if t.Phrase || len(keys) > 1 {
		mq := bleve.NewMatchPhraseQuery(t.Text)
		mq.SetField(field)
		mq.SetBoost(boost)
		return mq, nil
	}
	var alts []query.Query
	for _, a := range wordAlts(t.Text, keys[0], others[0], synonyms) {
		tq := bleve.NewTermQuery(a.key)
		tq.SetField(field)
		tq.SetBoost(boost * a.weight)
		alts = append(alts, tq)
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// alt is a term a word is looked up by, with its weight relative to the
// word's own key.
type alt struct {
	key    string
	weight float64
}

// wordAlts lists the terms the word text (analysed to key, with its other
// reading other) is looked up by: its key, and the other reading and the
// derivational links the analyzer stacks on the word (a verb's masdar, a
// plural's singular, a number word's digits), at the word's weight as in
// the index; with synonyms, each synonym's key at SynonymBoost and each
// nearest neighbour's at NearBoost. Queries and snippets both read it.
func wordAlts(text, key, other string, synonyms bool) []alt {
	alts := []alt{{key, 1}}
	for _, k := range derived(key, other) {
		alts = append(alts, alt{k, 1})
	}
	if synonyms {
		for _, syn := range arabic.Synonyms(key) {
			alts = append(alts, alt{syn, SynonymBoost})
		}
		if e := neighbours.Load(); e != nil {
			for _, x := range e.Keys(text, key) {
				alts = append(alts, alt{x.Key, NearBoost})
			}
		}
	}
	return alts
}

// termKeys returns the keys the index analyzer gives the words of text
// that are not stopwords, each with its other reading ("" for none): the
// terms a query for text looks up.
func termKeys(text string) (keys, others []string) {
	arabic.EachTermAlt(text, func(_, _ int, key, alt string, stop bool) {
		if !stop && key != "" {
			keys = append(keys, key)
			others = append(others, alt)
		}
	})
	return keys, others
}

// prefixQuery matches the words whose analysed key starts with the key of
// a typed prefix (ليب* finds ليبيا، الليبية، ليبي), or with its other
// reading when its first letter may be a clitic. The prefix goes through
// the same analysis as a word, so its folding and clitics match the
// index's; a stopword is fine as a prefix (في* finds فيضانات).
func prefixQuery(t Term, field string, boost float64) (query.Query, error) {
	prefixes, n := prefixKeys(t.Text)
	switch {
	case n > 1:
		return nil, fmt.Errorf("%w: %q: a prefix is one word followed by * (for several words use a \"phrase\")", ErrBadQuery, t.Text+"*")
	case len(prefixes) == 0:
		return nil, fmt.Errorf("%w: %q: a prefix needs at least %d letters before the *", ErrBadQuery, t.Text+"*", MinPrefix)
	}
	var alts []query.Query
	for _, p := range prefixes {
		pq := bleve.NewPrefixQuery(p)
		pq.SetField(field)
		pq.SetBoost(boost)
		alts = append(alts, pq)
	}
	return oneOf(alts), nil
}

// prefixKeys returns the keys a typed prefix looks for (its analysed key
// and other reading, each of at least MinPrefix letters) and how many
// words text has.
func prefixKeys(text string) (prefixes []string, words int) {
	arabic.EachTermAlt(text, func(_, _ int, key, alt string, _ bool) {
		words++
		for _, k := range []string{key, alt} {
			if utf8.RuneCountInString(k) >= MinPrefix && !slices.Contains(prefixes, k) {
				prefixes = append(prefixes, k)
			}
		}
	})
	return prefixes, words
}
