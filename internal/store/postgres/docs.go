package postgres

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// Docs is the state documents kept in the database (table state_docs):
// the statedoc.Store of PostgreSQL mode, shared by every server and worker
// of the database.
type Docs struct{ pool *pgxpool.Pool }

var _ statedoc.Store = (*Docs)(nil)

// Docs returns the database's state documents (sharing the store's
// connections).
func (s *DB) Docs() *Docs { return &Docs{pool: s.pool} }

// Where implements statedoc.Store.
func (d *Docs) Where(name string) string {
	return fmt.Sprintf("PostgreSQL state document %q (table state_docs)", name)
}

func (d *Docs) missing(name string) error {
	return fmt.Errorf("%s: %w", d.Where(name), fs.ErrNotExist)
}

// Load implements statedoc.Store.
func (d *Docs) Load(ctx context.Context, name string) ([]byte, error) {
	var body []byte
	err := d.pool.QueryRow(ctx, `SELECT body FROM state_docs WHERE name = $1 AND body IS NOT NULL`, name).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, d.missing(name)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: load %s: %w", name, err)
	}
	if body == nil {
		body = []byte{}
	}
	return body, nil
}

// Head implements statedoc.Store: substring reads only the first TOAST
// chunks of a large document, not all of it.
func (d *Docs) Head(ctx context.Context, name string, n int) ([]byte, error) {
	var body []byte
	err := d.pool.QueryRow(ctx, `SELECT substring(body FROM 1 FOR $2) FROM state_docs WHERE name = $1 AND body IS NOT NULL`, name, n).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, d.missing(name)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: load %s: %w", name, err)
	}
	return body, nil
}

// Update implements statedoc.Store. The row is created (body NULL) if
// missing and locked in the same transaction before it is read: a second
// Update of the document, in any process, waits at its own insert or
// SELECT … FOR UPDATE until this one commits, then reads what it wrote.
func (d *Docs) Update(ctx context.Context, name string, fn func(old []byte) ([]byte, error)) error {
	keep := false
	err := pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO state_docs (name, body) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING`, name); err != nil {
			return err
		}
		var old []byte
		if err := tx.QueryRow(ctx, `SELECT body FROM state_docs WHERE name = $1 FOR UPDATE`, name).Scan(&old); err != nil {
			return err
		}
		body, err := fn(old)
		if errors.Is(err, statedoc.ErrKeep) {
			keep = true
			return err // roll back: a row this transaction created stays uncreated
		} else if err != nil {
			return err
		}
		if body == nil {
			body = []byte{}
		}
		_, err = tx.Exec(ctx, `UPDATE state_docs SET body = $2, updated_at = now() WHERE name = $1`, name, body)
		return err
	})
	if keep {
		return nil
	}
	if err != nil {
		return fmt.Errorf("postgres: update %s: %w", name, err)
	}
	return nil
}

// Put implements statedoc.Store.
func (d *Docs) Put(ctx context.Context, name string, body []byte) error {
	if body == nil {
		body = []byte{}
	}
	_, err := d.pool.Exec(ctx, `INSERT INTO state_docs (name, body, updated_at) VALUES ($1, $2, now())
		ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`, name, body)
	if err != nil {
		return fmt.Errorf("postgres: put %s: %w", name, err)
	}
	return nil
}

// Names lists the documents held, by name.
func (d *Docs) Names(ctx context.Context) ([]string, error) {
	rows, err := d.pool.Query(ctx, `SELECT name FROM state_docs WHERE body IS NOT NULL ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("postgres: state documents: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: state documents: %w", err)
	}
	return names, nil
}
