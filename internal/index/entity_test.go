package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/news"
)

func TestEntityFilter(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	art := func(id string, es ...news.Entity) Entry {
		a := news.Article{ID: id, Title: "مباحثات في بغداد", Paragraphs: []string{"جرت مباحثات في بغداد اليوم."}}
		a.Entities = es
		return Entry{Article: a}
	}
	pers := func(text, canonical string) news.Entity {
		return news.Entity{Text: text, Type: news.EntityPerson, Canonical: canonical}
	}
	entries := []Entry{
		art("a", pers("بايدن", "جو بايدن"), pers("الرئيس الأميركي جو بايدن", "جو بايدن")),
		// Two names that would make "جو بايدن" if they ran together.
		art("b", pers("أحمد جو", "أحمد جو"), pers("بايدن الصغير", "بايدن الصغير")),
		art("c", news.Entity{Text: "أمريكا", Type: news.EntityPlace, Canonical: "الولايات المتحدة"}),
		art("d"),
	}
	for i := range entries {
		entries[i].Seq = int64(i + 1)
	}
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		entities []string
		want     []string
	}{
		{"canonical", []string{"جو بايدن"}, []string{"a"}},
		{"mention", []string{"الرئيس الأميركي جو بايدن"}, []string{"a"}},
		{"one word matches every name holding it", []string{"بايدن"}, []string{"a", "b"}},
		{"with a clitic", []string{"لبايدن"}, []string{"a", "b"}},
		{"spelling variant of a canonical", []string{"الولايات المتحده"}, []string{"c"}},
		{"any of several aliases", []string{"جو بايدن", "الولايات المتحدة"}, []string{"a", "c"}},
		{"unknown", []string{"بوتين"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: "مباحثات", Entities: tt.entities, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("entities %q: got %v, want %v", tt.entities, got, tt.want)
			}
		})
	}
	if _, err := ix.Search(context.Background(), Request{Query: "مباحثات", Entities: []string{" "}}); err == nil {
		t.Error("a blank entity name did not fail")
	}
}

// TestFiltersCombine: source, entity and date filters given together all
// hold (a bleve BooleanQuery keeps only its last AddFilter).
func TestFiltersCombine(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	qatar := news.Entity{Text: "قطر", Type: news.EntityPlace, Canonical: "قطر"}
	oman := news.Entity{Text: "عمان", Type: news.EntityPlace, Canonical: "سلطنة عمان"}
	var entries []Entry
	// Every combination of two sources, two entities and two days.
	for i, src := range []string{"صدى الخليج", "الواحة نيوز"} {
		for j, e := range []news.Entity{qatar, oman} {
			for k, d := range []int{10, 20} {
				a := news.Article{ID: fmt.Sprintf("%d%d%d", i, j, k), Source: src, Published: day(d),
					Title: "مباحثات", Paragraphs: []string{"جرت مباحثات اليوم."}}
				a.Entities = []news.Entity{e}
				entries = append(entries, Entry{Seq: int64(len(entries) + 1), Article: a})
			}
		}
	}
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"source and entity", Request{Source: "صدى الخليج", Entities: []string{"قطر"}}, []string{"000", "001"}},
		{"source and date", Request{Source: "الواحة نيوز", Since: day(15)}, []string{"101", "111"}},
		{"entity and date", Request{Entities: []string{"سلطنة عمان"}, Until: day(15)}, []string{"010", "110"}},
		{"all three", Request{Source: "الواحة نيوز", Entities: []string{"قطر"}, Since: day(1), Until: day(15)}, []string{"100"}},
		{"all three, nothing", Request{Source: "صدى الخليج", Entities: []string{"قطر"}, Since: day(21)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Query, tt.req.Limit = "مباحثات", 20
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ix.Search(context.Background(), Request{Query: "مباحثات", Since: day(20), Until: day(10)}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("an empty date range: %v, want ErrBadRequest", err)
	}
}

// TestEntitiesFacetAndAll: the entities facet counts each article once per
// canonical name, and All lists every article the filters keep.
func TestEntitiesFacetAndAll(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qatar := news.Entity{Text: "قطر", Type: news.EntityPlace, Canonical: "قطر"}
	doha := news.Entity{Text: "الدوحة", Type: news.EntityPlace, Canonical: "الدوحة"}
	var entries []Entry
	for i, es := range [][]news.Entity{{qatar, qatar, doha}, {qatar}, {doha}, nil} {
		a := news.Article{ID: fmt.Sprint(i), Title: "مباحثات", Paragraphs: []string{"جرت مباحثات اليوم."}}
		a.Entities = es
		entries = append(entries, Entry{Seq: int64(i + 1), Article: a})
	}
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: "مباحثات", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := []FacetCount{{"قطر", 2}, {"الدوحة", 2}}
	slices.SortFunc(res.Entities, func(a, b FacetCount) int { return strings.Compare(b.Value, a.Value) })
	if !slices.Equal(res.Entities, want) {
		t.Errorf("entities facet = %v, want %v", res.Entities, want)
	}
	res, err = ix.Search(context.Background(), Request{All: true, Entities: []string{"قطر"}, Limit: 10, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Entities) != 0 {
		t.Errorf("All with an entity: total %d, entities facet %v; want 2 and none", res.Total, res.Entities)
	}
}

// TestEntityFilterAsPhrases: the entity filter (names that analyse alike
// asked once, one-word names as their terms) keeps exactly the articles
// that asking every name as a phrase keeps, for the entities of the sample
// corpus and some spellings of them.
func TestEntityFilterAsPhrases(t *testing.T) {
	ix, _ := sampleIndexWith(t, OpenMem, facts.ExtractArticle)
	docs := func(q query.Query) []string { return matchingIDs(t, ix, q) }
	sets := [][]string{{"مصر", "جمهورية مصر العربية", "مصرُ", "بمصر"}, {"الأمم المتحدة", "الامم المتحدة", "الأمم"},
		{"السودان", "والسودان"}, {"الولايات المتحدة", "أمريكا", "واشنطن"}, {"ليبيا"}, {"في"}}
	matched := 0
	for _, names := range sets {
		var phrases []query.Query
		for _, n := range names {
			pq := bleve.NewMatchPhraseQuery(n)
			pq.SetField(fEntities)
			phrases = append(phrases, pq)
		}
		want := docs(bleve.NewDisjunctionQuery(phrases...))
		got := docs(entityFilter(names))
		if !slices.Equal(got, want) {
			t.Errorf("%v: entity filter keeps %v, the phrases %v", names, got, want)
		}
		matched += len(want)
	}
	if matched == 0 {
		t.Fatal("no name matched any article: the test tests nothing")
	}
}

// TestEntityFilterRunsAsPhrases: names of 2 to maxRun words are looked up
// as run terms; on names with a dropped word inside ("في"), with a second
// reading at a position (تحرير/حرر), longer than maxRun, and asked whole,
// in part, across the gap or with a clitic, the filter keeps exactly the
// articles the phrase of each name keeps.
func TestEntityFilterRunsAsPhrases(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	names := [][]string{
		{"المصرف العربي في ليبيا"},
		{"منظمة التحرير الفلسطينية ومجلس الأمن الدولي"},
		{"وكالة الأنباء السعودية", "عبد الله بن عبد العزيز"},
		{"المصرف العربي", "الأمن الدولي"},
		{"ليبيا"},
		nil,
	}
	var entries []Entry
	for i, ns := range names {
		a := news.Article{ID: fmt.Sprint(i), Title: "خبر", Paragraphs: []string{"نص الخبر."}}
		for _, n := range ns {
			a.Entities = append(a.Entities, news.Entity{Text: n, Canonical: n})
		}
		entries = append(entries, Entry{Seq: int64(i + 1), Article: a})
	}
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	docs := func(q query.Query) []string { return matchingIDs(t, ix, q) }
	matched := 0
	for _, n := range []string{
		"المصرف العربي", "العربي في ليبيا", "المصرف العربي في ليبيا", "العربي ليبيا", "مصرف عربي",
		"التحرير الفلسطينية", "منظمة التحرير", "منظمة حرر", "الفلسطينية ومجلس الأمن",
		"منظمة التحرير الفلسطينية ومجلس الأمن", "ومجلس الأمن الدولي", "الأمن الدولي", "مجلس الدولي",
		"وكالة الأنباء", "الأنباء السعودية", "بن عبد العزيز", "الله بن عبد العزيز", "التحرير الفلسطينية ومجلس الأمن", "عبد الله بن عبد العزيز", "عبد العزيز", "ليبيا",
	} {
		pq := bleve.NewMatchPhraseQuery(n)
		pq.SetField(fEntities)
		want := docs(pq)
		if got := docs(entityFilter([]string{n})); !slices.Equal(got, want) {
			t.Errorf("%q: entity filter keeps %v, the phrase %v", n, got, want)
		}
		matched += len(want)
	}
	if matched == 0 {
		t.Fatal("no name matched any article: the test tests nothing")
	}
}

// matchingIDs lists the ids of every article q matches, sorted.
func matchingIDs(t *testing.T, ix *Index, q query.Query) []string {
	t.Helper()
	sr, err := ix.bi.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(q, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range sr.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}
