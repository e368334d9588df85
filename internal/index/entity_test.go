package index

import (
	"context"
	"slices"
	"testing"

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
