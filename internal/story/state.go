package story

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/statedoc"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/dedup"
	"github.com/taqrir/taqrir/internal/news"
)

// The state file: one header line "taqrir-stories-3 <version> <seq>\n"
// (so Watermark reads a few bytes, not the state), a gob stream (a
// savedHead, then its Stories savedClusters, one gob value each), then
// the SHA-256 of the stream (32 bytes). The version is a hash of what
// makes a saved state unusable by another taqrir: the file format, the
// clustering and near-duplicate options, and arabic.Fingerprint (the term
// keys the vectors hold). A story a value lets Encode and Decode hold one
// story's copy at a time, not the whole state's twice over (format 2, one
// value: saving the ANT corpus's 28k articles took the heap from 249 MB
// to 798 MB).
const stateFormat = "taqrir-stories-3"

var (
	// ErrNoState: there is no state file yet.
	ErrNoState = errors.New("story: no saved stories")
	// ErrStale: the state file was written by another version of the
	// clustering or of the Arabic analysis, or with other options.
	ErrStale = errors.New("story: saved stories are from another version")
	// ErrCorrupt: the state file is truncated or damaged.
	ErrCorrupt = errors.New("story: saved stories are damaged")
)

// Version names the clustering a state file holds: the format, the
// options, the near-duplicate options and arabic.Fingerprint. A state of
// another version is never loaded.
func Version(opt Options) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\n%+v\n%+v\nprior %v %v\nseed %d %d merge %d %d\n%s", stateFormat, opt, dedup.DefaultOptions(), priorDocs, priorRate,
		seedSize, seedCheckSize, mergeTop, maxMergePosting, arabic.Fingerprint()))
	return hex.EncodeToString(h[:8])
}

// savedHead opens the gob stream of a Clusterer; Stories savedClusters
// follow it. Feature keys are written once, in Keys, and referred to by
// their index: a state holds each key in every vector and centroid that
// has it.
type savedHead struct {
	Seq      int64
	Docs     int
	Keys     []string
	DF       []int // per key
	Stories  int   // how many savedCluster values follow
	Arrivals []savedArrival
	PostKeys []uint32
	Postings [][]int32 // per PostKeys entry
}

type savedCluster struct {
	Members     []savedMember
	Keys        []uint32 // the centroid
	Weights     []float64
	Norm        float64
	First, Last time.Time
	FollowUpOf  string
}

type savedMember struct {
	Ref      Ref
	Keys     []uint32 // the vector, heaviest first
	Weights  []float64
	Entities map[string]savedEntity
}

type savedEntity struct {
	Type     string
	Mentions int
}

type savedArrival struct {
	ID  string
	Sig []uint32
}

// Save writes everything Add needs to carry on, and seq (the caller's
// watermark: the last change it has added), to path: a temporary file in
// the same directory renamed over path, so a reader sees the old state
// or the new one, never half of one.
func (c *Clusterer) Save(path string, seq int64) error {
	return c.SaveIn(context.Background(), statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path), seq)
}

// SaveIn is Save into the document name of st (replaced whole, atomically).
func (c *Clusterer) SaveIn(ctx context.Context, st statedoc.Store, name string, seq int64) error {
	b, err := c.Encode(seq)
	if err != nil {
		return err
	}
	if err := st.Put(ctx, name, b); err != nil {
		return fmt.Errorf("story: save %s: %w", st.Where(name), err)
	}
	// Then the listing, with the same watermark: a reader that finds it
	// behind the store (this save interrupted in between) loads the state.
	return c.SaveListingIn(ctx, st, name, seq)
}

// Encode returns the state Save writes: the header line, the gob stream
// and its SHA-256.
func (c *Clusterer) Encode(seq int64) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var buf bytes.Buffer
	buf.Grow(c.encoded) // the last state's size: no doubling past it
	fmt.Fprintf(&buf, "%s %s %d\n", stateFormat, Version(c.opt), seq)
	start := buf.Len()
	enc := gob.NewEncoder(&buf)
	// The Clusterer's vocabulary is the state's: a feature's number is
	// its index in Keys.
	h := savedHead{Seq: seq, Docs: c.docs, Keys: c.names, DF: c.df, Stories: len(c.stories)}
	for k, list := range c.postings {
		if list != nil {
			h.PostKeys = append(h.PostKeys, fid(k))
			h.Postings = append(h.Postings, list)
		}
	}
	h.Arrivals = make([]savedArrival, len(c.arrivals))
	for i, a := range c.arrivals {
		h.Arrivals[i] = savedArrival{a.id, a.sig}
	}
	if err := enc.Encode(&h); err != nil {
		return nil, fmt.Errorf("story: save: %w", err)
	}
	for _, st := range c.stories {
		sc := savedCluster{Norm: st.norm, First: st.first, Last: st.last, FollowUpOf: st.followUpOf, Members: make([]savedMember, len(st.members)),
			Keys: make([]uint32, 0, len(st.centroid)), Weights: make([]float64, 0, len(st.centroid))}
		for _, f := range st.centroid {
			sc.Keys = append(sc.Keys, f.id)
			sc.Weights = append(sc.Weights, f.w)
		}
		for j, m := range st.members {
			sm := savedMember{Ref: m.ref, Keys: make([]uint32, len(m.vec)), Weights: make([]float64, len(m.vec)), Entities: make(map[string]savedEntity, len(m.entities))}
			for k, f := range m.vec {
				sm.Keys[k], sm.Weights[k] = f.id, f.w
			}
			for name, ec := range m.entities {
				sm.Entities[name] = savedEntity{ec.typ, ec.mentions}
			}
			sc.Members[j] = sm
		}
		if err := enc.Encode(&sc); err != nil {
			return nil, fmt.Errorf("story: save: %w", err)
		}
	}
	sum := sha256.Sum256(buf.Bytes()[start:])
	buf.Write(sum[:])
	c.encoded = buf.Len()
	return buf.Bytes(), nil
}

// Open loads a state written by Save with the same options and returns
// it with its watermark. The error wraps ErrNoState, ErrStale or
// ErrCorrupt (naming the file and the problem) when the state cannot be
// used; the caller then starts afresh with New and seq 0.
func Open(path string, opt Options) (*Clusterer, int64, error) {
	return OpenIn(context.Background(), statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path), opt)
}

// OpenIn is Open of the document name of st.
func OpenIn(ctx context.Context, st statedoc.Store, name string, opt Options) (*Clusterer, int64, error) {
	path := st.Where(name)
	data, err := st.Load(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, fmt.Errorf("%w: %s does not exist", ErrNoState, path)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("story: open %s: %w", path, err)
	}
	return Decode(path, data, opt)
}

// Decode reads a state Encode wrote; path names it in errors.
func Decode(path string, data []byte, opt Options) (*Clusterer, int64, error) {
	c, err := New(opt)
	if err != nil {
		return nil, 0, err
	}
	payload, seq, err := checked(path, data, stateFormat, opt)
	if err != nil {
		return nil, 0, err
	}
	if err := c.decode(gob.NewDecoder(bytes.NewReader(payload)), seq); err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	return c, seq, nil
}

// decode fills an empty Clusterer from the gob stream of a state whose
// header says seq, a story at a time.
func (c *Clusterer) decode(dec *gob.Decoder, seq int64) error {
	var h savedHead
	if err := dec.Decode(&h); err != nil {
		return err
	}
	if h.Seq != seq {
		return fmt.Errorf("header says seq %d, state %d", seq, h.Seq)
	}
	if err := c.restoreHead(&h); err != nil {
		return err
	}
	for i := 0; i < h.Stories; i++ {
		var sc savedCluster
		if err := dec.Decode(&sc); err != nil {
			return fmt.Errorf("story %d of %d: %v", i, h.Stories, err)
		}
		if err := c.restoreStory(i, &sc); err != nil {
			return err
		}
	}
	var extra savedCluster
	if err := dec.Decode(&extra); err != io.EOF {
		return fmt.Errorf("more than the %d stories the state says", h.Stories)
	}
	return c.restoreTail(&h)
}

// checked checks a document in the given format (a state or a listing):
// its header line, then the SHA-256 after its gob. It returns the gob and
// the header's watermark.
func checked(path string, data []byte, format string, opt Options) ([]byte, int64, error) {
	seq, nl, err := header(path, data, format, opt)
	if err != nil {
		return nil, 0, err
	}
	body := data[nl+1:]
	if len(body) < sha256.Size {
		return nil, 0, fmt.Errorf("%w: %s is truncated", ErrCorrupt, path)
	}
	payload, sum := body[:len(body)-sha256.Size], body[len(body)-sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, 0, fmt.Errorf("%w: %s: checksum mismatch (truncated or changed)", ErrCorrupt, path)
	}
	return payload, seq, nil
}

// header checks the header line at the start of data, a document in
// format want, and returns its watermark and the offset of its newline.
func header(path string, data []byte, want string, opt Options) (int64, int, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || nl > 200 {
		return 0, 0, fmt.Errorf("%w: %s: no header line", ErrCorrupt, path)
	}
	// The family of the format: "taqrir-stories-" or "taqrir-stories-list-".
	family := strings.TrimRight(want, "0123456789")
	var format, version string
	var seq int64
	if _, err := fmt.Sscanf(string(data[:nl]), "%s %s %d", &format, &version, &seq); err != nil || format != want {
		if strings.HasPrefix(format, family) && strings.TrimLeft(format[len(family):], "0123456789") == "" && format != want {
			return 0, 0, fmt.Errorf("%w: %s: format %q, want %s", ErrStale, path, format, want)
		}
		return 0, 0, fmt.Errorf("%w: %s: header %q, want \"%s VERSION SEQ\"", ErrCorrupt, path, data[:nl], want)
	}
	if want := Version(opt); version != want {
		return 0, 0, fmt.Errorf("%w: %s is version %s, this taqrir clusters as %s", ErrStale, path, version, want)
	}
	if seq < 0 {
		return 0, 0, fmt.Errorf("%w: %s: seq %d", ErrCorrupt, path, seq)
	}
	return seq, nl, nil
}

// Watermark returns the seq a state file was saved with, reading only its
// header: a caller can tell whether the stories are behind the store
// without loading them. The errors are Open's (a damaged body is only
// found by Open).
func Watermark(path string, opt Options) (int64, error) {
	return WatermarkIn(context.Background(), statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path), opt)
}

// WatermarkIn is Watermark of the document name of st.
func WatermarkIn(ctx context.Context, st statedoc.Store, name string, opt Options) (int64, error) {
	return watermarkIn(ctx, st, name, stateFormat, opt)
}

// watermarkIn reads the watermark in the header of the document name of
// st, in format.
func watermarkIn(ctx context.Context, st statedoc.Store, name, format string, opt Options) (int64, error) {
	path := st.Where(name)
	head, err := st.Head(ctx, name, 256)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("%w: %s does not exist", ErrNoState, path)
	}
	if err != nil {
		return 0, fmt.Errorf("story: open %s: %w", path, err)
	}
	seq, _, err := header(path, head, format, opt)
	return seq, err
}

// restore fills an empty Clusterer from a decoded state, as decode does
// a story at a time.
func (c *Clusterer) restore(h *savedHead, stories []savedCluster) error {
	if err := c.restoreHead(h); err != nil {
		return err
	}
	if len(stories) != h.Stories {
		return fmt.Errorf("%d stories, the state says %d", len(stories), h.Stories)
	}
	for i := range stories {
		if err := c.restoreStory(i, &stories[i]); err != nil {
			return err
		}
	}
	return c.restoreTail(h)
}

// restoreHead takes a state's counts and key table, checking what would
// otherwise make Add index out of range.
func (c *Clusterer) restoreHead(s *savedHead) error {
	if s.Seq < 0 || s.Docs < 0 || s.Stories < 0 {
		return fmt.Errorf("seq %d, docs %d, stories %d", s.Seq, s.Docs, s.Stories)
	}
	c.docs = s.Docs
	if len(s.DF) != len(s.Keys) || len(s.PostKeys) != len(s.Postings) {
		return fmt.Errorf("%d keys, %d df counts, %d posting keys, %d posting lists", len(s.Keys), len(s.DF), len(s.PostKeys), len(s.Postings))
	}
	for i, k := range s.Keys {
		if _, dup := c.ids[k]; dup {
			return fmt.Errorf("key %q twice", k)
		}
		if s.DF[i] < 0 {
			return fmt.Errorf("key %q: df %d", k, s.DF[i])
		}
		c.intern(k)
		c.df[i] = s.DF[i]
	}
	return nil
}

// key checks a feature number of a saved state.
func (c *Clusterer) key(i uint32) (fid, error) {
	if int(i) >= len(c.names) {
		return 0, fmt.Errorf("key %d of %d", i, len(c.names))
	}
	return i, nil
}

// restoreStory adds the i-th story of a state, after its head.
func (c *Clusterer) restoreStory(i int, sc *savedCluster) error {
	if len(sc.Members) == 0 {
		return fmt.Errorf("story %d has no articles", i)
	}
	if len(sc.Keys) != len(sc.Weights) {
		return fmt.Errorf("story %d: %d keys, %d weights", i, len(sc.Keys), len(sc.Weights))
	}
	st := &cluster{centroid: make([]wfeature, len(sc.Keys)), norm: sc.Norm, first: sc.First, last: sc.Last, followUpOf: sc.FollowUpOf}
	for j, ki := range sc.Keys {
		k, err := c.key(ki)
		if err != nil {
			return fmt.Errorf("story %d: %v", i, err)
		}
		st.centroid[j] = wfeature{k, sc.Weights[j], strings.HasPrefix(c.names[k], entityPrefix)}
	}
	// Saved by feature number since 2026-12; an older state's came
	// in map order.
	slices.SortFunc(st.centroid, byID)
	for j := 1; j < len(st.centroid); j++ {
		if st.centroid[j].id == st.centroid[j-1].id {
			return fmt.Errorf("story %d: key %q twice in its centroid", i, c.names[st.centroid[j].id])
		}
	}
	for _, sm := range sc.Members {
		if len(sm.Keys) != len(sm.Weights) {
			return fmt.Errorf("article %s: %d keys, %d weights", sm.Ref.ID, len(sm.Keys), len(sm.Weights))
		}
		if _, dup := c.byArticle[sm.Ref.ID]; dup {
			return fmt.Errorf("article %s is in two stories", sm.Ref.ID)
		}
		m := member{ref: sm.Ref, vec: make([]wfeature, len(sm.Keys)), entities: make(map[string]entityCount, len(sm.Entities))}
		for j, ki := range sm.Keys {
			k, err := c.key(ki)
			if err != nil {
				return fmt.Errorf("article %s: %v", sm.Ref.ID, err)
			}
			m.vec[j] = wfeature{k, sm.Weights[j], strings.HasPrefix(c.names[k], entityPrefix)}
		}
		for name, e := range sm.Entities {
			m.entities[name] = entityCount{e.Type, e.Mentions}
		}
		st.members = append(st.members, m)
		st.addSeed(m)
		c.byArticle[sm.Ref.ID] = len(c.stories)
	}
	c.stories = append(c.stories, st)
	return nil
}

// restoreTail takes a state's postings and arrivals, after its stories.
func (c *Clusterer) restoreTail(s *savedHead) error {
	for i, ki := range s.PostKeys {
		k, err := c.key(ki)
		if err != nil {
			return fmt.Errorf("postings: %v", err)
		}
		for _, j := range s.Postings[i] {
			if j < 0 || int(j) >= len(c.stories) {
				return fmt.Errorf("feature %q lists story %d of %d", c.names[k], j, len(c.stories))
			}
		}
		c.postings[k] = s.Postings[i]
	}
	if len(s.Arrivals) != len(c.byArticle) {
		return fmt.Errorf("%d arrivals for %d articles", len(s.Arrivals), len(c.byArticle))
	}
	for _, a := range s.Arrivals {
		if _, ok := c.byArticle[a.ID]; !ok {
			return fmt.Errorf("arrival %s is in no story", a.ID)
		}
		c.dups.AddSignature(a.ID, a.Sig)
		c.arrivals = append(c.arrivals, arrival{a.ID, a.Sig})
	}
	return nil
}

// Update refreshes what a story lists of an article added before (title,
// source, publication date) after its content changed in the store, and
// returns its story's id; false when the article was never added. The
// article stays in its story and its vector is kept: a corrected or
// updated report is still about the same event, and moving it would make
// a story's membership depend on when its articles were last edited.
func (c *Clusterer) Update(a *news.Article) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.byArticle[a.ID]
	if !ok {
		return "", false
	}
	st := c.stories[s]
	st.first, st.last = time.Time{}, time.Time{}
	for i := range st.members {
		r := &st.members[i].ref
		if r.ID == a.ID {
			r.Title, r.Source, r.Published = a.Title, a.Source, a.Published
		}
		if t := r.Published; !t.IsZero() {
			if st.first.IsZero() || t.Before(st.first) {
				st.first = t
			}
			if t.After(st.last) {
				st.last = t
			}
		}
	}
	return st.members[0].ref.ID, true
}

// Len returns how many articles have been added.
func (c *Clusterer) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byArticle)
}
