package feed

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/google/renameio/v2"
)

// SeenFile is the file name OpenSeen uses in a data directory.
const SeenFile = "feeds-seen.json"

// maxSeenPerFeed bounds what is remembered of one feed: feeds list their
// latest few dozen entries, so the oldest keys beyond this are long gone
// from the feed and forgetting them cannot bring an entry back.
const maxSeenPerFeed = 5000

// Seen remembers, per feed, the entries already taken (by GUID, else link,
// else a hash of title and text), in a small JSON file in the data
// directory. Safe for concurrent use; Save writes it atomically.
type Seen struct {
	path  string
	mu    sync.Mutex
	m     map[string]map[string]time.Time // feed → entry key → when first taken
	dirty bool
	// taken maps the origin of each item sent this run to its entry, so
	// an item that then fails to be stored can be forgotten (ForgetOrigin)
	// and taken again next time. Not saved.
	taken map[string][2]string
}

// OpenSeen loads the seen entries kept at path (none yet is fine).
func OpenSeen(path string) (*Seen, error) {
	s := &Seen{path: path, m: map[string]map[string]time.Time{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	} else if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if err := json.Unmarshal(b, &s.m); err != nil {
		return nil, fmt.Errorf("feed: %s is damaged (%v); delete it to take every feed entry again", path, err)
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
		s.dirty = true
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
	m[key] = time.Now().UTC()
	s.dirty = true
	if len(m) > maxSeenPerFeed {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]].Before(m[keys[j]]) })
		for _, k := range keys[:len(m)-maxSeenPerFeed] {
			delete(m, k)
		}
	}
}

// Save writes the seen entries if they changed.
func (s *Seen) Save() error {
	if s == nil || s.path == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dirty {
		return nil
	}
	b, err := json.MarshalIndent(s.m, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if err := renameio.WriteFile(s.path, b, 0o644); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	s.dirty = false
	return nil
}
