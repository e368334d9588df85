package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// sampleIndex indexes the embedded sample corpus in memory and returns the
// index and a map from article id to URL.
func sampleIndex(t testing.TB) (*Index, map[string]string) {
	t.Helper()
	return sampleIndexWith(t, OpenMem, nil)
}

// sampleIndexWith is sampleIndex in the index open returns.
// and each article through prepare (when not nil) first.
func sampleIndexWith(t testing.TB, open func() (*Index, error), prepare func(*news.Article)) (*Index, map[string]string) {
	t.Helper()
	ix, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	entries, urls := sampleEntries(t, prepare)
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	return ix, urls
}

// sampleEntries are the sample corpus' articles, extracted and passed to
// prepare (when not nil), numbered from 1; urls maps their IDs to their
// URLs.
func sampleEntries(t testing.TB, prepare func(*news.Article)) (entries []Entry, urls map[string]string) {
	t.Helper()
	urls = map[string]string{}
	err := source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Origin, it.Err)
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			t.Fatalf("%s: %v", it.Origin, err)
		}
		urls[res.Article.ID] = res.Article.URL
		if prepare != nil {
			prepare(&res.Article)
		}
		entries = append(entries, Entry{Seq: int64(len(entries) + 1), Article: res.Article})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return entries, urls
}

// TestRelevance is the golden relevance suite: for each query of
// internal/corpus/relevance.tsv, the named article must rank first.
func TestRelevance(t *testing.T) {
	ix, urls := sampleIndex(t)
	cases, err := corpus.Relevance()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 30 {
		t.Fatalf("relevance suite has %d cases, want ≥ 30", len(cases))
	}
	failed := 0
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: c.Query, Limit: 3, Synonyms: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				failed++
				t.Fatalf("line %d (%s): no hits; want %s", c.Line, c.Kind, c.URL)
			}
			if got := urls[res.Hits[0].ID]; got != c.URL {
				failed++
				t.Errorf("line %d (%s): first hit %s %q (score %.2f); want %s\n%s", c.Line, c.Kind, got, res.Hits[0].Title, res.Hits[0].Score, c.URL, c.Note)
			}
		})
	}
	t.Logf("relevance: %d/%d queries rank the golden article first", len(cases)-failed, len(cases))
}

func TestSearchFiltersAndFacets(t *testing.T) {
	ix, _ := sampleIndex(t)
	ctx := context.Background()
	all, err := ix.Search(ctx, Request{Query: "فيضانات", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 4 || len(all.Sources) == 0 || len(all.Months) == 0 {
		t.Fatalf("فيضانات: total %d, facets %v %v", all.Total, all.Sources, all.Months)
	}
	src := all.Hits[0].Source
	only, err := ix.Search(ctx, Request{Query: "فيضانات", Source: src, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range only.Hits {
		if h.Source != src {
			t.Errorf("--source %q returned %q", src, h.Source)
		}
	}
	if only.Total == 0 || only.Total >= all.Total {
		t.Errorf("--source %q: %d of %d", src, only.Total, all.Total)
	}
	excl, err := ix.Search(ctx, Request{Query: "فيضانات -ليبيا", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if excl.Total == 0 || excl.Total >= all.Total {
		t.Errorf("exclusion: %d of %d", excl.Total, all.Total)
	}
	if _, err := ix.Search(ctx, Request{Query: "في من على"}); err == nil {
		t.Error("a stopword-only query did not fail")
	}
}

func TestSearchSortByDate(t *testing.T) {
	ix, _ := sampleIndex(t)
	ctx := context.Background()
	for _, order := range []string{"newest", "oldest"} {
		res, err := ix.Search(ctx, Request{Query: "فيضانات", Limit: 50, Sort: order})
		if err != nil {
			t.Fatal(err)
		}
		var last time.Time
		undated := false
		for i, h := range res.Hits {
			if h.Published == nil {
				undated = true
				continue
			}
			if undated {
				t.Fatalf("%s: dated hit %d after an undated one", order, i)
			}
			if i > 0 && !last.IsZero() && ((order == "newest" && h.Published.After(last)) || (order == "oldest" && h.Published.Before(last))) {
				t.Fatalf("%s: hit %d (%v) out of order after %v", order, i, h.Published, last)
			}
			last = *h.Published
		}
	}
	if _, err := ix.Search(ctx, Request{Query: "فيضانات", Sort: "sideways"}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("unknown sort: err = %v", err)
	}
}

func TestTitleOnlyMatchHasSnippet(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Apply([]Entry{{Seq: 1, Article: news.Article{ID: "t1", Title: "زلزال في الحوز",
		Paragraphs: []string{"ضربت هزة أرضية قوية <منطقة> جبلية ليلة الجمعة وخلفت أضرارا كبيرة في القرى."}}}})
	res, err := ix.Search(context.Background(), Request{Query: "زلزال"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	if want := "ضربت هزة أرضية قوية &lt;منطقة&gt; جبلية"; !strings.HasPrefix(res.Hits[0].Snippet, want) {
		t.Errorf("snippet = %q, want the escaped opening %q…", res.Hits[0].Snippet, want)
	}
}

func TestEverySnippetIsFilled(t *testing.T) {
	ix, _ := sampleIndex(t)
	// Words of titles that may not be in the body still get a snippet.
	res, err := ix.Search(context.Background(), Request{Query: "الدوحة", Limit: 50})
	if err != nil || res.Total == 0 {
		t.Fatal(err, res.Total)
	}
	for _, h := range res.Hits {
		if h.Snippet == "" {
			t.Errorf("%s %q has no snippet", h.ID, h.Title)
		}
	}
}

func TestNewIndexIsNotStale(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if stale, err := ix.Stale(); err != nil || stale {
		t.Errorf("a new index: stale %v, %v", stale, err)
	}
	if err := ix.MarkBuiltWith("taqrir_ar/old"); err != nil {
		t.Fatal(err)
	}
	if stale, _ := ix.Stale(); !stale {
		t.Error("an index built by another analysis is not stale")
	}
}

// TestTextFieldParts: words are matched in one field made of the title,
// the body and the captions, each its own value. A word in any part
// matches; a phrase matches within a part, never across two; a title that
// has the words ranks above a body that has them as often; the snippet
// marks the words in the body, else shows its opening.
func TestTextFieldParts(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	body := "اجتمع وزراء الزراعة في العاصمة لبحث أسعار القمح والشعير هذا الموسم."
	err = ix.Apply([]Entry{
		{Seq: 1, Article: news.Article{ID: "title", Title: "موسم الحصاد في السهول", Paragraphs: []string{body}}},
		{Seq: 2, Article: news.Article{ID: "body", Title: "أخبار اليوم", Paragraphs: []string{body + " وقال المزارعون إن الحصاد تأخر."}}},
		{Seq: 3, Article: news.Article{ID: "caption", Title: "اجتماع وزاري", Paragraphs: []string{body}, Captions: []string{"جرار يعمل في حقل قمح بالقرب من النهر"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids := func(q string) []string {
		t.Helper()
		res, err := ix.Search(ctx, Request{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	for _, c := range []struct {
		q, want  string
		anyOrder bool
	}{
		{"السهول", "title", false},                      // in the title only
		{"المزارعون", "body", false},                    // in a body only
		{"جرار", "caption", false},                      // in a caption only
		{"الحصاد", "title body", false},                 // title first, then a body that has it once
		{`"السهول اجتمع"`, "", false},                   // the title's last word and the body's first: no phrase
		{`"بالقرب من النهر"`, "caption", false},         // a phrase inside a caption
		{`"القمح والشعير"`, "body caption title", true}, // a phrase of the body, every article
		{"جرار السهول", "", false},                      // two parts of two articles: no article has both
	} {
		got := ids(c.q)
		if c.anyOrder {
			slices.Sort(got)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: %q, want %q", c.q, g, c.want)
		}
	}
	res, err := ix.Search(ctx, Request{Query: "أسعار القمح"})
	if err != nil || len(res.Hits) != 3 {
		t.Fatalf("%v %+v", err, res)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Snippet, "<mark>أسعار</mark> <mark>القمح</mark>") {
			t.Errorf("%s: snippet %q does not mark the words", h.ID, h.Snippet)
		}
	}
	res, err = ix.Search(ctx, Request{Query: "جرار"})
	if err != nil || len(res.Hits) != 1 || !strings.HasPrefix(res.Hits[0].Snippet, "اجتمع وزراء") {
		t.Errorf("a caption's word: %v %+v, want the body's opening as the snippet", err, res.Hits)
	}
}
