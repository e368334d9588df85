package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns stdout, stderr and
// the exit code.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestStoriesCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping the demo ingest")
	}
	data := t.TempDir()
	if _, errOut, code := runCLI(t, "--data", data, "demo"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	type listing struct {
		Stories []struct {
			ID       string `json:"id"`
			Title    string `json:"title"`
			Size     int    `json:"size"`
			First    string `json:"first"`
			Last     string `json:"last"`
			Entities []any  `json:"entities"`
			Articles []struct {
				ID        string `json:"id"`
				Source    string `json:"source"`
				Published string `json:"published"`
			} `json:"articles"`
		} `json:"stories"`
	}
	for _, tc := range []struct {
		name                 string
		args                 []string
		minStories, maxStory int
		articles             int
		source, after        string // every article from this source / published on or after
	}{
		{"all", nil, 9, 11, 54, "", ""},
		{"one source", []string{"--source", "صدى الخليج"}, 5, 11, 9, "صدى الخليج", ""},
		{"since", []string{"--since", "2025-04-25"}, 1, 1, 6, "", "2025-04-25"},
		{"nothing", []string{"--since", "2031"}, 0, 0, 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append([]string{"--data", data, "--json", "stories"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var l listing
			if err := json.Unmarshal([]byte(out), &l); err != nil || l.Stories == nil {
				t.Fatalf("JSON: %v (stories nil: %v)\n%s", err, l.Stories == nil, out)
			}
			if n := len(l.Stories); n < tc.minStories || n > tc.maxStory {
				t.Errorf("%d stories, want %d..%d", n, tc.minStories, tc.maxStory)
			}
			n := 0
			for _, s := range l.Stories {
				n += s.Size
				if s.ID == "" || s.Title == "" || s.Size != len(s.Articles) || s.Entities == nil {
					t.Errorf("story %+v", s)
				}
				for _, a := range s.Articles {
					if tc.source != "" && a.Source != tc.source {
						t.Errorf("article %s from %q, want only %q", a.ID, a.Source, tc.source)
					}
					if tc.after != "" && a.Published < tc.after {
						t.Errorf("article %s published %s, before --since %s", a.ID, a.Published, tc.after)
					}
				}
			}
			if n != tc.articles {
				t.Errorf("stories hold %d articles, want %d", n, tc.articles)
			}
		})
	}
	// --limit keeps the most recently active stories, in the same order.
	all, _, _ := runCLI(t, "--data", data, "--json", "stories")
	two, _, code := runCLI(t, "--data", data, "--json", "stories", "--limit", "2")
	var la, l2 listing
	if code != 0 || json.Unmarshal([]byte(all), &la) != nil || json.Unmarshal([]byte(two), &l2) != nil || len(l2.Stories) != 2 ||
		l2.Stories[0].ID != la.Stories[0].ID || l2.Stories[1].ID != la.Stories[1].ID {
		t.Errorf("--limit 2: exit %d, got %d stories, want the first two of %d", code, len(l2.Stories), len(la.Stories))
	}
	out, _, code := runCLI(t, "--data", data, "stories", "--until", "2025-03-12")
	if code != 0 || !strings.Contains(out, "1 stories from 2 articles") || !strings.Contains(out, "2025-03-11 – 2025-03-12") {
		t.Errorf("text listing: exit %d\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "--data", data, "stories", "--limit", "-1"); code == 0 || !strings.Contains(errOut, "--limit -1") {
		t.Errorf("bad --limit: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "--data", data, "stories", "--since", "March"); code == 0 || !strings.Contains(errOut, `--since "March"`) {
		t.Errorf("bad --since: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "--data", t.TempDir()+"/none", "stories"); code == 0 || !strings.Contains(errOut, "no taqrir data") {
		t.Errorf("missing data dir: exit %d: %s", code, errOut)
	}
}
