package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/taqrir/taqrir/internal/statedoc"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// TestDocsConcurrentUpdatesLoseNothing: two processes' worth of
// connection pools (two Opens of one database) update one document from
// eight goroutines each, every update adding a line to what it read. Under
// the row lock none is lost, the first creating the row included.
func TestDocsConcurrentUpdatesLoseNothing(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	var pools []*Docs
	for range 2 {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		pools = append(pools, db.Docs())
	}
	const perWorker = 10
	var wg sync.WaitGroup
	errs := make(chan error, 16*perWorker)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := pools[w%2]
			for i := range perWorker {
				err := d.Update(ctx, "doc", func(old []byte) ([]byte, error) {
					return fmt.Appendf(old, "w%d-%d\n", w, i), nil
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := pools[0].Load(ctx, "doc")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		seen[l] = true
	}
	if len(lines) != 16*perWorker || len(seen) != 16*perWorker {
		t.Errorf("%d lines (%d distinct), want %d: updates lost or doubled", len(lines), len(seen), 16*perWorker)
	}
}

func TestDocsLoadHeadPutKeep(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	d := db.Docs()
	if _, err := d.Load(ctx, "none"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing document: %v, want fs.ErrNotExist", err)
	}
	if _, err := d.Head(ctx, "none", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Head of a missing document: %v, want fs.ErrNotExist", err)
	}
	// ErrKeep on a missing document creates nothing; an error writes nothing.
	if err := d.Update(ctx, "none", func(old []byte) ([]byte, error) { return nil, statedoc.ErrKeep }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := d.Update(ctx, "none", func(old []byte) ([]byte, error) { return []byte("x"), boom }); !errors.Is(err, boom) {
		t.Errorf("Update: %v, want fn's error", err)
	}
	if names, err := d.Names(ctx); err != nil || len(names) != 0 {
		t.Errorf("documents after ErrKeep and an error: %v %v, want none", names, err)
	}
	big := bytes.Repeat([]byte("0123456789"), 300_000) // 3 MB: stored out of line (TOAST)
	big = append([]byte("header line\n"), big...)
	if err := d.Put(ctx, "big", big); err != nil {
		t.Fatal(err)
	}
	if h, err := d.Head(ctx, "big", 12); err != nil || string(h) != "header line\n" {
		t.Errorf("Head: %q %v", h, err)
	}
	if got, err := d.Load(ctx, "big"); err != nil || !bytes.Equal(got, big) {
		t.Errorf("Load: %d bytes %v, want %d", len(got), err, len(big))
	}
	if err := d.Put(ctx, "empty", nil); err != nil {
		t.Fatal(err)
	}
	if got, err := d.Load(ctx, "empty"); err != nil || got == nil || len(got) != 0 {
		t.Errorf("an empty document: %v %v, want empty, not missing", got, err)
	}
	if err := d.Update(ctx, "big", func(old []byte) ([]byte, error) {
		if !bytes.Equal(old, big) {
			t.Errorf("Update saw %d bytes, want %d", len(old), len(big))
		}
		return nil, statedoc.ErrKeep
	}); err != nil {
		t.Fatal(err)
	}
	if names, err := d.Names(ctx); err != nil || strings.Join(names, ",") != "big,empty" {
		t.Errorf("Names: %v %v", names, err)
	}
}

// BenchmarkDocsStories: a stories-sized document (32 MB, the stories of
// 10k articles) written whole (Put), read whole (Load) and its header read
// (Head), as a catch-up, a listing and the behind-check do.
func BenchmarkDocsStories(b *testing.B) {
	db := open(b)
	ctx := context.Background()
	d := db.Docs()
	body := make([]byte, 32<<20)
	for i := range body {
		body[i] = byte(i*7 + i>>13) // compressible about as much as a gob
	}
	if f := os.Getenv("PGSTATE_DOC"); f != "" {
		body, _ = os.ReadFile(f)
	}
	b.Run("Put", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if err := d.Put(ctx, "stories.gob", body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Load", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := d.Load(ctx, "stories.gob"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Head", func(b *testing.B) {
		for b.Loop() {
			if _, err := d.Head(ctx, "stories.gob", 256); err != nil {
				b.Fatal(err)
			}
		}
	})
}
