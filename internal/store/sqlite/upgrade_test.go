package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/store/storetest"
)

// TestUpgradeAddsCopyOf: a store written before copies existed (schema
// 3) opens, its articles read as originals, and the same text from
// another source then lands as a copy of them.
func TestUpgradeAddsCopyOf(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "taqrir.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for v, name := range []string{"0001_init.sql", "0002_facts.sql", "0003_raw_meta.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00Z')`, v+1, name); err != nil {
			t.Fatal(err)
		}
	}
	r := storetest.Record(1, "")
	if _, err := db.Exec(`INSERT INTO raw_items (sha256, format, origin, size, data, received_at) VALUES (?, 'txt', 'old.txt', ?, ?, '2025-01-01T00:00:00Z')`,
		r.Raw.SHA256, len(r.Raw.Data), store.Compress(r.Raw.Data)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO articles (id, seq, source, title, paragraphs, ingested_at, raw_sha256, content_hash)
		VALUES (?, 1, ?, ?, ?, '2025-01-01T00:00:00Z', ?, ?)`,
		r.Article.ID, r.Article.Source, r.Article.Title, `["`+r.Article.Paragraphs[0]+`"]`, r.Raw.SHA256, r.ContentHash); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v < 4 {
		t.Fatalf("schema version %d after open, want at least 4", v)
	}
	a, err := s.Article(ctx, r.Article.ID)
	if err != nil || a.CopyOf != "" || a.Title != r.Article.Title {
		t.Fatalf("old article after the upgrade: %+v, %v", a, err)
	}
	res, err := s.Put(ctx, []store.Record{storetest.Copy(r, "الواحة نيوز", "")})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != store.Copy || res[0].CopyOf != r.Article.ID {
		t.Errorf("the same text from another source after the upgrade = %+v, want a copy of %s", res[0], r.Article.ID)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}
