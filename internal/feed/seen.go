package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// SeenFile is the file name OpenSeen uses in a data directory.
const SeenFile = "feeds-seen.json"

// maxSeenPerFeed bounds what is remembered of one feed: feeds list their
// latest few dozen entries, so the oldest keys beyond this are long gone
// from the feed and forgetting them cannot bring an entry back.
const maxSeenPerFeed = 5000

// Seen remembers, per feed, the entries already taken (by GUID, else link,
// else a hash of title and text), in a small JSON document (feeds-seen.json:
// a file of the data directory, or a row of the database in PostgreSQL
// mode). Safe for concurrent use; Save merges this process's changes into
// the document as it is then, atomically (statedoc.Store.Update), so two
// processes saving at once lose neither's.
type Seen struct {
	st   statedoc.Store
	name string
	mu   sync.Mutex
	m    map[string]map[string]time.Time // feed → entry key → when first taken
	// changed holds what Add (a time) and ForgetOrigin (nil) did since
	// the last load or save: what Save merges.
	changed map[[2]string]*time.Time
	// taken maps the origin of each item sent this run to its entry, so
	// an item that then fails to be stored can be forgotten (ForgetOrigin)
	// and taken again next time. Not saved.
	taken map[string][2]string
}

// OpenSeen loads the seen entries kept in the file at path (none yet is
// fine).
func OpenSeen(path string) (*Seen, error) {
	return LoadSeen(context.Background(), statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path))
}

// LoadSeen loads the seen entries kept in the document name of st (none
// yet is fine).
func LoadSeen(ctx context.Context, st statedoc.Store, name string) (*Seen, error) {
	s := &Seen{st: st, name: name, m: map[string]map[string]time.Time{}}
	b, err := st.Load(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	} else if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if err := json.Unmarshal(b, &s.m); err != nil {
		return nil, fmt.Errorf("feed: %s is damaged (%v); delete it to take every feed entry again", st.Where(name), err)
	}
	if s.m == nil {
		s.m = map[string]map[string]time.Time{}
	}
	return s, nil
}

// Has reports whether the entry key of feed was taken before.
func (s *Seen) Has(feed, key string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[feed][key]
	return ok
}

// ForgetOrigin forgets the entry whose item had this origin in this run
// (an item that could not be extracted or stored), so the next reading of
// its feed takes it again, and returns that feed. Unknown origins are
// ignored (ok false).
func (s *Seen) ForgetOrigin(origin string) (feed string, ok bool) {
	if s == nil {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fk, ok := s.taken[origin]
	if !ok {
		return "", false
	}
	delete(s.taken, origin)
	if _, ok := s.m[fk[0]][fk[1]]; ok {
		delete(s.m[fk[0]], fk[1])
		s.change(fk, nil)
	}
	return fk[0], true
}

// Add remembers the entry key of feed, taken as the item with origin.
func (s *Seen) Add(feed, key, origin string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.taken == nil {
		s.taken = map[string][2]string{}
	}
	s.taken[origin] = [2]string{feed, key}
	m := s.m[feed]
	if m == nil {
		m = map[string]time.Time{}
		s.m[feed] = m
	}
	now := time.Now().UTC()
	m[key] = now
	s.change([2]string{feed, key}, &now)
	trim(m)
}

// trim forgets the oldest entries of a feed beyond maxSeenPerFeed.
func trim(m map[string]time.Time) {
	if len(m) <= maxSeenPerFeed {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]].Before(m[keys[j]]) })
	for _, k := range keys[:len(m)-maxSeenPerFeed] {
		delete(m, k)
	}
}

// Reload reads the document again (another process sharing it may have
// saved since), keeping this process's unsaved changes on top. On an
// error the entries stay as they were.
func (s *Seen) Reload(ctx context.Context) error {
	if s == nil || s.st == nil {
		return nil
	}
	fresh, err := LoadSeen(ctx, s.st, s.name)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyChanges(fresh.m)
	s.m = fresh.m
	return nil
}

// applyChanges makes this process's unsaved changes to m, forgetting the
// oldest entries of a feed past maxSeenPerFeed.
func (s *Seen) applyChanges(m map[string]map[string]time.Time) {
	touched := map[string]bool{}
	for fk, at := range s.changed {
		fm := m[fk[0]]
		switch {
		case at == nil && fm != nil:
			delete(fm, fk[1])
		case at != nil:
			if fm == nil {
				fm = map[string]time.Time{}
				m[fk[0]] = fm
			}
			fm[fk[1]] = *at
			touched[fk[0]] = true
		}
	}
	for f := range touched {
		trim(m[f])
	}
}

func (s *Seen) change(fk [2]string, at *time.Time) {
	if s.changed == nil {
		s.changed = map[[2]string]*time.Time{}
	}
	s.changed[fk] = at
}

// Save merges what changed since the entries were loaded or last saved
// into the document as it is now (another process may have saved since),
// and keeps the merged entries.
func (s *Seen) Save() error {
	if s == nil || s.st == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.changed) == 0 {
		return nil
	}
	var merged map[string]map[string]time.Time
	err := s.st.Update(context.Background(), s.name, func(old []byte) ([]byte, error) {
		merged = map[string]map[string]time.Time{}
		if old != nil && json.Unmarshal(old, &merged) != nil || merged == nil {
			merged = map[string]map[string]time.Time{} // damaged since it was loaded: ours replace it
		}
		s.applyChanges(merged)
		return json.MarshalIndent(merged, "", " ")
	})
	if err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	s.m, s.changed = merged, nil
	return nil
}
