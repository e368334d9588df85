package index

import (
	"container/list"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultCacheSize is how many results an index keeps for repeated
// searches (a server's pages, facets clicked back and forth): about 13 KB
// each with snippets and facets. At 256 the 600-query benchmark set asked
// twice in order hit nothing (least recently used, a cycle longer than the
// cache); at 1024 every repeat hits.
const DefaultCacheSize = 1024

// resultCache keeps the results of recent searches, keyed by the request
// and valid for one state of the index: an entry carries the index's Seq
// and write generation when it was computed, and any write (Apply,
// MarkBuiltWith) moves them on, so a stale entry is never served. It is
// bounded (least recently used out first).
type resultCache struct {
	mu      sync.Mutex
	max     atomic.Int64 // written under mu
	lru     *list.List   // of *cacheEntry, most recent first
	byKey   map[string]*list.Element
	gen     atomic.Uint64 // bumped by every write through this Index
	hits    atomic.Uint64
	misses  atomic.Uint64
	evicted atomic.Uint64
}

type cacheEntry struct {
	key string
	seq int64
	gen uint64
	res Result
}

func newResultCache(n int) *resultCache {
	c := &resultCache{lru: list.New(), byKey: map[string]*list.Element{}}
	c.max.Store(int64(n))
	return c
}

// CacheStats counts the result cache's lookups.
type CacheStats struct {
	Size    int    `json:"size"`    // entries held
	Max     int    `json:"max"`     // bound (0: cache off)
	Hits    uint64 `json:"hits"`    // searches answered from the cache
	Misses  uint64 `json:"misses"`  // searches run (cache on)
	Evicted uint64 `json:"evicted"` // entries dropped for room
}

// HitRate is hits / (hits + misses), 0 when nothing was looked up.
func (s CacheStats) HitRate() float64 {
	if s.Hits+s.Misses == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.Hits+s.Misses)
}

// SetCacheSize bounds the result cache to n results; 0 turns it off (and
// empties it), as latency measurements need.
func (ix *Index) SetCacheSize(n int) {
	c := ix.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	n = max(n, 0)
	c.max.Store(int64(n))
	for c.lru.Len() > n {
		c.drop(c.lru.Back())
	}
}

// CacheStats returns the result cache's counters since the index opened.
func (ix *Index) CacheStats() CacheStats {
	c := ix.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Size: c.lru.Len(), Max: int(c.max.Load()), Hits: c.hits.Load(), Misses: c.misses.Load(), Evicted: c.evicted.Load()}
}

func (c *resultCache) drop(e *list.Element) {
	delete(c.byKey, e.Value.(*cacheEntry).key)
	c.lru.Remove(e)
}

// written is called after every write to the index.
func (c *resultCache) written() { c.gen.Add(1) }

// cacheKey is the request's identity, or "" for a request not cached (an
// ID list, which names the articles an ingest just stored: seldom asked
// twice).
func cacheKey(r Request) string {
	if r.IDs != nil {
		return ""
	}
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	field(r.Query)
	field(r.Source)
	b.WriteString(strconv.Itoa(len(r.Entities)))
	for _, e := range r.Entities {
		field(e)
	}
	for _, t := range []time.Time{r.Since, r.Until} {
		field(strconv.FormatInt(t.UnixNano(), 10))
		if t.IsZero() {
			b.WriteByte('z')
		}
	}
	field(r.Sort)
	for _, n := range []int{r.Limit, r.Offset} {
		field(strconv.Itoa(n))
	}
	for _, f := range []bool{r.Synonyms, r.IDsOnly, r.All, r.NoFacets, r.NoHighlight, r.SourcesFacet} {
		if f {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// get returns a copy of the cached result for key at this state of the
// index.
func (c *resultCache) get(key string, seq int64) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max.Load() == 0 {
		return Result{}, false
	}
	e, ok := c.byKey[key]
	if !ok {
		c.misses.Add(1)
		return Result{}, false
	}
	ce := e.Value.(*cacheEntry)
	if ce.seq != seq || ce.gen != c.gen.Load() {
		c.drop(e)
		c.misses.Add(1)
		return Result{}, false
	}
	c.lru.MoveToFront(e)
	c.hits.Add(1)
	return ce.res.clone(), true
}

// put keeps a copy of res for key, computed at seq and generation gen
// (read before the search, so a write during it leaves the entry stale).
func (c *resultCache) put(key string, seq int64, gen uint64, res Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.max.Load() == 0 {
		return
	}
	if e, ok := c.byKey[key]; ok {
		c.drop(e)
	}
	c.byKey[key] = c.lru.PushFront(&cacheEntry{key: key, seq: seq, gen: gen, res: res.clone()})
	for int64(c.lru.Len()) > c.max.Load() {
		c.drop(c.lru.Back())
		c.evicted.Add(1)
	}
}

// clone copies a result's slices (hits' Published pointers point at
// values never changed), so a caller changing what it got cannot change the
// cache.
func (r Result) clone() Result {
	r.Hits = slices.Clone(r.Hits)
	r.Sources = slices.Clone(r.Sources)
	r.Months = slices.Clone(r.Months)
	r.Entities = slices.Clone(r.Entities)
	r.Ignored = slices.Clone(r.Ignored)
	r.Parsed = r.Parsed.clone()
	return r
}

func (p Parsed) clone() Parsed {
	must := make([]Clause, len(p.Must))
	for i, cl := range p.Must {
		must[i] = slices.Clone(cl)
	}
	if p.Must == nil {
		must = nil
	}
	p.Must, p.MustNot = must, slices.Clone(p.MustNot)
	return p
}
