package feed

import (
	"context"
	"testing"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// TestSeenSavesMerge: two holders of one document each save the entries
// they took without undoing the other's, and an entry one forgets (its
// item failed) is taken again by neither's save.
func TestSeenSavesMerge(t *testing.T) {
	ctx := context.Background()
	st := statedoc.NewFiles(t.TempDir())
	a, err := LoadSeen(ctx, st, SeenFile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadSeen(ctx, st, SeenFile)
	if err != nil {
		t.Fatal(err)
	}
	const f = "https://x.example/rss"
	a.Add(f, "e1", "o1")
	a.Add(f, "e2", "o2")
	b.Add(f, "e3", "o3")
	a.ForgetOrigin("o2")
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	if err := a.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := LoadSeen(ctx, st, SeenFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Seen{a, b, c} {
		for key, want := range map[string]bool{"e1": true, "e2": false, "e3": true} {
			if s.Has(f, key) != want {
				t.Errorf("%s seen: %v, want %v", key, !want, want)
			}
		}
	}
}
