package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// runIn runs the command line in-process with stdin.
func runIn(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestVersion(t *testing.T) {
	out, errOut, code := runCLI(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "taqrir ") || len(strings.TrimSpace(out)) <= len("taqrir") {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestBadFlagsSayWhy runs commands whose flags or arguments make no sense
// on the demo data: each must fail with a message naming the problem.
func TestBadFlagsSayWhy(t *testing.T) {
	data := demoData(t)
	missing := filepath.Join(t.TempDir(), "no-such-dir", "r.html")
	for _, tc := range []struct {
		name string
		args []string
		want []string // every one in stderr
	}{
		{"search --limit 0", []string{"search", "--limit", "0", "ليبيا"}, []string{"--limit 0", "at least 1"}},
		{"search --limit -3", []string{"search", "--limit", "-3", "ليبيا"}, []string{"--limit -3"}},
		{"search --offset -1", []string{"search", "--offset", "-1", "ليبيا"}, []string{"--offset -1"}},
		{"search empty range", []string{"search", "--since", "2025-04", "--until", "2025-03", "ليبيا"}, []string{"--since 2025-04", "--until 2025-03", "empty"}},
		{"search empty range by day", []string{"search", "--since", "2025-03-15", "--until", "2025-03-14", "ليبيا"}, []string{"empty"}},
		{"report empty range", []string{"report", "--since", "2025", "--until", "2024-12-31", "ليبيا"}, []string{"--since 2025", "empty"}},
		{"stories empty range", []string{"stories", "--since", "2025-05", "--until", "2025-04-30"}, []string{"--since 2025-05", "empty"}},
		{"a prefix of one letter", []string{"search", "ل*"}, []string{"ل*", "2 letters"}},
		{"--json with --format md", []string{"--json", "report", "--format", "md", "ليبيا"}, []string{"--json", "--format md"}},
		{"--json with --format HTML", []string{"--json", "report", "--format", "HTML", "ليبيا"}, []string{"--json", "--format HTML"}},
		{"report --out into a missing directory", []string{"report", "--out", missing, "ليبيا"}, []string{"--out", filepath.Dir(missing), "does not exist"}},
		{"report --out a directory", []string{"report", "--out", os.TempDir(), "ليبيا"}, []string{"is a directory"}},
		{"analyze an empty text", []string{"analyze", ""}, []string{"analyze", "empty"}},
		{"analyze blanks", []string{"analyze", " \t "}, []string{"analyze", "empty"}},
		{"an exclusion read as a flag", []string{"search", "فيضانات", "-ليبيا"}, []string{"-ليبيا is not a flag", "--"}},
		{"ingest --format of nothing known", []string{"ingest", "--format", "pdf", "-"}, []string{`--format "pdf"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, append([]string{"--data", data}, tc.args...)...)
			if code == 0 {
				t.Fatalf("exit 0, want an error naming %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not name %q", errOut, w)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Errorf("report --out created %s", filepath.Dir(missing))
	}
}

func TestStopwordQueryNamesTheWords(t *testing.T) {
	data := demoData(t)
	for _, q := range []string{"في من", "عن", `"إلى أن"`} {
		for _, cmd := range []string{"search", "report"} {
			_, errOut, code := runCLI(t, "--data", data, cmd, q)
			// The message echoes the query; the words must be named
			// besides it.
			rest := strings.Replace(errOut, `"`+strings.ReplaceAll(q, `"`, `\"`)+`"`, "", 1)
			if code == 0 {
				t.Errorf("%s %s: exit 0", cmd, q)
			}
			for _, w := range strings.Fields(strings.Trim(q, `"`)) {
				if !strings.Contains(rest, w) {
					t.Errorf("%s %s: %q does not name the dropped word %q", cmd, q, errOut, w)
				}
			}
		}
	}
}

// TestSomeStopwordsAreNamed: a query with common words besides others
// runs, and says which words were not searched for.
func TestSomeStopwordsAreNamed(t *testing.T) {
	data := demoData(t)
	out, errOut, code := runCLI(t, "--data", data, "search", "في", "ليبيا", "من")
	if code != 0 || !strings.Contains(out, "Not searched for (common words): في، من") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
	out, _, _ = runCLI(t, "--data", data, "--json", "search", "في", "ليبيا")
	var res struct{ Ignored []string }
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Ignored) != 1 || res.Ignored[0] != "في" {
		t.Errorf("--json ignored = %q (%v)", res.Ignored, err)
	}
}

func TestLimits(t *testing.T) {
	data := demoData(t)
	all, _, code := runCLI(t, "--data", data, "--json", "stories")
	zero, errOut, code0 := runCLI(t, "--data", data, "--json", "stories", "--limit", "0")
	if code != 0 || code0 != 0 || all != zero {
		t.Errorf("stories --limit 0 is not every story: exit %d: %s", code0, errOut)
	}
	out, errOut, code := runCLI(t, "--data", data, "--json", "search", "--limit", "1", "ليبيا")
	var res struct{ Hits []any }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Hits) != 1 {
		t.Errorf("search --limit 1: exit %d, %s %s", code, errOut, out)
	}
}

// searchHits runs a JSON search and returns the ids it found.
func searchHits(t *testing.T, data string, args ...string) map[string]bool {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{"--data", data, "--json", "search", "--limit", "1000"}, args...)...)
	if code != 0 {
		t.Fatalf("search %q: exit %d: %s", args, code, errOut)
	}
	var res struct{ Hits []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids
}

func TestPrefixQuery(t *testing.T) {
	data := demoData(t)
	for _, tc := range []struct {
		prefix string
		words  []string // each word's articles are among the prefix's
	}{
		{"ليب*", []string{"ليبيا", "الليبية"}},
		{"فيضا*", []string{"فيضانات"}},
		{"مفاوض*", []string{"مفاوضات"}},
	} {
		got := searchHits(t, data, "--no-synonyms", tc.prefix)
		if len(got) == 0 {
			t.Errorf("%s finds nothing", tc.prefix)
		}
		for _, w := range tc.words {
			want := searchHits(t, data, "--no-synonyms", w)
			if len(want) == 0 {
				t.Fatalf("%s finds nothing: pick another word", w)
			}
			for id := range want {
				if !got[id] {
					t.Errorf("%s misses %s, which %s finds", tc.prefix, id, w)
				}
			}
		}
	}
	// A prefix can be excluded, too.
	with := searchHits(t, data, "فيضانات")
	without := searchHits(t, data, "--", "فيضانات", "-ليب*")
	if len(without) == 0 || len(without) >= len(with) {
		t.Errorf("فيضانات -ليب*: %d of %d articles", len(without), len(with))
	}
}

func TestFormatAnyCase(t *testing.T) {
	data := demoData(t)
	for _, tc := range []struct {
		args   []string
		prefix string
	}{
		{[]string{"report", "--format", "HTML", "ليبيا"}, "<!doctype html>"},
		{[]string{"report", "--format", "Markdown", "ليبيا"}, "#"},
		{[]string{"report", "--format", "JSON", "ليبيا"}, "{"},
		{[]string{"--json", "report", "--format", "Json", "ليبيا"}, "{"},
	} {
		out, errOut, code := runCLI(t, append([]string{"--data", data}, tc.args...)...)
		if code != 0 || !strings.HasPrefix(strings.ToLower(out), tc.prefix) {
			t.Errorf("%q: exit %d, stderr %q, output starts %q", tc.args, code, errOut, out[:min(len(out), 40)])
		}
	}
	const page = "<html><head><title>عنوان الخبر</title></head><body><article><h1>عنوان الخبر</h1><p>استؤنفت اليوم المحادثات في الدوحة بين الوفدين بعد توقف دام أسبوعين.</p></article></body></html>"
	out, errOut, code := runIn(t, page, "--json", "extract", "--format", "HTML", "-")
	if code != 0 || !strings.Contains(out, "الدوحة") {
		t.Errorf("extract --format HTML: exit %d: %s", code, errOut)
	}
	fresh := filepath.Join(t.TempDir(), "data")
	out, errOut, code = runIn(t, `{"title":"عنوان","text":"نص الخبر الأول في الدوحة."}`, "--data", fresh, "ingest", "--format", "JSONL", "-")
	if code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("ingest --format JSONL: exit %d: %s %s", code, out, errOut)
	}
}

// TestDemoTryLine checks that the command demo suggests exists: `go run`
// of a package of this module, or a binary found where it says.
func TestDemoTryLine(t *testing.T) {
	demoData(t)
	var try string
	for _, l := range strings.Split(shared.out, "\n") {
		if strings.HasPrefix(l, "Try: ") {
			try = strings.TrimPrefix(l, "Try: ")
		}
	}
	run, _, ok := strings.Cut(try, " --data ")
	if !ok {
		t.Fatalf("no Try line with --data in the demo output:\n%s", shared.out)
	}
	if pkg, isGoRun := strings.CutPrefix(run, "go run "); isGoRun {
		if _, err := os.Stat(filepath.Join("..", "..", pkg, "main.go")); err != nil {
			t.Errorf("Try: %s: no such package: %v", run, err)
		}
		return
	}
	if _, err := exec.LookPath(run); err != nil {
		t.Errorf("Try: %s: %v", run, err)
	}
}

func TestCleanRefusesHTML(t *testing.T) {
	dir := t.TempDir()
	const page = "<!DOCTYPE html><html><head><title>خبر</title></head><body><p>نص الخبر في الدوحة.</p></body></html>"
	for _, name := range []string{"page.html", "page.txt"} { // by extension and by content
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := runCLI(t, "clean", path)
		if code == 0 || !strings.Contains(errOut, "taqrir extract "+path) {
			t.Errorf("clean %s: exit %d, stderr %q; want a pointer to extract", name, code, errOut)
		}
	}
}

// TestWindows1256Text ingests, cleans and extracts a .txt file saved in
// windows-1256: read as Arabic, with a note naming the file and the
// encoding.
func TestWindows1256Text(t *testing.T) {
	const text = "url: https://old.example/2009/1\nsource: أرشيف قديم\npublished: 2009-05-14\n\nانطلاق محادثات الهدنة في الدوحة\n" +
		"انطلقت اليوم في العاصمة القطرية الدوحة محادثات غير مباشرة بين الوفدين، وقال الوسيط إن الجولة الأولى كانت إيجابية."
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "old.txt")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	out, errOut, code := runCLI(t, "--data", data, "ingest", dir)
	if code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(errOut, path) || !strings.Contains(errOut, "windows-1256") {
		t.Errorf("ingest said nothing of the encoding: %q", errOut)
	}
	if hits := searchHits(t, data, "محادثات الدوحة"); len(hits) != 1 {
		t.Errorf("the decoded article is not found: %v", hits)
	}
	for _, cmd := range []string{"clean", "extract"} {
		out, errOut, code := runCLI(t, cmd, path)
		if code != 0 || !strings.Contains(out, "انطلاق محادثات الهدنة في الدوحة") || !strings.Contains(errOut, "windows-1256") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", cmd, code, out, errOut)
		}
	}
}

// TestDateOnlyPrintsAsDate: a publication date given without a time of
// day is printed as that date, not as midnight UTC.
func TestDateOnlyPrintsAsDate(t *testing.T) {
	dir := t.TempDir()
	for name, published := range map[string]string{"day.txt": "2025-03-14", "time.txt": "2025-03-14T09:30:00+03:00"} {
		text := "url: https://a.example/" + name + "\nsource: صدى الخليج\npublished: " + published + "\n\nمحادثات الدوحة " + name + "\nاستؤنفت اليوم المحادثات في الدوحة بين الوفدين."
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(t.TempDir(), "data")
	if _, errOut, code := runCLI(t, "--data", data, "ingest", dir); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	ids := searchHits(t, data, "محادثات")
	if len(ids) != 2 {
		t.Fatalf("%d articles", len(ids))
	}
	for id := range ids {
		out, errOut, code := runCLI(t, "--data", data, "show", id)
		if code != 0 {
			t.Fatalf("show %s: %s", id, errOut)
		}
		meta := strings.Split(out, "\n")[1]
		switch {
		case strings.Contains(out, "day.txt"):
			if !strings.Contains(meta, "2025-03-14") || strings.Contains(meta, "00:00") {
				t.Errorf("date-only article shows %q", meta)
			}
		default:
			if !strings.Contains(meta, "2025-03-14 09:30 +0300") {
				t.Errorf("dated article shows %q", meta)
			}
		}
	}
	out, _, _ := runCLI(t, "extract", filepath.Join(dir, "day.txt"))
	if !strings.Contains(out, "published: 2025-03-14 |") {
		t.Errorf("extract prints %q", strings.Split(out, "\n")[1])
	}
}

func TestCheckSaysWhatItChecked(t *testing.T) {
	data := demoData(t)
	out, errOut, code := runCLI(t, "--data", data, "check")
	arts := storedArticles(t, data)
	if code != 0 {
		t.Fatalf("check: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"checked " + strconv.Itoa(len(arts)) + " articles", "store ok", "index in step", "stories"} {
		if !strings.Contains(out, want) {
			t.Errorf("check says %q, lacking %q", out, want)
		}
	}
}
