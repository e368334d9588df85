package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoFactsAndReport runs the README's first command and checks what
// it leaves: articles with their facts under the documented keys, the
// entity filter, and the report files.
func TestDemoFactsAndReport(t *testing.T) {
	data := t.TempDir()
	if _, errOut, code := run(t, "", "--data", data, "demo"); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	html, err := os.ReadFile(filepath.Join(data, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`dir="rtl"`, `lang="ar"`, "<svg", "الدوحة"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	var rep map[string]any
	raw, err := os.ReadFile(filepath.Join(data, "report.json"))
	if err != nil || json.Unmarshal(raw, &rep) != nil {
		t.Fatalf("report.json: %v", err)
	}
	for _, k := range []string{"query", "generated_at", "articles", "summary", "timeline", "actors", "figures", "claims", "contradictions", "coverage"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report.json lacks key %q", k)
		}
	}

	// The entity filter: any alias finds the articles naming the entity.
	search := func(args ...string) []string {
		t.Helper()
		out, errOut, code := run(t, "", append([]string{"--data", data, "--json", "search", "--limit", "50"}, args...)...)
		if code != 0 {
			t.Fatalf("search %q: %d %s", args, code, errOut)
		}
		var res struct {
			Hits []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	all := search("مسقط")
	us := search("--entity", "أمريكا", "مسقط")
	usOther := search("--entity", "الولايات المتحدة", "مسقط")
	if len(us) == 0 || len(us) > len(all) || strings.Join(us, ",") != strings.Join(usOther, ",") {
		t.Errorf("--entity أمريكا: %v; --entity الولايات المتحدة: %v; without: %v", us, usOther, all)
	}
	if none := search("--entity", "كوكب زحل", "مسقط"); len(none) != 0 {
		t.Errorf("--entity of a name no article has: %v", none)
	}

	// show --json carries the facts with their documented keys.
	out, errOut, code := run(t, "", "--data", data, "--json", "show", us[0])
	if code != 0 {
		t.Fatalf("show: %d %s", code, errOut)
	}
	var art map[string]any
	if err := json.Unmarshal([]byte(out), &art); err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{
		"entities":   {"text", "type", "canonical", "start", "end"},
		"dates":      {"text", "value", "granularity", "start", "end"},
		"quantities": {"text", "value", "unit", "approximate"},
		"claims":     {"speaker", "text", "cue", "anonymous"},
	}
	body := strings.Join(toStrings(art["paragraphs"]), "\n\n")
	for list, fields := range keys {
		items, ok := art[list].([]any)
		if !ok {
			t.Errorf("show --json: %q is not a list: %v", list, art[list])
			continue
		}
		if len(items) == 0 && list != "quantities" {
			t.Errorf("show --json: no %s in article %s", list, us[0])
		}
		for _, it := range items {
			m := it.(map[string]any)
			for _, f := range fields {
				if _, ok := m[f]; !ok {
					t.Errorf("%s item lacks %q: %v", list, f, m)
				}
			}
			if list == "entities" {
				s, e := int(m["start"].(float64)), int(m["end"].(float64))
				if s < 0 || e > len(body) || s >= e || body[s:e] != m["text"] {
					t.Errorf("entity %v: offsets do not point at its text in the body", m)
				}
			}
		}
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestExtractPublishedAnchor: --published is the anchor relative dates
// resolve against; without a date they stay unresolved, never guessed.
func TestExtractPublishedAnchor(t *testing.T) {
	page := filepath.Join(t.TempDir(), "a.txt")
	text := "اجتماع في بغداد\nوقال وزير الخارجية العراقي فؤاد حسين أمس إن المحادثات ستستأنف الشهر المقبل.\n"
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	dates := func(args ...string) map[string]string {
		t.Helper()
		out, errOut, code := run(t, "", append([]string{"--json", "extract"}, args...)...)
		if code != 0 {
			t.Fatalf("extract %q: %d %s", args, code, errOut)
		}
		var e struct {
			Dates []struct {
				Text       string `json:"text"`
				Value      string `json:"value"`
				Unresolved bool   `json:"unresolved"`
			} `json:"dates"`
			Claims []struct {
				Speaker string `json:"speaker"`
			} `json:"claims"`
		}
		if err := json.Unmarshal([]byte(out), &e); err != nil {
			t.Fatal(err)
		}
		if len(e.Claims) != 1 || !strings.Contains(e.Claims[0].Speaker, "فؤاد حسين") {
			t.Errorf("claims = %+v, want one by فؤاد حسين", e.Claims)
		}
		m := map[string]string{}
		for _, d := range e.Dates {
			if d.Unresolved {
				m[d.Text] = "unresolved"
			} else {
				m[d.Text] = d.Value
			}
		}
		return m
	}
	got := dates("--published", "2025-03-15", page)
	if got["أمس"] != "2025-03-14" || got["الشهر المقبل"] != "2025-04" {
		t.Errorf("anchored at 2025-03-15: %v", got)
	}
	got = dates(page)
	if got["أمس"] != "unresolved" || got["الشهر المقبل"] != "unresolved" {
		t.Errorf("without a publication date: %v", got)
	}
}

// TestShippedNERModelIsCurrent retrains the tagger with the command
// MODEL.md gives and checks it reproduces the embedded model byte for
// byte. The tagger's features read internal/arabic's keys and stems, so a
// change to the Arabic analysis that is not followed by a retraining fails
// here rather than silently degrading entity recognition.
func TestShippedNERModelIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the tagger (about 20 s); skipped with -short")
	}
	data := filepath.Join("..", "..", "..", "shared", "data", "cleananercorp")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("CLEANANERCorp not found at %s: %v", data, err)
	}
	out := filepath.Join(t.TempDir(), "model.bin.gz")
	if _, errOut, code := run(t, "", "train", "ner", "--corpus", data, "--epochs", "10", "--out", out); code != 0 {
		t.Fatalf("train ner: %d %s", code, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "internal", "facts", "ner", "model.bin.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("retraining gives a model of %d bytes that differs from the shipped one (%d bytes): the Arabic analysis or the features changed; retrain with the command in internal/facts/ner/MODEL.md and commit the model", len(got), len(want))
	}
}
