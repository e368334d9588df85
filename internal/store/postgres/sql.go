package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taqrir/taqrir/internal/store"
)

// conn is a pgx pool or transaction as store.SQL, through which the rules
// both drivers share (store.PutOne, store.UpdateOne, the row readers) run
// here; their ? placeholders are numbered for PostgreSQL.
type conn struct {
	q interface {
		QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
		Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
		Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	}
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) store.RowScanner {
	return row{c.q.QueryRow(ctx, store.Rebind(query), args...)}
}

func (c conn) Query(ctx context.Context, query string, args ...any) (store.RowCursor, error) {
	return c.q.Query(ctx, store.Rebind(query), args...)
}

func (c conn) Exec(ctx context.Context, query string, args ...any) error {
	_, err := c.q.Exec(ctx, store.Rebind(query), args...)
	return err
}

type row struct{ r pgx.Row }

func (r row) Scan(dest ...any) error {
	if err := r.r.Scan(dest...); errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNoRows
	} else {
		return err
	}
}
