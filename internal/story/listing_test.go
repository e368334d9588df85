package story

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/statedoc"
)

// referenceSelect is Select as it was written before listings, straight
// from the Clusterer's members and centroids: the listing must list what
// it lists.
func referenceSelect(c *Clusterer, keep func(Ref) bool) []Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Story, 0, len(c.stories))
	for _, st := range c.stories {
		if s, ok := referenceStory(st, keep); ok {
			out = append(out, s)
		}
	}
	sortStories(out)
	return out
}

func referenceStory(st *cluster, keep func(Ref) bool) (Story, bool) {
	s := Story{ID: st.members[0].ref.ID, First: st.first, Last: st.last, Size: len(st.members), Entities: []Entity{}, FollowUpOf: st.followUpOf}
	if keep != nil {
		s.First, s.Last, s.Size = time.Time{}, time.Time{}, 0
	}
	best := -1.0
	ents := map[string]*Entity{}
	mentions := map[string]int{}
	for _, m := range st.members {
		if keep != nil {
			if !keep(m.ref) {
				continue
			}
			s.Size++
			if t := m.ref.Published; !t.IsZero() {
				if s.First.IsZero() || t.Before(s.First) {
					s.First = t
				}
				if t.After(s.Last) {
					s.Last = t
				}
			}
		}
		s.Articles = append(s.Articles, m.ref)
		sim := 0.0
		for _, f := range m.vec {
			sim += f.w * weightOf(st.centroid, f.id)
		}
		if sim > best && m.ref.Title != "" {
			best, s.Title = sim, m.ref.Title
		}
		for name, ec := range m.entities {
			e := ents[name]
			if e == nil && !resolve.Salient(news.Entity{Canonical: name, Type: ec.typ}) {
				continue // بنسبة 2.1، سلطنة، أوروبية stored by an older taqrir: no entity to list
			}
			if e == nil {
				e = &Entity{Name: name, Type: ec.typ}
				ents[name] = e
			}
			e.Articles++
			mentions[name] += ec.mentions
		}
	}
	sort.SliceStable(s.Articles, func(i, j int) bool {
		a, b := s.Articles[i].Published, s.Articles[j].Published
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.Before(b)
	})
	for _, e := range ents {
		s.Entities = append(s.Entities, *e)
	}
	sort.Slice(s.Entities, func(i, j int) bool {
		a, b := s.Entities[i], s.Entities[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if mentions[a.Name] != mentions[b.Name] {
			return mentions[a.Name] > mentions[b.Name]
		}
		return a.Name < b.Name
	})
	if len(s.Entities) > TopEntities {
		s.Entities = s.Entities[:TopEntities]
	}
	return s, s.Size > 0
}

// listingFilters are the filters the listing tests select with: none, all,
// one source, a date range, and no article at all.
func listingFilters(arts []news.Article) map[string]func(Ref) bool {
	mid := arts[len(arts)/2].Published
	return map[string]func(Ref) bool{
		"none":   nil,
		"all":    func(Ref) bool { return true },
		"source": func(r Ref) bool { return r.Source == arts[0].Source },
		"range": func(r Ref) bool {
			return !r.Published.IsZero() && !r.Published.Before(mid.Add(-72*time.Hour)) && r.Published.Before(mid)
		},
		"nothing": func(Ref) bool { return false },
	}
}

// TestListingSelectsAsTheClusterer: a listing, in memory and saved and read
// back alone, selects for each filter what the Clusterer's own members and
// centroids give (titles by similarity, spans, entities and their order),
// and finds each article's story.
func TestListingSelectsAsTheClusterer(t *testing.T) {
	arts, _ := sampleArticles(t)
	arts = handEntities(arts)
	c := addAll(t, arts)
	c.Merge()
	dir := t.TempDir()
	if err := c.Save(filepath.Join(dir, "stories.gob"), int64(len(arts))); err != nil {
		t.Fatal(err)
	}
	saved, seq, err := ListingIn(context.Background(), statedoc.NewFiles(dir), "stories.gob", DefaultOptions())
	if err != nil || seq != int64(len(arts)) {
		t.Fatalf("ListingIn: seq %d, %v; want %d", seq, err, len(arts))
	}
	entities := 0
	for name, keep := range listingFilters(arts) {
		want := referenceSelect(c, keep)
		if name != "nothing" && len(want) == 0 {
			t.Fatalf("%s: the filter keeps no story: the test checks nothing", name)
		}
		for _, s := range want {
			entities += len(s.Entities)
		}
		for what, l := range map[string]*Listing{"in memory": c.Listing(), "saved": saved} {
			if d := cmp.Diff(want, l.Select(keep)); d != "" {
				t.Errorf("%s, %s listing (-clusterer +listing):\n%s", name, what, d)
			}
		}
	}
	if entities == 0 {
		t.Fatal("no story lists an entity: the test checks too little")
	}
	all := referenceSelect(c, func(Ref) bool { return true })
	for _, s := range all {
		for _, r := range s.Articles {
			got, ok := saved.StoryWith(r.ID)
			if !ok || !cmp.Equal(got, s) {
				t.Fatalf("StoryWith(%s) = %s, %v; want story %s", r.ID, got.ID, ok, s.ID)
			}
			if id, ok := saved.StoryOf(r.ID); !ok || id != s.ID {
				t.Fatalf("StoryOf(%s) = %s, %v; want %s", r.ID, id, ok, s.ID)
			}
		}
	}
	if _, ok := saved.StoryWith("no such article"); ok {
		t.Error("StoryWith found a story for an unknown article")
	}
}

// TestListingBad: a listing that cannot be used says why, as a state does.
func TestListingBad(t *testing.T) {
	arts, _ := sampleArticles(t)
	dir := t.TempDir()
	if err := addAll(t, arts[:10]).Save(filepath.Join(dir, "stories.gob"), 10); err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(filepath.Join(dir, "stories-list.gob"))
	if err != nil {
		t.Fatal(err)
	}
	state, _ := os.ReadFile(filepath.Join(dir, "stories.gob"))
	other := DefaultOptions()
	other.Threshold = 0.2
	flipped := append([]byte(nil), valid...)
	flipped[len(flipped)/2] ^= 0x40
	nl := strings.IndexByte(string(valid), '\n')
	for _, tc := range []struct {
		name string
		data []byte // nil: no file
		opt  Options
		want error
	}{
		{"missing", nil, DefaultOptions(), ErrNoState},
		{"truncated", valid[:len(valid)*2/3], DefaultOptions(), ErrCorrupt},
		{"one bit changed", flipped, DefaultOptions(), ErrCorrupt},
		{"other format", append([]byte("taqrir-stories-list-0 x 10\n"), valid[nl+1:]...), DefaultOptions(), ErrStale},
		{"other options", valid, other, ErrStale},
		{"a state", state, DefaultOptions(), ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.data != nil {
				if err := os.WriteFile(filepath.Join(dir, "stories-list.gob"), tc.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := ListingIn(context.Background(), statedoc.NewFiles(dir), "stories.gob", tc.opt); !errors.Is(err, tc.want) {
				t.Errorf("ListingIn: %v, want %v", err, tc.want)
			}
		})
	}
	// And a state is not mistaken for a listing of another format.
	if _, _, err := Open(filepath.Join(dir, "stories-list.gob"), DefaultOptions()); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Open of a listing: %v, want ErrCorrupt", err)
	}
}

// TestCatchUpKeepsTheListing: every catch-up leaves a listing at its
// watermark beside the state, also when there was nothing new and the
// listing was missing (a state saved by a taqrir before listings) or
// behind (a save interrupted between the two).
func TestCatchUpKeepsTheListing(t *testing.T) {
	arts, _ := sampleArticles(t)
	ctx := context.Background()
	dir := t.TempDir()
	st := statedoc.NewFiles(dir)
	src := &memStore{arts: arts[:30]}
	listed := func(what string, c *Clusterer, seq int64) {
		t.Helper()
		l, got, err := ListingIn(ctx, st, "stories.gob", DefaultOptions())
		if err != nil || got != seq {
			t.Fatalf("%s: listing at seq %d, %v; want %d", what, got, err, seq)
		}
		if d := cmp.Diff(c.Stories(), l.Select(nil)); d != "" {
			t.Errorf("%s: the listing lists other stories than the catch-up's (-caught up +listing):\n%s", what, d)
		}
	}
	c, _, err := CatchUpIn(ctx, src, st, "stories.gob", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	listed("first catch-up", c, 30)
	src.arts = arts
	c, _, err = CatchUpIn(ctx, src, st, "stories.gob", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	listed("second catch-up", c, int64(len(arts)))
	if err := os.Remove(filepath.Join(dir, "stories-list.gob")); err != nil {
		t.Fatal(err)
	}
	c, res, err := CatchUpIn(ctx, src, st, "stories.gob", DefaultOptions())
	if err != nil || res.Added+res.Updated != 0 || res.SaveErr != nil {
		t.Fatalf("nothing new: %+v, %v", res, err)
	}
	listed("listing missing", c, int64(len(arts)))
	behind, err := addAll(t, arts[:30]).Listing().encode(DefaultOptions(), 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stories-list.gob"), behind, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _, err = CatchUpIn(ctx, src, st, "stories.gob", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	listed("listing behind", c, int64(len(arts)))
}

// FuzzListing: any payload under a valid header and checksum is a listing
// that selects without panicking, or ErrCorrupt.
func FuzzListing(f *testing.F) {
	c, _ := New(DefaultOptions())
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, title := range []string{"فيضانات في ليبيا", "سيول في ليبيا", "أوبك تخفض الإنتاج"} {
		c.Add(&news.Article{ID: string(rune('a' + i)), Title: title, Source: "صدى", Published: day, Paragraphs: []string{title + " اليوم"},
			Facts: news.Facts{Entities: []news.Entity{{Text: "ليبيا", Canonical: "ليبيا", Type: news.EntityPlace}}}})
	}
	data, err := c.Listing().encode(DefaultOptions(), 3)
	if err != nil {
		f.Fatal(err)
	}
	nl := strings.IndexByte(string(data), '\n')
	f.Add(data[nl+1 : len(data)-sha256.Size])
	f.Add([]byte{})
	header := fmt.Sprintf("%s %s 3\n", listingFormat, Version(DefaultOptions()))
	f.Fuzz(func(t *testing.T, payload []byte) {
		sum := sha256.Sum256(payload)
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "stories-list.gob"), append(append([]byte(header), payload...), sum[:]...), 0o644); err != nil {
			t.Fatal(err)
		}
		l, _, err := ListingIn(context.Background(), statedoc.NewFiles(dir), "stories.gob", DefaultOptions())
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("ListingIn: %v, want ErrCorrupt", err)
			}
			return
		}
		for _, s := range l.Select(func(r Ref) bool { return r.Source == "صدى" }) {
			l.StoryWith(s.ID)
		}
		l.Select(nil)
	})
}
