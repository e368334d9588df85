package dedup

import (
	"context"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/parallel"
)

// Options tune near-duplicate detection. The zero value is not usable;
// start from DefaultOptions.
type Options struct {
	// Hashes is the length of a MinHash signature (its number of bins).
	Hashes int
	// Bands and Rows split the signature for LSH: two texts become a
	// candidate pair when all Rows values of one band agree. Bands*Rows
	// must not exceed Hashes.
	Bands, Rows int
	// Shingle is the number of consecutive words in a shingle.
	Shingle int
	// Threshold is the estimated Jaccard similarity of the shingle sets
	// from which two texts are near-duplicates.
	Threshold float64
}

// DefaultOptions are tuned on the sample corpus and syndicated copies of
// its articles made in the tests (dateline, credit, respelling, moved or
// dropped paragraph, one word in forty changed: Jaccard 0.62–1.00, while
// different articles of the sample, even on one story, stay at or below
// 0.03): 128 values (one-permutation hashing), 32 bands of 4 rows, word
// 5-shingles, threshold 0.5. A
// pair at Jaccard 0.5 becomes an LSH candidate with probability 0.87, at
// 0.6 with 0.99.
func DefaultOptions() Options {
	return Options{Hashes: 128, Bands: 32, Rows: 4, Shingle: 5, Threshold: 0.5}
}

func (o Options) check() error {
	switch {
	case o.Hashes < 1 || o.Hashes > 1024:
		return fmt.Errorf("dedup: Hashes = %d, want 1..1024", o.Hashes)
	case o.Bands < 1 || o.Rows < 1 || o.Bands*o.Rows > o.Hashes:
		return fmt.Errorf("dedup: Bands×Rows = %d×%d does not fit in %d hashes", o.Bands, o.Rows, o.Hashes)
	case o.Shingle < 1 || o.Shingle > 32:
		return fmt.Errorf("dedup: Shingle = %d, want 1..32", o.Shingle)
	case !(o.Threshold > 0 && o.Threshold <= 1):
		return fmt.Errorf("dedup: Threshold = %v, want (0, 1]", o.Threshold)
	}
	return nil
}

// Signature is the MinHash signature of a text: for each of its bins (one
// hash per shingle picks the bin, see hasher), the smallest value a
// shingle offered there, an empty bin borrowing another's. A text without
// words has an empty signature, which matches nothing.
type Signature []uint32

// Jaccard estimates the Jaccard similarity of the shingle sets behind two
// signatures of the same length: the share of positions where they agree.
// It is 0 when either is empty or their lengths differ.
func (s Signature) Jaccard(t Signature) float64 {
	if len(s) == 0 || len(s) != len(t) {
		return 0
	}
	same := 0
	for i := range s {
		if s[i] == t[i] {
			same++
		}
	}
	return float64(same) / float64(len(s))
}

// hasher computes signatures by one-permutation hashing with optimal
// densification (Shrivastava, ICML 2017): each shingle's 64-bit hash
// picks one of n bins and offers its low 32 bits there; a bin keeps its
// smallest offer, and an empty bin borrows the value of a non-empty bin
// chosen by a fixed hash of its index. Two sets agree on a bin with
// probability close to their Jaccard similarity, as with n independent
// hash functions, at the cost of one hash per shingle instead of n.
type hasher struct {
	n       int
	shingle int
}

func newHasher(n, shingle int) *hasher {
	return &hasher{n: n, shingle: shingle}
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// fnv64 is FNV-1a over a string.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// wordHashes returns a hash of the match key of every word and number of
// text, stopwords included: they carry the wording a copy shares.
func wordHashes(text string, dst []uint64) []uint64 {
	dst = dst[:0]
	arabic.EachTerm(text, func(_, _ int, key string, _ bool) {
		if key != "" {
			dst = append(dst, fnv64(key))
		}
	})
	return dst
}

// wordCache remembers the key hash of raw words: news repeats its words,
// and the stemmer is most of the cost of a signature. It is not safe for
// concurrent use; it is cleared when it reaches maxCached words.
type wordCache map[string]uint64

const maxCached = 1 << 18

// wordHashesCached is wordHashes through a cache.
func wordHashesCached(text string, dst []uint64, cache wordCache) []uint64 {
	dst = dst[:0]
	for t := range arabic.Tokens(text) {
		if t.Kind == arabic.KindPunct {
			continue
		}
		h, ok := cache[t.Text]
		if !ok {
			if k := arabic.Key(t.Text); k != "" {
				h = fnv64(k)
			}
			if len(cache) >= maxCached {
				clear(cache)
			}
			cache[strings.Clone(t.Text)] = h
		}
		if h != 0 {
			dst = append(dst, h)
		}
	}
	return dst
}

// signature computes the MinHash signature of the word hashes.
func (h *hasher) signature(words []uint64) Signature {
	if len(words) == 0 {
		return Signature{}
	}
	k := min(h.shingle, len(words))
	sig := make(Signature, h.n)
	filled := make([]bool, h.n)
	n := uint64(h.n)
	for i := 0; i+k <= len(words); i++ {
		x := shingleHash(words[i : i+k])
		bin, _ := bits.Mul64(x, n)
		if v := uint32(x); !filled[bin] || v < sig[bin] {
			sig[bin], filled[bin] = v, true
		}
	}
	for i := range sig {
		if filled[i] {
			continue
		}
		for try := uint64(0); ; try++ {
			j, _ := bits.Mul64(splitmix(uint64(i)<<32|try), n)
			if filled[j] {
				sig[i] = sig[j]
				break
			}
		}
	}
	return sig
}

// shingleHash hashes a run of word hashes, order-sensitive.
func shingleHash(words []uint64) uint64 {
	x := uint64(0x243f6a8885a308d3)
	for _, w := range words {
		x = bits.RotateLeft64(x, 23) ^ w
		x *= 0x9e3779b97f4a7c15
	}
	return splitmix(x)
}

// Index finds near-duplicates incrementally: each added text is compared
// with the earlier ones that share an LSH band (at most maxChain of them per
// band bucket, newest first) and joins their group. It is safe for
// concurrent use.
type Index struct {
	opt Options
	h   *hasher

	mu      sync.Mutex
	ids     []string
	byID    map[string]int32
	sigs    []Signature
	parent  []int32 // union-find; a root's first member is first[root]
	first   []int32
	buckets map[uint64]int32 // band key → head of a chain in chain
	chain   []link
	words   []uint64 // scratch for Add
	cache   wordCache
}

// maxChain is how many texts of one LSH bucket an added text is compared
// with, newest first.
const maxChain = 32

type link struct {
	doc, next int32
}

// NewIndex returns an empty index, or an error naming a bad option.
func NewIndex(opt Options) (*Index, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	return &Index{opt: opt, h: newHasher(opt.Hashes, opt.Shingle), byID: map[string]int32{}, buckets: map[uint64]int32{}, cache: wordCache{}}, nil
}

// Signature computes the signature of a text with the index's options. It
// does not change the index and may run on many goroutines at once.
func (ix *Index) Signature(text string) Signature {
	return ix.h.signature(wordHashes(text, nil))
}

// KeySignature is Signature for a caller that has already analysed the
// text: keys are the arabic.Key of every word and number of the text, in
// order, stopwords included (what arabic.EachTerm passes). It gives the
// same signature as Signature of that text.
func (ix *Index) KeySignature(keys []string) Signature {
	words := make([]uint64, 0, len(keys))
	for _, k := range keys {
		if k != "" {
			words = append(words, fnv64(k))
		}
	}
	return ix.h.signature(words)
}

// Add adds a text under id and returns the id of the group it joined: its
// own id when it copies nothing seen before, else the id of the group's
// first member. Adding an id again changes nothing and returns its group.
// Group ids are stable except when a text bridges two groups: the merged
// group takes the id of the earlier one.
func (ix *Index) Add(id, text string) string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if d, ok := ix.byID[id]; ok {
		return ix.ids[ix.first[ix.find(d)]]
	}
	ix.words = wordHashesCached(text, ix.words, ix.cache)
	return ix.addLocked(id, ix.h.signature(ix.words))
}

// AddSignature is Add for a signature computed with Signature (so the
// costly part can run in parallel). A signature of another length is
// treated as empty.
func (ix *Index) AddSignature(id string, sig Signature) string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if d, ok := ix.byID[id]; ok {
		return ix.ids[ix.first[ix.find(d)]]
	}
	if len(sig) != ix.opt.Hashes {
		sig = nil
	}
	return ix.addLocked(id, sig)
}

// Link records that two added ids are copies whatever their text says
// (the same canonical URL, say). Unknown ids are ignored.
func (ix *Index) Link(id1, id2 string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	a, ok1 := ix.byID[id1]
	b, ok2 := ix.byID[id2]
	if ok1 && ok2 {
		ix.union(a, b)
	}
}

func (ix *Index) addLocked(id string, sig Signature) string {
	d := int32(len(ix.ids))
	ix.ids = append(ix.ids, id)
	ix.byID[id] = d
	ix.sigs = append(ix.sigs, sig)
	ix.parent = append(ix.parent, d)
	ix.first = append(ix.first, d)
	if len(sig) == 0 {
		return id
	}
	var seen map[int32]bool
	for band := range ix.opt.Bands {
		key := uint64(band+1) * 0xff51afd7ed558ccd
		for _, v := range sig[band*ix.opt.Rows : (band+1)*ix.opt.Rows] {
			key = splitmix(key ^ uint64(v))
		}
		head, ok := ix.buckets[key]
		// A bucket lists its texts newest first; past maxChain of them the
		// band is a common passage (a boilerplate paragraph, a sentence
		// every copy of a recurring story carries), and comparing with
		// every older text would make adding quadratic.
		n := 0
		for c := head; ok && c >= 0 && n < maxChain; c, n = ix.chain[c].next, n+1 {
			o := ix.chain[c].doc
			if seen[o] {
				continue
			}
			if seen == nil {
				seen = map[int32]bool{}
			}
			seen[o] = true
			if ix.find(o) != ix.find(d) && sig.Jaccard(ix.sigs[o]) >= ix.opt.Threshold {
				ix.union(o, d)
			}
		}
		if !ok {
			head = -1
		}
		ix.chain = append(ix.chain, link{doc: d, next: head})
		ix.buckets[key] = int32(len(ix.chain) - 1)
	}
	return ix.ids[ix.first[ix.find(d)]]
}

func (ix *Index) find(d int32) int32 {
	for ix.parent[d] != d {
		ix.parent[d] = ix.parent[ix.parent[d]]
		d = ix.parent[d]
	}
	return d
}

func (ix *Index) union(a, b int32) {
	ra, rb := ix.find(a), ix.find(b)
	if ra == rb {
		return
	}
	if ix.first[rb] < ix.first[ra] {
		ra, rb = rb, ra
	}
	ix.parent[rb] = ra
}

// Group returns the group id of an added id.
func (ix *Index) Group(id string) (string, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	d, ok := ix.byID[id]
	if !ok {
		return "", false
	}
	return ix.ids[ix.first[ix.find(d)]], true
}

// Len returns the number of texts added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.ids)
}

// Groups returns every added id mapped to its group id.
func (ix *Index) Groups() map[string]string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	m := make(map[string]string, len(ix.ids))
	for d, id := range ix.ids {
		m[id] = ix.ids[ix.first[ix.find(int32(d))]]
	}
	return m
}

// Text is the text of an article that near-duplicate detection compares:
// the body, or the title when the body is empty. Titles are left out
// otherwise because outlets retitle the agency copies they carry.
func Text(a *news.Article) string {
	if b := a.Body(); len(b) > 0 {
		return b
	}
	return a.Title
}

// Groups maps the id of every article to its duplicate group: the id of
// the group's earliest member (by publication date, undated last, then by
// order in arts). An article that copies no other maps to its own id.
// Articles with the same canonical URL or the same text, and a copy and
// the original its CopyOf names (both in arts), are always one group;
// near-duplicates join at DefaultOptions. Signatures are computed
// on all cores.
func Groups(arts []news.Article) map[string]string {
	ix, _ := NewIndex(DefaultOptions())
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &arts[order[i]], &arts[order[j]]
		if a.HasPublished() != b.HasPublished() {
			return a.HasPublished()
		}
		return a.Published.Before(b.Published)
	})
	sigs := make([]Signature, len(arts))
	workers := parallel.Workers(len(arts), 64)
	words := make([][]uint64, workers)
	caches := make([]wordCache, workers)
	for w := range caches {
		caches[w] = wordCache{}
	}
	_ = parallel.For(context.Background(), len(arts), workers, func(w, i int) error {
		words[w] = wordHashesCached(Text(&arts[i]), words[w], caches[w])
		sigs[i] = ix.h.signature(words[w])
		return nil
	})
	byURL := map[string]string{}
	for _, i := range order {
		a := &arts[i]
		ix.AddSignature(a.ID, sigs[i])
		if u := news.CanonicalizeURL(a.CanonicalURL); u != "" {
			if o, ok := byURL[u]; ok {
				ix.Link(o, a.ID)
			} else {
				byURL[u] = a.ID
			}
		}
	}
	// A copy the store linked to its original (CopyOf) is in its group
	// even when the texts have parted since.
	for i := range arts {
		if a := &arts[i]; a.CopyOf != "" {
			ix.Link(a.CopyOf, a.ID)
		}
	}
	return ix.Groups()
}

// SentenceKey identifies a sentence whatever its spelling: the hash of the
// match keys of its words and numbers (arabic.Key: folded, clitics and
// affixes stripped, variants resolved), punctuation ignored. Two outlets
// carrying the same sentence as أميركا and أمريكا, with or without
// diacritics or a final full stop, get the same key. It is 0 for a
// sentence without words.
func SentenceKey(sentence string) uint64 {
	h := uint64(14695981039346656037)
	n := 0
	arabic.EachTerm(sentence, func(_, _ int, key string, _ bool) {
		if key == "" {
			return
		}
		n++
		for i := 0; i < len(key); i++ {
			h ^= uint64(key[i])
			h *= 1099511628211
		}
		h ^= ' '
		h *= 1099511628211
	})
	if n == 0 {
		return 0
	}
	if h == 0 {
		h = 1
	}
	return h
}
