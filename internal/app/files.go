package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/google/renameio/v2"
)

// jsonFile is a small JSON document of the data directory (tokens, saved
// searches, sources): read whole, written whole through renameio, so a
// reader never sees half of it. A process serialises its own writers;
// writers of two processes are rare hand-made changes (a command while the
// server runs), and the later rename wins.
type jsonFile[T any] struct {
	path string
	mu   sync.Mutex
}

// load reads the document; a missing file is the zero value.
func (f *jsonFile[T]) load() (T, error) {
	var v T
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	} else if err != nil {
		return v, err
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("%s: %w (fix or delete the file)", f.path, err)
	}
	return v, nil
}

// update loads the document, lets fn change it and writes it back when fn
// returns no error.
func (f *jsonFile[T]) update(fn func(*T) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, err := f.load()
	if err != nil {
		return err
	}
	if err := fn(&v); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return renameio.WriteFile(f.path, append(b, '\n'), 0o600)
}

// read loads the document under the process's lock.
func (f *jsonFile[T]) read() (T, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.load()
}

// EnsureDir creates the data directory dir when it is missing.
func EnsureDir(dir string) (string, error) { return dir, os.MkdirAll(dir, 0o755) }
