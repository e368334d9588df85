package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the SQLite store.
type DB struct {
	db   *sql.DB
	path string
	// byID is the statement Article runs, prepared when the store opens:
	// a report reads up to 2,000 articles by id, and preparing the
	// statement each time cost a third of each read.
	byID *sql.Stmt
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the store at path and applies pending
// migrations.
func Open(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := create(ctx, path); err != nil {
			return nil, err
		}
	}
	s, err := open(path)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// prepare prepares the statements the store reads by, once its schema is
// there; it closes the store when it cannot.
func (s *DB) prepare(ctx context.Context) error {
	var err error
	if s.byID, err = s.db.PrepareContext(ctx, `SELECT `+store.ArticleColumns+` FROM articles WHERE id = ?`); err != nil {
		s.db.Close()
		return fmt.Errorf("sqlite: %s: %w", s.path, err)
	}
	return nil
}

func open(path string) (*DB, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	return &DB{db: db, path: path}, nil
}

// create makes a new store at path with every migration applied. It is
// built beside path and renamed into place when whole, so a process killed
// while creating it leaves either no store or one with its schema, never
// an empty file that readers would take for a store.
func create(ctx context.Context, path string) error {
	part := path + ".part"
	for _, f := range []string{part, part + "-wal", part + "-shm", part + "-journal"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sqlite: create %s: %w", path, err)
		}
	}
	s, err := open(part)
	if err != nil {
		return err
	}
	err = s.migrate(ctx)
	// Closing the last connection checkpoints the write-ahead log into the
	// file and removes it, so the one file holds everything.
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(part, path)
	}
	if err != nil {
		os.Remove(part)
		return fmt.Errorf("sqlite: create %s: %w", path, err)
	}
	return nil
}

// OpenReadOnly opens an existing store for reading only, for a data
// directory that cannot be written (a read-only mount, a full disk): no
// migration runs and nothing is written. Without a write-ahead log left
// over (a clean close checkpoints and removes it) the file is opened as
// immutable, which needs no lock or shared-memory file beside it; with
// one, SQLite reads the log too, so what was committed is what is read.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	dsn := "file:" + path + "?mode=ro&_pragma=busy_timeout(10000)"
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s read-only: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'`).Scan(&tables); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s read-only: %w", path, err)
	}
	if tables == 0 {
		// An older taqrir killed while creating it left the file without
		// its schema; a writable open migrates it.
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s read-only: the store has no tables yet (its creation was interrupted); run an ingest to complete it", path)
	}
	s := &DB{db: db, path: path}
	if err := s.prepare(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Path returns the database file's path.
func (s *DB) Path() string { return s.path }

// Close closes the database.
func (s *DB) Close() error {
	if s.byID != nil {
		s.byID.Close()
	}
	return s.db.Close()
}

func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: %s: not a taqrir store or unreadable: %w", s.path, err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// Which are applied, read once: a store that is up to date (every open
	// but the first after an upgrade) then takes no write transaction.
	applied := map[int]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		applied[v] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	for _, name := range names {
		base := filepath.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("sqlite: bad migration name %s", base)
		}
		if applied[v] {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		if n > 0 {
			tx.Rollback()
			continue
		}
		body, _ := migrations.ReadFile(name)
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
			v, base, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", base, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Put implements store.Store.
func (s *DB) Put(ctx context.Context, recs []store.Record) ([]store.PutResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&seq); err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	out := make([]store.PutResult, len(recs))
	for i := range recs {
		r := &recs[i]
		res, err := store.PutOne(ctx, conn{tx}, r, &seq)
		if err != nil {
			return nil, fmt.Errorf("sqlite: put %s: %w", r.Raw.Origin, err)
		}
		out[i] = res
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put: commit: %w", err)
	}
	return out, nil
}

// Update implements store.Store.
func (s *DB) Update(ctx context.Context, recs []store.Record) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: update: %w", err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqlite: update: %w", err)
	}
	changed := 0
	for i := range recs {
		r := &recs[i]
		ok, err := store.UpdateOne(ctx, conn{tx}, r, &seq)
		if err != nil {
			return 0, fmt.Errorf("sqlite: update %s: %w", r.Article.ID, err)
		}
		if ok {
			changed++
		}
	}
	return changed, tx.Commit()
}

// Article implements store.Store.
func (s *DB) Article(ctx context.Context, id string) (news.Article, error) {
	a, _, _, err := store.ScanArticle(row{s.byID.QueryRowContext(ctx, id)})
	if errors.Is(err, store.ErrNoRows) {
		return news.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	}
	return a, err
}

// Scan implements store.Store.
func (s *DB) Scan(ctx context.Context, afterSeq int64, fn func(seq int64, a news.Article) error) error {
	return store.SQLScan(ctx, conn{s.db}, afterSeq, fn)
}

// Raw implements store.Store.
func (s *DB) Raw(ctx context.Context, sha string) (store.Raw, error) {
	return store.SQLRaw(ctx, conn{s.db}, sha)
}

// Holds implements store.Store.
func (s *DB) Holds(ctx context.Context, r *store.Record) (bool, error) {
	return store.SQLHolds(ctx, conn{s.db}, r)
}

// MaxSeq implements store.Store.
func (s *DB) MaxSeq(ctx context.Context) (int64, error) {
	return store.SQLMaxSeq(ctx, conn{s.db})
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	return store.SQLStats(ctx, conn{s.db})
}

// ResolveID implements store.Store.
func (s *DB) ResolveID(ctx context.Context, prefix string) (string, error) {
	return store.SQLResolveID(ctx, conn{s.db}, prefix)
}

// IntegrityCheck runs SQLite's own consistency checks (page structure and
// foreign keys) and returns an error describing the first problems found.
func (s *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return err
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	if n > 0 {
		problems = append(problems, fmt.Sprintf("%d rows violate foreign keys", n))
	}
	// copy_of is no foreign key (an original has ''), so it is checked
	// here: it names a stored article, and one that is no copy itself.
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles c WHERE c.copy_of <> ''
		AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = c.copy_of AND o.copy_of = '')`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: copy_of check: %w", err)
	}
	if n > 0 {
		problems = append(problems, fmt.Sprintf("%d copies name no stored original", n))
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: %s is damaged: %s", s.path, strings.Join(problems, "; "))
	}
	return nil
}

// Exec runs a statement directly; tests use it to damage or inspect a
// store. The application never calls it.
func (s *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}
