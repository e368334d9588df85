package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

type storyListing struct {
	Stories []struct {
		ID       string `json:"id"`
		Title    string `json:"title"`
		First    any    `json:"first"`
		Last     any    `json:"last"`
		Entities []any  `json:"entities"`
		Size     int    `json:"size"`
		Articles []struct {
			ID string `json:"id"`
		} `json:"articles"`
	} `json:"stories"`
}

// TestStoriesIncremental ingests the sample in two halves with a
// `taqrir stories` after each: the first listing holds the first half,
// the second adds the rest without re-clustering the first (stderr says
// nothing was rebuilt), and deleting stories.gob rebuilds the same
// listing from the store. Pairwise scores against the sample's stories
// are logged for the halves and for one ingest of the whole sample.
func TestStoriesIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("short: ingests the sample three times")
	}
	files := corpus.ArticleFiles()
	half := len(files) / 2
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, name := range files {
		b, err := fs.ReadFile(corpus.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dirs[min(i/half, 1)], filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	truth := sampleTruth(t)
	data := t.TempDir()
	ingested := 0
	list := func(step string) (storyListing, map[string]string, string) {
		t.Helper()
		out, errOut, code := run(t, "", "--data", data, "--json", "stories")
		var l storyListing
		if code != 0 || json.Unmarshal([]byte(out), &l) != nil {
			t.Fatalf("%s: stories: exit %d: %s\n%s", step, code, errOut, out)
		}
		got := map[string]string{}
		for _, s := range l.Stories {
			if s.ID == "" || s.Title == "" || s.Size != len(s.Articles) || s.Entities == nil {
				t.Errorf("%s: story %+v", step, s)
			}
			for _, a := range s.Articles {
				got[a.ID] = s.ID
			}
		}
		if len(got) != ingested {
			t.Errorf("%s: stories list %d articles, want the %d ingested", step, len(got), ingested)
		}
		return l, got, errOut
	}
	ingest := func(dir, data string) int {
		t.Helper()
		out, errOut, code := run(t, "", "--data", data, "--json", "ingest", dir)
		var sum struct{ New int }
		if code != 0 || json.Unmarshal([]byte(out), &sum) != nil {
			t.Fatalf("ingest %s: exit %d: %s\n%s", dir, code, errOut, out)
		}
		return sum.New
	}

	ingested += ingest(dirs[0], data)
	_, first, _ := list("first half")
	if _, err := os.Stat(filepath.Join(data, "stories.gob")); err != nil {
		t.Fatalf("after ingest: %v", err)
	}
	ingested += ingest(dirs[1], data)
	l2, second, errOut := list("second half")
	if strings.Contains(errOut, "rebuilt") {
		t.Errorf("second listing rebuilt the stories: %s", errOut)
	}
	added := 0
	for id := range second {
		if _, ok := first[id]; !ok {
			added++
		}
	}
	if added != ingested-len(first) || ingested != len(truth) {
		t.Errorf("second listing adds %d articles to the first's %d, want %d (of %d in the sample)", added, len(first), ingested-len(first), len(truth))
	}
	ps := eval.Pairwise(second, truth)
	p, r, f1 := ps.Precision, ps.Recall, ps.F1
	t.Logf("two halves: %d stories, pairwise precision %.3f recall %.3f F1 %.3f", len(l2.Stories), p, r, f1)
	if p < 0.95 || r < 0.85 {
		t.Errorf("two halves: precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.85", p, r)
	}

	// Stories up to date are listed from their listing: a damaged state
	// is not read, so not rebuilt. With the listing damaged too, the state
	// is rebuilt, and said; missing (a first run, or a user who deleted
	// them) they are rebuilt quietly. Every way the listing is the same.
	state, listing := filepath.Join(data, "stories.gob"), filepath.Join(data, "stories-list.gob")
	if err := os.WriteFile(state, []byte("taqrir-stories-1 damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	l3, _, errOut := list("from the listing")
	if errOut != "" {
		t.Errorf("listing from an up-to-date listing said %q", errOut)
	}
	if d := cmp.Diff(l2, l3); d != "" {
		t.Errorf("listing (-caught up +from the listing beside a damaged state):\n%s", d)
	}
	if err := os.WriteFile(listing, []byte("taqrir-stories-list-1 damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	l3, _, errOut = list("rebuilt")
	if !strings.Contains(errOut, "stories rebuilt from the store") {
		t.Errorf("rebuild of a damaged state not said on stderr: %q", errOut)
	}
	if d := cmp.Diff(l2, l3); d != "" {
		t.Errorf("listing (-caught up +rebuilt):\n%s", d)
	}
	for _, p := range []string{state, listing} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	l4, _, errOut := list("rebuilt")
	if strings.Contains(errOut, "rebuilt") {
		t.Errorf("a missing state is not news: %q", errOut)
	}
	if d := cmp.Diff(l2, l4); d != "" {
		t.Errorf("listing (-caught up +rebuilt from nothing):\n%s", d)
	}

	// One go: a fresh data directory, both halves in one ingest.
	whole := t.TempDir()
	for _, d := range dirs {
		if err := os.CopyFS(whole, os.DirFS(d)); err != nil {
			t.Fatal(err)
		}
	}
	data = t.TempDir()
	if n := ingest(whole, data); n != ingested {
		t.Fatalf("one go: %d articles, want %d", n, ingested)
	}
	l4, all, _ := list("one go")
	ps = eval.Pairwise(all, truth)
	p, r, f1 = ps.Precision, ps.Recall, ps.F1
	t.Logf("one go: %d stories, pairwise precision %.3f recall %.3f F1 %.3f", len(l4.Stories), p, r, f1)
	if p < 0.95 || r < 0.85 {
		t.Errorf("one go: precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.85", p, r)
	}
}

// sampleTruth maps each sample article's id to its story in corpus.Stories.
func sampleTruth(t *testing.T) map[string]string {
	t.Helper()
	stories, err := corpus.Stories()
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]string{}
	for _, s := range stories {
		for _, u := range s.URLs {
			byURL[news.CanonicalizeURL(u)] = s.ID
		}
	}
	truth := map[string]string{}
	err = source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			return err
		}
		truth[res.Article.ID] = byURL[news.CanonicalizeURL(res.Article.URL)]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return truth
}
