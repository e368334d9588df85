package app

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/story"
)

// TestStoriesListedWithoutTheState: stories up to date with the store are
// listed from their saved listing, and the state is not read (a damaged
// state stays as it was: nothing rebuilt it); a listing already read is
// used again while the store does not change; when the store changes, the
// state is caught up (here rebuilt) and the new article listed.
func TestStoriesListedWithoutTheState(t *testing.T) {
	d := openDemo(t)
	ctx := context.Background()
	want, wantN, err := d.Stories(ctx, StoryFilter{})
	if err != nil || len(want) == 0 {
		t.Fatalf("stories: %v, %d", err, len(want))
	}
	statePath, listPath := d.state.Where(StoriesFile), d.state.Where(StoriesListFile)
	if _, err := os.Stat(listPath); err != nil {
		t.Fatalf("the ingest saved no listing: %v", err)
	}
	damaged := []byte("not a state")
	if err := os.WriteFile(statePath, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, fresh := range []bool{true, false} {
		if fresh {
			d.remember(nil, 0) // as a new process finds it: only the saved listing
		} else if err := os.Remove(listPath); err != nil { // the one read is kept
			t.Fatal(err)
		}
		got, n, err := d.Stories(ctx, StoryFilter{})
		if err != nil || n != wantN {
			t.Fatalf("fresh %v: %d articles, %v; want %d", fresh, n, err, wantN)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("fresh %v: stories (-from the state +from the listing):\n%s", fresh, diff)
		}
		if s, err := d.Story(ctx, want[0].Articles[0].ID); err != nil || s.ID != want[0].ID {
			t.Errorf("fresh %v: the story of an article: %v, %q want %q", fresh, err, s.ID, want[0].ID)
		}
		if b, _ := os.ReadFile(statePath); string(b) != string(damaged) {
			t.Fatalf("fresh %v: the state was read and rebuilt to list the stories", fresh)
		}
	}
	items, err := Posted{Format: source.FormatText, Data: []byte("source: اختبار\nعنوان جديد عن سد وادي الخير\nنص قصير عن سد وادي الخير وما جرى بعد الفيضان.\n")}.Items()
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := d.Ingest(ctx, items, ingest.Options{}); err != nil || sum.New != 1 {
		t.Fatalf("ingest one more: %v, %v", sum, err)
	}
	got, n, err := d.Stories(ctx, StoryFilter{})
	if err != nil || n != wantN+1 {
		t.Fatalf("after one more article: %d articles, %v; want %d", n, err, wantN+1)
	}
	if _, _, err := story.Decode(statePath, mustRead(t, statePath), story.DefaultOptions()); err != nil {
		t.Errorf("the state was not rebuilt when the store changed: %v", err)
	}
	if len(got) < len(want) {
		t.Errorf("%d stories after one more article, %d before", len(got), len(want))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
