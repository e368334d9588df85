package story

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/statedoc"
)

// A Listing is what listing stories reads of a Clusterer: each story's span
// and follow-up, and of each article its reference, its similarity to its
// story's centroid (which picks the story's title) and its entities. It
// leaves out the vectors, centroids, seeds and postings that placing
// articles needs, which are most of a state: SaveIn writes it beside the
// state, and a caller whose stories are up to date lists them from it
// (ListingIn) without loading the state (at 10,000 ANT articles, 5.9 MB
// instead of 31.9 MB on disk; `taqrir stories` peaks at 108 MB instead of
// 272 MB).
type Listing struct {
	stories   []listedStory
	byArticle map[string]int // article id → its story's index
}

// listedStory is one story of a Listing; members in the story's order.
type listedStory struct {
	First, Last time.Time
	FollowUpOf  string
	Members     []listedMember
}

type listedMember struct {
	Ref      Ref
	Sim      float64 // the article's similarity to its story's centroid
	Entities []listedEntity
}

// listedEntity is one entity an article names.
type listedEntity struct {
	Name, Type string
	Mentions   int
}

// Listing returns the listing of the stories as they are now.
func (c *Clusterer) Listing() *Listing {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := &Listing{stories: make([]listedStory, len(c.stories))}
	for i, st := range c.stories {
		ls := listedStory{First: st.first, Last: st.last, FollowUpOf: st.followUpOf, Members: make([]listedMember, len(st.members))}
		for j, m := range st.members {
			lm := listedMember{Ref: m.ref}
			for _, f := range m.vec {
				lm.Sim += f.w * weightOf(st.centroid, f.id)
			}
			for name, ec := range m.entities {
				lm.Entities = append(lm.Entities, listedEntity{name, ec.typ, ec.mentions})
			}
			ls.Members[j] = lm
		}
		l.stories[i] = ls
	}
	l.index()
	return l
}

// index fills byArticle.
func (l *Listing) index() {
	l.byArticle = make(map[string]int)
	for i, st := range l.stories {
		for _, m := range st.Members {
			l.byArticle[m.Ref.ID] = i
		}
	}
}

// Select is Clusterer.Select of the stories listed.
func (l *Listing) Select(keep func(Ref) bool) []Story {
	out := make([]Story, 0, len(l.stories))
	for i := range l.stories {
		if s, ok := l.stories[i].story(keep); ok {
			out = append(out, s)
		}
	}
	sortStories(out)
	return out
}

func sortStories(out []Story) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Last.IsZero() != b.Last.IsZero() {
			return !a.Last.IsZero()
		}
		if !a.Last.Equal(b.Last) {
			return a.Last.After(b.Last)
		}
		return a.ID < b.ID
	})
}

// StoryWith returns the story the article is in, as Select lists it when
// it keeps every article.
func (l *Listing) StoryWith(articleID string) (Story, bool) {
	i, ok := l.byArticle[articleID]
	if !ok {
		return Story{}, false
	}
	return l.stories[i].story(func(Ref) bool { return true })
}

// StoryOf is Clusterer.StoryOf of the stories listed.
func (l *Listing) StoryOf(articleID string) (string, bool) {
	i, ok := l.byArticle[articleID]
	if !ok {
		return "", false
	}
	return l.stories[i].Members[0].Ref.ID, true
}

func (st *listedStory) story(keep func(Ref) bool) (Story, bool) {
	s := Story{ID: st.Members[0].Ref.ID, First: st.First, Last: st.Last, Size: len(st.Members), Entities: []Entity{}, FollowUpOf: st.FollowUpOf}
	if keep != nil {
		s.First, s.Last, s.Size = time.Time{}, time.Time{}, 0
	}
	best := -1.0
	ents := map[string]*Entity{}
	mentions := map[string]int{}
	for _, m := range st.Members {
		if keep != nil {
			if !keep(m.Ref) {
				continue
			}
			s.Size++
			if t := m.Ref.Published; !t.IsZero() {
				if s.First.IsZero() || t.Before(s.First) {
					s.First = t
				}
				if t.After(s.Last) {
					s.Last = t
				}
			}
		}
		s.Articles = append(s.Articles, m.Ref)
		if m.Sim > best && m.Ref.Title != "" {
			best, s.Title = m.Sim, m.Ref.Title
		}
		for _, ec := range m.Entities {
			e := ents[ec.Name]
			if e == nil && !resolve.Salient(news.Entity{Canonical: ec.Name, Type: ec.Type}) {
				continue // بنسبة 2.1، سلطنة، أوروبية stored by an older taqrir: no entity to list
			}
			if e == nil {
				e = &Entity{Name: ec.Name, Type: ec.Type}
				ents[ec.Name] = e
			}
			e.Articles++
			mentions[ec.Name] += ec.Mentions
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

// listingFormat opens a listing document's header line, as stateFormat
// opens a state's; the version and the watermark follow.
const listingFormat = "taqrir-stories-list-1"

// ListingName is the document the listing of the state document name is
// saved in: "stories.gob" → "stories-list.gob".
func ListingName(name string) string {
	return strings.TrimSuffix(name, ".gob") + "-list.gob"
}

// savedListing is the gob of a Listing.
type savedListing struct {
	Seq     int64
	Stories []listedStory
}

// encodeListing is the listing document: the header line, the gob and its
// SHA-256, as Encode writes a state.
func (l *Listing) encode(opt Options, seq int64) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s %s %d\n", listingFormat, Version(opt), seq)
	start := buf.Len()
	if err := gob.NewEncoder(&buf).Encode(&savedListing{Seq: seq, Stories: l.stories}); err != nil {
		return nil, fmt.Errorf("story: save listing: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes()[start:])
	buf.Write(sum[:])
	return buf.Bytes(), nil
}

// SaveListingIn writes the listing of the stories as they are now, with
// the watermark seq, to the document ListingName(name) of st (replaced
// whole, atomically).
func (c *Clusterer) SaveListingIn(ctx context.Context, st statedoc.Store, name string, seq int64) error {
	b, err := c.Listing().encode(c.opt, seq)
	if err != nil {
		return err
	}
	if err := st.Put(ctx, ListingName(name), b); err != nil {
		return fmt.Errorf("story: save %s: %w", st.Where(ListingName(name)), err)
	}
	return nil
}

// ListingIn reads the listing saved beside the state document name of st
// and returns it with its watermark. The errors are OpenIn's: ErrNoState,
// ErrStale or ErrCorrupt when it cannot be used.
func ListingIn(ctx context.Context, st statedoc.Store, name string, opt Options) (*Listing, int64, error) {
	path := st.Where(ListingName(name))
	data, err := st.Load(ctx, ListingName(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, fmt.Errorf("%w: %s does not exist", ErrNoState, path)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("story: open %s: %w", path, err)
	}
	payload, seq, err := checked(path, data, listingFormat, opt)
	if err != nil {
		return nil, 0, err
	}
	var s savedListing
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&s); err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	if s.Seq != seq {
		return nil, 0, fmt.Errorf("%w: %s: header says seq %d, listing %d", ErrCorrupt, path, seq, s.Seq)
	}
	for i, ls := range s.Stories {
		if len(ls.Members) == 0 {
			return nil, 0, fmt.Errorf("%w: %s: story %d has no articles", ErrCorrupt, path, i)
		}
	}
	l := &Listing{stories: s.Stories}
	l.index()
	return l, seq, nil
}
