package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// jsonFile is a small JSON state document (tokens, saved searches,
// sources): read whole, written whole through the state store (Data.State:
// the data directory's files, or the database in PostgreSQL mode), so a
// reader never sees half of it. An update reads, changes and writes the
// document atomically: in PostgreSQL mode under the row's lock, so writers
// of several processes lose nothing; in the embedded mode a process
// serialises its own writers, and writers of two processes are rare
// hand-made changes (a command while the server runs), the later rename
// winning.
type jsonFile[T any] struct {
	st   statedoc.Store
	name string
}

// decode reads the document's bytes; none is the zero value.
func (f *jsonFile[T]) decode(b []byte) (T, error) {
	var v T
	if b == nil {
		return v, nil
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("%s: %w (fix or delete it)", f.st.Where(f.name), err)
	}
	return v, nil
}

// update loads the document, lets fn change it and writes it back when fn
// returns no error.
func (f *jsonFile[T]) update(fn func(*T) error) error {
	return f.st.Update(context.Background(), f.name, func(old []byte) ([]byte, error) {
		v, err := f.decode(old)
		if err != nil {
			return nil, err
		}
		if err := fn(&v); err != nil {
			return nil, err
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, err
		}
		return append(b, '\n'), nil
	})
}

// read loads the document; a missing one is the zero value.
func (f *jsonFile[T]) read() (T, error) {
	b, err := f.st.Load(context.Background(), f.name)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = nil, nil
	}
	if err != nil {
		var v T
		return v, err
	}
	return f.decode(b)
}

// EnsureDir creates the data directory dir when it is missing.
func EnsureDir(dir string) (string, error) { return dir, os.MkdirAll(dir, 0o755) }
