package statedoc

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestFiles(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "made-by-the-first-write")
	f := NewFiles(dir, "secret.json")
	if _, err := f.Load(ctx, "a"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
	if _, err := f.Head(ctx, "a", 4); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Head of a missing file: %v", err)
	}
	if err := f.Update(ctx, "a", func(old []byte) ([]byte, error) { return nil, ErrKeep }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ErrKeep made the directory: %v", err)
	}
	for _, name := range []string{"secret.json", "open.json"} {
		if err := f.Put(ctx, name, []byte("hello world")); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]fs.FileMode{"secret.json": 0o600, "open.json": 0o644} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm()&^want != 0 {
			t.Errorf("%s: %v %v, want at most %v", name, fi.Mode(), err, want)
		}
	}
	if h, err := f.Head(ctx, "open.json", 5); err != nil || string(h) != "hello" {
		t.Errorf("Head: %q %v", h, err)
	}
	if h, err := f.Head(ctx, "open.json", 500); err != nil || string(h) != "hello world" {
		t.Errorf("Head past the end: %q %v", h, err)
	}
	if f.Where("x") != filepath.Join(dir, "x") {
		t.Errorf("Where: %s", f.Where("x"))
	}
}

// TestFilesUpdatesOfOneProcessLoseNothing: Updates of one file through
// two Files values of one process are serialised.
func TestFilesUpdatesOfOneProcessLoseNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fs := []*Files{NewFiles(dir), NewFiles(dir + "/.")}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if err := fs[w%2].Update(ctx, "doc", func(old []byte) ([]byte, error) {
					return fmt.Appendf(old, "%d-%d\n", w, i), nil
				}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	b, err := fs[0].Load(ctx, "doc")
	if n := strings.Count(string(b), "\n"); err != nil || n != 160 {
		t.Errorf("%d lines (%v), want 160", n, err)
	}
}
