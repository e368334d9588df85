package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/renameio/v2"
)

// Validator is what a server said about a page so the next fetch can be a
// conditional GET.
type Validator struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched"`
}

// Validators remembers ETag and Last-Modified per URL in a small JSON file
// (fetch-validators.json in the data directory), so a page that has not
// changed costs a 304 and no body. Safe for concurrent use; Save writes the
// file atomically (a temporary file renamed over the old one).
type Validators struct {
	path  string
	mu    sync.Mutex
	m     map[string]Validator
	dirty bool
}

// ValidatorsFile is the file name OpenValidators uses in a data directory.
const ValidatorsFile = "fetch-validators.json"

// OpenValidators loads the validators kept at path (none yet is fine).
func OpenValidators(path string) (*Validators, error) {
	v := &Validators{path: path, m: map[string]Validator{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	} else if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if err := json.Unmarshal(b, &v.m); err != nil {
		return nil, fmt.Errorf("fetch: %s is damaged (%v); delete it to forget the pages' validators", path, err)
	}
	if v.m == nil {
		v.m = map[string]Validator{}
	}
	return v, nil
}

// Get returns what is known of url.
func (v *Validators) Get(url string) (Validator, bool) {
	if v == nil {
		return Validator{}, false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	x, ok := v.m[key(url)]
	return x, ok
}

// Put remembers what the server said of url (nothing when it sent neither
// header).
func (v *Validators) Put(url string, x Validator) {
	if v == nil || (x.ETag == "" && x.LastModified == "") {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.m[key(url)] = x
	v.dirty = true
}

// Forget drops what is known of url, so its next fetch is unconditional
// (used when a fetched page could not be stored).
func (v *Validators) Forget(url string) {
	if v == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if _, ok := v.m[key(url)]; ok {
		delete(v.m, key(url))
		v.dirty = true
	}
}

// key is the form a URL is remembered under: as fetched (no fragment,
// no surrounding space), so the URL a user typed and the one fetched meet.
func key(raw string) string {
	u, err := neturl.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Fragment = ""
	return u.String()
}

// Save writes the validators if they changed.
func (v *Validators) Save() error {
	if v == nil || v.path == "" {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.dirty {
		return nil
	}
	b, err := json.MarshalIndent(v.m, "", " ")
	if err != nil {
		return err
	}
	if err := writeAtomic(v.path, b); err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	v.dirty = false
	return nil
}

// writeAtomic writes b to path through a synced temporary file in the same
// directory (renameio), so a crash leaves the old file or the new one, never half.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return renameio.WriteFile(path, b, 0o644)
}
