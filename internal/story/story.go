package story

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/dedup"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/parallel"
	"github.com/taqrir/taqrir/internal/sparse"
)

// Options tune clustering. Start from DefaultOptions.
type Options struct {
	// Threshold is the cosine similarity between an article and a story's
	// centroid from which the article joins the story.
	Threshold float64
	// Window is how far before a story's first or after its last article
	// a new article may be published and still join it. Undated articles
	// and undated stories are not held to it.
	Window time.Duration
	// Terms is how many terms (by tf-idf) represent an article.
	Terms int
	// TitleWeight counts a title word as that many body words.
	TitleWeight float64
	// EntityWeight scales entity features against term features.
	EntityWeight float64
	// Centroid is how many features a story's centroid keeps.
	Centroid int
	// MergeThreshold is the cosine similarity of two stories' centroids
	// from which Merge joins them; 0 turns merging off.
	MergeThreshold float64
	// Unshared: when the story an article is most similar to shares none
	// of its entities, a story that shares one is preferred if its
	// similarity reaches Unshared × Threshold. Words alone (أسعار، تراجع،
	// ارتفاع) are what every economy story shares, not evidence of the
	// same event. 1 turns the preference down to stories above Threshold.
	Unshared float64
	// SeedThreshold: an article joins a story only when it is also this
	// similar (cosine) to the story's seed, the centroid of its first
	// seedSize articles, so that a story follows one development and does
	// not drift into the beat it belongs to (football, a war). An article
	// close to a story but not to its seed starts a story of its own,
	// linked to the first as its follow-up. 0 turns the check off.
	SeedThreshold float64
	// MaxSpan is how long a story runs from its first article: a later
	// article on it starts a follow-up story. 0: no limit.
	MaxSpan time.Duration
	// keepStale makes Cluster keep every story in the postings even when
	// articles come in date order (the result is the same, only slower):
	// for the test that shows dropping them is exact.
	keepStale bool
}

// DefaultOptions are tuned on the sample corpus (see story_test.go);
// SeedThreshold and MaxSpan on the real-news dev pairs (taqrir eval
// stories --sweep).
func DefaultOptions() Options {
	return Options{Threshold: 0.15, Window: 10 * 24 * time.Hour, Terms: 80, TitleWeight: 3, EntityWeight: 1.5, Centroid: 200, MergeThreshold: 0.4, Unshared: 0.8,
		SeedThreshold: 0.2}
}

// seedSize is how many first articles make a story's seed;
// seedCheckSize is how many articles a story has before an article must
// be close to its seed too: drift is what long stories do (a beat absorbing
// its news for months), and a short one's later articles may take another
// angle on the same event (a heatwave, then the fires it starts).
const (
	seedSize      = 3
	seedCheckSize = 8
)

func (o Options) check() error {
	switch {
	case !(o.Threshold > 0 && o.Threshold <= 1):
		return fmt.Errorf("story: Threshold = %v, want (0, 1]", o.Threshold)
	case o.Window < 0:
		return fmt.Errorf("story: Window = %v, want ≥ 0", o.Window)
	case o.Terms < 1 || o.Centroid < 1:
		return fmt.Errorf("story: Terms = %d, Centroid = %d, want ≥ 1", o.Terms, o.Centroid)
	case !(o.MergeThreshold >= 0 && o.MergeThreshold <= 1):
		return fmt.Errorf("story: MergeThreshold = %v, want [0, 1]", o.MergeThreshold)
	case !(o.Unshared > 0 && o.Unshared <= 1):
		return fmt.Errorf("story: Unshared = %v, want (0, 1]", o.Unshared)
	case !(o.SeedThreshold >= 0 && o.SeedThreshold <= 1) || o.MaxSpan < 0:
		return fmt.Errorf("story: SeedThreshold = %v, MaxSpan = %v, want [0, 1] and ≥ 0", o.SeedThreshold, o.MaxSpan)
	case !(o.TitleWeight >= 0) || !(o.EntityWeight >= 0):
		return fmt.Errorf("story: TitleWeight = %v, EntityWeight = %v, want ≥ 0", o.TitleWeight, o.EntityWeight)
	}
	return nil
}

// Story is one cluster of articles. Its id is the id of its first
// article (the earliest, in batch clustering), so it is stable as long
// as that article stays in it.
type Story struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"` // of the most central article
	Articles []Ref     `json:"articles"`
	First    time.Time `json:"first"` // earliest publication; null in JSON when no article is dated
	Last     time.Time `json:"last"`
	Entities []Entity  `json:"entities"` // by the number of articles naming them
	Size     int       `json:"size"`
	// FollowUpOf is the id of the story this one follows up: its first
	// article was close to that story but the story had ended (MaxSpan)
	// or the article had drifted from what it was about (SeedThreshold).
	FollowUpOf string `json:"follow_up_of,omitempty"`
}

// MarshalJSON writes the story with null for an unknown First or Last,
// so every key is always there.
func (s Story) MarshalJSON() ([]byte, error) {
	day := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	return json.Marshal(struct {
		ID         string     `json:"id"`
		Title      string     `json:"title"`
		Articles   []Ref      `json:"articles"`
		First      *time.Time `json:"first"`
		Last       *time.Time `json:"last"`
		Entities   []Entity   `json:"entities"`
		Size       int        `json:"size"`
		FollowUpOf string     `json:"follow_up_of,omitempty"`
	}{s.ID, s.Title, s.Articles, day(s.First), day(s.Last), s.Entities, s.Size, s.FollowUpOf})
}

// Ref is an article of a story, oldest first, undated last.
type Ref struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// DuplicateOf is the id of the article this one copies, when it is a
	// near-duplicate (a syndicated or re-published copy).
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// Entity is one of a story's top entities.
type Entity struct {
	Name     string `json:"name"`     // canonical name
	Type     string `json:"type"`     // news.EntityPerson etc.
	Articles int    `json:"articles"` // how many of the story's articles name it
}

// TopEntities is how many entities a Story lists.
const TopEntities = 8

// feature is a raw count of one feature key of an article (prepared, on
// any goroutine).
type feature struct {
	key string
	w   float64
}

// fid numbers a feature key in a Clusterer's vocabulary (Clusterer.names):
// vectors, centroids and postings hold numbers, so that comparing an
// article with a story hashes no strings.
type fid = uint32

// wfeature is a weighted feature of a member's vector; ent marks an entity
// feature (its key starts with entityPrefix).
type wfeature struct {
	id  fid
	w   float64
	ent bool
}

type member struct {
	ref      Ref
	vec      []wfeature // L2-normalised
	entities map[string]entityCount
}

type entityCount struct {
	typ      string
	mentions int
}

type cluster struct {
	members     []member
	centroid    []wfeature // by feature number: the summed vectors of the members, pruned
	norm        float64
	first, last time.Time       // dated span; zero when no member is dated
	places      []place         // the places its members name; nil: not read yet
	seed        map[fid]float64 // the summed vectors of the first seedSize members
	seedNorm    float64
	followUpOf  string // the id of the story this one follows up, if any
}

// Clusterer assigns articles to stories as they arrive. It is safe for
// concurrent use; arrival order matters (an article is compared with the
// stories formed so far).
type Clusterer struct {
	opt  Options
	dups *dedup.Index

	mu        sync.Mutex
	ids       map[string]fid // feature key → its number
	names     []string       // its key, by number
	df        []int          // document frequency, by number
	docs      int
	fixedDF   bool
	stories   []*cluster
	byArticle map[string]int
	postings  [][]int32 // by feature number: the stories whose centroid held it
	dropStale bool      // articles arrive in date order: postings may forget stories out of the window
	seen      []uint32  // per story: the stamp of the last candidates call that saw it
	stamp     uint32
	cand      []int32
	byID, sum []wfeature // join's vector by feature number and its new centroid, reused
	near      []int32    // add's stories to compare, reused
	sims      []float64  // and their similarities
	article   sparseSet  // the vector of the article being placed, for similarity
	arrivals  []arrival  // every article added, in order, for Save (not kept by Cluster)
	encoded   int        // the size of the last state Encode made, to size the next
}

// arrival is what the near-duplicate index was given for one article, so
// Open can replay it.
type arrival struct {
	id  string
	sig dedup.Signature
}

// New returns an empty Clusterer, or an error naming a bad option.
func New(opt Options) (*Clusterer, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	dups, err := dedup.NewIndex(dedup.DefaultOptions())
	if err != nil {
		return nil, err
	}
	return &Clusterer{opt: opt, dups: dups, ids: map[string]fid{}, byArticle: map[string]int{}}, nil
}

// intern returns a feature key's number, giving it the next one when new.
func (c *Clusterer) intern(key string) fid {
	if id, ok := c.ids[key]; ok {
		return id
	}
	id := fid(len(c.names))
	c.ids[key] = id
	c.names = append(c.names, key)
	c.df = append(c.df, 0)
	c.postings = append(c.postings, nil)
	return id
}

// Add assigns an article to a story and returns the story's id. Adding an
// article id again returns its story unchanged.
func (c *Clusterer) Add(a *news.Article) string {
	return c.add(a, c.prepare(a, nil))
}

// prepared is what Add needs from an article's text, computed in one
// analysis pass (and, in Cluster, on all cores).
type prepared struct {
	raw  []feature // raw counts, one per feature
	ents map[string]entityCount
	sig  dedup.Signature
}

func (c *Clusterer) prepare(a *news.Article, cache *arabic.TermCache) prepared {
	raw, ents, keys := features(a, c.opt.TitleWeight, cache)
	var sig dedup.Signature
	if len(a.Paragraphs) > 0 && keys != nil {
		sig = c.dups.KeySignature(keys)
	} else {
		sig = c.dups.Signature(dedup.Text(a))
	}
	counts := make([]feature, 0, len(raw))
	for k, w := range raw {
		counts = append(counts, feature{k, w})
	}
	return prepared{raw: counts, ents: ents, sig: sig}
}

func (c *Clusterer) add(a *news.Article, p prepared) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.byArticle[a.ID]; ok {
		return c.stories[s].members[0].ref.ID
	}
	ids := make([]fid, len(p.raw))
	for i, f := range p.raw {
		ids[i] = c.intern(f.key)
	}
	if !c.fixedDF {
		c.docs++
		for _, id := range ids {
			c.df[id]++
		}
		c.arrivals = append(c.arrivals, arrival{a.ID, p.sig})
	}
	m := member{
		ref:      Ref{ID: a.ID, Title: a.Title, Source: a.Source, Published: a.Published},
		vec:      c.weigh(p.raw, ids),
		entities: p.ents,
	}
	g := c.dups.AddSignature(a.ID, p.sig)
	if a.CopyOf != "" {
		// The store says it is a copy (its text and the original's may
		// have parted since: a correction, a re-extraction): it goes with
		// its original's group whatever the texts say.
		if og, ok := c.dups.Group(a.CopyOf); ok {
			g = og
		}
	}
	if g != a.ID {
		m.ref.DuplicateOf = g
		// A copy joins its original's story whatever its similarity, but
		// not across time: a re-publication months later starts afresh,
		// or duplicate links would chain a recurring story's years into
		// one.
		if s, ok := c.byArticle[g]; ok && c.inWindow(c.stories[s], a.Published) {
			c.join(s, m)
			return c.stories[s].members[0].ref.ID
		}
	}
	best, bestSim := -1, c.opt.Threshold
	follow, followSim := -1, c.opt.Threshold
	// The stories of the window sharing a heavy feature, each compared
	// with the article on its own (on all cores when there are many: about
	// a hundred an article on the real corpus), then weighed in story
	// order.
	near := c.near[:0]
	for _, s := range c.candidates(m) {
		if st := c.stories[s]; c.inWindow(st, a.Published) && st.norm != 0 {
			near = append(near, s)
		}
	}
	c.near = near
	sims := slices.Grow(c.sims[:0], len(near))[:len(near)]
	c.sims = sims
	c.article.set(m.vec, len(c.names))
	placed := c.placed(m)
	compare := func(_, i int) error {
		sims[i] = c.similarity(c.stories[near[i]], placed)
		return nil
	}
	if len(near) >= parallelCompare {
		_ = parallel.For(context.Background(), len(near), parallel.Workers(len(near), parallelCompare/2), compare)
	} else {
		for i := range near {
			compare(0, i)
		}
	}
	c.article.reset(m.vec)
	for i, s32 := range near {
		s, st, sim := int(s32), c.stories[s32], sims[i]
		if sim < c.opt.Threshold {
			continue
		}
		if c.ended(st, m) {
			if sim > followSim || follow < 0 && sim == followSim {
				follow, followSim = s, sim
			}
			continue
		}
		if sim > bestSim || best < 0 && sim == bestSim {
			best, bestSim = s, sim
		}
	}
	if best < 0 {
		best = len(c.stories)
		st := &cluster{}
		if follow >= 0 {
			st.followUpOf = c.stories[follow].members[0].ref.ID
		}
		c.stories = append(c.stories, st)
	}
	c.join(best, m)
	return c.stories[best].members[0].ref.ID
}

// candidates returns the stories sharing one of the article's heaviest
// features: only they can reach a positive similarity worth computing.
// They come in story order, so ties go to the older story.
func (c *Clusterer) candidates(m member) []int32 {
	c.stamp++
	if len(c.seen) < len(c.stories) {
		c.seen = append(c.seen, make([]uint32, len(c.stories)-len(c.seen))...)
	}
	cand := c.cand[:0]
	for i, f := range m.vec {
		if i == 16 {
			break
		}
		list := c.postings[f.id]
		if c.dropStale && !m.ref.Published.IsZero() {
			kept := list[:0]
			for _, s := range list {
				if st := c.stories[s]; st.first.IsZero() || !st.last.Add(c.opt.Window).Before(m.ref.Published) {
					kept = append(kept, s)
				}
			}
			if len(kept) < len(list) {
				c.postings[f.id] = kept
			}
			list = kept
		}
		for _, s := range list {
			if c.seen[s] != c.stamp {
				c.seen[s] = c.stamp
				cand = append(cand, s)
			}
		}
	}
	slices.Sort(cand)
	c.cand = cand
	return cand
}

func (c *Clusterer) inWindow(st *cluster, t time.Time) bool {
	if t.IsZero() || st.first.IsZero() {
		return true
	}
	return !t.Before(st.first.Add(-c.opt.Window)) && !t.After(st.last.Add(c.opt.Window))
}

// ended reports whether story st takes no more articles like m: it has
// run MaxSpan since its first article, or m has drifted from its seed.
func (c *Clusterer) ended(st *cluster, m member) bool {
	if t := m.ref.Published; c.opt.MaxSpan > 0 && !t.IsZero() && !st.first.IsZero() && t.Sub(st.first) > c.opt.MaxSpan {
		return true
	}
	if c.opt.SeedThreshold > 0 && len(st.members) >= seedCheckSize && st.seedNorm > 0 {
		return dot(m.vec, st.seed)/st.seedNorm < c.opt.SeedThreshold
	}
	return false
}

// addSeed adds a member's vector to the story's seed while the story has
// at most seedSize members.
func (st *cluster) addSeed(m member) {
	if len(st.members) > seedSize {
		return
	}
	if st.seed == nil {
		st.seed = map[fid]float64{}
	}
	for _, f := range m.vec {
		st.seed[f.id] += f.w
	}
	st.seedNorm = 0
	for _, w := range st.seed {
		st.seedNorm += w * w
	}
	st.seedNorm = math.Sqrt(st.seedNorm)
}

// join adds a member to story s and refreshes its centroid and postings.
func (c *Clusterer) join(s int, m member) {
	st := c.stories[s]
	st.members = append(st.members, m)
	st.addSeed(m)
	if st.places != nil {
		c.addPlaces(st, m)
	}
	c.byArticle[m.ref.ID] = s
	if t := m.ref.Published; !t.IsZero() {
		if st.first.IsZero() || t.Before(st.first) {
			st.first = t
		}
		if t.After(st.last) {
			st.last = t
		}
	}
	add := append(c.byID[:0], m.vec...)
	slices.SortFunc(add, byID)
	c.byID = add
	sum := slices.Grow(c.sum[:0], len(st.centroid)+len(add))
	i, j := 0, 0
	for i < len(st.centroid) || j < len(add) {
		switch {
		case j == len(add) || i < len(st.centroid) && st.centroid[i].id < add[j].id:
			sum = append(sum, st.centroid[i])
			i++
		case i == len(st.centroid) || add[j].id < st.centroid[i].id:
			c.postings[add[j].id] = append(c.postings[add[j].id], int32(s))
			sum = append(sum, add[j])
			j++
		default:
			f := st.centroid[i]
			f.w += add[j].w
			sum = append(sum, f)
			i++
			j++
		}
	}
	if len(sum) > 2*c.opt.Centroid {
		sum = prune(sum, c.opt.Centroid)
	}
	c.sum = sum
	// Into the story's own array when it has room: a story's centroid
	// grows to 2×Centroid at most, and reallocating it at every join was
	// the stories' garbage.
	st.centroid = append(st.centroid[:0], sum...)
	st.norm = norm(st.centroid)
}

func byID(a, b wfeature) int { return cmp.Compare(a.id, b.id) }

// norm is a vector's L2 norm.
func norm(v []wfeature) float64 {
	n := 0.0
	for _, f := range v {
		n += f.w * f.w
	}
	return math.Sqrt(n)
}

// prune keeps the n heaviest features of a centroid (and any as heavy as
// the nth), in their order.
func prune(v []wfeature, n int) []wfeature {
	ws := make([]float64, len(v))
	for i, f := range v {
		ws[i] = f.w
	}
	sort.Float64s(ws)
	cut := ws[len(ws)-n]
	kept := v[:0]
	for _, f := range v {
		if f.w >= cut {
			kept = append(kept, f)
		}
	}
	return kept
}

// weightOf is the weight of feature id in a vector sorted by number.
func weightOf(v []wfeature, id fid) float64 {
	if i, ok := slices.BinarySearchFunc(v, id, func(f wfeature, id fid) int { return cmp.Compare(f.id, id) }); ok {
		return v[i].w
	}
	return 0
}

// similarity is the cosine of the article being placed (c.article) and a
// story's centroid, scaled by Unshared when the two are set apart: the
// article names a place (placed), the story names places too, they share
// no entity, and none of the story's places is among the article's words.
// It walks the centroid and asks the article's set, which answers from a
// bitmap for the many features the article lacks. It reads st and the
// Clusterer, and writes nothing but st's places (made once): stories apart
// may be compared at once.
func (c *Clusterer) similarity(st *cluster, placed bool) float64 {
	sim, shared := 0.0, false
	a := &c.article
	for _, f := range st.centroid {
		if !a.has(f.id) {
			continue
		}
		sim += f.w * a.w[f.id]
		shared = shared || f.ent
	}
	sim /= st.norm
	if placed && !shared && c.elsewhere(st) {
		sim *= c.opt.Unshared
	}
	return sim
}

// sparseSet is an article's vector set out by feature number: a bitmap of
// the features it holds beside their weights, so that asking for one of
// the many features it lacks reads one word of a bitmap small enough for
// the cache. set and reset touch only the article's own features.
type sparseSet struct {
	bits []uint64
	w    []float64
}

func (a *sparseSet) set(vec []wfeature, n int) {
	if len(a.w) < n {
		a.w = append(a.w, make([]float64, n-len(a.w))...)
		a.bits = append(a.bits, make([]uint64, (n+63)/64-len(a.bits))...)
	}
	for _, f := range vec {
		a.bits[f.id>>6] |= 1 << (f.id & 63)
		a.w[f.id] = f.w
	}
}

func (a *sparseSet) reset(vec []wfeature) {
	for _, f := range vec {
		a.bits[f.id>>6] = 0
		a.w[f.id] = 0
	}
}

func (a *sparseSet) has(id fid) bool {
	return int(id>>6) < len(a.bits) && a.bits[id>>6]&(1<<(id&63)) != 0
}

// placed reports whether an article's vector holds a place among its
// entities.
func (c *Clusterer) placed(m member) bool {
	for _, f := range m.vec {
		if f.ent && m.entities[c.names[f.id][len(entityPrefix):]].typ == news.EntityPlace {
			return true
		}
	}
	return false
}

// parallelCompare is how many stories an article is compared with before
// the comparisons are spread over the cores (a variable for the test that
// spreads every comparison).
var parallelCompare = 64

// elsewhere reports whether a story names places and the article being
// placed (c.article) mentions none of them among its words.
func (c *Clusterer) elsewhere(st *cluster) bool {
	if st.places == nil {
		st.places = []place{}
		for _, sm := range st.members {
			c.addPlaces(st, sm)
		}
	}
	if len(st.places) == 0 {
		return false
	}
	for _, p := range st.places {
		all := true
		for _, id := range p.ids {
			all = all && c.article.has(id)
		}
		for _, k := range p.unknown {
			// Not a feature when the places were read: it may be one
			// since (an article's features are all numbered before it
			// is compared).
			id, ok := c.ids[k]
			all = all && ok && c.article.has(id)
		}
		if all {
			return false
		}
	}
	return true
}

// place is a place a story names: the numbers of its term keys, and those
// of its keys that were no feature's yet.
type place struct {
	name    string
	ids     []fid
	unknown []string
}

// addPlaces adds to a story's places those a member names that it lacks.
func (c *Clusterer) addPlaces(st *cluster, m member) {
	for name, e := range m.entities {
		if e.typ != news.EntityPlace || slices.ContainsFunc(st.places, func(p place) bool { return p.name == name }) {
			continue
		}
		p := place{name: name}
		arabic.EachTerm(name, func(_, _ int, key string, stop bool) {
			if stop {
				return
			}
			if id, ok := c.ids[key]; ok {
				p.ids = append(p.ids, id)
			} else {
				p.unknown = append(p.unknown, key)
			}
		})
		if len(p.ids)+len(p.unknown) > 0 {
			st.places = append(st.places, p)
		}
	}
}

func dot(v []wfeature, c map[fid]float64) float64 {
	s := 0.0
	for _, f := range v {
		s += f.w * c[f.id]
	}
	return s
}

// entityPrefix marks entity features apart from term keys.
const entityPrefix = "\x00"

// features returns the raw counts of an article's term keys (title words
// weighted) and entity names, its entities by canonical name, and the key
// of every word of its body in order (for the near-duplicate signature).
// A nil cache analyses every word afresh.
func features(a *news.Article, titleWeight float64, cache *arabic.TermCache) (map[string]float64, map[string]entityCount, []string) {
	raw := map[string]float64{}
	var keys []string
	term := func(key string, stop bool, w float64, keep bool) {
		if keep && key != "" {
			keys = append(keys, key)
		}
		if stop || len(key) < 4 || key[0] < 0x80 && (key[0] >= '0' && key[0] <= '9') {
			return
		}
		raw[key] += w
	}
	add := func(text string, w float64, keep bool) {
		cache.EachTerm(text, func(_, _ int, key string, stop bool) { term(key, stop, w, keep) })
	}
	add(a.Title, titleWeight, false)
	for _, p := range a.Paragraphs {
		add(p, 1, true)
	}
	ents := map[string]entityCount{}
	for _, e := range a.Entities {
		name := e.Canonical
		if name == "" {
			name = e.Text
		}
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		ec := ents[name]
		if ec.typ == "" {
			ec.typ = e.Type
		}
		ec.mentions++
		ents[name] = ec
		raw[entityPrefix+name]++
	}
	return raw, ents, keys
}

// Prior document frequencies: idf is computed as if the articles seen
// came with priorDocs more in which every feature appears at the rate
// priorRate. A small batch, say the six articles of one story that a
// filter or a query selected, then weighs its words by frequency rather
// than calling the words all six share the least telling; a large batch
// (thousands of articles) outweighs the prior.
var (
	priorDocs = 100.0
	priorRate = 0.02
)

func (c *Clusterer) idf(n, df float64) float64 {
	return math.Log((n + priorDocs + 1) / (df + priorDocs*priorRate + 1))
}

// weigh turns raw counts (ids their feature numbers) into the article's
// normalised tf-idf vector of its top terms and all its entities, heaviest
// first (ties by key).
func (c *Clusterer) weigh(raw []feature, ids []fid) []wfeature {
	type kf struct {
		key string
		f   wfeature
	}
	n := float64(c.docs)
	var terms, ents []kf
	for i, f := range raw {
		w := (1 + math.Log(f.w)) * c.idf(n, float64(c.df[ids[i]]))
		if strings.HasPrefix(f.key, entityPrefix) {
			ents = append(ents, kf{f.key, wfeature{ids[i], w * c.opt.EntityWeight, true}})
		} else {
			terms = append(terms, kf{f.key, wfeature{ids[i], w, false}})
		}
	}
	heaviest := func(fs []kf) {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].f.w != fs[j].f.w {
				return fs[i].f.w > fs[j].f.w
			}
			return fs[i].key < fs[j].key
		})
	}
	heaviest(terms)
	if len(terms) > c.opt.Terms {
		terms = terms[:c.opt.Terms]
	}
	vec := append(ents, terms...)
	heaviest(vec)
	norm := 0.0
	for _, x := range vec {
		norm += x.f.w * x.f.w
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
	} else {
		norm = 1
	}
	out := make([]wfeature, len(vec))
	for i, x := range vec {
		out[i] = x.f
		out[i].w /= norm
	}
	return out
}

// Stories returns the stories so far, most recently active first
// (undated stories last), each with its articles oldest first.
func (c *Clusterer) Stories() []Story {
	return c.Select(nil)
}

// Select is Stories restricted to the articles keep accepts (nil keeps
// all): a story lists only those, its span, size, title and entities
// follow from them, and a story with none is left out. Its id stays the
// id of its first article, kept or not. It is Listing().Select(keep).
func (c *Clusterer) Select(keep func(Ref) bool) []Story {
	return c.Listing().Select(keep)
}

// StoryOf returns the id of the story an added article is in.
func (c *Clusterer) StoryOf(articleID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.byArticle[articleID]
	if !ok {
		return "", false
	}
	return c.stories[s].members[0].ref.ID, true
}

// Cluster groups a batch of articles into stories: document frequencies
// are taken over the whole batch first, then the articles are added
// oldest first (undated last), as they would have arrived.
func Cluster(arts []news.Article, opt Options) ([]Story, error) {
	c, err := New(opt)
	if err != nil {
		return nil, err
	}
	c.fixedDF = true
	preps := make([]prepared, len(arts))
	workers := parallel.Workers(len(arts), 32)
	caches := make([]arabic.TermCache, workers)
	_ = parallel.For(context.Background(), len(arts), workers, func(w, i int) error {
		preps[i] = c.prepare(&arts[i], &caches[w])
		return nil
	})
	for _, p := range preps {
		for _, f := range p.raw {
			c.df[c.intern(f.key)]++
		}
	}
	c.docs = len(arts)
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := arts[order[i]].Published, arts[order[j]].Published
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.Before(b)
	})
	// Dated articles come in date order, so a story whose window has
	// passed can leave the postings for good (see candidates); the undated
	// ones, compared with every story, get the full postings back.
	c.dropStale = !c.opt.keepStale
	for _, i := range order {
		if c.dropStale && !arts[i].HasPublished() {
			c.dropStale = false
			c.rebuild()
		}
		c.add(&arts[i], preps[i])
		preps[i] = prepared{}
	}
	c.dropStale = false
	c.rebuild()
	c.Merge()
	return c.Stories(), nil
}

// Merge joins stories that arrival order split: two stories whose spans
// come within the window of each other and whose centroids are at least
// MergeThreshold similar become one. Pairs are taken most similar first,
// in one pass; a story absorbed keeps no id of its own: the older story
// (the one whose first article came first) absorbs the younger, so a
// story's id stays the id of its first article and an id once listed
// only goes when its story joins an older one.
func (c *Clusterer) Merge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.merge(nil)
}

// merge is Merge over the pairs with at least one story touched holds
// (nil: all pairs). A pair of untouched stories was weighed by an earlier
// merge with the same centroids and spans, so catching up with a few new
// articles costs a pass over the stories they touched, not over all.
func (c *Clusterer) merge(touched map[int]bool) {
	if c.opt.MergeThreshold == 0 || len(c.stories) < 2 || touched != nil && len(touched) == 0 {
		return
	}
	// Dated stories by first date, so only those within the window are
	// compared; undated ones are compared with all.
	order := make([]int, len(c.stories))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := c.stories[order[i]].first, c.stories[order[j]].first
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.Before(b)
	})
	type pair struct {
		a, b int
		sim  float64
	}
	var pairs []pair
	// Only stories that share one of a story's heaviest centroid features
	// can reach MergeThreshold: they are found through the postings, so a
	// rebuild does not compare every two stories of a window (on the real
	// corpus that quadratic pass was half the rebuild).
	pos := make([]int, len(c.stories))
	for x, i := range order {
		pos[i] = x
	}
	seenPair := map[uint64]bool{}
	var cands []int
	for _, i := range order {
		if touched != nil && !touched[i] {
			continue
		}
		cands = c.mergeCandidates(i, cands[:0])
		for _, j := range cands {
			if j == i {
				continue
			}
			i, j := i, j
			if pos[j] < pos[i] {
				i, j = j, i
			}
			k := uint64(i)<<32 | uint64(j)
			if seenPair[k] {
				continue
			}
			seenPair[k] = true
			a, b := c.stories[i], c.stories[j]
			if !a.first.IsZero() && !b.first.IsZero() && b.first.After(a.last.Add(c.opt.Window)) {
				continue // later dated stories may still meet a; undated ones follow
			}
			if a.norm == 0 || b.norm == 0 || !c.spansMeet(a, b) {
				continue
			}
			if sim := dotSorted(a.centroid, b.centroid) / (a.norm * b.norm); sim >= c.opt.MergeThreshold {
				if !c.mergeable(a, b) {
					linkFollowUp(a, b) // related, not one story: the later follows the earlier up
					continue
				}
				pairs = append(pairs, pair{i, j, sim})
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].sim > pairs[j].sim })
	into := make([]int, len(c.stories))
	for i := range into {
		into[i] = i
	}
	root := func(i int) int {
		for into[i] != i {
			i = into[i]
		}
		return i
	}
	for _, p := range pairs {
		a, b := root(p.a), root(p.b)
		if a == b || !c.spansMeet(c.stories[a], c.stories[b]) || !c.mergeable(c.stories[a], c.stories[b]) {
			continue
		}
		if b < a {
			a, b = b, a // stories are kept in the order they started
		}
		from := c.stories[b]
		c.stories[b] = &cluster{}
		into[b] = a
		for _, m := range from.members {
			c.join(a, m)
		}
	}
	kept := c.stories[:0]
	for _, st := range c.stories {
		if len(st.members) > 0 {
			kept = append(kept, st)
		}
	}
	c.stories = kept
	c.rebuild()
}

// rebuild recomputes the postings and the article → story map from the
// stories.
func (c *Clusterer) rebuild() {
	clear(c.postings)
	for s, st := range c.stories {
		for _, f := range st.centroid {
			c.postings[f.id] = append(c.postings[f.id], int32(s))
		}
		for _, m := range st.members {
			c.byArticle[m.ref.ID] = s
		}
	}
}

// spansMeet reports whether two stories' dated spans come within the
// window of each other (an undated story meets any).
func (c *Clusterer) spansMeet(a, b *cluster) bool {
	if a.first.IsZero() || b.first.IsZero() {
		return true
	}
	return !b.first.After(a.last.Add(c.opt.Window)) && !a.first.After(b.last.Add(c.opt.Window))
}

// mergeTop is how many of a story's heaviest centroid features find its
// merge candidates; a feature held by more than maxMergePosting stories
// finds none.
const (
	mergeTop        = 16
	maxMergePosting = 300
)

// mergeCandidates appends to out the stories whose centroid holds one of
// story i's mergeTop heaviest features.
func (c *Clusterer) mergeCandidates(i int, out []int) []int {
	type kw struct {
		k fid
		w float64
	}
	fs := make([]kw, 0, len(c.stories[i].centroid))
	for _, f := range c.stories[i].centroid {
		fs = append(fs, kw{f.id, f.w})
	}
	sort.Slice(fs, func(x, y int) bool {
		if fs[x].w != fs[y].w {
			return fs[x].w > fs[y].w
		}
		return c.names[fs[x].k] < c.names[fs[y].k]
	})
	seen := map[int]bool{}
	for _, f := range fs[:min(mergeTop, len(fs))] {
		if len(c.postings[f.k]) > maxMergePosting {
			continue // a feature hundreds of stories hold (a country) tells no story apart
		}
		for _, s := range c.postings[f.k] {
			if int(s) < len(c.stories) && !seen[int(s)] {
				seen[int(s)] = true
				out = append(out, int(s))
			}
		}
	}
	sort.Ints(out)
	return out
}

// mergeable reports whether two similar stories may become one: together
// they run no longer than MaxSpan, and their seeds are about the same
// development (SeedThreshold).
func (c *Clusterer) mergeable(a, b *cluster) bool {
	if c.opt.MaxSpan > 0 && !a.first.IsZero() && !b.first.IsZero() {
		first, last := a.first, a.last
		if b.first.Before(first) {
			first = b.first
		}
		if b.last.After(last) {
			last = b.last
		}
		if last.Sub(first) > c.opt.MaxSpan {
			return false
		}
	}
	if c.opt.SeedThreshold > 0 && a.seedNorm > 0 && b.seedNorm > 0 && max(len(a.members), len(b.members)) >= seedCheckSize {
		return cosMaps(a.seed, b.seed)/(a.seedNorm*b.seedNorm) >= c.opt.SeedThreshold
	}
	return true
}

// linkFollowUp marks the later-starting of two related stories as a
// follow-up of the other, unless it follows one up already.
func linkFollowUp(a, b *cluster) {
	if b.first.Before(a.first) {
		a, b = b, a
	}
	if b.followUpOf == "" && len(a.members) > 0 {
		b.followUpOf = a.members[0].ref.ID
	}
}

// dotSorted is the dot product of two vectors sorted by feature number
// (two stories' cvec).
func dotSorted(a, b []wfeature) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// cosMaps is the dot product of two seeds (not normalised).
func cosMaps(a, b map[fid]float64) float64 { return sparse.Dot(a, b) }
