package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// The rules both SQL drivers follow, written once against SQL: what a Put
// does with a record (the same raw bytes, a re-scraped page, the same text
// from the same or another source, an id already taken), what an Update
// changes, how an article row is read, and how the rows of a store are
// paged out for a migration. A driver supplies the transaction; the rules
// and the statements are the same on SQLite and PostgreSQL.

// SQL is a driver's transaction (or connection pool) through the calls the
// rules need. Statements use ? placeholders; a driver whose database wants
// another form rewrites them (Rebind).
type SQL interface {
	QueryRow(ctx context.Context, query string, args ...any) RowScanner
	Query(ctx context.Context, query string, args ...any) (RowCursor, error)
	Exec(ctx context.Context, query string, args ...any) error
}

// RowScanner is one row of a result. Its Scan returns ErrNoRows when there
// is none.
type RowScanner interface {
	Scan(dest ...any) error
}

// RowCursor is the rows of a result.
type RowCursor interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// ErrNoRows is a RowScanner's error for a result without a row.
var ErrNoRows = errors.New("store: no rows")

// Rebind numbers a statement's ? placeholders as $1, $2, … (PostgreSQL's
// form). The statements of this package hold no ? of any other kind.
func Rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// held is what the store holds of a record before anything is written:
// whether Put would leave the store as it is (unchanged, with the result
// to report), else the article a re-scraped page replaces in place
// (replace), else the article a copy of the text would link to (orig).
type held struct {
	unchanged bool
	res       PutResult
	replace   bool
	id        string
	copyOf    string
	orig      *textRow
}

// lookup reads what PutOne decides from, in the order of its rules,
// writing nothing: the same raw bytes change nothing; a page whose
// canonical URL is stored is unchanged with the same text, or with raw
// bytes seen before (an older version of it), and is replaced in place
// otherwise; the same text from the same source is the article already
// stored.
func lookup(ctx context.Context, q SQL, r *Record) (held, error) {
	var h held
	var id, copyOf string
	var aseq int64
	unchanged := func() (held, error) {
		return held{unchanged: true, res: PutResult{ID: id, Outcome: Unchanged, Seq: aseq, CopyOf: copyOf}}, nil
	}
	// The same raw bytes: nothing to do.
	err := q.QueryRow(ctx, `SELECT id, seq, copy_of FROM articles WHERE raw_sha256 = ? LIMIT 1`, r.Raw.SHA256).Scan(&id, &aseq, &copyOf)
	if err == nil {
		return unchanged()
	} else if !errors.Is(err, ErrNoRows) {
		return h, err
	}
	a := &r.Article
	if a.CanonicalURL != "" {
		var hash string
		err := q.QueryRow(ctx, `SELECT id, seq, content_hash, copy_of FROM articles WHERE canonical_url = ? LIMIT 1`, a.CanonicalURL).Scan(&id, &aseq, &hash, &copyOf)
		switch {
		case err == nil && hash == r.ContentHash:
			return unchanged()
		case err == nil:
			// Raw bytes stored before that no article holds any more are
			// an older version of this page, since replaced: taking it
			// again would flip the article back and forth on every
			// re-ingest of input holding both versions.
			var old int64
			if err := q.QueryRow(ctx, `SELECT count(*) FROM raw_items WHERE sha256 = ?`, r.Raw.SHA256).Scan(&old); err != nil {
				return h, err
			}
			if old > 0 {
				return unchanged()
			}
			return held{replace: true, id: id, copyOf: copyOf}, nil
		case !errors.Is(err, ErrNoRows):
			return h, err
		}
	}
	// The same text already stored: from the same source (another file,
	// another URL of the outlet) it is the article we have; from another
	// source this is a copy, linked to the original (the earliest article
	// with the text that is no copy, else the original a copy names).
	same, orig, err := sameText(ctx, q, r.ContentHash, a.Source)
	if err != nil {
		return h, err
	}
	if same != nil {
		id, aseq, copyOf = same.id, same.seq, same.copyOf
		return unchanged()
	}
	return held{orig: orig}, nil
}

// SQLHolds reports whether PutOne would leave the store as it is for r
// (its extraction done, its facts not needed), reading through q only: an
// ingest asks before extracting an item's facts, the most costly part of
// it, and a repeated feed or a re-run over the same files is mostly such
// items. PutOne decides again inside its transaction.
func SQLHolds(ctx context.Context, q SQL, r *Record) (bool, error) {
	h, err := lookup(ctx, q, r)
	return h.unchanged, err
}

// ErrFactsPending is PutOne's error for a record marked FactsPending that
// the store would not leave unchanged after all (the store changed since
// Holds was asked): nothing of it is written, and the caller extracts
// its facts and puts it again.
var ErrFactsPending = errors.New("store: the record's facts are not extracted")

// PutOne stores one record inside a write transaction whose last seq is
// *seq (advanced for each article stored or replaced), deciding as lookup
// says: unchanged, replaced in place (a re-scraped page with new text; a
// copy stays linked to its original: the link says where the text came
// from, not that the two still agree), or a new article, a copy linked to
// the original when another source holds the text; an id already taken
// changes nothing.
func PutOne(ctx context.Context, tx SQL, r *Record, seq *int64) (PutResult, error) {
	h, err := lookup(ctx, tx, r)
	if err != nil {
		return PutResult{}, err
	}
	if h.unchanged {
		return h.res, nil
	}
	if r.FactsPending {
		return PutResult{}, ErrFactsPending
	}
	a := &r.Article
	if h.replace {
		*seq++
		a.ID, a.CopyOf = h.id, h.copyOf
		if err := putRaw(ctx, tx, &r.Raw); err != nil {
			return PutResult{}, err
		}
		if err := updateArticle(ctx, tx, r, *seq, true); err != nil {
			return PutResult{}, err
		}
		return PutResult{ID: h.id, Outcome: Updated, Seq: *seq, CopyOf: h.copyOf}, nil
	}
	outcome := New
	copyOf := ""
	if orig := h.orig; orig != nil {
		outcome, copyOf = Copy, orig.id
		if orig.copyOf != "" {
			copyOf = orig.copyOf
		}
		if a.CanonicalURL == "" {
			a.ID = news.CopyID(a.Source, a.Title, a.Body())
		}
	}
	a.CopyOf = copyOf
	// Keep ids unique whatever happens (a hash collision, or a source
	// spelled with other whitespace, which CopyID folds).
	var aseq int64
	err = tx.QueryRow(ctx, `SELECT seq, copy_of FROM articles WHERE id = ?`, a.ID).Scan(&aseq, &copyOf)
	if err == nil {
		return PutResult{ID: a.ID, Outcome: Unchanged, Seq: aseq, CopyOf: copyOf}, nil
	} else if !errors.Is(err, ErrNoRows) {
		return PutResult{}, err
	}
	*seq++
	if err := putRaw(ctx, tx, &r.Raw); err != nil {
		return PutResult{}, err
	}
	err = tx.Exec(ctx, `INSERT INTO articles (id, seq, url, canonical_url, source, title, byline,
		published, language, paragraphs, captions, credits, origin, ingested_at, raw_sha256, content_hash, facts, copy_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, *seq, a.URL, a.CanonicalURL, a.Source, a.Title, a.Byline, TimeColumn(a.Published), a.Language,
		ListColumn(a.Paragraphs), ListColumn(a.Captions), ListColumn(a.Credits), a.Origin,
		a.IngestedAt.UTC().Format(TimeLayout), r.Raw.SHA256, r.ContentHash, FactsColumn(&a.Facts), a.CopyOf)
	if err != nil {
		return PutResult{}, err
	}
	return PutResult{ID: a.ID, Outcome: outcome, Seq: *seq, CopyOf: a.CopyOf}, nil
}

// textRow is an article holding a given text.
type textRow struct {
	id, copyOf string
	seq        int64
}

// sameText finds the articles whose content hash is hash: the earliest
// (by seq) from source, and the one a copy of the text links to (the
// earliest that is no copy, else the earliest).
func sameText(ctx context.Context, tx SQL, hash, source string) (same, orig *textRow, err error) {
	rows, err := tx.Query(ctx, `SELECT id, seq, copy_of, source FROM articles WHERE content_hash = ? ORDER BY seq`, hash)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t textRow
		var src string
		if err := rows.Scan(&t.id, &t.seq, &t.copyOf, &src); err != nil {
			return nil, nil, err
		}
		if same == nil && src == source {
			same = &t
		}
		if orig == nil || orig.copyOf != "" && t.copyOf == "" {
			orig = &t
		}
	}
	return same, orig, rows.Err()
}

func putRaw(ctx context.Context, tx SQL, r *Raw) error {
	if len(r.Data) == 0 {
		return nil // Update without new raw bytes
	}
	return tx.Exec(ctx, `INSERT INTO raw_items (sha256, format, origin, size, data, received_at, url, content_type)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		r.SHA256, r.Format, r.Origin, len(r.Data), r.PackedData(), r.ReceivedAt.UTC().Format(TimeLayout), r.URL, r.ContentType)
}

func updateArticle(ctx context.Context, tx SQL, r *Record, seq int64, newRaw bool) error {
	a := &r.Article
	q := `UPDATE articles SET seq = ?, url = ?, canonical_url = ?, source = ?, title = ?, byline = ?,
		published = ?, language = ?, paragraphs = ?, captions = ?, credits = ?, content_hash = ?, facts = ?`
	args := []any{seq, a.URL, a.CanonicalURL, a.Source, a.Title, a.Byline, TimeColumn(a.Published), a.Language,
		ListColumn(a.Paragraphs), ListColumn(a.Captions), ListColumn(a.Credits), r.ContentHash, FactsColumn(&a.Facts)}
	if newRaw {
		q += `, raw_sha256 = ?, origin = ?, ingested_at = ?`
		args = append(args, r.Raw.SHA256, a.Origin, a.IngestedAt.UTC().Format(TimeLayout))
	}
	q += ` WHERE id = ?`
	args = append(args, a.ID)
	return tx.Exec(ctx, q, args...)
}

// UpdateOne replaces the stored article r names (ErrNotFound if none)
// inside a write transaction whose last seq is *seq, keeping its copy
// link, and reports whether anything changed: an article that reads the
// same with the same content hash keeps its seq.
func UpdateOne(ctx context.Context, tx SQL, r *Record, seq *int64) (bool, error) {
	cur, _, hash, err := ScanArticle(tx.QueryRow(ctx, `SELECT `+ArticleColumns+` FROM articles WHERE id = ?`, r.Article.ID))
	if errors.Is(err, ErrNoRows) {
		return false, ErrNotFound
	} else if err != nil {
		return false, err
	}
	// The copy link is the store's: Update keeps it whatever the record
	// says.
	r.Article.CopyOf = cur.CopyOf
	if sameArticle(cur, r.Article) && hash == r.ContentHash {
		return false, nil
	}
	*seq++
	return true, updateArticle(ctx, tx, r, *seq, false)
}

func sameArticle(a, b news.Article) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// ArticleColumns are the columns ScanArticle reads, in its order.
const ArticleColumns = `id, seq, url, canonical_url, source, title, byline, published, language,
	paragraphs, captions, credits, origin, ingested_at, raw_sha256, content_hash, facts, copy_of`

// ScanArticle reads a row of ArticleColumns: the article, its seq and its
// content hash.
func ScanArticle(r RowScanner) (a news.Article, seq int64, hash string, err error) {
	var published *string
	var paras, caps, creds, ingested string
	var facts []byte
	err = r.Scan(&a.ID, &seq, &a.URL, &a.CanonicalURL, &a.Source, &a.Title, &a.Byline, &published,
		&a.Language, &paras, &caps, &creds, &a.Origin, &ingested, &a.RawSHA256, &hash, &facts, &a.CopyOf)
	if err != nil {
		return a, seq, hash, err
	}
	return a, seq, hash, ReadColumns(&a, published, paras, caps, creds, ingested, facts)
}

// rowPage is how many rows SQLRawRows and SQLArticleRows read a query.
const rowPage = 500

// SQLRawRows implements Rows.RawRows over db: every raw item as stored,
// by sha256, a page of rows a query.
func SQLRawRows(ctx context.Context, db SQL, fn func(*RawRow) error) error {
	after := ""
	for {
		page, err := readPage(ctx, db, func(c RowCursor) (RawRow, error) {
			var x RawRow
			err := c.Scan(&x.SHA256, &x.Format, &x.Origin, &x.Size, &x.Data, &x.ReceivedAt, &x.URL, &x.ContentType)
			return x, err
		}, `SELECT sha256, format, origin, size, data, received_at, url, content_type
			FROM raw_items WHERE sha256 > ? ORDER BY sha256 LIMIT ?`, after, rowPage)
		if err != nil {
			return fmt.Errorf("raw rows: %w", err)
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

// SQLArticleRows implements Rows.ArticleRows over db: every article as
// stored, by seq, a page of rows a query.
func SQLArticleRows(ctx context.Context, db SQL, fn func(*ArticleRow) error) error {
	var after int64 = -1 << 62
	for {
		page, err := readPage(ctx, db, func(c RowCursor) (ArticleRow, error) {
			var a ArticleRow
			err := c.Scan(&a.ID, &a.Seq, &a.URL, &a.CanonicalURL, &a.Source, &a.Title, &a.Byline, &a.Published, &a.Language,
				&a.Paragraphs, &a.Captions, &a.Credits, &a.Origin, &a.IngestedAt, &a.RawSHA256, &a.ContentHash, &a.Facts, &a.CopyOf)
			return a, err
		}, `SELECT `+ArticleColumns+` FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, after, rowPage)
		if err != nil {
			return fmt.Errorf("article rows: %w", err)
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

// readPage runs a query and reads all its rows with scan, closing the
// cursor before fn sees any (a caller may write while it reads).
func readPage[T any](ctx context.Context, db SQL, scan func(RowCursor) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		page = append(page, x)
	}
	return page, rows.Err()
}

// SQLScan implements Store.Scan over db: every article after afterSeq in
// seq order, a page a query, so that no read is held open while fn runs.
// An error of fn is returned as it is.
func SQLScan(ctx context.Context, db SQL, afterSeq int64, fn func(seq int64, a news.Article) error) error {
	type scanned struct {
		a   news.Article
		seq int64
	}
	for {
		page, err := readPage(ctx, db, func(c RowCursor) (scanned, error) {
			a, seq, _, err := ScanArticle(c)
			return scanned{a, seq}, err
		}, `SELECT `+ArticleColumns+` FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, rowPage)
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, sc := range page {
			if err := fn(sc.seq, sc.a); err != nil {
				return err
			}
			afterSeq = sc.seq
		}
	}
}

// SQLRaw implements Store.Raw over db.
func SQLRaw(ctx context.Context, db SQL, sha string) (Raw, error) {
	var r Raw
	var data []byte
	var received string
	err := db.QueryRow(ctx, `SELECT sha256, format, origin, data, received_at, url, content_type FROM raw_items WHERE sha256 = ?`, sha).
		Scan(&r.SHA256, &r.Format, &r.Origin, &data, &received, &r.URL, &r.ContentType)
	if errors.Is(err, ErrNoRows) {
		return r, fmt.Errorf("raw item %s: %w", sha, ErrNotFound)
	} else if err != nil {
		return r, fmt.Errorf("raw %s: %w", sha, err)
	}
	r.ReceivedAt, _ = time.Parse(TimeLayout, received)
	if r.Data, err = Decompress(data); err != nil {
		return r, fmt.Errorf("raw %s: corrupt data: %w", sha, err)
	}
	return r, nil
}

// SQLMaxSeq implements Store.MaxSeq over db.
func SQLMaxSeq(ctx context.Context, db SQL) (int64, error) {
	var n int64
	if err := db.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("max seq: %w", err)
	}
	return n, nil
}

// SQLStats implements Store.Stats over db.
func SQLStats(ctx context.Context, db SQL) (Stats, error) {
	var st Stats
	if err := db.QueryRow(ctx, `SELECT count(*), COALESCE(SUM(CASE WHEN copy_of <> '' THEN 1 ELSE 0 END), 0) FROM articles`).Scan(&st.Articles, &st.Copies); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if err := db.QueryRow(ctx, `SELECT count(*) FROM raw_items`).Scan(&st.RawItems); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	groups, err := readPage(ctx, db, func(c RowCursor) (StatGroup, error) {
		var g StatGroup
		err := c.Scan(&g.Source, &g.Month, &g.Count)
		return g, err
	}, `SELECT source, COALESCE(substr(published, 1, 7), 'unknown') AS month, count(*)
		FROM articles GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Groups = groups
	return st, nil
}

// SQLResolveID implements Store.ResolveID over db.
func SQLResolveID(ctx context.Context, db SQL, prefix string) (string, error) {
	p, err := IDPrefix(prefix)
	if err != nil {
		return "", err
	}
	// Ids are lower-case hex compared bytewise (PostgreSQL's column is
	// COLLATE "C"), so every id starting with p sorts between p and p+"g":
	// a range of the primary key.
	refs, err := readPage(ctx, db, func(c RowCursor) (ArticleRef, error) {
		var r ArticleRef
		err := c.Scan(&r.ID, &r.Title, &r.Source)
		return r, err
	}, `SELECT id, title, source FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?`, p, p+"g", MaxCandidates+1)
	if err != nil {
		return "", fmt.Errorf("resolve id %s: %w", p, err)
	}
	switch {
	case len(refs) == 0:
		return "", fmt.Errorf("article %q: %w", prefix, ErrNotFound)
	case len(refs) == 1:
		return refs[0].ID, nil
	}
	e := &AmbiguousIDError{Prefix: prefix, Candidates: refs}
	if len(refs) > MaxCandidates {
		e.Candidates, e.More = refs[:MaxCandidates], true
	}
	return "", e
}
