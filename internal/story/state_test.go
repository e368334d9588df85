package story

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
)

// memStore is a store.Store's Scan over a slice: article i has seq i+1,
// and an update appends the article again under the next seq. It counts
// the articles it hands out.
type memStore struct {
	arts    []news.Article
	scanned int
}

func (m *memStore) Scan(ctx context.Context, after int64, fn func(int64, news.Article) error) error {
	for i := max(after, 0); i < int64(len(m.arts)); i++ {
		m.scanned++
		if err := fn(i+1, m.arts[i]); err != nil {
			return err
		}
	}
	return nil
}

// MaxSeq makes memStore a store for CatchUp's check that the state is
// not ahead of it.
func (m *memStore) MaxSeq(context.Context) (int64, error) { return int64(len(m.arts)), nil }

func addAll(t testing.TB, arts []news.Article) *Clusterer {
	t.Helper()
	c, err := New(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i := range arts {
		c.Add(&arts[i])
	}
	return c
}

// TestSaveOpenRoundTrip: a saved and reopened Clusterer lists the same
// stories, and adding the rest of the articles to it gives what adding
// them without the round trip gives.
func TestSaveOpenRoundTrip(t *testing.T) {
	arts, _ := sampleArticles(t)
	arts = handEntities(arts)
	half := len(arts) / 2
	path := filepath.Join(t.TempDir(), "stories.gob")
	c := addAll(t, arts[:half])
	if err := c.Save(path, 27); err != nil {
		t.Fatal(err)
	}
	got, seq, err := Open(path, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if seq != 27 || got.Len() != half {
		t.Errorf("Open: seq %d, %d articles; want 27, %d", seq, got.Len(), half)
	}
	if d := cmp.Diff(c.Stories(), got.Stories()); d != "" {
		t.Errorf("stories after the round trip (-saved +opened):\n%s", d)
	}
	addRestToBoth(t, arts[half:], c, got, "after adding the rest (-in memory +reopened)")
}

// addRestToBoth adds arts to two Clusterers, merges both and checks they
// list the same stories.
func addRestToBoth(t *testing.T, arts []news.Article, want, got *Clusterer, what string) {
	t.Helper()
	for i := range arts {
		want.Add(&arts[i])
		got.Add(&arts[i])
	}
	want.Merge()
	got.Merge()
	if d := cmp.Diff(want.Stories(), got.Stories()); d != "" {
		t.Errorf("stories %s:\n%s", what, d)
	}
}

// TestCentroidOrder: a state whose centroids come in any order (an older
// taqrir saved them in map order) loads to the same stories, and adding
// to it gives what adding without the round trip gives; a key twice in a
// centroid is refused.
func TestCentroidOrder(t *testing.T) {
	arts, _ := sampleArticles(t)
	arts = handEntities(arts)
	half := len(arts) / 2
	c := addAll(t, arts[:half])
	data, err := c.Encode(int64(half))
	if err != nil {
		t.Fatal(err)
	}
	h, stories := decodeState(t, data)
	shuffled := 0
	for _, sc := range stories {
		if !slices.IsSorted(sc.Keys) {
			t.Fatalf("Encode saved a centroid out of feature order: %v", sc.Keys)
		}
		slices.Reverse(sc.Keys)
		slices.Reverse(sc.Weights)
		if len(sc.Keys) > 1 {
			shuffled++
		}
	}
	if shuffled == 0 {
		t.Fatal("no centroid of two features or more to reorder")
	}
	got, err := New(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := got.restore(&h, stories); err != nil {
		t.Fatal(err)
	}
	addRestToBoth(t, arts[half:], c, got, "from reordered centroids (-in memory +restored)")

	sc := &stories[slices.IndexFunc(stories, func(sc savedCluster) bool { return len(sc.Keys) > 1 })]
	sc.Keys[1] = sc.Keys[0]
	bad, _ := New(DefaultOptions())
	if err := bad.restore(&h, stories); err == nil || !strings.Contains(err.Error(), "twice in its centroid") {
		t.Errorf("a key twice in a centroid: %v, want it refused", err)
	}
}

// TestOpenBadState: every unusable state file gives its sentinel error,
// and CatchUp rebuilds from seq 0 instead of failing.
func TestOpenBadState(t *testing.T) {
	arts, _ := sampleArticles(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.gob")
	if err := addAll(t, arts[:10]).Save(good, 10); err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	other := DefaultOptions()
	other.Threshold = 0.2
	otherPath := filepath.Join(dir, "other.gob")
	if err := addAll(t, arts[:10]).Save(otherPath, 10); err != nil {
		t.Fatal(err)
	}
	otherVersion, _ := os.ReadFile(otherPath)
	flipped := bytes.Clone(valid)
	flipped[len(flipped)/2] ^= 0x40
	nl := bytes.IndexByte(valid, '\n')
	for _, tc := range []struct {
		name string
		data []byte // nil: no file
		opt  Options
		want error
	}{
		{"missing", nil, DefaultOptions(), ErrNoState},
		{"empty", []byte{}, DefaultOptions(), ErrCorrupt},
		{"truncated", valid[:len(valid)*2/3], DefaultOptions(), ErrCorrupt},
		{"header only", valid[:nl+1], DefaultOptions(), ErrCorrupt},
		{"one bit changed", flipped, DefaultOptions(), ErrCorrupt},
		{"other format", append([]byte("taqrir-stories-0 x\n"), valid[nl+1:]...), DefaultOptions(), ErrStale},
		{"other options", otherVersion, other, ErrStale},
		{"not ours", []byte("SQLite format 3\x00"), DefaultOptions(), ErrCorrupt},
		{"header seq changed", append([]byte(strings.Replace(string(valid[:nl]), " 10", " 11", 1)), valid[nl:]...), DefaultOptions(), ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "stories.gob")
			if tc.data != nil {
				if err := os.WriteFile(path, tc.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := Open(path, tc.opt); !errors.Is(err, tc.want) {
				t.Errorf("Open: %v, want %v", err, tc.want)
			}
			src := &memStore{arts: arts}
			c, res, err := CatchUp(context.Background(), src, path, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !errors.Is(res.Rebuilt, tc.want) || res.From != 0 || res.Added != len(arts) || res.SaveErr != nil {
				t.Errorf("CatchUp: %+v, want a rebuild (%v) adding all %d articles", res, tc.want, len(arts))
			}
			if c.Len() != len(arts) {
				t.Errorf("rebuilt stories hold %d articles, want %d", c.Len(), len(arts))
			}
			if _, seq, err := Open(path, tc.opt); err != nil || seq != int64(len(arts)) {
				t.Errorf("after the rebuild: Open seq %d, %v; want %d, nil", seq, err, len(arts))
			}
		})
	}
}

// TestCatchUpOnlyNew: a catch-up reads only the articles past the
// watermark, adds the new ones and re-lists an updated one in place.
func TestCatchUpOnlyNew(t *testing.T) {
	arts, _ := sampleArticles(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stories.gob")
	src := &memStore{arts: arts[:40]}
	if _, res, err := CatchUp(ctx, src, path, DefaultOptions()); err != nil || res.Added != 40 || !errors.Is(res.Rebuilt, ErrNoState) {
		t.Fatalf("first catch-up: %+v, %v", res, err)
	}
	src.arts, src.scanned = arts, 0
	_, res, err := CatchUp(ctx, src, path, DefaultOptions())
	if err != nil || src.scanned != 14 || res.Added != 14 || res.Updated != 0 || res.From != 40 || res.Seq != 54 || res.Rebuilt != nil {
		t.Fatalf("second catch-up: scanned %d, %+v, %v; want 14 scanned and added, 40 → 54", src.scanned, res, err)
	}
	if w, err := Watermark(path, DefaultOptions()); w != 54 || err != nil {
		t.Errorf("Watermark: %d, %v; want 54", w, err)
	}
	info, _ := os.Stat(path)
	src.scanned = 0
	if _, res, err := CatchUp(ctx, src, path, DefaultOptions()); err != nil || src.scanned != 0 || res.Added+res.Updated != 0 {
		t.Fatalf("nothing new: scanned %d, %+v, %v", src.scanned, res, err)
	}
	if again, _ := os.Stat(path); !again.ModTime().Equal(info.ModTime()) {
		t.Errorf("a catch-up with nothing new rewrote %s", path)
	}
	// A store behind the stories is another store: rebuild.
	short := &memStore{arts: arts[:5]}
	if c, res, err := CatchUp(ctx, short, path, DefaultOptions()); err != nil || !errors.Is(res.Rebuilt, ErrStale) || res.Added != 5 || c.Len() != 5 {
		t.Fatalf("store behind the state: %+v, %v; want a rebuild of 5", res, err)
	}
	if _, res, err := CatchUp(ctx, src, path, DefaultOptions()); err != nil || res.From != 5 || res.Added != 49 {
		t.Fatalf("back to the full store: %+v, %v", res, err)
	}
	// An update: the store hands the article out again under a new seq.
	changed := arts[3]
	changed.Title = "عنوان مصحح"
	changed.Published = changed.Published.Add(24 * time.Hour)
	before, _, _ := Open(path, DefaultOptions())
	storyID, _ := before.StoryOf(changed.ID)
	src.arts, src.scanned = append(arts[:54:54], changed), 0
	c, res, err := CatchUp(ctx, src, path, DefaultOptions())
	if err != nil || src.scanned != 1 || res.Updated != 1 || res.Added != 0 {
		t.Fatalf("update: scanned %d, %+v, %v", src.scanned, res, err)
	}
	if got, _ := c.StoryOf(changed.ID); got != storyID {
		t.Errorf("updated article moved from story %s to %s", storyID, got)
	}
	for _, s := range c.Stories() {
		for _, r := range s.Articles {
			if r.ID == changed.ID && (r.Title != changed.Title || !r.Published.Equal(changed.Published) || s.Last.Before(changed.Published)) {
				t.Errorf("updated article listed as %+v in a story ending %v", r, s.Last)
			}
		}
	}
}

// TestCatchUpHalves scores stories built by catching up with the sample
// in arrival (file) order, in one go and in two halves with a save and
// reopen between, against the sample's truth; both must meet the floors
// of TestSampleIncremental.
func TestCatchUpHalves(t *testing.T) {
	arts, truth := sampleArticles(t)
	for _, tc := range []struct {
		name       string
		arts       []news.Article
		minP, minR float64
	}{
		{"terms only", arts, 0.95, 0.85},
		{"with entities", handEntities(arts), 0.95, 0.95},
		{"with the facts stage", extracted(arts), 0.95, 0.85},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var lists [2][]Story
			for i, cuts := range [][]int{{len(tc.arts)}, {len(tc.arts) / 2, len(tc.arts)}} {
				path := filepath.Join(t.TempDir(), "stories.gob")
				src := &memStore{}
				var c *Clusterer
				for _, n := range cuts {
					src.arts = tc.arts[:n]
					var err error
					if c, _, err = CatchUp(ctx, src, path, DefaultOptions()); err != nil {
						t.Fatal(err)
					}
				}
				lists[i] = c.Stories()
				p, r, f1 := pairwise(lists[i], truth)
				t.Logf("%s, catch-up in %d step(s): %d stories, pairwise precision %.3f recall %.3f F1 %.3f", tc.name, len(cuts), len(lists[i]), p, r, f1)
				if p < tc.minP || r < tc.minR {
					t.Errorf("%d step(s): precision %.3f recall %.3f, want ≥ %.2f and ≥ %.2f; stories:%s", len(cuts), p, r, tc.minP, tc.minR, describe(lists[i], truth))
				}
			}
			// The state holds all Add needs, and Merge only joins stories
			// that stay joined: on the sample, halves and one go agree.
			if d := cmp.Diff(lists[0], lists[1]); d != "" {
				t.Errorf("one go vs two halves (-one go +halves):\n%s", d)
			}
		})
	}
}

// TestCatchUpShuffled: parallel ingest stores the sample in no fixed
// order, so catch-up sees it in whatever order seq gives; a few shuffles,
// in three steps each, must still meet the floors.
func TestCatchUpShuffled(t *testing.T) {
	arts, truth := sampleArticles(t)
	arts = extracted(arts)
	for seed := range 5 {
		r := rand.New(rand.NewPCG(uint64(seed), 1))
		order := slices.Clone(arts)
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		path := filepath.Join(t.TempDir(), "stories.gob")
		src := &memStore{}
		var c *Clusterer
		for _, n := range []int{18, 36, 54} {
			src.arts = order[:n]
			var err error
			if c, _, err = CatchUp(context.Background(), src, path, DefaultOptions()); err != nil {
				t.Fatal(err)
			}
		}
		stories := c.Stories()
		p, rc, f1 := pairwise(stories, truth)
		t.Logf("shuffle %d, three catch-ups: %d stories, pairwise precision %.3f recall %.3f F1 %.3f", seed, len(stories), p, rc, f1)
		if p < 0.95 || rc < 0.85 {
			t.Errorf("shuffle %d: precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.85; stories:%s", seed, p, rc, describe(stories, truth))
		}
	}
}

// FuzzOpen: whatever a state file holds past a valid header and checksum,
// Open returns a Clusterer or an error, never panics, and a Clusterer it
// returns takes new articles.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.gob")
	c, _ := New(DefaultOptions())
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, title := range []string{"فيضانات في ليبيا", "سيول في ليبيا", "أوبك تخفض الإنتاج"} {
		c.Add(&news.Article{ID: fmt.Sprint(i), Title: title, Published: day, Paragraphs: []string{title + " اليوم"}})
	}
	if err := c.Save(path, 3); err != nil {
		f.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	nl := bytes.IndexByte(data, '\n')
	f.Add(data[nl+1 : len(data)-sha256.Size])
	f.Add([]byte{})
	header := fmt.Sprintf("%s %s 3\n", stateFormat, Version(DefaultOptions()))
	f.Fuzz(func(t *testing.T, payload []byte) {
		sum := sha256.Sum256(payload)
		path := filepath.Join(t.TempDir(), "stories.gob")
		if err := os.WriteFile(path, append(append([]byte(header), payload...), sum[:]...), 0o644); err != nil {
			t.Fatal(err)
		}
		c, _, err := Open(path, DefaultOptions())
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt", err)
			}
			return
		}
		c.Add(&news.Article{ID: "new", Title: "فيضانات في ليبيا", Published: day, Paragraphs: []string{"سيول اليوم"}})
		c.Merge()
		c.Stories()
	})
}

// failingStore hands out its articles as memStore does, then fails with
// err after the first n (or cancels the catch-up's context there, when
// cancel is set).
type failingStore struct {
	memStore
	n      int
	err    error
	cancel context.CancelFunc
}

func (f *failingStore) Scan(ctx context.Context, after int64, fn func(int64, news.Article) error) error {
	return f.memStore.Scan(ctx, after, func(seq int64, a news.Article) error {
		if int(seq) > f.n {
			if f.cancel != nil {
				f.cancel()
				return ctx.Err()
			}
			return f.err
		}
		return fn(seq, a)
	})
}

// TestCatchUpScanFails: the store is read a batch ahead of the articles
// being placed; a read that fails, or a context cancelled, past the first
// batches makes CatchUp return that error and save nothing. A catch-up of
// several batches lists the stories that adding the articles one by one
// in order lists.
func TestCatchUpScanFails(t *testing.T) {
	arts, _ := topicalArticles(t, 3*catchUpBatch+17)
	boom := errors.New("disk read error")
	for _, tc := range []struct {
		name   string
		n      int
		cancel bool
	}{
		{"read error mid-batch", 2*catchUpBatch + 5, false},
		{"read error at a batch's end", catchUpBatch, false},
		{"cancelled", catchUpBatch + 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			src := &failingStore{memStore: memStore{arts: arts}, n: tc.n, err: boom}
			want := boom
			if tc.cancel {
				src.cancel, want = cancel, context.Canceled
			}
			path := filepath.Join(t.TempDir(), "stories.gob")
			if _, _, err := CatchUp(ctx, src, path, DefaultOptions()); !errors.Is(err, want) {
				t.Fatalf("CatchUp: %v; want %v", err, want)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed catch-up saved %s (%v)", path, err)
			}
		})
	}
	c, res, err := CatchUp(context.Background(), &memStore{arts: arts}, filepath.Join(t.TempDir(), "stories.gob"), DefaultOptions())
	if err != nil || res.Added != len(arts) || res.Seq != int64(len(arts)) {
		t.Fatalf("CatchUp: %+v, %v; want %d added", res, err, len(arts))
	}
	one := addAll(t, arts)
	one.Merge()
	if d := cmp.Diff(one.Stories(), c.Stories()); d != "" {
		t.Errorf("one by one vs catch-up (-one by one +catch-up):\n%s", d)
	}
}

// TestParallelCompare: an article compared with its stories on several
// goroutines lands where it lands when they are compared one by one.
func TestParallelCompare(t *testing.T) {
	arts, _ := topicalArticles(t, 600)
	arts = append(arts, extracted(handEntities(sampleTruthless(t)))...)
	list := func(threshold int) []Story {
		defer func(old int) { parallelCompare = old }(parallelCompare)
		parallelCompare = threshold
		c := addAll(t, arts)
		c.Merge()
		return c.Stories()
	}
	one, spread := list(1<<30), list(2)
	if len(one) < 10 {
		t.Fatalf("%d stories: the articles do not test the comparison", len(one))
	}
	if d := cmp.Diff(one, spread); d != "" {
		t.Errorf("one by one vs spread (-one by one +spread):\n%s", d)
	}
}

// sampleTruthless is the sample's articles (their entities name places,
// so the places check runs).
func sampleTruthless(t *testing.T) []news.Article {
	arts, _ := sampleArticles(t)
	return arts
}

// TestDecodeCountsStories: a state's stream holds exactly the stories its
// head says; one more or one fewer is a damaged state, even under a right
// checksum.
func TestDecodeCountsStories(t *testing.T) {
	arts, _ := sampleArticles(t)
	data, err := addAll(t, arts[:20]).Encode(20)
	if err != nil {
		t.Fatal(err)
	}
	nl := bytes.IndexByte(data, '\n')
	h, stories := decodeState(t, data)
	for _, tc := range []struct {
		said int
		want string
	}{
		{h.Stories - 1, "more than the"},
		{h.Stories + 1, fmt.Sprintf("story %d of %d", h.Stories, h.Stories+1)},
	} {
		var buf bytes.Buffer
		buf.Write(data[:nl+1])
		start := buf.Len()
		enc := gob.NewEncoder(&buf)
		said := h
		said.Stories = tc.said
		if err := enc.Encode(&said); err != nil {
			t.Fatal(err)
		}
		for i := range stories {
			if err := enc.Encode(&stories[i]); err != nil {
				t.Fatal(err)
			}
		}
		sum := sha256.Sum256(buf.Bytes()[start:])
		buf.Write(sum[:])
		if _, _, err := Decode("stories.gob", buf.Bytes(), DefaultOptions()); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("head says %d of %d stories: %v, want ErrCorrupt saying %q", tc.said, h.Stories, err, tc.want)
		}
	}
	if _, _, err := Decode("stories.gob", data, DefaultOptions()); err != nil {
		t.Errorf("the state as encoded: %v", err)
	}
}

// decodeState reads the gob stream of a state Encode made: its head and
// its stories.
func decodeState(t *testing.T, data []byte) (savedHead, []savedCluster) {
	t.Helper()
	nl := bytes.IndexByte(data, '\n')
	var h savedHead
	dec := gob.NewDecoder(bytes.NewReader(data[nl+1 : len(data)-sha256.Size]))
	if err := dec.Decode(&h); err != nil {
		t.Fatal(err)
	}
	stories := make([]savedCluster, h.Stories)
	for i := range stories {
		if err := dec.Decode(&stories[i]); err != nil {
			t.Fatal(err)
		}
	}
	return h, stories
}
