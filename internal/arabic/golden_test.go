package arabic

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

func newsText(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAnalyzeGolden pins the full analysis of our news paragraphs, one
// token a line, so any change to the stemmer or lexicon shows up as a diff
// to review.
func TestAnalyzeGolden(t *testing.T) {
	paras := strings.Split(newsText(t), "\n\n")
	cases := map[string]string{
		"politics": paras[0] + "\n\n" + paras[1],
		"quotes":   paras[2] + "\n\n" + paras[3],
		"economy":  paras[6],
		"names":    paras[7] + "\n\n" + paras[8],
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			for _, tk := range Analyze(text) {
				stop := ""
				if tk.Stop {
					stop = "\tstop"
				}
				fmt.Fprintf(&b, "%d\t%d\t%s\t%s\t%s\t%s\t%s%s\n", tk.Start, tk.End, tk.Kind, tk.Text, tk.Norm, tk.Stem, tk.Key, stop)
			}
			got := b.String()
			path := filepath.Join("testdata", "Analyze", name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Analyze(%s) differs from %s (-want +got):\n%s", name, path, diff)
			}
		})
	}
}

func TestSentencesGolden(t *testing.T) {
	var b strings.Builder
	for _, s := range Sentences(newsText(t)) {
		fmt.Fprintf(&b, "%d\t%d\t%s\n", s.Start, s.End, s.Text)
	}
	got := b.String()
	path := filepath.Join("testdata", "Sentences", "news.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("Sentences differs from %s (-want +got):\n%s", path, diff)
	}
}
