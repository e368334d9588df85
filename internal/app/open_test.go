package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/storetest"
)

// indexFiles returns every file of the index directory with its bytes.
func indexFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestReaderOpenWritesNothingWhenInStep: a command that only reads (search,
// report, stats) opens an index in step with the store read-only, so the
// index directory is byte for byte what it was (bleve opened writable
// rewrites root.bolt at every open); when the store is ahead, the reader
// still brings the index up to date first and finds the new article.
func TestReaderOpenWritesNothingWhenInStep(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	d, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := d.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil || sum.New == 0 {
		t.Fatalf("ingest the sample corpus: %v (%s)", err, sum)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	before := indexFiles(t, filepath.Join(dir, IndexDir))

	d, err = Open(ctx, dir, Options{Reader: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Search(ctx, index.Request{Query: "امريكا", Limit: 5})
	if err != nil || res.Total == 0 {
		t.Fatalf("search of a reader: %v, %d hits", err, res.Total)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	after := indexFiles(t, filepath.Join(dir, IndexDir))
	for path, b := range before {
		if a, ok := after[path]; !ok || a != b {
			t.Errorf("a reader of an index in step with the store changed or removed %s", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("a reader of an index in step with the store wrote %s", path)
		}
	}

	// The store gets an article the index lacks (an ingest killed between
	// the two, as TestKillDuringIngest does).
	d, err = Open(ctx, dir, Options{NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := storetest.Record(1, "https://a.example/reader-sync")
	put, err := d.Store.Put(ctx, []store.Record{rec})
	if err != nil || len(put) != 1 || put[0].Outcome != store.New {
		t.Fatalf("put: %v %v", put, err)
	}
	d.Close()
	d, err = Open(ctx, dir, Options{Reader: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.SyncErr != nil {
		t.Fatalf("a reader of a writable directory did not sync: %v", d.SyncErr)
	}
	seq, err := d.Index.Seq()
	if err != nil || seq != put[0].Seq {
		t.Errorf("after a reader's open the index is at seq %d (%v), want the store's %d", seq, err, put[0].Seq)
	}
	res, err = d.Search(ctx, index.Request{Query: rec.Article.Title, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		found = found || h.ID == put[0].ID
	}
	if !found {
		t.Errorf("the article the store had and the index lacked is not found after a reader's open (%d hits for %q)", res.Total, rec.Article.Title)
	}
}

// TestOpenRebuildsDamagedIndex: an index that cannot be opened is rebuilt
// from the store, which is the truth, by writers and readers alike: one
// whose metadata was emptied, and one whose mapping was never persisted
// (what a kill while an older taqrir created it left). Leftovers of an
// interrupted creation (index.bleve.part) are cleared, not mistaken for it.
func TestOpenRebuildsDamagedIndex(t *testing.T) {
	damages := map[string]func(t *testing.T, ixDir string){
		"meta emptied": func(t *testing.T, ixDir string) {
			if err := os.WriteFile(filepath.Join(ixDir, "index_meta.json"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"mapping never persisted": func(t *testing.T, ixDir string) {
			// Without waiting for persistence, a close right after the
			// creation loses the mapping about half the time; try until
			// it does.
			for try := 0; ; try++ {
				if err := os.RemoveAll(ixDir); err != nil {
					t.Fatal(err)
				}
				bi, err := bleve.NewUsing(ixDir, bleve.NewIndexMapping(), bleve.Config.DefaultIndexType,
					bleve.Config.DefaultKVStore, map[string]any{"unsafe_batch": true})
				if err != nil {
					t.Fatal(err)
				}
				bi.Close()
				if bi, err = bleve.OpenUsing(ixDir, nil); err != nil {
					return
				}
				bi.Close()
				if try == 200 {
					t.Skip("could not make bleve lose the mapping of a new index")
				}
			}
		},
	}
	for name, damage := range damages {
		for _, reader := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/reader=%v", name, reader), func(t *testing.T) {
				rebuildsDamaged(t, damage, reader)
			})
		}
	}
}

func rebuildsDamaged(t *testing.T, damage func(t *testing.T, ixDir string), reader bool) {
	ctx := context.Background()
	dir := t.TempDir()
	ixDir := filepath.Join(dir, IndexDir)
	if err := os.MkdirAll(ixDir+".part", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ixDir+".part", "index_meta.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ixDir + ".part"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover of an interrupted creation is still there: %v", err)
	}
	sum, err := d.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{})
	if err != nil || sum.New == 0 {
		t.Fatalf("ingest the sample corpus: %v (%s)", err, sum)
	}
	want, err := d.Search(ctx, index.Request{Query: "امريكا", Limit: 50})
	if err != nil || want.Total == 0 {
		t.Fatalf("search before the damage: %v, %d hits", err, want.Total)
	}
	d.Close()
	damage(t, ixDir)
	var notes strings.Builder
	d, err = Open(ctx, dir, Options{Reader: reader, Notes: &notes})
	if err != nil {
		t.Fatalf("open with a damaged index: %v", err)
	}
	if !strings.Contains(notes.String(), "rebuilding it from the store") {
		t.Errorf("the rebuild was not told: %q", notes.String())
	}
	got, err := d.Search(ctx, index.Request{Query: "امريكا", Limit: 50})
	d.Close()
	if err != nil || got.Total != want.Total {
		t.Errorf("after the rebuild %d hits (%v), want %d", got.Total, err, want.Total)
	}
}
