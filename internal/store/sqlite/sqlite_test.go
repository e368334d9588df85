package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestMigrationsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "taqrir.db")
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	for range 2 {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != len(files) {
			t.Fatalf("schema version = %d, %v; want %d (one per migration)", v, err, len(files))
		}
		s.Close()
	}
}

func TestOpenRejectsNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "taqrir.db")
	if err := writeFile(path, []byte("this is not a database, just text that is long enough to be a header")); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(context.Background(), path); err == nil {
		t.Fatal("opened a text file as a store")
	}
}

func TestIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, []store.Record{storetest.Record(1, "https://a.example/1")}); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	// An article pointing at a raw item that is not there is damage.
	if err := s.Exec(ctx, `PRAGMA foreign_keys = OFF; UPDATE articles SET raw_sha256 = 'gone'; PRAGMA foreign_keys = ON`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "foreign keys") {
		t.Errorf("damaged store: err = %v", err)
	}
}
