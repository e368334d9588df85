package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// TestCopiesAreArticles: the same text from three outlets is three
// articles (the later two linked to the first), each indexed under its own
// source, each counted by Stats; the same text again from the first
// outlet, under another URL, is unchanged; ingesting everything again and
// reprocessing change nothing.
func TestCopiesAreArticles(t *testing.T) {
	ctx := context.Background()
	dir, in := t.TempDir(), t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	defer ix.Close()
	const text = "\n\nانطلاق جولة جديدة من محادثات الدوحة\nانطلقت في الدوحة اليوم جولة جديدة من المحادثات بين الوفدين بحضور الوسطاء.\n"
	files := []struct{ name, header string }{
		{"1-sada.txt", "url: https://sada.example/news/1\nsource: صدى الخليج\npublished: 2025-03-14"},
		{"2-waha.txt", "url: https://waha.example/n/9\nsource: الواحة نيوز\npublished: 2025-03-14"},
		{"3-madar.txt", "source: المدار الإخباري\npublished: 2025-03-15"},
		{"4-sada-amp.txt", "url: https://sada.example/amp/news/1\nsource: صدى الخليج\npublished: 2025-03-14"},
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(in, f.name)
		if err := os.WriteFile(p, []byte(f.header+text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var stored []store.PutResult
	opt := Options{Workers: 1, Stored: func(_ string, r store.PutResult) { stored = append(stored, r) }}
	var sum Summary
	var err error
	// One item a run, so "first" is the order of the files.
	for _, p := range paths {
		s, err := Run(ctx, st, ix, source.Options{}.Paths(p), opt)
		if err != nil {
			t.Fatal(err)
		}
		sum.New, sum.Copies, sum.Unchanged = sum.New+s.New, sum.Copies+s.Copies, sum.Unchanged+s.Unchanged
	}
	if sum.New != 1 || sum.Copies != 2 || sum.Unchanged != 1 {
		t.Fatalf("summary %s, want 1 new, 2 copies, 1 unchanged", sum)
	}
	orig := stored[0].ID
	wantOutcomes := []store.Outcome{store.New, store.Copy, store.Copy, store.Unchanged}
	for i, r := range stored {
		if r.Outcome != wantOutcomes[i] {
			t.Errorf("%s: %s, want %s", files[i].name, r.Outcome, wantOutcomes[i])
		}
		if (i == 1 || i == 2) && r.CopyOf != orig {
			t.Errorf("%s: copy of %q, want %s", files[i].name, r.CopyOf, orig)
		}
	}
	if stored[3].ID != orig {
		t.Errorf("the same outlet's text under another URL = %s, want the first id %s", stored[3].ID, orig)
	}
	if want := news.ComputeID("https://waha.example/n/9", "", ""); stored[1].ID != want {
		t.Errorf("copy with a URL: id %s, want its URL's %s", stored[1].ID, want)
	}

	// Each outlet's copy is found under its own source.
	for i, source := range []string{"صدى الخليج", "الواحة نيوز", "المدار الإخباري"} {
		res, err := ix.Search(ctx, index.Request{Query: "محادثات الدوحة", Source: source, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].ID != stored[i].ID {
			t.Errorf("search --source %s: %+v, want %s", source, res.Hits, stored[i].ID)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, g := range stats.Groups {
		sources = append(sources, g.Source)
	}
	slices.Sort(sources)
	if diff := cmp.Diff([]string{"المدار الإخباري", "الواحة نيوز", "صدى الخليج"}, sources); stats.Articles != 3 || diff != "" {
		t.Errorf("stats: %d articles; sources (-want +got):\n%s", stats.Articles, diff)
	}

	// Again: nothing new, nothing re-indexed.
	top, _ := st.MaxSeq(ctx)
	again, err := Run(ctx, st, ix, source.Options{}.Paths(paths...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.New != 0 || again.Copies != 0 || again.Unchanged != 4 {
		t.Errorf("second run: %s, want 4 unchanged", again)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("index holds %d, want 3", n)
	}
	if seq, _ := ix.Seq(); seq != top {
		t.Errorf("index seq %d, want the store's %d", seq, top)
	}
	// Reprocess keeps the links and changes nothing on the same pipeline.
	rs, err := Reprocess(ctx, st, ix)
	if err != nil || rs.Changed != 0 || rs.Articles != 3 {
		t.Errorf("reprocess = %+v, %v; want 3 articles, 0 changed", rs, err)
	}
	for _, r := range stored[1:3] {
		a, err := st.Article(ctx, r.ID)
		if err != nil || a.CopyOf != orig {
			t.Errorf("after reprocess %s: copy_of %q, %v; want %s", r.ID, a.CopyOf, err, orig)
		}
	}
}

func TestSummaryString(t *testing.T) {
	tests := []struct {
		sum  Summary
		want string
	}{
		{Summary{New: 3, Copies: 2, Unchanged: 1, Failed: 0}, "3 new, 2 copies, 1 unchanged, 0 failed"},
		{Summary{New: 0, Copies: 1, Unchanged: 5, Failed: 2}, "0 new, 1 copy, 5 unchanged, 2 failed"},
		{Summary{New: 1, Updated: 4}, "1 new, 0 copies, 0 unchanged, 0 failed, 4 updated"},
	}
	for _, tt := range tests {
		if got := tt.sum.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.sum, got, tt.want)
		}
	}
}

// TestCopiesFollowInputOrder: of items with one text from several sources
// stored in one batch, the first in the input is the original, however
// the workers finish.
func TestCopiesFollowInputOrder(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	const text = "\n\nسيول في المرج\nارتفعت حصيلة السيول في المرج إلى 40 قتيلا بعد انهيار السد.\n"
	sources := []string{"صدى الخليج", "الواحة نيوز", "المدار الإخباري", "النهار الجديد", "وكالة الأنباء", "الشروق اليوم"}
	// A long text keeps the workers busy long enough to finish out of
	// order.
	pad := strings.Repeat("وأضاف المصدر أن فرق الإنقاذ ما زالت تبحث عن المفقودين. ", 200)
	var paths []string
	for i, source := range sources {
		p := filepath.Join(in, fmt.Sprintf("%d.txt", i))
		if err := os.WriteFile(p, []byte("source: "+source+text+pad+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	for round := range 3 {
		st, ix := openData(t, t.TempDir())
		var origins []string
		var outcomes []store.Outcome
		_, err := Run(ctx, st, ix, source.Options{}.Paths(paths...), Options{Workers: 4, FlushEvery: time.Hour,
			Stored: func(origin string, r store.PutResult) {
				origins = append(origins, origin)
				outcomes = append(outcomes, r.Outcome)
			}})
		st.Close()
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Outcome{store.New}
		for range paths[1:] {
			want = append(want, store.Copy)
		}
		if diff := cmp.Diff(paths, origins); diff != "" {
			t.Errorf("round %d: stored order (-want +got):\n%s", round, diff)
		}
		if diff := cmp.Diff(want, outcomes); diff != "" {
			t.Errorf("round %d: outcomes (-want +got):\n%s", round, diff)
		}
	}
}
