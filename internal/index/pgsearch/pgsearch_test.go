package pgsearch

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// open opens an index in a fresh schema of the test database.
func open(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(context.Background(), testsuite.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// sampleEntries reads the embedded sample corpus with its facts, in seq
// order, and a map from id to URL.
func sampleEntries(t testing.TB) ([]index.Entry, map[string]string) {
	t.Helper()
	urls := map[string]string{}
	var entries []index.Entry
	err := source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Origin, it.Err)
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			t.Fatalf("%s: %v", it.Origin, err)
		}
		a := res.Article
		a.Facts = facts.Extract(a.Body(), a.Published)
		urls[a.ID] = a.URL
		entries = append(entries, index.Entry{Seq: int64(len(entries) + 1), Article: a})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return entries, urls
}

// sample is the sample corpus in a PostgreSQL index and in an in-memory
// bleve index, for comparing the two.
func sample(t testing.TB) (*Index, *index.Index, map[string]string) {
	t.Helper()
	entries, urls := sampleEntries(t)
	pg := open(t)
	if err := pg.Apply(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
	bl, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bl.Close() })
	if err := bl.Apply(entries); err != nil {
		t.Fatal(err)
	}
	return pg, bl, urls
}

// TestRelevance runs the golden relevance suite (internal/corpus) against
// the PostgreSQL index, BM25 and ts_rank_cd, and against bleve, and
// requires BM25 in PostgreSQL to rank the golden article first at least
// as often as bleve does, less one.
func TestRelevance(t *testing.T) {
	pg, bl, urls := sample(t)
	cases, err := corpus.Relevance()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first := func(search func(context.Context, index.Request) (index.Result, error)) (n int, missed []string) {
		for _, c := range cases {
			res, err := search(ctx, index.Request{Query: c.Query, Limit: 3, Synonyms: true})
			if err != nil {
				t.Fatalf("%q: %v", c.Query, err)
			}
			if len(res.Hits) > 0 && urls[res.Hits[0].ID] == c.URL {
				n++
			} else {
				missed = append(missed, c.Query)
			}
		}
		return n, missed
	}
	nb, _ := first(bl.Search)
	npg, missed := first(pg.Search)
	pg.SetRanking(RankCD)
	ncd, _ := first(pg.Search)
	pg.SetRanking(BM25)
	t.Logf("relevance suite, golden article first: bleve %d/%d, PostgreSQL BM25 %d/%d, PostgreSQL ts_rank_cd %d/%d",
		nb, len(cases), npg, len(cases), ncd, len(cases))
	if npg < nb-1 {
		t.Errorf("PostgreSQL BM25 ranks %d golden articles first, bleve %d; missed: %s", npg, nb, strings.Join(missed, " | "))
	}
}

func TestSeqCountAndUpdate(t *testing.T) {
	ix := open(t)
	ctx := context.Background()
	a := news.Article{ID: "a1", Title: "زلزال في الحوز", Source: "الوكالة", Paragraphs: []string{"ضربت هزة أرضية قوية منطقة جبلية."}}
	if err := ix.Apply(ctx, []index.Entry{{Seq: 5, Article: a}}); err != nil {
		t.Fatal(err)
	}
	// An update in place (a later seq, the same id) replaces the row.
	a.Title = "فيضانات في الحوز"
	if err := ix.Apply(ctx, []index.Entry{{Seq: 7, Article: a}}); err != nil {
		t.Fatal(err)
	}
	if seq, err := ix.Seq(ctx); err != nil || seq != 7 {
		t.Errorf("seq = %d, %v; want 7", seq, err)
	}
	if n, err := ix.Count(ctx); err != nil || n != 1 {
		t.Errorf("count = %d, %v; want 1", n, err)
	}
	for q, want := range map[string]uint64{"زلزال": 0, "فيضانات": 1, "الفيضان": 1, "هزة": 1} {
		res, err := ix.Search(ctx, index.Request{Query: q})
		if err != nil || res.Total != want {
			t.Errorf("%s: total %d, %v; want %d", q, res.Total, err, want)
		}
	}
	if stale, err := ix.Stale(ctx); err != nil || stale {
		t.Errorf("stale = %v, %v", stale, err)
	}
	if _, err := ix.pool.Exec(ctx, `UPDATE search_state SET version = 'taqrir_ar/old'`); err != nil {
		t.Fatal(err)
	}
	if stale, _ := ix.Stale(ctx); !stale {
		t.Error("an index of another analysis is not stale")
	}
}

func TestFiltersFacetsAndPaging(t *testing.T) {
	pg, bl, _ := sample(t)
	ctx := context.Background()
	all, err := pg.Search(ctx, index.Request{Query: "فيضانات", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	ball, err := bl.Search(ctx, index.Request{Query: "فيضانات", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != ball.Total || all.Total < 4 {
		t.Fatalf("فيضانات: %d in PostgreSQL, %d in bleve", all.Total, ball.Total)
	}
	if !slices.Equal(all.Sources, ball.Sources) {
		t.Errorf("sources facet: %v, bleve %v", all.Sources, ball.Sources)
	}
	if !slices.Equal(all.Months, ball.Months) {
		t.Errorf("months facet: %v, bleve %v", all.Months, ball.Months)
	}
	if len(all.Entities) == 0 {
		t.Error("no entities facet")
	}
	for _, h := range all.Hits {
		if h.Title == "" || h.Source == "" || h.Snippet == "" {
			t.Errorf("hit %+v lacks a field", h)
		}
	}
	if !strings.Contains(all.Hits[0].Snippet, "<mark>") && !strings.Contains(all.Hits[0].Title, "فيضان") {
		t.Errorf("first snippet marks nothing: %s", all.Hits[0].Snippet)
	}
	// Paging: two pages of 2 are the first 4 of the whole list.
	var paged []string
	for off := 0; off < 4; off += 2 {
		res, err := pg.Search(ctx, index.Request{Query: "فيضانات", Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.ID)
		}
	}
	var want []string
	for _, h := range all.Hits[:4] {
		want = append(want, h.ID)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("pages %v, want %v", paged, want)
	}
	// Source: the same set as bleve's.
	src := all.Hits[0].Source
	for _, r := range []index.Request{
		{Query: "فيضانات", Source: src, Limit: 100},
		{Query: "فيضانات -ليبيا", Limit: 100},
		{Query: "فيضانات", Since: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Limit: 100},
		{Query: "فيضانات", Until: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Limit: 100},
		{Query: "هدنة", Entities: []string{"السودان"}, Limit: 100},
		{Query: "ليب*", Limit: 100},
		{Query: `"قافلة مساعدات"`, Limit: 100},
		{Query: "مباحثات OR مفاوضات", Limit: 100},
		{All: true, Source: src, Limit: 100},
	} {
		got, err := pg.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		exp, err := bl.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if ids(got) != ids(exp) {
			t.Errorf("%q source %q entities %v since %v until %v: PostgreSQL %d hits %s, bleve %d %s",
				r.Query, r.Source, r.Entities, r.Since, r.Until, got.Total, ids(got), exp.Total, ids(exp))
		}
		if got.Total == 0 || (r.Source != "" && got.Total >= all.Total && !r.All) {
			t.Errorf("%+v: %d hits", r, got.Total)
		}
	}
	// Sorting by date.
	res, err := pg.Search(ctx, index.Request{Query: "فيضانات", Limit: 50, Sort: "newest"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1].Published, res.Hits[i].Published
		if a == nil && b != nil || a != nil && b != nil && b.After(*a) {
			t.Fatalf("newest: hit %d out of order", i)
		}
	}
	if _, err := pg.Search(ctx, index.Request{Query: "فيضانات", Sort: "sideways"}); !errors.Is(err, index.ErrBadRequest) {
		t.Errorf("unknown sort: %v", err)
	}
	if _, err := pg.Search(ctx, index.Request{Query: "في من على"}); !errors.Is(err, index.ErrEmptyQuery) {
		t.Errorf("stopwords only: %v", err)
	}
	if _, err := pg.Search(ctx, index.Request{Query: "فيضانات", Since: time.Now(), Until: time.Now().Add(-time.Hour)}); !errors.Is(err, index.ErrBadRequest) {
		t.Errorf("empty date range: %v", err)
	}
}

// ids is the sorted ids of the hits.
func ids(r index.Result) string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func TestEntityFilterKeepsNamesApart(t *testing.T) {
	ix := open(t)
	ctx := context.Background()
	pers := func(text, canonical string) news.Entity {
		return news.Entity{Text: text, Type: news.EntityPerson, Canonical: canonical}
	}
	art := func(id string, es ...news.Entity) index.Entry {
		a := news.Article{ID: id, Title: "مباحثات في بغداد", Paragraphs: []string{"جرت مباحثات في بغداد اليوم."}}
		a.Entities = es
		return index.Entry{Article: a}
	}
	err := ix.Apply(ctx, []index.Entry{
		art("a", pers("بايدن", "جو بايدن"), pers("الرئيس الأميركي جو بايدن", "جو بايدن")),
		art("b", pers("أحمد جو", "أحمد جو"), pers("بايدن الصغير", "بايدن الصغير")),
		art("c", news.Entity{Text: "أمريكا", Type: news.EntityPlace, Canonical: "الولايات المتحدة"}),
		art("d"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for names, want := range map[string]string{
		"جو بايدن":         "a",
		"بايدن":            "a,b",
		"لبايدن":           "a,b",
		"الولايات المتحده": "c",
		"جو بايدن|الولايات المتحدة": "a,c",
		"بوتين": "",
	} {
		res, err := ix.Search(ctx, index.Request{Query: "مباحثات", Entities: strings.Split(names, "|")})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); got != want {
			t.Errorf("entities %s: %s, want %s", names, got, want)
		}
	}
}

func TestRelaxedQuery(t *testing.T) {
	pg, bl, _ := sample(t)
	ctx := context.Background()
	q := index.Request{Query: "فيضانات ليبيا درنة كلمةلاتوجد", Limit: 5}
	got, err := pg.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := bl.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Relaxed || got.Total == 0 || got.Total != exp.Total {
		t.Errorf("relaxed %v, %d hits; bleve relaxed %v, %d", got.Relaxed, got.Total, exp.Relaxed, exp.Total)
	}
}

func TestVectorText(t *testing.T) {
	var v vector
	n, last := v.addText("قال و'زير", 0, 'A')
	if n == 0 || last < 1 {
		t.Fatalf("%d tokens, last %d", n, last)
	}
	s := v.String()
	if !strings.Contains(s, "A") || !strings.HasPrefix(s, "'") {
		t.Errorf("tsvector text %q", s)
	}
	if got := quoteLexeme(`a'b\c`); got != `'a''b\\c'` {
		t.Errorf("quoted %q", got)
	}
}
