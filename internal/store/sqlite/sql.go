package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/taqrir/taqrir/internal/store"
)

// conn is a database/sql pool or transaction as store.SQL, through which
// the rules both drivers share (store.PutOne, store.UpdateOne, the row
// readers) run here.
type conn struct {
	q interface {
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	}
}

func (c conn) QueryRow(ctx context.Context, query string, args ...any) store.RowScanner {
	return row{c.q.QueryRowContext(ctx, query, args...)}
}

func (c conn) Query(ctx context.Context, query string, args ...any) (store.RowCursor, error) {
	rows, err := c.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return cursor{rows}, nil
}

func (c conn) Exec(ctx context.Context, query string, args ...any) error {
	_, err := c.q.ExecContext(ctx, query, args...)
	return err
}

type row struct{ r *sql.Row }

func (r row) Scan(dest ...any) error {
	if err := r.r.Scan(dest...); errors.Is(err, sql.ErrNoRows) {
		return store.ErrNoRows
	} else {
		return err
	}
}

type cursor struct{ *sql.Rows }

func (c cursor) Close() { c.Rows.Close() }
