package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/datalock"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/statedoc"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/postgres"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/story"
)

// Files of a data directory.
const (
	StoreFile   = "taqrir.db"
	IndexDir    = "index.bleve"
	StoriesFile = "stories.gob"
)

// StoriesListFile is the stories' listing, saved beside StoriesFile
// (story.ListingName): what listing them reads when they are up to date.
var StoriesListFile = story.ListingName(StoriesFile)

// Options say how to open a data directory.
type Options struct {
	// Create makes an empty store when the directory holds none; without
	// it a directory with no store is an error naming it.
	Create bool
	// DB, a postgres:// URL, keeps the store (the truth) and every state
	// document (tokens, saved searches, sources, fetch validators, feeds
	// seen, stories: Data.State) in PostgreSQL instead of the directory;
	// the directory keeps only this machine's index, a replica brought up
	// to date from the store's seq whenever it opens. Several machines,
	// each with its own directory, share one database.
	DB string
	// NoIndex opens the store only (commands that never search).
	NoIndex bool
	// Notes receives what the user should know and that is no error
	// (an index rebuilt, stories rebuilt); nil discards them.
	Notes io.Writer
	// Reader is set by a command that only reads: an index in step with
	// the store is opened read-only (nothing written, no background
	// persister or merger), and an index that cannot be brought up to date
	// (the directory cannot be written) is read as it is, and Data.SyncErr
	// says why, instead of failing.
	Reader bool
}

// Data is an open data directory. Its methods are safe for concurrent use.
type Data struct {
	Dir   string
	Store store.Store
	Index *index.Index
	state statedoc.Store // tokens, saved searches, sources, validators, feeds seen, stories
	notes io.Writer
	// SyncErr is why the index could not be brought up to date with the
	// store (Options.Reader): searches miss what it lacks.
	SyncErr error

	storyMu sync.Mutex // the stories' catch-up
	// listed is the last listing of the stories read or made, and the
	// store's seq it is at (a Listing is read-only: requests share it).
	listedMu  sync.Mutex
	listed    *story.Listing
	listedSeq int64
	ingMu     sync.Mutex // one ingest at a time
	hooksMu   sync.Mutex
	hooks     []func(ctx context.Context, ids []string)
	saved     *Saved
	reports   reportCache
}

// Lock takes the writer lock of dir for command, creating dir when it is
// missing; see datalock.Acquire.
func Lock(dir, command string, wait time.Duration) (*datalock.Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	l, err := datalock.Acquire(dir, command, wait)
	var held *datalock.HeldError
	if errors.As(err, &held) {
		if addr := ServeAddr(dir); addr != "" {
			return nil, fmt.Errorf("%w; `taqrir serve` holds it and answers at %s (use its API or web UI, or stop it)", err, addr)
		}
	}
	return l, err
}

// NoDataError is Open's error for a directory without a store.
type NoDataError struct{ Dir string }

func (e *NoDataError) Error() string {
	return fmt.Sprintf("no taqrir data in %s: run `taqrir ingest PATH` or `taqrir demo` first, or pass --data", e.Dir)
}

// Open opens the data directory dir, whose writer lock the caller holds
// (Lock), and brings the index up to date with the store: rebuilt when the
// analysis changed, and every article it lacks replayed (repairing an
// interrupted ingest).
func Open(ctx context.Context, dir string, o Options) (*Data, error) {
	storePath := filepath.Join(dir, StoreFile)
	if !o.Create && o.DB == "" {
		if _, err := os.Stat(storePath); errors.Is(err, fs.ErrNotExist) {
			return nil, &NoDataError{Dir: dir}
		}
	}
	notes := o.Notes
	if notes == nil {
		notes = io.Discard
	}
	var st store.Store
	var state statedoc.Store = StateFiles(dir)
	var err error
	var inStep <-chan *index.Index
	if o.Reader && !o.NoIndex {
		// The index opens beside the store: each takes a few
		// milliseconds of a command's start-up, most of it waiting on
		// files or building tables, and a machine has two cores.
		inStep = openInStep(filepath.Join(dir, IndexDir))
	}
	if o.DB != "" {
		// Any failure goes through the one return below, which closes
		// the index opened beside.
		if err = os.MkdirAll(dir, 0o755); err == nil {
			var pg *postgres.DB
			if pg, err = postgres.Open(ctx, o.DB); err == nil {
				st, state = pg, pg.Docs() // every state document in the database too
			}
		}
	} else {
		st, err = sqlite.Open(ctx, storePath)
	}
	if err != nil {
		if inStep != nil {
			if ix := <-inStep; ix != nil {
				ix.Close()
			}
		}
		return nil, err
	}
	d := &Data{Dir: dir, Store: st, state: state, notes: notes}
	d.saved = newSaved(state, nil)
	if o.NoIndex {
		return d, nil
	}
	if inStep != nil {
		d.Index = <-inStep
		if d.Index != nil && !holdsAll(ctx, st, d.Index) {
			d.Index.Close()
			d.Index = nil
		}
	}
	if d.Index == nil {
		d.Index, err = index.Open(d.IndexPath())
		// The store is the truth: an index that cannot be opened (say, an
		// older taqrir was killed while creating it) or whose terms are
		// stale (the analysis changed since it was built) is rebuilt from it.
		why := ""
		switch {
		case errors.Is(err, index.ErrDamaged):
			why = err.Error()
		case err != nil:
			d.Close()
			return nil, err
		default:
			stale, err := d.Index.Stale()
			if err != nil {
				d.Close()
				return nil, err
			}
			if stale {
				why = "the Arabic analysis changed since " + d.IndexPath() + " was built"
				d.Index.Close()
			}
		}
		if why != "" {
			fmt.Fprintf(notes, "taqrir: %s; rebuilding it from the store…\n", why)
			ix, n, err := ingest.Reindex(ctx, d.Store, d.IndexPath())
			d.Index = ix
			if err != nil {
				d.Close()
				return nil, err
			}
			fmt.Fprintf(notes, "taqrir: %d articles re-indexed\n", n)
		}
		if err := ingest.Sync(ctx, d.Store, d.Index); err != nil {
			if o.Reader {
				d.SyncErr = err
				return d, nil
			}
			d.Close()
			return nil, err
		}
	}
	d.saved.ix = d.Index
	// Saved searches see every new article as it is stored, whoever ingests.
	d.OnNew(func(ctx context.Context, ids []string) {
		if err := d.saved.Match(ctx, ids, time.Now()); err != nil {
			d.Note("taqrir: saved searches not matched against the new articles: %v\n", err)
		}
	})
	return d, nil
}

// openInStep opens the index at path read-only, in a goroutine, and sends
// it when it was built with this taqrir's analysis (nil when it cannot be
// opened or is stale). Open then keeps it if it holds every article the
// store has (holdsAll), else takes the writable road (rebuild, sync). A
// command that only reads then writes nothing: opened writable, bleve
// writes its snapshot back to root.bolt (two fsyncs) and starts its
// persister and merger at every open, and Close waits for them.
func openInStep(path string) <-chan *index.Index {
	c := make(chan *index.Index, 1)
	go func() {
		// The analysis' version (its tables built and hashed) is
		// computed while bleve reads the index.
		version := make(chan string, 1)
		go func() { version <- index.BuildVersion() }()
		ix, err := index.OpenReadOnly(path)
		v := <-version
		if err != nil {
			c <- nil
			return
		}
		if built, err := ix.BuiltWith(); err != nil || built != v {
			ix.Close()
			ix = nil
		}
		c <- ix
	}()
	return c
}

// holdsAll reports whether ix holds every article st has.
func holdsAll(ctx context.Context, st store.Store, ix *index.Index) bool {
	from, err := ix.Seq()
	if err != nil {
		return false
	}
	top, err := st.MaxSeq(ctx)
	return err == nil && top <= from
}

// IndexPath is the index's directory.
func (d *Data) IndexPath() string { return filepath.Join(d.Dir, IndexDir) }

// Path is a file of the data directory.
func (d *Data) Path(name string) string { return filepath.Join(d.Dir, name) }

// OpenReadOnly opens dir's store and index without writing anything (no
// lock, no migration, no sync): for commands that only read, where the
// directory cannot be written (a read-only mount, a full disk).
func OpenReadOnly(ctx context.Context, dir string, withIndex bool, notes io.Writer) (*Data, error) {
	if notes == nil {
		notes = io.Discard
	}
	st, err := sqlite.OpenReadOnly(ctx, filepath.Join(dir, StoreFile))
	if err != nil {
		return nil, err
	}
	d := &Data{Dir: dir, Store: st, state: StateFiles(dir), notes: notes}
	d.saved = newSaved(d.state, nil)
	if !withIndex {
		return d, nil
	}
	if d.Index, err = index.OpenReadOnly(d.IndexPath()); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the index and the store.
func (d *Data) Close() error {
	var err error
	if d.Index != nil {
		err = d.Index.Close()
	}
	if d.Store != nil {
		err = errors.Join(err, d.Store.Close())
	}
	return err
}

// Note writes a note for the user.
func (d *Data) Note(format string, args ...any) { fmt.Fprintf(d.notes, format, args...) }
