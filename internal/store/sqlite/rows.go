package sqlite

import (
	"context"

	"github.com/taqrir/taqrir/internal/store"
)

var _ store.Rows = (*DB)(nil)

// RawRows implements store.Rows: every raw item as stored, by sha256.
func (s *DB) RawRows(ctx context.Context, fn func(*store.RawRow) error) error {
	return store.SQLRawRows(ctx, conn{s.db}, fn)
}

// ArticleRows implements store.Rows: every article as stored, by seq.
func (s *DB) ArticleRows(ctx context.Context, fn func(*store.ArticleRow) error) error {
	return store.SQLArticleRows(ctx, conn{s.db}, fn)
}
