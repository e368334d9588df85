package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/taqrir/taqrir/internal/store"
)

var _ store.Rows = (*DB)(nil)

// rowPage is how many rows RawRows and ArticleRows read per query.
const rowPage = 500

// RawRows implements store.Rows: every raw item as stored, by sha256.
func (s *DB) RawRows(ctx context.Context, fn func(*store.RawRow) error) error {
	after := ""
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT sha256, format, origin, size, data, received_at, url, content_type
			FROM raw_items WHERE sha256 > ? ORDER BY sha256 LIMIT ?`, after, rowPage)
		if err != nil {
			return fmt.Errorf("sqlite: raw rows: %w", err)
		}
		var page []store.RawRow
		for rows.Next() {
			var r store.RawRow
			if err := rows.Scan(&r.SHA256, &r.Format, &r.Origin, &r.Size, &r.Data, &r.ReceivedAt, &r.URL, &r.ContentType); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: raw rows: %w", err)
			}
			page = append(page, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlite: raw rows: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		after = page[len(page)-1].SHA256
	}
}

// ArticleRows implements store.Rows: every article as stored, by seq.
func (s *DB) ArticleRows(ctx context.Context, fn func(*store.ArticleRow) error) error {
	var after int64 = -1 << 62
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT id, seq, url, canonical_url, source, title, byline, published, language,
			paragraphs, captions, credits, origin, ingested_at, raw_sha256, content_hash, facts, copy_of
			FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, after, rowPage)
		if err != nil {
			return fmt.Errorf("sqlite: article rows: %w", err)
		}
		var page []store.ArticleRow
		for rows.Next() {
			var a store.ArticleRow
			var pub sql.NullString
			if err := rows.Scan(&a.ID, &a.Seq, &a.URL, &a.CanonicalURL, &a.Source, &a.Title, &a.Byline, &pub, &a.Language,
				&a.Paragraphs, &a.Captions, &a.Credits, &a.Origin, &a.IngestedAt, &a.RawSHA256, &a.ContentHash, &a.Facts, &a.CopyOf); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: article rows: %w", err)
			}
			if pub.Valid {
				a.Published = &pub.String
			}
			page = append(page, a)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlite: article rows: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		after = page[len(page)-1].Seq
	}
}
