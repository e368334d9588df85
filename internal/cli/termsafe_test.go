package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/datalock"
)

func TestTermSafe(t *testing.T) {
	for in, want := range map[string]string{
		"محادثات الدوحة":              "محادثات الدوحة",
		"a\x1b[2Jb":                   `a\x1b[2Jb`,
		"x\nstored 0123 new evil.txt": `x\nstored 0123 new evil.txt`,
		"\u202eevil\u202c":            `\u202eevil\u202c`,
		"\x9b31m":                     `\x9b31m`,
		"\u009b31m":                   `\u009b31m`,
		"\u200fعربي\u200e":            "\u200fعربي\u200e",
		"tab\there":                   `tab\there`,
	} {
		if got := termSafe(in); got != want {
			t.Errorf("termSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHostileFieldsPrintInert ingests an article whose fields carry
// terminal escapes and a forged line, and checks that search, show, stats,
// stories and ingest -v print them escaped, while --json keeps them exact.
func TestHostileFieldsPrintInert(t *testing.T) {
	data := t.TempDir()
	in := filepath.Join(t.TempDir(), "evil\nstored 0000000000000000 new x.jsonl")
	line := `{"url":"https://evil.example/a","title":"عنوان \u001b[2J مسموم","text":"نص الخبر عن الفيضانات في المدينة الساحلية.","source":"مصدر\u001b]0;pwned\u0007","byline":"كاتب\u202e","published":"2025-03-14"}` + "\n"
	if err := os.WriteFile(in, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, "--data", data, "ingest", "-v", in)
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if strings.Contains(errOut, "\nstored 0000000000000000") {
		t.Errorf("a file name forged an ingest line:\n%s", errOut)
	}
	for _, args := range [][]string{{"search", "الفيضانات"}, {"stats"}, {"stories"}} {
		out, errOut, code := runCLI(t, append([]string{"--data", data}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("%v printed a raw control character: %q", args, out)
		}
	}
	out, _, _ := runCLI(t, "--data", data, "--json", "search", "الفيضانات")
	id := regexp.MustCompile(`"id":\s*"([0-9a-f]{16})"`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("no id in %s", out)
	}
	shown, _, _ := runCLI(t, "--data", data, "show", id[1])
	if strings.ContainsAny(shown, "\x1b\x07\u202e") || !strings.Contains(shown, `\x1b`) {
		t.Errorf("show printed %q", shown)
	}
	js, _, _ := runCLI(t, "--data", data, "--json", "show", id[1])
	if !strings.Contains(js, `\u001b`) {
		t.Errorf("--json show changed the stored text: %s", js)
	}
}

// TestDataDirectoryLock: while another process holds the data directory
// (an ingest), a command refuses at once naming it; with --wait it waits
// for the holder to finish.
func TestDataDirectoryLock(t *testing.T) {
	data := t.TempDir()
	if _, errOut, code := runCLI(t, "--data", data, "ingest", "-"); code != 0 && !strings.Contains(errOut, "empty") {
		t.Logf("seed ingest: %s", errOut)
	}
	held, err := datalock.Acquire(data, "taqrir ingest --every 10m feeds", 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, errOut, code := runCLI(t, "--data", data, "reindex")
	if code == 0 || !strings.Contains(errOut, "in use by taqrir process") || !strings.Contains(errOut, "ingest --every 10m feeds") {
		t.Errorf("reindex while the directory is held: exit %d, %q", code, errOut)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("refused after %s, want within 5 s", el)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		held.Release()
	}()
	if _, errOut, code := runCLI(t, "--data", data, "--wait", "10s", "reindex"); code != 0 {
		t.Errorf("reindex --wait 10s: exit %d: %s", code, errOut)
	}
}
