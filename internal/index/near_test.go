package index_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// cityVectors trains a small vector table on text in which the cities
// fill the same slots, so each city's nearest words are cities.
func cityVectors(t *testing.T) *wordrep.Vectors {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	cities := []string{"بغداد", "دمشق", "بيروت", "الرباط"}
	months := []string{"يناير", "مارس", "مايو", "يوليو"}
	c := wordrep.NewCorpus()
	for range 400 {
		var b bytes.Buffer
		for range 5 {
			fmt.Fprintf(&b, "وصل الوفد إلى %s في %s الماضي . ", cities[r.IntN(4)], months[r.IntN(4)])
		}
		c.AddText(b.String())
	}
	v, _, err := wordrep.TrainVectors(c, wordrep.VectorOptions{Dim: 16, MinCount: 2, Epochs: 3, Buckets: 1000, Seed: 1, Sample: 1})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNeighboursWidenWithSynonyms(t *testing.T) {
	ix, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.SetCacheSize(0)
	if err := ix.Apply([]index.Entry{
		{Seq: 1, Article: news.Article{ID: "baghdad", Title: "خبر", Paragraphs: []string{"افتتح معرض الكتاب في بغداد أمس."}}},
		{Seq: 2, Article: news.Article{ID: "damascus", Title: "خبر", Paragraphs: []string{"افتتح معرض الكتاب في دمشق أمس."}}},
	}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids := func(r index.Request) []string {
		res, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	req := index.Request{Query: "معرض بغداد", Synonyms: true, IDsOnly: true}
	if got := ids(req); len(got) != 1 || got[0] != "baghdad" {
		t.Fatalf("without neighbours: %v, want [baghdad]", got)
	}
	index.SetNeighbours(&wordrep.Expander{Vectors: cityVectors(t), K: 3, MinScore: 0.5})
	defer index.SetNeighbours(nil)
	if got := ids(req); len(got) != 2 || got[0] != "baghdad" || got[1] != "damascus" {
		t.Errorf("with neighbours: %v, want [baghdad damascus]: the word typed first, its neighbour at a lower weight", got)
	}
	req.Synonyms = false
	if got := ids(req); len(got) != 1 {
		t.Errorf("with neighbours but synonyms off: %v, want [baghdad] alone", got)
	}
}
