package fetch

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// TestValidatorsSavesMerge: two holders of one document (two processes
// sharing a database, here two opens of one file) each save their own
// changes without undoing the other's, and Reload brings in what the
// other saved while keeping unsaved changes.
func TestValidatorsSavesMerge(t *testing.T) {
	ctx := context.Background()
	st := statedoc.NewFiles(t.TempDir())
	a, err := LoadValidators(ctx, st, ValidatorsFile)
	if err != nil {
		t.Fatal(err)
	}
	a.Put("https://x.example/old", Validator{ETag: `"old"`})
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	b, err := LoadValidators(ctx, st, ValidatorsFile)
	if err != nil {
		t.Fatal(err)
	}
	a.Put("https://x.example/a", Validator{ETag: `"a"`})
	b.Put("https://x.example/b", Validator{ETag: `"b"`})
	b.Forget("https://x.example/old")
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	b.Put("https://x.example/unsaved", Validator{ETag: `"u"`})
	if err := b.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Get("https://x.example/a"); !ok {
		t.Error("Reload did not bring in what the other saved")
	}
	if _, ok := b.Get("https://x.example/unsaved"); !ok {
		t.Error("Reload lost an unsaved change")
	}
	if _, ok := b.Get("https://x.example/old"); ok {
		t.Error("Reload brought back what this holder forgot")
	}
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	c, err := OpenValidators(filepath.Join(st.Dir(), ValidatorsFile))
	if err != nil {
		t.Fatal(err)
	}
	for url, want := range map[string]bool{"https://x.example/a": true, "https://x.example/b": true, "https://x.example/unsaved": true, "https://x.example/old": false} {
		if _, ok := c.Get(url); ok != want {
			t.Errorf("%s saved: %v, want %v", url, ok, want)
		}
	}
}
