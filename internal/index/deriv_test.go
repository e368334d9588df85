package index

import (
	"context"
	"testing"

	"github.com/taqrir/taqrir/internal/news"
)

// TestQueryUsesDerivedLinks: a query word finds the forms the analyzer links
// to it (a verb and its masdar, a plural and its singular), as the index
// stores them.
func TestQueryUsesDerivedLinks(t *testing.T) {
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := map[string]string{
		"verb":   "قالت الشرطة إن الجيش يستخدم الغاز المسيل للدموع عند الضرورة.",
		"plural": "غمرت السيول عدة مدن في الشمال.",
		"other":  "ارتفعت أسعار الذهب في الأسواق العالمية.",
	}
	var entries []Entry
	for id, body := range docs {
		entries = append(entries, Entry{Seq: int64(len(entries) + 1), Article: news.Article{ID: id, Title: "خبر", Paragraphs: []string{body}}})
	}
	if err := ix.Apply(entries); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]string{"استخدام": "verb", "مدينة": "plural"} {
		res, err := ix.Search(context.Background(), Request{Query: query, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].ID != want {
			t.Errorf("search %q: hits %+v, want only %q", query, res.Hits, want)
		}
	}
}

func TestIDsOnly(t *testing.T) {
	ix, _ := sampleIndex(t)
	full, err := ix.Search(context.Background(), Request{Query: "فيضانات", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ix.Search(context.Background(), Request{Query: "فيضانات", Limit: 100, IDsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids.Total != full.Total || len(ids.Hits) != len(full.Hits) || len(ids.Hits) == 0 {
		t.Fatalf("IDsOnly: %d hits of %d, want %d of %d", len(ids.Hits), ids.Total, len(full.Hits), full.Total)
	}
	for i, h := range ids.Hits {
		if h.ID != full.Hits[i].ID || h.Title != "" || h.Snippet != "" {
			t.Errorf("hit %d: %+v, want id %s and nothing else", i, h, full.Hits[i].ID)
		}
	}
}
