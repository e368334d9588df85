package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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

	for _, bad := range [][]byte{{0xff, 0x00, 0x13}, store.Compress([]byte{0x01, 0x09})} {
		if err := s.Exec(ctx, `UPDATE articles SET facts = ? WHERE id = ?`, bad, r.Article.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Article(ctx, r.Article.ID); err == nil || !strings.Contains(err.Error(), r.Article.ID) {
			t.Errorf("damaged facts % x read as %v, want an error naming the article", bad, err)
		}
	}
}

// BenchmarkArticle reads stored articles one by one by id, as a report
// fetches what its search found.
func BenchmarkArticle(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "taqrir.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var recs []store.Record
	for i := range 500 {
		recs = append(recs, storetest.Record(i, fmt.Sprintf("https://a.example/%d", i)))
	}
	if _, err := s.Put(ctx, recs); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Article(ctx, recs[i%len(recs)].Article.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// An article asked for after Close is an error, whether or not the store
// read one before.
func TestArticleAfterClose(t *testing.T) {
	ctx := context.Background()
	for _, readFirst := range []bool{false, true} {
		s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "taqrir.db"))
		if err != nil {
			t.Fatal(err)
		}
		r := storetest.Record(1, "https://a.example/1")
		if _, err := s.Put(ctx, []store.Record{r}); err != nil {
			t.Fatal(err)
		}
		if readFirst {
			if _, err := s.Article(ctx, r.Article.ID); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		if _, err := s.Article(ctx, r.Article.ID); err == nil {
			t.Errorf("read first %v: an article read after Close", readFirst)
		}
	}
}
