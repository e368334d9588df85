package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	neturl "net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// Validator is what a server said about a page so the next fetch can be a
// conditional GET.
type Validator struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched"`
}

// Validators remembers ETag and Last-Modified per URL in a small JSON
// document (fetch-validators.json: a file of the data directory, or a row
// of the database in PostgreSQL mode), so a page that has not changed
// costs a 304 and no body. Safe for concurrent use; Save merges this
// process's changes into the document as it is then, atomically
// (statedoc.Store.Update), so two processes saving at once lose neither's.
type Validators struct {
	st   statedoc.Store
	name string
	mu   sync.Mutex
	m    map[string]Validator
	// changed holds what Put (a value) and Forget (nil) did since the
	// last load or save, by key: what Save merges.
	changed map[string]*Validator
}

// ValidatorsFile is the file name OpenValidators uses in a data directory,
// and the document's name in any statedoc.Store.
const ValidatorsFile = "fetch-validators.json"

// OpenValidators loads the validators kept in the file at path (none yet
// is fine).
func OpenValidators(path string) (*Validators, error) {
	return LoadValidators(context.Background(), statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path))
}

// LoadValidators loads the validators kept in the document name of st
// (none yet is fine).
func LoadValidators(ctx context.Context, st statedoc.Store, name string) (*Validators, error) {
	v := &Validators{st: st, name: name, m: map[string]Validator{}}
	b, err := st.Load(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	} else if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if err := json.Unmarshal(b, &v.m); err != nil {
		return nil, fmt.Errorf("fetch: %s is damaged (%v); delete it to forget the pages' validators", st.Where(name), err)
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
	v.change(key(url), &x)
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
		v.change(key(url), nil)
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

// Reload reads the document again (another process sharing it may have
// saved since), keeping this process's unsaved changes on top. On an
// error the validators stay as they were.
func (v *Validators) Reload(ctx context.Context) error {
	if v == nil || v.st == nil {
		return nil
	}
	fresh, err := LoadValidators(ctx, v.st, v.name)
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.applyChanges(fresh.m)
	v.m = fresh.m
	return nil
}

// applyChanges makes this process's unsaved changes to m.
func (v *Validators) applyChanges(m map[string]Validator) {
	for k, x := range v.changed {
		if x == nil {
			delete(m, k)
		} else {
			m[k] = *x
		}
	}
}

func (v *Validators) change(k string, x *Validator) {
	if v.changed == nil {
		v.changed = map[string]*Validator{}
	}
	v.changed[k] = x
}

// Save merges what changed since the validators were loaded or last saved
// into the document as it is now (another process may have saved since),
// and keeps the merged validators.
func (v *Validators) Save() error {
	if v == nil || v.st == nil {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.changed) == 0 {
		return nil
	}
	var merged map[string]Validator
	err := v.st.Update(context.Background(), v.name, func(old []byte) ([]byte, error) {
		merged = map[string]Validator{}
		if old != nil && json.Unmarshal(old, &merged) != nil || merged == nil {
			merged = map[string]Validator{} // damaged since it was loaded: ours replace it
		}
		v.applyChanges(merged)
		return json.MarshalIndent(merged, "", " ")
	})
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	v.m, v.changed = merged, nil
	return nil
}
