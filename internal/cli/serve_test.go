package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestCommandsThroughServe: while taqrir serve holds a data directory, the
// reading commands and ingest go through it and print what they print
// without it.
func TestCommandsThroughServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errs := run(t, "", "--data", dir, "demo"); code != 0 {
		t.Fatal(errs)
	}
	// What the commands print without a server, to compare.
	cmds := [][]string{
		{"--json", "search", "--limit", "3", "امريكا"},
		{"search", "--entity", "قطر", "الدوحة"},
		{"--json", "show", "26b77f62"},
		{"show", "26b77f62"},
		{"--json", "stats"},
		{"--json", "stories", "--limit", "2"},
		{"report", "--format", "md", "هدنة السودان"},
	}
	want := map[int]string{}
	for i, c := range cmds {
		code, out, errs := run(t, "", append([]string{"--data", dir}, c...)...)
		if code != 0 {
			t.Fatalf("%v: %s", c, errs)
		}
		want[i] = out
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var serveErr bytes.Buffer
	go func() {
		var out bytes.Buffer
		done <- Main(ctx, []string{"--data", dir, "serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &serveErr)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, serveErr.String())
		}
		if _, err := os.Stat(filepath.Join(dir, taqapp.SocketFile)); err == nil {
			t.Error("serve left its socket behind")
		}
	}()
	sock := filepath.Join(dir, taqapp.SocketFile)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil && taqapp.ServeAddr(dir) != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", serveErr.String())
		}
	}
	for i, c := range cmds {
		code, out, errs := run(t, "", append([]string{"--data", dir}, c...)...)
		if code != 0 {
			t.Errorf("%v through serve: exit %d: %s", c, code, errs)
			continue
		}
		if c[0] == "--json" && c[1] == "search" {
			// took_ns differs run to run.
			out, want[i] = dropKey(t, out, "took_ns"), dropKey(t, want[i], "took_ns")
		}
		if strings.HasPrefix(c[0], "search") {
			out, want[i] = dropTook(out), dropTook(want[i])
		}
		if c[0] == "report" {
			out, want[i] = dropGenerated(out), dropGenerated(want[i])
		}
		if out != want[i] {
			t.Errorf("%v through serve prints\n%.600s\nwant\n%.600s", c, out, want[i])
		}
	}
	// Ingest posts to the server, which matches and indexes at once.
	code, out, errs := run(t, `{"title":"خبر عبر الخادم","text":"نص عن الموانئ الجديدة في الخليج.","source":"اختبار"}`+"\n", "--data", dir, "ingest", "--format", "jsonl", "-")
	if code != 0 || !strings.Contains(out, "1 new") || !strings.Contains(out, "through taqrir serve") {
		t.Errorf("ingest through serve: %d %q %q", code, out, errs)
	}
	code, out, _ = run(t, "", "--data", dir, "search", "الموانئ", "الجديدة")
	if code != 0 || !strings.Contains(out, "خبر عبر الخادم") {
		t.Errorf("the article ingested through serve is not found: %q", out)
	}
	// A directory (a .txt, a gzipped JSONL, a page) is read here and its
	// items posted to the server.
	in := t.TempDir()
	if err := os.WriteFile(filepath.Join(in, "a.txt"), []byte("عنوان نص عن السدود\n\nافتتحت الحكومة سدا جديدا على نهر الفرات لتخزين المياه."), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"title":"خبر مضغوط عن القطارات","text":"بدأ تشغيل خط القطارات السريعة بين المدينتين.","source":"اختبار"}` + "\n" +
		`{"title":"خبر مضغوط ثان عن المطارات","text":"افتتح مطار إقليمي جديد في الجنوب.","source":"اختبار"}` + "\n"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(in, "b.jsonl.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "c.html"), []byte(`<html><head><meta charset="utf-8"><title>صفحة عن الجسور</title></head><body><article><h1>صفحة عن الجسور</h1><p>شيدت البلدية جسرا معلقا فوق الوادي ليربط الحيين القديمين في المدينة ويخفف الزحام.</p></article></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "", "--data", dir, "ingest", in)
	if code != 0 || !strings.Contains(out, "4 new") {
		t.Errorf("a directory through serve: %d %q %q; want its 4 items new", code, out, errs)
	}
	for _, q := range []string{"السدود", "القطارات", "المطارات", "الجسور"} {
		if code, out, _ := run(t, "", "--data", dir, "search", q); code != 0 || strings.Contains(out, "no article") || !strings.Contains(out, q[:4]) {
			t.Errorf("%s, ingested through serve from a directory, not found: %q", q, out)
		}
	}
	if code, _, errs := run(t, "", "--data", dir, "ingest", "--feed", "https://example.com/rss"); code == 0 || !strings.Contains(errs, "taqrir sources add") {
		t.Errorf("a feed through serve: %d %q, want a pointer to taqrir sources", code, errs)
	}
	// A command that cannot go through it says who holds the directory and where.
	if code, _, errs := run(t, "", "--data", dir, "reindex"); code == 0 || !strings.Contains(errs, "taqrir serve") || !strings.Contains(errs, "http://127.0.0.1:") {
		t.Errorf("reindex while serve runs: %d %q, want the server named with its address", code, errs)
	}
	// Tokens and sources are files of their own: they change while serve runs.
	code, out, errs = run(t, "", "--data", dir, "token", "create", "ci")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[len(lines)-1], taqapp.TokenPrefix) {
		t.Errorf("token create: %d %q %q", code, out, errs)
	}
}

func dropKey(t *testing.T, s, key string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%v: %.200s", err, s)
	}
	delete(m, key)
	b, _ := json.Marshal(m)
	return string(b)
}

// dropTook drops the timing of search's first line: "N results (12ms)".
func dropTook(s string) string {
	first, rest, _ := strings.Cut(s, "\n")
	if i := strings.Index(first, " ("); i > 0 {
		first = first[:i]
	}
	return first + "\n" + rest
}

// dropGenerated drops a report's generation time.
func dropGenerated(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "20") || !strings.Contains(strings.ToLower(l), "generat") && !strings.Contains(l, "أُعدّ") && !strings.Contains(l, "أعد") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestTokenAndSourcesCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errs := run(t, "", "--data", dir, "token", "create", "ci")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	if code != 0 || !strings.HasPrefix(secret, taqapp.TokenPrefix) || !strings.Contains(errs, "shown once") {
		t.Fatalf("token create: %d %q %q", code, out, errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, taqapp.TokensFile))
	if strings.Contains(string(b), secret) {
		t.Error("tokens.json holds the secret itself")
	}
	if code, _, errs := run(t, "", "--data", dir, "token", "create", "ci"); code == 0 || !strings.Contains(errs, "exists") {
		t.Errorf("a second token ci: %d %q", code, errs)
	}
	if _, out, _ := run(t, "", "--data", dir, "token", "list"); !strings.HasPrefix(out, "ci\t") {
		t.Errorf("token list: %q", out)
	}
	if code, out, _ := run(t, "", "--data", dir, "token", "revoke", "ci"); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("token revoke: %d %q", code, out)
	}
	if _, out, _ := run(t, "", "--data", dir, "token", "list"); !strings.Contains(out, "no tokens") {
		t.Errorf("token list after revoke: %q", out)
	}

	if code, out, errs := run(t, "", "--data", dir, "sources", "add", "sada", "https://sada.example/rss.xml", "--every", "15m"); code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("sources add: %d %q %q", code, out, errs)
	}
	for _, bad := range [][]string{{"x", "ftp://a"}, {"y", "https://a.example/", "--every", "1s"}, {"bad name", "https://a.example/"}, {"sada", "https://b.example/"}} {
		if code, _, _ := run(t, "", append([]string{"--data", dir, "sources", "add"}, bad...)...); code == 0 {
			t.Errorf("sources add %v: accepted", bad)
		}
	}
	if _, out, _ := run(t, "", "--data", dir, "--json", "sources", "list"); !strings.Contains(out, `"url": "https://sada.example/rss.xml"`) {
		t.Errorf("sources list: %q", out)
	}
	if code, _, _ := run(t, "", "--data", dir, "sources", "remove", "sada"); code != 0 {
		t.Error("sources remove failed")
	}
	if code, _, errs := run(t, "", "--data", dir, "sources", "remove", "sada"); code == 0 || !strings.Contains(errs, "no source named") {
		t.Errorf("removing it twice: %d %q", code, errs)
	}
}
