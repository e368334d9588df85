package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping the demo ingest")
	}
	data := demoData(t)
	t.Run("json has the schema keys and finds the dam contradiction", func(t *testing.T) {
		out, errOut, code := runCLI(t, "--data", data, "--json", "report", "ليبيا")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var rep map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		for _, k := range []string{"query", "generated_at", "articles", "summary", "timeline", "actors", "figures", "claims", "contradictions", "contradictions_hidden", "coverage"} {
			if _, ok := rep[k]; !ok {
				t.Errorf("no key %q", k)
			}
		}
		if len(rep) != 11 {
			t.Errorf("%d top-level keys, want 11", len(rep))
		}
		if !strings.Contains(string(rep["contradictions"]), "2020-12") {
			t.Errorf("the dam built in January and December 2020 is not a contradiction: %s", rep["contradictions"])
		}
	})
	t.Run("html to a file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "r.html")
		_, errOut, code := runCLI(t, "--data", data, "report", "--format", "html", "--out", path, "--source", "صدى الخليج", "--since", "2025-04", "أوبك")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		page, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), `dir="rtl"`) || !strings.Contains(errOut, path) {
			t.Errorf("page or message wrong: stderr %q", errOut)
		}
	})
	t.Run("a request typed as a request reads what its topic reads", func(t *testing.T) {
		type rep struct {
			Topic    string   `json:"topic"`
			Framing  []string `json:"framing"`
			Articles struct {
				Matched int `json:"matched"`
			} `json:"articles"`
		}
		var asked, plain rep
		for _, c := range []struct {
			q   string
			out *rep
		}{{"أريد تقريرا عن فيضانات ليبيا", &asked}, {"فيضانات ليبيا", &plain}} {
			out, errOut, code := runCLI(t, "--data", data, "--json", "report", c.q)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", c.q, code, errOut)
			}
			if err := json.Unmarshal([]byte(out), c.out); err != nil {
				t.Fatal(err)
			}
		}
		if asked.Topic != "فيضانات ليبيا" || strings.Join(asked.Framing, " ") != "أريد تقريرا عن" {
			t.Errorf("topic %q, framing %q", asked.Topic, asked.Framing)
		}
		if asked.Articles.Matched == 0 || asked.Articles.Matched != plain.Articles.Matched {
			t.Errorf("the request matched %d articles, its topic %d", asked.Articles.Matched, plain.Articles.Matched)
		}
	})
	t.Run("report --story reports on one story of taqrir stories", func(t *testing.T) {
		out, errOut, code := runCLI(t, "--data", data, "--json", "stories")
		if code != 0 {
			t.Fatalf("stories: exit %d: %s", code, errOut)
		}
		var stories struct {
			Stories []struct {
				ID       string `json:"id"`
				Size     int    `json:"size"`
				Articles []struct {
					ID string `json:"id"`
				} `json:"articles"`
			} `json:"stories"`
		}
		if err := json.Unmarshal([]byte(out), &stories); err != nil {
			t.Fatalf("stories JSON: %v\n%s", err, out)
		}
		var sid string
		var ids []string
		for _, s := range stories.Stories {
			if s.Size >= 3 {
				sid = s.ID
				for _, a := range s.Articles {
					ids = append(ids, a.ID)
				}
				break
			}
		}
		if sid == "" {
			t.Fatal("no story of 3 articles in the demo")
		}
		for _, arg := range []string{sid, strings.ToUpper(sid[:8])} {
			out, errOut, code = runCLI(t, "--data", data, "--json", "report", "--story", arg)
			if code != 0 {
				t.Fatalf("report --story %s: exit %d: %s", arg, code, errOut)
			}
			var rep struct {
				StoryID  string `json:"story_id"`
				Articles struct {
					List []struct {
						ID string `json:"id"`
					} `json:"list"`
				} `json:"articles"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range rep.Articles.List {
				got = append(got, a.ID)
			}
			slices.Sort(got)
			slices.Sort(ids)
			if rep.StoryID != sid || !slices.Equal(got, ids) {
				t.Errorf("--story %s: story_id %q, articles %v; want %s and its articles %v", arg, rep.StoryID, got, sid, ids)
			}
		}
		for _, bad := range [][]string{{"report", "--story", sid, "ليبيا"}, {"report", "--story", "zzzzzzzz"}, {"report", "--story", sid, "--source", "x"}} {
			if _, errOut, code := runCLI(t, append([]string{"--data", data}, bad...)...); code == 0 || !strings.Contains(errOut, "story") {
				t.Errorf("%v: exit %d, stderr %q; want an error about the story", bad, code, errOut)
			}
		}
	})
	t.Run("no match says so", func(t *testing.T) {
		out, _, code := runCLI(t, "--data", data, "report", "كلمةلاوجودلها")
		if code != 0 || !strings.Contains(out, "لا مقال يطابق الاستعلام") {
			t.Errorf("exit %d, output %q", code, out)
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad format", []string{"report", "--format", "pdf", "x"}, `--format "pdf"`},
		{"bad date", []string{"report", "--since", "March", "x"}, `--since "March"`},
		{"bad limit", []string{"report", "--limit", "0", "x"}, "--limit 0"},
		{"stopwords only", []string{"report", "في"}, "nothing to search for"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, append([]string{"--data", data}, tc.args...)...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, want an error naming %q", code, errOut, tc.want)
			}
		})
	}
}
