package story

import (
	"context"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// sampleArticles extracts the 54 articles of the embedded sample corpus
// and returns them with the truth: article id → story id.
func sampleArticles(t testing.TB) ([]news.Article, map[string]string) {
	t.Helper()
	stories, err := corpus.Stories()
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]string{}
	for _, s := range stories {
		for _, u := range s.URLs {
			byURL[news.CanonicalizeURL(u)] = s.ID
		}
	}
	var arts []news.Article
	truth := map[string]string{}
	err = source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			t.Fatalf("%s: %v", it.Origin, err)
		}
		a := res.Article
		s, ok := byURL[news.CanonicalizeURL(a.URL)]
		if !ok {
			t.Fatalf("%s: url %s is in no story of %s", it.Origin, a.URL, corpus.StoriesFile)
		}
		truth[a.ID] = s
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 54 {
		t.Fatalf("sample corpus: %d articles, want 54", len(arts))
	}
	return arts, truth
}

// handEntities stands in for the facts stage in these tests: it marks the
// places and organisations of the sample (a hand-made list with their
// canonical names) wherever their key appears in the body.
func handEntities(arts []news.Article) []news.Article {
	names := []struct{ canonical, typ string }{
		{"السودان", news.EntityPlace}, {"الدوحة", news.EntityPlace}, {"قطر", news.EntityPlace},
		{"ليبيا", news.EntityPlace}, {"بنغازي", news.EntityPlace}, {"المرج", news.EntityPlace}, {"البيضاء", news.EntityPlace},
		{"مصر", news.EntityPlace}, {"القاهرة", news.EntityPlace}, {"الجزائر", news.EntityPlace},
		{"أوبك", news.EntityOrg}, {"السعودية", news.EntityPlace}, {"العراق", news.EntityPlace},
		{"الرياض", news.EntityPlace}, {"تونس", news.EntityPlace}, {"الكويت", news.EntityPlace},
		{"البصرة", news.EntityPlace}, {"إيران", news.EntityPlace}, {"طهران", news.EntityPlace},
		{"مسقط", news.EntityPlace}, {"عمان", news.EntityPlace}, {"واشنطن", news.EntityPlace},
		{"الباطنة", news.EntityPlace}, {"الجهراء", news.EntityPlace}, {"الخرطوم", news.EntityPlace},
		{"دارفور", news.EntityPlace}, {"برنت", news.EntityMisc}, {"أمريكا", news.EntityPlace},
	}
	keys := map[string]int{}
	for i, n := range names {
		keys[arabic.Key(n.canonical)] = i
	}
	out := make([]news.Article, len(arts))
	for i, a := range arts {
		a.Entities = nil
		body := a.Body()
		arabic.EachTerm(body, func(start, end int, key string, _ bool) {
			if j, ok := keys[key]; ok {
				a.Entities = append(a.Entities, news.Entity{Text: body[start:end], Type: names[j].typ, Canonical: names[j].canonical, Start: start, End: end})
			}
		})
		out[i] = a
	}
	return out
}

// extracted returns copies of the articles with the facts stage's facts.
func extracted(arts []news.Article) []news.Article {
	out := make([]news.Article, len(arts))
	for i, a := range arts {
		facts.ExtractArticle(&a)
		out[i] = a
	}
	return out
}

// pairwise scores a clustering against the truth over all pairs of
// articles.
func pairwise(stories []Story, truth map[string]string) (p, r, f1 float64) {
	got := map[string]string{}
	for _, s := range stories {
		for _, a := range s.Articles {
			got[a.ID] = s.ID
		}
	}
	ps := eval.Pairwise(got, truth)
	return ps.Precision, ps.Recall, ps.F1
}

func describe(stories []Story, truth map[string]string) string {
	var b strings.Builder
	for _, s := range stories {
		b.WriteString("\n  ")
		for _, a := range s.Articles {
			b.WriteString(truth[a.ID] + " ")
		}
	}
	return b.String()
}
