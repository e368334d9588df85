// Package statedoc keeps taqrir's state documents: the small named
// documents besides the store (API tokens, saved searches, monitored
// sources, fetch validators, feeds seen) and the stories' state, each read
// whole and replaced whole, atomically.
//
// A Store is where they live. In the embedded mode it is Files, the data
// directory: each document is a file of that name, written through a
// synced temporary file renamed over it (renameio), so a reader sees the
// old document or the new one, never half. In PostgreSQL mode it is a
// table of the database (internal/store/postgres), so every server and
// worker sharing the database shares the documents too, and an Update
// there holds the document's row lock from its read to its write: two
// processes updating one document never lose either change.
//
// The package imports nothing of taqrir's: the source stage (fetch, feed)
// and story keep their state through it without knowing which Store it is.
package statedoc

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/google/renameio/v2"
)

// Store keeps named documents. Its methods are safe for concurrent use.
type Store interface {
	// Load returns the document; an error wrapping fs.ErrNotExist when
	// there is none.
	Load(ctx context.Context, name string) ([]byte, error)
	// Head returns at most the first n bytes of the document (a header
	// read without the rest); errors as Load's.
	Head(ctx context.Context, name string, n int) ([]byte, error)
	// Update calls fn with the document (nil when there is none) and
	// stores what fn returns, atomically: no other Update of the document
	// (of this process; with a database, of any process) runs between the
	// read and the write. When fn returns an error nothing is written and
	// Update returns it; when fn returns ErrKeep nothing is written and
	// Update returns nil.
	Update(ctx context.Context, name string, fn func(old []byte) ([]byte, error)) error
	// Put replaces the document whole without reading it (a derived state
	// such as the stories', whose writers need not merge).
	Put(ctx context.Context, name string, body []byte) error
	// Where names the document for messages: a file's path, or the table
	// and row.
	Where(name string) string
}

// ErrKeep, returned by an Update's fn, leaves the document as it is.
var ErrKeep = errors.New("statedoc: keep the document as it is")

// Files is a Store of files in a directory, each document the file of its
// name.
type Files struct {
	dir     string
	private map[string]bool
}

// NewFiles returns the documents of the directory dir. The files named in
// private are written readable by their owner only (0600), the others
// 0644.
func NewFiles(dir string, private ...string) *Files {
	f := &Files{dir: dir, private: map[string]bool{}}
	for _, p := range private {
		f.private[p] = true
	}
	return f
}

// Dir is the directory.
func (f *Files) Dir() string { return f.dir }

// Where implements Store: the file's path.
func (f *Files) Where(name string) string { return filepath.Join(f.dir, name) }

// Load implements Store.
func (f *Files) Load(_ context.Context, name string) ([]byte, error) {
	return os.ReadFile(f.Where(name))
}

// Head implements Store.
func (f *Files) Head(_ context.Context, name string, n int) ([]byte, error) {
	fh, err := os.Open(f.Where(name))
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(fh, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:m], nil
}

// fileLocks serialises the Updates of one file within the process,
// whichever Files value they go through.
var fileLocks sync.Map // absolute path → *sync.Mutex

func lockFile(path string) func() {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	mu, _ := fileLocks.LoadOrStore(path, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	return mu.(*sync.Mutex).Unlock
}

// Update implements Store. Updates of one file are serialised within the
// process; two processes updating one file at the same moment are not
// (the later rename wins), which the embedded mode accepts: its second
// writer is a hand-made change (a command while the server runs).
func (f *Files) Update(ctx context.Context, name string, fn func(old []byte) ([]byte, error)) error {
	path := f.Where(name)
	defer lockFile(path)()
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		old, err = nil, nil
	}
	if err != nil {
		return err
	}
	body, err := fn(old)
	if errors.Is(err, ErrKeep) {
		return nil
	} else if err != nil {
		return err
	}
	return f.write(path, name, body)
}

// Put implements Store.
func (f *Files) Put(_ context.Context, name string, body []byte) error {
	path := f.Where(name)
	defer lockFile(path)()
	return f.write(path, name, body)
}

func (f *Files) write(path, name string, body []byte) error {
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if f.private[name] {
		mode = 0o600
	}
	return renameio.WriteFile(path, body, mode)
}
