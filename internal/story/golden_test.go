package story

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSampleGolden keeps the stories of the sample corpus (terms only, as
// before the facts stage runs) in testdata/sample_stories.golden, one
// block per story with its articles' dates, outlets and urls, so a change
// of clustering shows in review. Rewrite with -update.
func TestSampleGolden(t *testing.T) {
	arts, truth := sampleArticles(t)
	url := map[string]string{}
	for _, a := range arts {
		url[a.ID] = a.URL
	}
	stories, err := Cluster(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range stories {
		first, last := "undated", "undated"
		if !s.First.IsZero() {
			first, last = s.First.Format("2006-01-02"), s.Last.Format("2006-01-02")
		}
		fmt.Fprintf(&b, "%s (%d) %s – %s %s\n", s.Title, s.Size, first, last, truth[s.ID])
		for _, r := range s.Articles {
			d := "undated   "
			if !r.Published.IsZero() {
				d = r.Published.Format("2006-01-02")
			}
			fmt.Fprintf(&b, "  %s %s %s\n", d, r.Source, url[r.ID])
		}
	}
	path := filepath.Join("testdata", "sample_stories.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), b.String()); d != "" {
		t.Errorf("stories of the sample (-%s +got), rewrite with -update if intended:\n%s", path, d)
	}
}
