package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/store/storetest"
)

// TestFactsColumn: facts are stored deflated, and a row whose facts are
// plain JSON (as stored before) still reads; a damaged column is an error
// naming the article, not a panic or silent loss.
func TestFactsColumn(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := storetest.Record(1, "https://a.example/1")
	if _, err := s.Put(ctx, []store.Record{r}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, r.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r.Article.Facts, got.Facts); d != "" {
		t.Errorf("deflated facts (-want +got):\n%s", d)
	}

	plain := `{"entities":[{"text":"الدوحة","type":"LOC","canonical":"الدوحة","start":1,"end":13}]}`
	if err := s.Exec(ctx, `UPDATE articles SET facts = ? WHERE id = ?`, plain, r.Article.ID); err != nil {
		t.Fatal(err)
	}
	got, err = s.Article(ctx, r.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entities) != 1 || got.Entities[0].Canonical != "الدوحة" {
		t.Errorf("plain JSON facts read as %+v", got.Facts)
	}

	if err := s.Exec(ctx, `UPDATE articles SET facts = ? WHERE id = ?`, []byte{0xff, 0x00, 0x13}, r.Article.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, r.Article.ID); err == nil {
		t.Error("damaged facts read without an error")
	}
}
