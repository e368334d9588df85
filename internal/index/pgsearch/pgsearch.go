package pgsearch

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

//go:embed schema.sql
var schemaSQL string

// schemaVersion changes whenever the tables or what goes into a row
// change; with the analysis version it makes BuildVersion.
const schemaVersion = "pg1"

// BuildVersion names the analysis and row schema this program indexes
// with; an index built with another is stale.
func BuildVersion() string { return analyzer.Version() + "+" + schemaVersion }

// schemaLock is the advisory lock key under which the schema is applied
// (another than the store's, so the two can be opened side by side).
const schemaLock = 0x7461717273726368 // "taqrsrch"

// Ranking says how matches are ordered by relevance.
type Ranking int

const (
	// BM25 is bleve's BM25 (see the package doc), the default.
	BM25 Ranking = iota
	// RankCD is PostgreSQL's ts_rank_cd with the field weights: no
	// document frequencies, cheaper.
	RankCD
)

// Index is the search index in one PostgreSQL database (and schema, per
// the connection's search_path).
type Index struct {
	pool    *pgxpool.Pool
	ranking Ranking

	// explain, when set (tests), is shown each search statement.
	explain func(sql string, args []any)

	mu    sync.Mutex
	stats stats
	df    map[string]dfEntry
}

// stats are the collection figures BM25 needs, read from search_state.
type stats struct {
	at                time.Time
	docs              int64
	avgTitle, avgBody float64
	avgCap            float64
}

type dfEntry struct {
	df   int64
	docs int64 // the number of documents when it was counted
}

// Open connects to the database at url and creates the tables when
// missing.
func Open(ctx context.Context, url string) (*Index, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgsearch: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgsearch: %w", err)
	}
	ix := &Index{pool: pool, df: map[string]dfEntry{}}
	if err := ix.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) migrate(ctx context.Context) error {
	conn, err := ix.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("pgsearch: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(schemaLock)); err != nil {
		return fmt.Errorf("pgsearch: schema: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(schemaLock))
	if _, err := conn.Exec(ctx, schemaSQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return fmt.Errorf("pgsearch: schema: %w", err)
	}
	_, err = conn.Exec(ctx, `INSERT INTO search_state (seq, docs, title_len, body_len, cap_len, version)
		VALUES (0, 0, 0, 0, 0, $1) ON CONFLICT DO NOTHING`, BuildVersion())
	if err != nil {
		return fmt.Errorf("pgsearch: schema: %w", err)
	}
	return nil
}

// SetRanking chooses how matches are ordered (BM25 unless set).
func (ix *Index) SetRanking(r Ranking) { ix.ranking = r }

// Pool is the connection pool (measurements read the server's figures
// through it).
func (ix *Index) Pool() *pgxpool.Pool { return ix.pool }

// Close closes the connections.
func (ix *Index) Close() error {
	ix.pool.Close()
	return nil
}

// Seq is the store sequence number of the last change applied.
func (ix *Index) Seq(ctx context.Context) (int64, error) {
	var seq int64
	err := ix.pool.QueryRow(ctx, `SELECT seq FROM search_state`).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("pgsearch: %w", err)
	}
	return seq, nil
}

// Count is the number of indexed articles.
func (ix *Index) Count(ctx context.Context) (int64, error) {
	var n int64
	err := ix.pool.QueryRow(ctx, `SELECT docs FROM search_state`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("pgsearch: %w", err)
	}
	return n, nil
}

// Stale reports whether the rows were analysed by another version of the
// analysis or row schema than this program's (see BuildVersion).
func (ix *Index) Stale(ctx context.Context) (bool, error) {
	var v string
	var n int64
	err := ix.pool.QueryRow(ctx, `SELECT version, docs FROM search_state`).Scan(&v, &n)
	if err != nil {
		return false, fmt.Errorf("pgsearch: %w", err)
	}
	return n > 0 && v != BuildVersion(), nil
}

// row is an article analysed for its row.
type row struct {
	id, title, body, source, sourceKey, month string
	published                                 *time.Time
	entities                                  []string
	titleLen, bodyLen, capLen                 int
	tsv, etsv                                 string
}

// Analyse turns an article into its row: the keys of title, body and
// captions with positions and weights, the entity names' keys, the
// fields filters and facets read.
func analyse(a *news.Article) row {
	r := row{id: a.ID, title: a.Title, body: a.Body(), source: a.Source,
		sourceKey: index.SourceKey(a.Source), month: "unknown", entities: []string{}}
	if a.HasPublished() {
		p := a.Published
		r.published = &p
		r.month = p.Format("2006-01")
	}
	var v vector
	pos := 0
	r.titleLen, pos = v.addText(a.Title, 0, 'A')
	r.bodyLen, pos = v.addText(r.body, pos+1, 0)
	if len(a.Captions) > 0 {
		r.capLen, _ = v.addText(strings.Join(a.Captions, "\n"), pos+1, 'C')
	}
	r.tsv = v.String()
	var ev vector
	pos = 0
	for _, n := range index.EntityNames(a.Entities) {
		_, pos = ev.addText(n, pos+entityGap, 0)
	}
	r.etsv = ev.String()
	r.entities = append(r.entities, index.CanonicalNames(a.Entities)...)
	return r
}

// entityGap is the gap of positions between two entity names, so that a
// phrase never runs from one name into the next.
const entityGap = 8

// Apply indexes (or re-indexes) articles and records the highest seq with
// them, in one transaction.
func (ix *Index) Apply(ctx context.Context, entries []index.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	rows := make([]row, len(entries))
	var maxSeq int64
	for i := range entries {
		rows[i] = analyse(&entries[i].Article)
		maxSeq = max(maxSeq, entries[i].Seq)
	}
	// One row per id: the last entry of an id wins, as in a bleve batch.
	last := make(map[string]int, len(rows))
	for i, r := range rows {
		last[r.id] = i
	}
	n := len(last)
	cols := struct {
		ids, titles, bodies, sources, keys, months, tsv, etsv, ents []string
		seqs                                                        []int64
		pub                                                         []*time.Time
		tl, bl, cl                                                  []int32
	}{}
	var sumT, sumB, sumC int64
	for i, r := range rows {
		if last[r.id] != i {
			continue
		}
		cols.ids = append(cols.ids, r.id)
		cols.seqs = append(cols.seqs, entries[i].Seq)
		cols.titles = append(cols.titles, r.title)
		cols.bodies = append(cols.bodies, r.body)
		cols.sources = append(cols.sources, r.source)
		cols.keys = append(cols.keys, r.sourceKey)
		cols.pub = append(cols.pub, r.published)
		cols.months = append(cols.months, r.month)
		cols.ents = append(cols.ents, textArray(r.entities))
		cols.tl = append(cols.tl, int32(r.titleLen))
		cols.bl = append(cols.bl, int32(r.bodyLen))
		cols.cl = append(cols.cl, int32(r.capLen))
		cols.tsv = append(cols.tsv, r.tsv)
		cols.etsv = append(cols.etsv, r.etsv)
		sumT += int64(r.titleLen)
		sumB += int64(r.bodyLen)
		sumC += int64(r.capLen)
	}
	err := pgx.BeginFunc(ctx, ix.pool, func(tx pgx.Tx) error {
		// The state row first: writers of the index take turns, and the
		// lengths of the rows replaced are taken off under the same lock.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM search_state FOR UPDATE`); err != nil {
			return err
		}
		var oldN, oldT, oldB, oldC int64
		err := tx.QueryRow(ctx, `SELECT count(*), coalesce(sum(title_len), 0), coalesce(sum(body_len), 0), coalesce(sum(cap_len), 0)
			FROM search_docs WHERE id = ANY($1)`, cols.ids).Scan(&oldN, &oldT, &oldB, &oldC)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO search_docs (id, seq, title, body, source, source_key, published, month,
				entity_names, title_len, body_len, cap_len, tsv, etsv)
			SELECT id, seq, title, body, source, source_key, published, month, ents::text[], tl, bl, cl, tsv::tsvector, etsv::tsvector
			FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[],
				$9::text[], $10::int[], $11::int[], $12::int[], $13::text[], $14::text[])
				AS u(id, seq, title, body, source, source_key, published, month, ents, tl, bl, cl, tsv, etsv)
			ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, title = excluded.title, body = excluded.body,
				source = excluded.source, source_key = excluded.source_key, published = excluded.published,
				month = excluded.month, entity_names = excluded.entity_names, title_len = excluded.title_len,
				body_len = excluded.body_len, cap_len = excluded.cap_len, tsv = excluded.tsv, etsv = excluded.etsv`,
			cols.ids, cols.seqs, cols.titles, cols.bodies, cols.sources, cols.keys, cols.pub, cols.months,
			cols.ents, cols.tl, cols.bl, cols.cl, cols.tsv, cols.etsv)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE search_state SET seq = greatest(seq, $1), docs = docs + $2,
			title_len = title_len + $3, body_len = body_len + $4, cap_len = cap_len + $5, version = $6`,
			maxSeq, int64(n)-oldN, sumT-oldT, sumB-oldB, sumC-oldC, BuildVersion())
		return err
	})
	if err != nil {
		return fmt.Errorf("pgsearch: apply: %w", err)
	}
	return nil
}

// textArray writes a PostgreSQL text[] literal.
func textArray(ss []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for _, c := range s {
			if c == '"' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(c)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// readStats reads the collection figures, at most once a second.
func (ix *Index) readStats(ctx context.Context) (stats, error) {
	ix.mu.Lock()
	st := ix.stats
	ix.mu.Unlock()
	if !st.at.IsZero() && time.Since(st.at) < time.Second {
		return st, nil
	}
	var docs, t, b, c int64
	err := ix.pool.QueryRow(ctx, `SELECT docs, title_len, body_len, cap_len FROM search_state`).Scan(&docs, &t, &b, &c)
	if err != nil {
		return st, fmt.Errorf("pgsearch: %w", err)
	}
	st = stats{at: time.Now(), docs: docs}
	if docs > 0 {
		st.avgTitle, st.avgBody, st.avgCap = float64(t)/float64(docs), float64(b)/float64(docs), float64(c)/float64(docs)
	}
	ix.mu.Lock()
	ix.stats = st
	ix.mu.Unlock()
	return st, nil
}

// docFreqs returns the number of documents matching each tsquery of qs
// (a key, or a prefix), counted through the GIN index and cached while
// the number of documents is within 1% of what it was when counted.
func (ix *Index) docFreqs(ctx context.Context, qs []string, docs int64) ([]int64, error) {
	out := make([]int64, len(qs))
	var miss []string
	ix.mu.Lock()
	for i, q := range qs {
		e, ok := ix.df[q]
		if ok && abs(e.docs-docs)*100 <= docs {
			out[i] = e.df
		} else {
			out[i] = -1
			miss = append(miss, q)
		}
	}
	ix.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	rows, err := ix.pool.Query(ctx, `SELECT q, (SELECT count(*) FROM search_docs WHERE tsv @@ q::tsquery)
		FROM unnest($1::text[]) AS q`, miss)
	if err != nil {
		return nil, fmt.Errorf("pgsearch: document frequencies: %w", err)
	}
	got := map[string]int64{}
	for rows.Next() {
		var q string
		var n int64
		if err := rows.Scan(&q, &n); err != nil {
			return nil, err
		}
		got[q] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgsearch: document frequencies: %w", err)
	}
	ix.mu.Lock()
	if len(ix.df) > maxDFCache {
		clear(ix.df)
	}
	for q, n := range got {
		ix.df[q] = dfEntry{df: n, docs: docs}
	}
	ix.mu.Unlock()
	for i, q := range qs {
		if out[i] < 0 {
			out[i] = got[q]
		}
	}
	return out, nil
}

// maxDFCache bounds the document frequency cache (keys, about 100 bytes
// each).
const maxDFCache = 200000

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Sizes are the bytes the index takes in the database.
type Sizes struct {
	Docs      int64 `json:"docs"`
	Table     int64 `json:"table_bytes"`      // heap and TOAST of search_docs
	GIN       int64 `json:"gin_bytes"`        // the tsvector's GIN index
	EntityGIN int64 `json:"entity_gin_bytes"` // the entity names' GIN index
	BTrees    int64 `json:"btree_bytes"`      // primary key, source and date indexes
	TSVector  int64 `json:"tsvector_bytes"`   // the tsvector column as stored (compressed)
	Text      int64 `json:"text_bytes"`       // title and body as stored (compressed)
}

// Size measures the index's tables and indexes.
func (ix *Index) Size(ctx context.Context) (Sizes, error) {
	var s Sizes
	err := ix.pool.QueryRow(ctx, `SELECT (SELECT docs FROM search_state),
		pg_table_size('search_docs'), pg_relation_size('search_docs_tsv'), pg_relation_size('search_docs_etsv'),
		pg_relation_size('search_docs_pkey') + pg_relation_size('search_docs_source') + pg_relation_size('search_docs_published'),
		(SELECT coalesce(sum(pg_column_size(tsv)), 0) FROM search_docs),
		(SELECT coalesce(sum(pg_column_size(title) + pg_column_size(body)), 0) FROM search_docs)`).
		Scan(&s.Docs, &s.Table, &s.GIN, &s.EntityGIN, &s.BTrees, &s.TSVector, &s.Text)
	if err != nil {
		return s, fmt.Errorf("pgsearch: size: %w", err)
	}
	return s, nil
}
