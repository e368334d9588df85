package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// TestPostgresStoreSharedByDirectories: with Options.DB the store lives in
// PostgreSQL, not the directory. One directory ingests the sample corpus;
// another, empty, opened on the same database builds its index from the
// store and finds what the first finds, which is what the embedded store
// finds for the same corpus.
func TestPostgresStoreSharedByDirectories(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	open := func(dir string) *Data {
		t.Helper()
		l, err := Lock(dir, "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Release() })
		d, err := Open(ctx, dir, Options{DB: url})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	search := func(d *Data) (uint64, []string) {
		t.Helper()
		res, err := d.Search(ctx, index.Request{Query: "امريكا ايران", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return res.Total, ids
	}

	embedded := openDemo(t)
	wantTotal, wantIDs := search(embedded)
	wantStats, err := embedded.Store.Stats(ctx)
	if err != nil || wantTotal == 0 {
		t.Fatalf("embedded: %d hits, %v", wantTotal, err)
	}

	dirA, dirB := t.TempDir(), t.TempDir()
	a := open(dirA)
	if sum, err := a.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil || sum.New == 0 {
		t.Fatalf("ingest into PostgreSQL: %v (%s)", err, sum)
	}
	if sum, err := a.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil || sum.New != 0 || sum.Updated != 0 {
		t.Fatalf("ingest again: %v (%s), want nothing new", err, sum)
	}
	b := open(dirB)
	for name, d := range map[string]*Data{"the ingesting directory": a, "another directory": b} {
		total, ids := search(d)
		if total != wantTotal || len(ids) != len(wantIDs) {
			t.Errorf("%s: %d hits %v, the embedded store %d %v", name, total, ids, wantTotal, wantIDs)
		}
		st, err := d.Store.Stats(ctx)
		if err != nil || st.Articles != wantStats.Articles || st.Copies != wantStats.Copies || st.RawItems != wantStats.RawItems {
			t.Errorf("%s: stats %d articles (%d copies), %d raw (%v); embedded %d (%d), %d", name,
				st.Articles, st.Copies, st.RawItems, err, wantStats.Articles, wantStats.Copies, wantStats.RawItems)
		}
	}
	for _, dir := range []string{dirA, dirB} {
		if _, err := os.Stat(filepath.Join(dir, StoreFile)); !os.IsNotExist(err) {
			t.Errorf("%s holds a %s (%v): the store is PostgreSQL's", dir, StoreFile, err)
		}
	}
}
