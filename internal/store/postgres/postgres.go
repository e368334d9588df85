package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLock is the advisory lock key that serialises migrations, so
// several servers or workers starting at once apply each one once.
const migrateLock = 0x74617172 // "taqr"

// DB is the PostgreSQL store.
type DB struct {
	pool *pgxpool.Pool
	// beforeCommit, when set (by tests), runs in every writing
	// transaction after its seqs are handed out, just before it commits.
	beforeCommit func(ctx context.Context, lastSeq int64)
}

var _ store.Store = (*DB)(nil)

// Open connects to the database at url (postgres://…) and applies pending
// migrations.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &DB{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the connections.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

func (s *DB) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
		return fmt.Errorf("postgres: not a taqrir store or not writable: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := path.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("postgres: bad migration name %s", base)
		}
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, v).Scan(&n); err != nil {
			return fmt.Errorf("postgres: migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, _ := migrations.ReadFile(name)
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// A file holds several statements: the simple protocol runs them.
			if _, err := tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())`, v, base)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %s: %w", base, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// writeTx runs fn in a transaction that holds the seq counter's row lock
// from its first statement to its commit, and stores the counter fn
// leaves. Writers therefore run one at a time: each sees everything
// committed before it (so deduplication is as exact as with SQLite's
// single writer), and seqs are handed out in commit order.
func (s *DB) writeTx(ctx context.Context, fn func(tx pgx.Tx, seq *int64) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var seq int64
		if err := tx.QueryRow(ctx, `SELECT last FROM seq_counter WHERE id = 1 FOR UPDATE`).Scan(&seq); err != nil {
			return fmt.Errorf("seq counter: %w", err)
		}
		start := seq
		if err := fn(tx, &seq); err != nil {
			return err
		}
		if seq == start {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE seq_counter SET last = $1 WHERE id = 1`, seq); err != nil {
			return fmt.Errorf("seq counter: %w", err)
		}
		if s.beforeCommit != nil {
			s.beforeCommit(ctx, seq)
		}
		return nil
	})
}

// Put implements store.Store.
func (s *DB) Put(ctx context.Context, recs []store.Record) ([]store.PutResult, error) {
	out := make([]store.PutResult, len(recs))
	err := s.writeTx(ctx, func(tx pgx.Tx, seq *int64) error {
		for i := range recs {
			r := &recs[i]
			res, err := store.PutOne(ctx, conn{tx}, r, seq)
			if err != nil {
				return fmt.Errorf("put %s: %w", r.Raw.Origin, err)
			}
			out[i] = res
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return out, nil
}

// Update implements store.Store.
func (s *DB) Update(ctx context.Context, recs []store.Record) (int, error) {
	changed := 0
	err := s.writeTx(ctx, func(tx pgx.Tx, seq *int64) error {
		for i := range recs {
			r := &recs[i]
			ok, err := store.UpdateOne(ctx, conn{tx}, r, seq)
			if err != nil {
				return fmt.Errorf("update %s: %w", r.Article.ID, err)
			}
			if ok {
				changed++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: %w", err)
	}
	return changed, nil
}

// Article implements store.Store.
func (s *DB) Article(ctx context.Context, id string) (news.Article, error) {
	a, _, _, err := store.ScanArticle(conn{s.pool}.QueryRow(ctx, `SELECT `+store.ArticleColumns+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, store.ErrNoRows) {
		return news.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	} else if err != nil {
		return news.Article{}, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	return a, nil
}

// Scan implements store.Store.
func (s *DB) Scan(ctx context.Context, afterSeq int64, fn func(seq int64, a news.Article) error) error {
	return store.SQLScan(ctx, conn{s.pool}, afterSeq, fn)
}

// Raw implements store.Store.
func (s *DB) Raw(ctx context.Context, sha string) (store.Raw, error) {
	return store.SQLRaw(ctx, conn{s.pool}, sha)
}

// Holds implements store.Store.
func (s *DB) Holds(ctx context.Context, r *store.Record) (bool, error) {
	return store.SQLHolds(ctx, conn{s.pool}, r)
}

// MaxSeq implements store.Store.
func (s *DB) MaxSeq(ctx context.Context) (int64, error) {
	return store.SQLMaxSeq(ctx, conn{s.pool})
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	return store.SQLStats(ctx, conn{s.pool})
}

// ResolveID implements store.Store.
func (s *DB) ResolveID(ctx context.Context, prefix string) (string, error) {
	return store.SQLResolveID(ctx, conn{s.pool}, prefix)
}
