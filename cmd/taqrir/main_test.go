package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// The test binary doubles as the taqrir binary, so these tests run the real
// command in a child process (and can kill it) without a build step.
func TestMain(m *testing.M) {
	if os.Getenv("TAQRIR_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "TAQRIR_TEST_MAIN=1")
	return cmd
}

// run runs taqrir and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := command(t, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// TestKillDuringIngest kills ingest with SIGKILL part-way through and checks
// that every article reported stored survives, that the store and the index
// agree after a restart, and that finishing the ingest duplicates nothing.
// The kill is made to land mid-ingest: the test stops reading the child's
// stderr after 200 "stored" lines, so the child blocks on a full pipe
// (64 KiB, under 3,000 lines) long before its 4,000 articles; a run where
// the ingest finished anyway fails instead of passing untested.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 4,000 articles")
	}
	ctx := context.Background()
	pool, err := synth.Load(ctx, corpus.FS())
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	const files, per = 40, 100
	for f := range files {
		name := filepath.Join(in, fmt.Sprintf("part-%02d.jsonl", f))
		if err := os.WriteFile(name, pool.JSONL(7, f*per, (f+1)*per), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	cmd := command(t, "--data", data, "ingest", "-v", in)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := map[string]bool{}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 3 && f[0] == "stored" {
			reported[f[1]] = true
		}
		if len(reported) >= 200 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	for sc.Scan() { // lines already written before the kill count too
		if f := strings.Fields(sc.Text()); len(f) >= 3 && f[0] == "stored" {
			reported[f[1]] = true
		}
	}
	_ = cmd.Wait()
	if len(reported) < 200 {
		t.Fatalf("child reported only %d stored articles before exiting", len(reported))
	}

	// After the crash: everything reported is in the store.
	st, err := sqlite.Open(ctx, filepath.Join(data, "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Errorf("after the kill: %v", err)
	}
	for id := range reported {
		if _, err := st.Article(ctx, id); err != nil {
			t.Errorf("reported stored but lost: %s: %v", id, err)
		}
	}
	stats, _ := st.Stats(ctx)
	t.Logf("killed after %d reported; store holds %d of %d", len(reported), stats.Articles, files*per)
	if stats.Articles >= files*per {
		t.Fatalf("the ingest finished (%d articles) before the kill landed: the crash was not tested", stats.Articles)
	}
	// Restarting repairs the index: it catches up with the store.
	ix, err := index.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ingest.Sync(ctx, st, ix); err != nil {
		t.Fatal(err)
	}
	n, _ := ix.Count()
	if int64(n) != stats.Articles {
		t.Errorf("after restart the index holds %d documents, the store %d", n, stats.Articles)
	}
	ix.Close()
	st.Close()

	// Finishing the ingest adds the rest and duplicates nothing.
	out, errOut, code := run(t, "", "--data", data, "--json", "ingest", in)
	if code != 0 {
		t.Fatalf("resumed ingest exit %d: %s", code, errOut)
	}
	var sum ingest.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.New+sum.Copies+sum.Unchanged != files*per || int64(sum.Unchanged) < stats.Articles {
		t.Errorf("resumed ingest: %+v; want new+copies+unchanged = %d and unchanged ≥ %d", sum, files*per, stats.Articles)
	}
	st, _ = sqlite.Open(ctx, filepath.Join(data, "taqrir.db"))
	defer st.Close()
	final, _ := st.Stats(ctx)
	if final.Articles != files*per {
		t.Errorf("store holds %d articles after resuming, want %d", final.Articles, files*per)
	}
	ix, _ = index.Open(filepath.Join(data, "index.bleve"))
	defer ix.Close()
	if n, _ := ix.Count(); n != files*per {
		t.Errorf("index holds %d documents after resuming, want %d", n, files*per)
	}
}

func TestIngestIsIdempotentAndReportsBadItems(t *testing.T) {
	data := t.TempDir()
	in := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(in, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", "url: https://a.example/1\nsource: صدى الخليج\npublished: 2025-03-14\n\nمحادثات الدوحة تستأنف\nاستؤنفت اليوم المحادثات في الدوحة بين الوفدين.")
	write("mixed.jsonl", `{"url":"https://a.example/2","title":"فيضانات في المرج","text":"ارتفعت حصيلة الفيضانات في المرج إلى 40 قتيلا.","source":"الواحة نيوز","published":"2025-03-25"}
{"title": "broken", 
{"title":"بلا نص"}
`)
	write("empty.txt", "")
	write("bad.txt", "\xc7\xe1\xd3\xe1\xc7\xe3")
	write("image.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	write("huge.txt", "عنوان\n"+strings.Repeat("نص طويل جدا. ", 50<<20/24))

	out, errOut, code := run(t, "", "--data", data, "ingest", in)
	if code == 0 {
		t.Errorf("ingest with bad items exited 0")
	}
	if !strings.Contains(out, "2 new, 0 copies, 0 unchanged, 6 failed") {
		t.Errorf("summary = %q", out)
	}
	for _, want := range []string{"bad.txt: invalid UTF-8 at byte 0", "empty.txt: empty file", "mixed.jsonl:2: malformed JSON", "mixed.jsonl:3: no body text",
		"image.txt: binary file", "huge.txt: file too large for one article"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	out, _, _ = run(t, "", "--data", data, "--json", "ingest", filepath.Join(in, "good.txt"), filepath.Join(in, "mixed.jsonl"))
	var sum ingest.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("ingest --json: %v: %s", err, out)
	}
	if sum.New != 0 || sum.Unchanged != 2 || sum.Failed != 2 {
		t.Errorf("re-ingest = %+v, want 0 new, 2 unchanged, 2 failed", sum)
	}
	if len(sum.Failures) != 2 || sum.Failures[0].Origin != filepath.Join(in, "mixed.jsonl")+":2" {
		t.Errorf("failures = %+v", sum.Failures)
	}
	// stdin, jsonl
	out, _, code = run(t, `{"url":"https://a.example/3","title":"عنوان","text":"نص الخبر الثالث."}`, "--data", data, "ingest", "--format", "jsonl", "-")
	if code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("stdin ingest: %d %q", code, out)
	}
}

func TestSearchShowStatsJSON(t *testing.T) {
	data := t.TempDir()
	if _, errOut, code := run(t, "", "--data", data, "demo"); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	out, errOut, code := run(t, "", "--data", data, "--json", "search", "--limit", "3", "امريكا")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Hits     []map[string]any `json:"hits"`
		Total    int              `json:"total"`
		Sources  []map[string]any `json:"sources"`
		Months   []map[string]any `json:"months"`
		Entities []map[string]any `json:"entities"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || len(res.Hits) == 0 || len(res.Hits) > 3 {
		t.Fatalf("search امريكا: total %d, %d hits", res.Total, len(res.Hits))
	}
	// JSON carries the three facets; the text shows the sources (the
	// only facet it asks for).
	if len(res.Sources) == 0 || len(res.Months) == 0 || len(res.Entities) == 0 {
		t.Fatalf("search --json: facets sources %d, months %d, entities %d", len(res.Sources), len(res.Months), len(res.Entities))
	}
	if text, _, code := run(t, "", "--data", data, "search", "--limit", "3", "امريكا"); code != 0 ||
		!strings.Contains(text, fmt.Sprintf("\nSources: %s (%v)", res.Sources[0]["value"], res.Sources[0]["count"])) {
		t.Errorf("search: exit %d, no sources line in:\n%s", code, text)
	}
	for _, k := range []string{"id", "title", "source", "published", "score", "snippet"} {
		if _, ok := res.Hits[0][k]; !ok {
			t.Errorf("hit lacks key %q: %v", k, res.Hits[0])
		}
	}
	id := res.Hits[0]["id"].(string)
	out, _, code = run(t, "", "--data", data, "--json", "show", id)
	var art map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &art) != nil || art["id"] != id {
		t.Errorf("show %s: %d %s", id, code, out)
	}
	if _, errOut, code := run(t, "", "--data", data, "show", "nope"); code == 0 || !strings.Contains(errOut, `no article with id "nope"`) {
		t.Errorf("show nope: %d %s", code, errOut)
	}
	out, _, _ = run(t, "", "--data", data, "--json", "stats")
	var st struct {
		Articles int `json:"articles"`
		Groups   []struct {
			Source string `json:"source"`
			Month  string `json:"month"`
			Count  int    `json:"count"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Articles < 40 || len(st.Groups) < 6 {
		t.Errorf("stats: %v %+v", err, st)
	}
	// Reindex rebuilds the same index; reprocess changes nothing on an unchanged pipeline.
	out, _, code = run(t, "", "--data", data, "--json", "reindex")
	if code != 0 || !strings.Contains(out, fmt.Sprintf(`"indexed": %d`, st.Articles)) {
		t.Errorf("reindex: %d %s", code, out)
	}
	out, _, code = run(t, "", "--data", data, "reprocess")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d articles re-extracted, 0 changed", st.Articles)) {
		t.Errorf("reprocess: %d %s", code, out)
	}
	if out, _, code := run(t, "", "--data", data, "check"); code != 0 || !strings.Contains(out, "store ok, index in step") {
		t.Errorf("check: %d %s", code, out)
	}
	// Bad flags say what is wrong.
	if _, errOut, code := run(t, "", "--data", data, "search", "--since", "March", "x"); code == 0 || !strings.Contains(errOut, `--since "March"`) {
		t.Errorf("bad --since: %d %s", code, errOut)
	}
}

func TestAnalyzeAndCleanJSON(t *testing.T) {
	out, _, code := run(t, "", "--json", "analyze", "والأميركيين في واشنطن")
	var toks []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &toks) != nil || len(toks) != 3 {
		t.Fatalf("analyze: %d %s", code, out)
	}
	for _, k := range []string{"start", "end", "text", "norm", "stem", "key", "stop"} {
		if _, ok := toks[0][k]; !ok {
			t.Errorf("token lacks key %q", k)
		}
	}
	if toks[1]["stop"] != true {
		t.Errorf("في is not a stopword: %v", toks[1])
	}
	out, _, _ = run(t, "قال د. أحمد إن النمو بلغ 3.5 في المئة. وأضاف أن التضخم تراجع.", "--json", "analyze", "--sentences", "-")
	var sents []map[string]any
	if json.Unmarshal([]byte(out), &sents) != nil || len(sents) != 2 {
		t.Errorf("sentences: %s", out)
	}
	f := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(f, []byte("عنوان الخبر\nموضوع يهمك\nنص الخبر الأول.\n?\nنص الخبر الأول.\n"), 0o644)
	out, _, code = run(t, "", "--json", "clean", f)
	var cr map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &cr) != nil {
		t.Fatalf("clean: %d %s", code, out)
	}
	for _, k := range []string{"title", "body", "captions", "removed"} {
		if _, ok := cr[k]; !ok {
			t.Errorf("clean --json lacks %q", k)
		}
	}
	if rm, _ := cr["removed"].([]any); len(rm) != 3 {
		t.Errorf("clean removed %v, want 3 segments", cr["removed"])
	}
}

func TestReadCommandsNeedData(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "none")
	for _, args := range [][]string{{"search", "قطر"}, {"show", "x"}, {"stats"}, {"reindex"}, {"reprocess"}, {"check"}} {
		_, errOut, code := run(t, "", append([]string{"--data", empty}, args...)...)
		if code == 0 || !strings.Contains(errOut, "no taqrir data in "+empty) {
			t.Errorf("%v on a missing data dir: exit %d, %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(empty); err == nil {
		t.Error("a read command created the data directory")
	}
}

// TestStaleIndexIsRebuilt stands in for an upgrade of taqrir whose Arabic
// analysis keys words differently: the old index is rebuilt from the store
// on the next command, and search works on the new keys.
func TestStaleIndexIsRebuilt(t *testing.T) {
	data := t.TempDir()
	if _, errOut, code := run(t, "", "--data", data, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	ix, err := index.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.MarkBuiltWith("taqrir_ar/older"); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	out, errOut, code := run(t, "", "--data", data, "search", "امريكا")
	if code != 0 || !strings.Contains(errOut, "rebuilding it from the store") || !strings.Contains(errOut, "articles re-indexed") {
		t.Fatalf("search on a stale index: exit %d, stderr %q", code, errOut)
	}
	if strings.HasPrefix(out, "0 results") {
		t.Errorf("no results after the rebuild: %s", out)
	}
	if _, errOut, _ := run(t, "", "--data", data, "stats"); strings.Contains(errOut, "rebuilding") {
		t.Errorf("rebuilt again on the next command: %s", errOut)
	}
}

// TestInterruptSaysWhatLanded: Ctrl-C (SIGINT) during ingest prints the
// summary of what was stored, not only «context canceled».
func TestInterruptSaysWhatLanded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 4,000 articles")
	}
	pool, err := synth.Load(context.Background(), corpus.FS())
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	for f := range 40 {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("part-%02d.jsonl", f)), pool.JSONL(11, f*100, (f+1)*100), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := command(t, "--data", t.TempDir(), "ingest", "-v", in)
	var out bytes.Buffer
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	stored := 0
	var rest strings.Builder
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "stored ") {
			stored++
		}
		if stored == 100 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() { // drain, so the child can finish writing
		rest.WriteString(sc.Text() + "\n")
	}
	werr := cmd.Wait()
	if werr == nil {
		t.Errorf("an interrupted ingest exited 0")
	}
	if !strings.Contains(out.String(), "new,") || !strings.Contains(out.String(), "before the interruption") {
		t.Errorf("stdout does not say what landed: %q", out.String())
	}
	if !strings.Contains(rest.String(), "interrupted") {
		lines := strings.Split(strings.TrimSpace(rest.String()), "\n")
		t.Errorf("stderr does not say it was interrupted; it ends %q", lines[len(lines)-1])
	}
}
