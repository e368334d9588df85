package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/taqrir/taqrir/internal/store"
)

var _ store.Rows = (*DB)(nil)

const rowPage = 500

// RawRows implements store.Rows: every raw item as stored, by sha256.
func (s *DB) RawRows(ctx context.Context, fn func(*store.RawRow) error) error {
	return store.SQLRawRows(ctx, conn{s.pool}, fn)
}

// ArticleRows implements store.Rows: every article as stored, by seq.
func (s *DB) ArticleRows(ctx context.Context, fn func(*store.ArticleRow) error) error {
	return store.SQLArticleRows(ctx, conn{s.pool}, fn)
}

// NotEmptyError is Import's refusal of a database that already holds
// articles, raw items or state documents.
type NotEmptyError struct {
	Articles, RawItems, Docs int64
}

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("the database is not empty (%d articles, %d raw items, %d state documents)", e.Articles, e.RawItems, e.Docs)
}

// Imported is what Import copied, read back from the database inside its
// transaction: the checksums of the two tables and of each document.
type Imported struct {
	RawItems, Articles store.Checksum
	Docs               map[string]store.Checksum
}

// ImportMismatchError says the rows read back differ from those copied:
// Import rolled back.
type ImportMismatchError struct {
	What      string
	Src, Dest store.Checksum
}

func (e *ImportMismatchError) Error() string {
	return fmt.Sprintf("%s: read back %d rows (sha256 %.12s…), copied %d (%.12s…): nothing kept", e.What, e.Dest.Count, e.Dest.SHA256, e.Src.Count, e.Src.SHA256)
}

// Import copies the rows of src (another store: raw items and articles as
// stored, seq and copy_of kept) and the state documents docs into this
// database, in one transaction holding the seq counter's lock, and leaves
// the counter at the highest seq copied. Before it commits it reads
// everything back and compares its checksums with those of what it read
// from src; any difference rolls it all back. A database holding any
// article, raw item or state document is refused (*NotEmptyError) and
// nothing is written.
func (s *DB) Import(ctx context.Context, src store.Rows, docs map[string][]byte) (Imported, error) {
	var out Imported
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var last int64
		if err := tx.QueryRow(ctx, `SELECT last FROM seq_counter WHERE id = 1 FOR UPDATE`).Scan(&last); err != nil {
			return fmt.Errorf("seq counter: %w", err)
		}
		var ne NotEmptyError
		if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM raw_items),
			(SELECT count(*) FROM state_docs)`).Scan(&ne.Articles, &ne.RawItems, &ne.Docs); err != nil {
			return err
		}
		if ne.Articles+ne.RawItems+ne.Docs > 0 {
			return &ne
		}
		// Raw items first: articles refer to them.
		srcRaw, srcArt := store.NewRowHash(), store.NewRowHash()
		var batch [][]any
		flush := func(table string, cols []string) error {
			if len(batch) == 0 {
				return nil
			}
			_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(batch))
			batch = batch[:0]
			return err
		}
		rawCols := []string{"sha256", "format", "origin", "size", "data", "received_at", "url", "content_type"}
		err := src.RawRows(ctx, func(r *store.RawRow) error {
			srcRaw.AddRaw(r)
			batch = append(batch, []any{r.SHA256, r.Format, r.Origin, r.Size, r.Data, r.ReceivedAt, r.URL, r.ContentType})
			if len(batch) == rowPage {
				return flush("raw_items", rawCols)
			}
			return nil
		})
		if err == nil {
			err = flush("raw_items", rawCols)
		}
		if err != nil {
			return fmt.Errorf("copy raw items: %w", err)
		}
		artCols := []string{"id", "seq", "url", "canonical_url", "source", "title", "byline", "published", "language",
			"paragraphs", "captions", "credits", "origin", "ingested_at", "raw_sha256", "content_hash", "facts", "copy_of"}
		var top int64
		err = src.ArticleRows(ctx, func(a *store.ArticleRow) error {
			srcArt.AddArticle(a)
			top = max(top, a.Seq)
			batch = append(batch, []any{a.ID, a.Seq, a.URL, a.CanonicalURL, a.Source, a.Title, a.Byline, a.Published, a.Language,
				a.Paragraphs, a.Captions, a.Credits, a.Origin, a.IngestedAt, a.RawSHA256, a.ContentHash, a.Facts, a.CopyOf})
			if len(batch) == rowPage {
				return flush("articles", artCols)
			}
			return nil
		})
		if err == nil {
			err = flush("articles", artCols)
		}
		if err != nil {
			return fmt.Errorf("copy articles: %w", err)
		}
		names := make([]string, 0, len(docs))
		for n := range docs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			body := docs[n]
			if body == nil {
				body = []byte{}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO state_docs (name, body, updated_at) VALUES ($1, $2, now())`, n, body); err != nil {
				return fmt.Errorf("copy %s: %w", n, err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE seq_counter SET last = $1 WHERE id = 1`, max(last, top)); err != nil {
			return fmt.Errorf("seq counter: %w", err)
		}
		// Read everything back before committing.
		gotRaw, gotArt := store.NewRowHash(), store.NewRowHash()
		if err := store.SQLRawRows(ctx, conn{tx}, func(r *store.RawRow) error { gotRaw.AddRaw(r); return nil }); err != nil {
			return err
		}
		if err := store.SQLArticleRows(ctx, conn{tx}, func(a *store.ArticleRow) error { gotArt.AddArticle(a); return nil }); err != nil {
			return err
		}
		out.RawItems, out.Articles = gotRaw.Sum(), gotArt.Sum()
		if want := srcRaw.Sum(); want != out.RawItems {
			return &ImportMismatchError{What: "raw_items", Src: want, Dest: out.RawItems}
		}
		if want := srcArt.Sum(); want != out.Articles {
			return &ImportMismatchError{What: "articles", Src: want, Dest: out.Articles}
		}
		out.Docs = map[string]store.Checksum{}
		for _, n := range names {
			var body []byte
			if err := tx.QueryRow(ctx, `SELECT body FROM state_docs WHERE name = $1`, n).Scan(&body); err != nil {
				return fmt.Errorf("read back %s: %w", n, err)
			}
			out.Docs[n] = store.DocChecksum(body)
			if want := store.DocChecksum(docs[n]); want != out.Docs[n] {
				return &ImportMismatchError{What: n, Src: want, Dest: out.Docs[n]}
			}
		}
		return nil
	})
	var ne *NotEmptyError
	if errors.As(err, &ne) {
		return Imported{}, err
	}
	if err != nil {
		return Imported{}, fmt.Errorf("postgres: import: %w", err)
	}
	return out, nil
}
