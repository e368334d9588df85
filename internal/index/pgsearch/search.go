package pgsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/index"
)

// RerankDepth is how many of the best matches by ts_rank_cd are ranked
// again by BM25 (more when the page asks for more): BM25 reads every key
// of a row's tsvector, too dear for every match of a common word.
const RerankDepth = 100

// Facet sizes: as package index's.
const (
	sourcesFacet  = 50
	monthsFacet   = 120
	entitiesFacet = 30
)

// Search runs a request of package index's shape against the table: the
// same query language, filters, sorting, paging, facets and snippets.
func (ix *Index) Search(ctx context.Context, r index.Request) (index.Result, error) {
	start := time.Now()
	if r.All {
		res, err := ix.run(ctx, r, nil)
		res.Took = time.Since(start)
		return res, err
	}
	p, err := index.ParseQuery(r.Query)
	if err != nil {
		return index.Result{}, err
	}
	pl, err := buildPlan(p, r.Synonyms, false)
	if err != nil {
		return index.Result{}, err
	}
	res, err := ix.run(ctx, r, pl)
	if err == nil && res.Total == 0 && len(p.Must) >= 3 {
		if pl, err = buildPlan(p, r.Synonyms, true); err != nil {
			return index.Result{}, err
		}
		res, err = ix.run(ctx, r, pl)
		res.Relaxed = true
	}
	res.Parsed = p
	res.Ignored = p.Stopwords()
	res.Took = time.Since(start)
	return res, err
}

// SearchAny ranks the articles holding any key of text (with synonyms at
// synBoost, none when 0) and returns the best limit: the question query
// of package eval's XQuAD-R retrieval task, for measuring.
func (ix *Index) SearchAny(ctx context.Context, text string, synBoost float64, limit int) ([]index.Hit, error) {
	pl := anyPlan(text, synBoost)
	if len(pl.entries) == 0 {
		return nil, nil
	}
	res, err := ix.run(ctx, index.Request{Limit: limit, IDsOnly: true}, pl)
	return res.Hits, err
}

// args numbers the parameters of a statement.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// bm25 is the SQL of bleve's BM25 field score for term frequency column
// tf in a field of length column ln with average length avg (k1 1.2, b
// 0.75, the square root of the frequency as bleve takes it).
func bm25(tf, ln string, avg float64) string {
	if avg <= 0 {
		avg = 1
	}
	return fmt.Sprintf("CASE WHEN %[1]s > 0 THEN sqrt(%[1]s) * 1.2 / (sqrt(%[1]s) + 1.2 * (0.25 + 0.75 * %[2]s / %[3]g)) ELSE 0 END", tf, ln, avg)
}

type hitRow struct {
	ID        string     `json:"id"`
	Score     float64    `json:"score"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	Published *time.Time `json:"published"`
	Body      string     `json:"body"`
}

type facetRow struct {
	V string `json:"v"`
	C int    `json:"c"`
}

// run is one statement: the matches, their scores, the page, the facets.
func (ix *Index) run(ctx context.Context, r index.Request, pl *plan) (index.Result, error) {
	var a args
	var conds []string
	if pl != nil && pl.match != "" {
		conds = append(conds, "tsv @@ "+a.add(pl.match)+"::tsquery")
		if pl.minShould > 0 {
			var sum []string
			for _, c := range pl.clauses {
				sum = append(sum, "(tsv @@ "+a.add(c)+"::tsquery)::int")
			}
			conds = append(conds, "("+strings.Join(sum, " + ")+") >= "+strconv.Itoa(pl.minShould))
		}
	}
	if r.IDs != nil {
		conds = append(conds, "id = ANY("+a.add(r.IDs)+"::text[])")
	}
	if r.Source != "" {
		conds = append(conds, "source_key = "+a.add(index.SourceKey(r.Source)))
	}
	if len(r.Entities) > 0 {
		q := namesQuery(r.Entities)
		if q == "" {
			return index.Result{}, fmt.Errorf("%w: empty entity name", index.ErrBadRequest)
		}
		conds = append(conds, "etsv @@ "+a.add(q)+"::tsquery")
	}
	if !r.Since.IsZero() || !r.Until.IsZero() {
		if !r.Since.IsZero() && !r.Until.IsZero() && !r.Since.Before(r.Until) {
			return index.Result{}, fmt.Errorf("%w: empty date range: published on or after %s and before %s", index.ErrBadRequest,
				r.Since.Format(time.RFC3339), r.Until.Format(time.RFC3339))
		}
		if !r.Since.IsZero() {
			conds = append(conds, "published >= "+a.add(r.Since))
		}
		if !r.Until.IsZero() {
			conds = append(conds, "published < "+a.add(r.Until))
		}
	}
	order := "score DESC, id"
	switch r.Sort {
	case "", "relevance":
	case "newest":
		order = "published DESC NULLS LAST, score DESC, id"
	case "oldest":
		order = "published ASC NULLS LAST, score DESC, id"
	default:
		return index.Result{}, fmt.Errorf("%w: sort %q (want relevance, newest or oldest)", index.ErrBadRequest, r.Sort)
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}

	var sql strings.Builder
	ranked := pl != nil && len(pl.entries) > 0
	byRelevance := r.Sort == "" || r.Sort == "relevance"
	// m: every match, with the first-phase rank (ts_rank_cd, one read of
	// the tsvector a row) when the page is by relevance.
	sql.WriteString("WITH m AS MATERIALIZED (SELECT id, source, month, entity_names, published")
	if ranked && byRelevance {
		q := pl.match
		if pl.minShould > 0 {
			q = strings.Join(pl.clauses, " | ")
		}
		// Weights {D, C, B, A}: body 1, captions 0.5, title 2.5, scaled
		// to at most 1.
		sql.WriteString(", ts_rank_cd('{0.4, 0.2, 0, 1}', tsv, " + a.add(q) + "::tsquery) AS r1")
	} else {
		sql.WriteString(", 0::float4 AS r1")
	}
	sql.WriteString(" FROM search_docs")
	if len(conds) > 0 {
		sql.WriteString(" WHERE " + strings.Join(conds, " AND "))
	}
	sql.WriteString(")")
	// cand: the rows scored by BM25: by relevance the best RerankDepth
	// (at least the page) by the first phase, by date the page itself.
	off := max(r.Offset, 0)
	if byRelevance {
		fmt.Fprintf(&sql, ", cand AS (SELECT id, published, r1 FROM m ORDER BY r1 DESC, id LIMIT %d)", max(RerankDepth, off+limit))
	} else {
		fmt.Fprintf(&sql, ", cand AS (SELECT id, published, r1 FROM m ORDER BY %s LIMIT %d OFFSET %d)",
			strings.Replace(order, "score DESC, ", "", 1), limit, off)
		off = 0
	}
	scored := false
	if ranked && ix.ranking == BM25 {
		var err error
		if scored, err = ix.scoreSQL(ctx, &sql, &a, pl); err != nil {
			return index.Result{}, err
		}
	}
	if scored {
		sql.WriteString(", page AS (SELECT c.id, c.published, coalesce(s.score, 0) AS score FROM cand c LEFT JOIN scored s USING (id)")
	} else {
		sql.WriteString(", page AS (SELECT c.id, c.published, c.r1::float8 AS score FROM cand c")
	}
	fmt.Fprintf(&sql, " ORDER BY %s LIMIT %d OFFSET %d)", order, limit, off)

	obj := "'id', p.id, 'score', p.score"
	if !r.IDsOnly {
		obj += ", 'title', d.title, 'source', d.source, 'published', d.published"
		if !r.NoHighlight && !r.All {
			obj += ", 'body', d.body"
		}
	}
	pageOrder := strings.NewReplacer("published", "p.published", "score", "p.score", "id", "p.id").Replace(order)
	fmt.Fprintf(&sql, " SELECT (SELECT count(*) FROM m), (SELECT json_agg(json_build_object(%s) ORDER BY %s) FROM page p JOIN search_docs d USING (id))", obj, pageOrder)
	facets := !r.IDsOnly && !r.NoFacets
	if facets {
		fmt.Fprintf(&sql, `, (SELECT json_agg(json_build_object('v', v, 'c', c) ORDER BY c DESC, v) FROM (SELECT source AS v, count(*) AS c FROM m GROUP BY source ORDER BY c DESC, v LIMIT %d) f)`, sourcesFacet)
		fmt.Fprintf(&sql, `, (SELECT json_agg(json_build_object('v', v, 'c', c) ORDER BY c DESC, v) FROM (SELECT month AS v, count(*) AS c FROM m GROUP BY month ORDER BY c DESC, v LIMIT %d) f)`, monthsFacet)
		fmt.Fprintf(&sql, `, (SELECT json_agg(json_build_object('v', v, 'c', c) ORDER BY c DESC, v) FROM (SELECT e AS v, count(*) AS c FROM m, unnest(entity_names) AS e GROUP BY e ORDER BY c DESC, v LIMIT %d) f)`, entitiesFacet)
	} else {
		sql.WriteString(", NULL::json, NULL::json, NULL::json")
	}

	if ix.explain != nil {
		ix.explain(sql.String(), a)
	}
	var total int64
	var hitsJ, srcJ, monJ, entJ []byte
	if err := ix.pool.QueryRow(ctx, sql.String(), a...).Scan(&total, &hitsJ, &srcJ, &monJ, &entJ); err != nil {
		return index.Result{}, fmt.Errorf("pgsearch: search: %w", err)
	}
	res := index.Result{Total: uint64(total), Hits: []index.Hit{},
		Sources: []index.FacetCount{}, Months: []index.FacetCount{}, Entities: []index.FacetCount{}}
	var rows []hitRow
	if len(hitsJ) > 0 {
		if err := json.Unmarshal(hitsJ, &rows); err != nil {
			return index.Result{}, fmt.Errorf("pgsearch: search: %w", err)
		}
	}
	for _, h := range rows {
		hit := index.Hit{ID: h.ID, Score: h.Score}
		if !r.IDsOnly {
			hit.Title, hit.Source = h.Title, h.Source
			if h.Published != nil {
				t := h.Published.UTC()
				hit.Published = &t
			}
			if !r.NoHighlight && !r.All && pl != nil {
				hit.Snippet = index.Snippet(h.Body, pl.mark)
			}
		}
		res.Hits = append(res.Hits, hit)
	}
	for _, f := range []struct {
		j   []byte
		out *[]index.FacetCount
	}{{srcJ, &res.Sources}, {monJ, &res.Months}, {entJ, &res.Entities}} {
		if len(f.j) == 0 {
			continue
		}
		var fr []facetRow
		if err := json.Unmarshal(f.j, &fr); err != nil {
			return index.Result{}, fmt.Errorf("pgsearch: facets: %w", err)
		}
		for _, c := range fr {
			*f.out = append(*f.out, index.FacetCount{Value: c.V, Count: c.C})
		}
	}
	return res, nil
}

// scoreSQL appends the CTEs that score the candidates by BM25 (scored:
// id, score) and reports whether it did.
func (ix *Index) scoreSQL(ctx context.Context, sql *strings.Builder, a *args, pl *plan) (bool, error) {
	st, err := ix.readStats(ctx)
	if err != nil {
		return false, err
	}
	dfq := make([]string, len(pl.entries))
	for i, e := range pl.entries {
		dfq[i] = e.dfQuery()
	}
	dfs, err := ix.docFreqs(ctx, dfq, st.docs)
	if err != nil {
		return false, err
	}
	n := len(pl.entries)
	lex, clause, w, pre := make([]string, n), make([]int32, n), make([]float64, n), make([]bool, n)
	hasPrefix := false
	for i, e := range pl.entries {
		df := float64(dfs[i])
		idf := math.Log(1 + (float64(st.docs)-df+0.5)/(df+0.5))
		lex[i], clause[i], w[i], pre[i] = e.lex, int32(e.clause), e.w*idf*idf, e.prefix
		hasPrefix = hasPrefix || e.prefix
	}
	fmt.Fprintf(sql, ", e AS (SELECT * FROM unnest(%s::text[], %s::int[], %s::float8[], %s::bool[]) AS e(lex, clause, w, pre))",
		a.add(lex), a.add(clause), a.add(w), a.add(pre))
	tf := `SELECT d.id, e.clause, e.w, d.title_len, d.body_len, d.cap_len,
		cardinality(array_positions(u.weights, 'A')) AS ta,
		cardinality(array_positions(u.weights, 'D')) AS tb,
		cardinality(array_positions(u.weights, 'C')) AS tc
		FROM cand c JOIN search_docs d USING (id) CROSS JOIN LATERAL unnest(d.tsv) AS u(lexeme, positions, weights) JOIN e ON `
	sql.WriteString(", tf AS (" + tf + "e.lex = u.lexeme AND NOT e.pre")
	if hasPrefix {
		sql.WriteString(" UNION ALL " + tf + "e.pre AND starts_with(u.lexeme, e.lex)")
	}
	sql.WriteString(")")
	fmt.Fprintf(sql, ", sc AS (SELECT id, clause, sum(w * (%s * (%s) + %s + %s * (%s))) AS s, sum((ta > 0)::int + (tb > 0)::int + (tc > 0)::int) AS hits FROM tf GROUP BY id, clause)",
		strconv.FormatFloat(index.TitleBoost, 'g', -1, 64), bm25("ta", "title_len", st.avgTitle),
		bm25("tb", "body_len", st.avgBody),
		strconv.FormatFloat(index.CaptionBoost, 'g', -1, 64), bm25("tc", "cap_len", st.avgCap))
	fmt.Fprintf(sql, ", scored AS (SELECT id, sum(s * hits / (%s::float8[])[clause + 1]) AS score FROM sc GROUP BY id)", a.add(pl.totals))
	return true, nil
}
