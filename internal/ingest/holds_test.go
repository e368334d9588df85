package ingest

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/store/storetest"
)

// watched is a SQLite store that can claim to hold every record (lie)
// and counts the records Put is given with their facts pending.
type watched struct {
	*sqlite.DB
	lie bool

	mu              sync.Mutex
	pending, facted int
}

func (w *watched) Holds(ctx context.Context, r *store.Record) (bool, error) {
	if w.lie {
		return true, nil
	}
	return w.DB.Holds(ctx, r)
}

func (w *watched) Put(ctx context.Context, recs []store.Record) ([]store.PutResult, error) {
	w.mu.Lock()
	for _, r := range recs {
		if r.FactsPending {
			w.pending++
		} else {
			w.facted++
		}
	}
	w.mu.Unlock()
	return w.DB.Put(ctx, recs)
}

func articles(t *testing.T, st store.Store) map[string]news.Article {
	t.Helper()
	out := map[string]news.Article{}
	if err := st.Scan(context.Background(), 0, func(_ int64, a news.Article) error {
		a.IngestedAt = a.IngestedAt.UTC()
		out[a.ID] = a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUnchangedSkipsFacts: a second run over the same input extracts no
// facts (every record reaches Put with its facts pending) and reports and
// stores what the first run left.
func TestUnchangedSkipsFacts(t *testing.T) {
	ctx := context.Background()
	db, ix := openData(t, t.TempDir())
	defer db.Close()
	defer ix.Close()
	st := &watched{DB: db}
	first, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if st.pending != 0 || st.facted != first.Items {
		t.Fatalf("first run into an empty store: %d records with facts pending, %d with facts; want 0, %d", st.pending, st.facted, first.Items)
	}
	before := articles(t, db)
	st.pending, st.facted = 0, 0
	again, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if again.New+again.Copies+again.Updated != 0 || again.Unchanged != first.Items-first.Failed {
		t.Errorf("second run: %s, want all %d unchanged", again, first.Items-first.Failed)
	}
	if st.facted != 0 || st.pending != again.Unchanged {
		t.Errorf("second run: %d records with facts extracted, %d pending; want 0, %d", st.facted, st.pending, again.Unchanged)
	}
	if d := cmp.Diff(before, articles(t, db)); d != "" {
		t.Errorf("the store changed on the second run (-before +after):\n%s", d)
	}
}

// TestFactsPendingRetried: when the store no longer holds what Holds said
// it did (here: Holds lies about an empty store), Put refuses the records
// whose facts are pending, and the batch goes again with their facts:
// the store ends as a plain run leaves it.
func TestFactsPendingRetried(t *testing.T) {
	ctx := context.Background()
	// Run asks a store only when it holds something: both stores start
	// with one article of their own.
	seed := func(db *sqlite.DB) {
		if _, err := db.Put(ctx, []store.Record{storetest.Record(999, "https://seed.example/1")}); err != nil {
			t.Fatal(err)
		}
	}
	plainDB, plainIx := openData(t, t.TempDir())
	defer plainDB.Close()
	defer plainIx.Close()
	seed(plainDB)
	want, err := Run(ctx, plainDB, plainIx, source.Options{}.FS(corpus.FS(), "."), Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	db, ix := openData(t, t.TempDir())
	defer db.Close()
	defer ix.Close()
	seed(db)
	st := &watched{DB: db, lie: true}
	got, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if st.pending == 0 {
		t.Fatal("no record reached Put with its facts pending")
	}
	if got.New != want.New || got.Copies != want.Copies || got.Unchanged != want.Unchanged {
		t.Errorf("run with Holds lying: %s, want %s", got, want)
	}
	wantArts, gotArts := articles(t, plainDB), articles(t, db)
	entities := 0
	for id, a := range gotArts {
		entities += len(a.Facts.Entities)
		w := wantArts[id]
		if d := cmp.Diff(w.Facts, a.Facts); d != "" {
			t.Errorf("article %s: facts differ from a plain run (-plain +retried):\n%s", id, d)
		}
	}
	if len(gotArts) != len(wantArts) || entities == 0 {
		t.Errorf("%d articles (%d entities), want %d with entities", len(gotArts), entities, len(wantArts))
	}
	if n, _ := ix.Count(); int(n) != len(wantArts) {
		t.Errorf("index holds %d, want %d", n, len(wantArts))
	}
}
