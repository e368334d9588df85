package sqlite_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
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

// TestIntegrityCheckCopyOf: a copy must name a stored original.
func TestIntegrityCheckCopyOf(t *testing.T) {
	ctx := context.Background()
	orig := storetest.Record(1, "")
	cp := storetest.Copy(orig, "الواحة نيوز", "")
	third := storetest.Copy(orig, "المدار الإخباري", "")
	for _, tc := range []struct {
		name, damage string
		bad          bool
	}{
		{"as stored", "", false},
		{"original gone", `DELETE FROM articles WHERE copy_of = ''`, true},
		{"names an unknown id", `UPDATE articles SET copy_of = 'ffffffffffffffff' WHERE copy_of <> ''`, true},
		{"names a copy", `UPDATE articles SET copy_of = (SELECT max(id) FROM articles WHERE copy_of <> '') WHERE id = (SELECT min(id) FROM articles WHERE copy_of <> '')`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "taqrir.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Put(ctx, []store.Record{orig, cp, third}); err != nil {
				t.Fatal(err)
			}
			if tc.damage != "" {
				if err := s.Exec(ctx, tc.damage); err != nil {
					t.Fatal(err)
				}
			}
			err = s.IntegrityCheck(ctx)
			if bad := err != nil && strings.Contains(err.Error(), "name no stored original"); bad != tc.bad {
				t.Errorf("IntegrityCheck = %v, want damage reported: %v", err, tc.bad)
			}
		})
	}
}

// TestCreateIsWhole: a new store is built beside its path and renamed into
// place with its schema, so a leftover of an interrupted creation is cleared
// and readers never meet a file without tables; a schema-less file an older
// taqrir left is refused by a read-only open with the remedy, and completed
// by a writable one.
func TestCreateIsWhole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "taqrir.db")
	if err := os.WriteFile(path+".part", []byte("half a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path + ".part"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover of an interrupted creation is still there: %v", err)
	}
	r, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only open of a new store: %v", err)
	}
	if n, err := r.MaxSeq(ctx); err != nil || n != 0 {
		t.Errorf("a new store: max seq %d, %v", n, err)
	}
	r.Close()

	bare := filepath.Join(dir, "bare.db")
	if err := os.WriteFile(bare, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.OpenReadOnly(ctx, bare); err == nil || !strings.Contains(err.Error(), "run an ingest") {
		t.Errorf("read-only open of a file without tables: %v, want the remedy named", err)
	}
	s, err = sqlite.Open(ctx, bare)
	if err != nil {
		t.Fatalf("writable open of a file without tables: %v", err)
	}
	s.Close()
	if r, err = sqlite.OpenReadOnly(ctx, bare); err != nil {
		t.Errorf("read-only open after the writable one completed it: %v", err)
	} else {
		r.Close()
	}
}
