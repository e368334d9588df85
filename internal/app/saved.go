package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/statedoc"
)

// SavedFile holds the saved searches of a data directory and their
// latest matches.
const SavedFile = "saved-searches.json"

// MaxMatches is how many of its latest matches a saved search keeps (its
// feed shows them).
const MaxMatches = 200

// SavedSearch is a query with filters kept under a name; articles stored
// after it was saved that it matches are its matches, newest first.
type SavedSearch struct {
	Name    string    `json:"name"`
	Query   string    `json:"query"`
	Source  string    `json:"source,omitempty"`
	Entity  string    `json:"entity,omitempty"`
	Since   string    `json:"since,omitempty"`
	Until   string    `json:"until,omitempty"`
	Webhook string    `json:"webhook,omitempty"` // an http(s) URL told of each new batch of matches
	Created time.Time `json:"created"`
	Matches []Match   `json:"matches"`
}

// Match is one article a saved search matched when it was stored.
type Match struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	Published *time.Time `json:"published"`
	Matched   time.Time  `json:"matched"`
}

// Request is the search a saved search runs.
func (s SavedSearch) Request() (index.Request, error) {
	r := index.Request{Query: s.Query, Source: s.Source, Synonyms: true}
	var err error
	if r.Since, r.Until, err = ParseRange("since", "until", s.Since, s.Until); err != nil {
		return r, err
	}
	if strings.TrimSpace(s.Entity) != "" {
		r.Entities = EntityAliases(s.Entity)
	}
	return r, nil
}

type savedDoc struct {
	Searches []SavedSearch `json:"searches"`
}

// Saved holds a data directory's saved searches.
type Saved struct {
	f  jsonFile[savedDoc]
	ix *index.Index
	// Alert, when set, is told of each saved search's new matches after
	// they are recorded (the server posts webhooks from it).
	Alert func(s SavedSearch, batch []Match)
}

// Saved returns the data directory's saved searches.
func (d *Data) Saved() *Saved { return d.saved }

func newSaved(st statedoc.Store, ix *index.Index) *Saved {
	return &Saved{f: jsonFile[savedDoc]{st: st, name: SavedFile}, ix: ix}
}

// Add saves s, after checking its name and that its query can run.
func (sv *Saved) Add(ctx context.Context, s SavedSearch, now time.Time) error {
	if err := CheckName("saved search", s.Name); err != nil {
		return err
	}
	r, err := s.Request()
	if err != nil {
		return err
	}
	if s.Webhook != "" && !strings.HasPrefix(s.Webhook, "https://") && !strings.HasPrefix(s.Webhook, "http://") {
		return fmt.Errorf("webhook %q: want an http(s) URL", s.Webhook)
	}
	if sv.ix != nil {
		r.Limit, r.IDsOnly = 1, true
		if _, err := sv.ix.Search(ctx, r); err != nil {
			return QueryError("saved search", s.Query, err)
		}
	}
	s.Created, s.Matches = now.UTC(), []Match{}
	return sv.f.update(func(d *savedDoc) error {
		for _, x := range d.Searches {
			if x.Name == s.Name {
				return fmt.Errorf("%w: a saved search is named %q", ErrExists, s.Name)
			}
		}
		d.Searches = append(d.Searches, s)
		sort.Slice(d.Searches, func(i, j int) bool { return d.Searches[i].Name < d.Searches[j].Name })
		return nil
	})
}

// List returns the saved searches by name.
func (sv *Saved) List() ([]SavedSearch, error) {
	d, err := sv.f.read()
	if d.Searches == nil {
		d.Searches = []SavedSearch{}
	}
	return d.Searches, err
}

// Get returns one saved search.
func (sv *Saved) Get(name string) (SavedSearch, error) {
	all, err := sv.List()
	if err != nil {
		return SavedSearch{}, err
	}
	for _, s := range all {
		if s.Name == name {
			return s, nil
		}
	}
	return SavedSearch{}, fmt.Errorf("%w: no saved search named %q", ErrUnknown, name)
}

// Remove deletes a saved search.
func (sv *Saved) Remove(name string) error {
	return sv.f.update(func(d *savedDoc) error {
		for i, x := range d.Searches {
			if x.Name == name {
				d.Searches = append(d.Searches[:i], d.Searches[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("%w: no saved search named %q", ErrUnknown, name)
	})
}

// Match runs every saved search over the articles ids only (those an
// ingest just stored: one restricted search each, never a rerun over the
// whole index) and records what they match.
func (sv *Saved) Match(ctx context.Context, ids []string, now time.Time) error {
	if sv.ix == nil || len(ids) == 0 {
		return nil
	}
	all, err := sv.List()
	if err != nil || len(all) == 0 {
		return err
	}
	found := map[string][]Match{}
	for _, s := range all {
		r, err := s.Request()
		if err != nil {
			continue // saved before a rule changed: it matches nothing rather than failing the ingest
		}
		r.IDs, r.Limit, r.NoFacets, r.NoHighlight = ids, len(ids), true, true
		res, err := sv.ix.Search(ctx, r)
		if err != nil {
			continue
		}
		if res.Relaxed {
			continue // an alert wants every word
		}
		for _, h := range res.Hits {
			found[s.Name] = append(found[s.Name], Match{ID: h.ID, Title: h.Title, Source: h.Source, Published: h.Published, Matched: now.UTC()})
		}
	}
	if len(found) == 0 {
		return nil
	}
	type alert struct {
		s     SavedSearch
		fresh []Match
	}
	var alerts []alert
	err = sv.f.update(func(d *savedDoc) error {
		alerts = alerts[:0] // the update may run again
		for i := range d.Searches {
			s := &d.Searches[i]
			// An article already recorded is not recorded or alerted
			// again: the same ids matched twice (a job of the queue run
			// again after its worker died) change nothing.
			fresh := newMatches(found[s.Name], s.Matches)
			if len(fresh) == 0 {
				continue
			}
			s.Matches = append(fresh, s.Matches...)
			if len(s.Matches) > MaxMatches {
				s.Matches = s.Matches[:MaxMatches]
			}
			alerts = append(alerts, alert{*s, fresh})
		}
		return nil
	})
	if err == nil && sv.Alert != nil {
		for _, a := range alerts {
			sv.Alert(a.s, a.fresh)
		}
	}
	return err
}

// newMatches is batch without the articles recorded already.
func newMatches(batch, recorded []Match) []Match {
	if len(batch) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(recorded))
	for _, m := range recorded {
		seen[m.ID] = true
	}
	var fresh []Match
	for _, m := range batch {
		if !seen[m.ID] {
			seen[m.ID] = true
			fresh = append(fresh, m)
		}
	}
	return fresh
}
