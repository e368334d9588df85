package dedup

import (
	"context"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// sampleArticles extracts the 54 articles of the embedded sample corpus,
// in file order.
func sampleArticles(t testing.TB) []news.Article {
	t.Helper()
	var arts []news.Article
	err := source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			t.Fatalf("%s: %v", it.Origin, err)
		}
		arts = append(arts, res.Article)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 54 {
		t.Fatalf("sample corpus: %d articles, want 54", len(arts))
	}
	return arts
}
