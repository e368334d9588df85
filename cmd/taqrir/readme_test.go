package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// readmeSkipped are the README's taqrir commands that cannot run on the
// demo data alone, each with the reason. Every entry must still be in the
// README (so the list cannot drift from it); every other taqrir command of
// the README is run by TestReadmeExamples.
var readmeSkipped = map[string]string{
	"taqrir ingest ./scraped/":                                       "the reader's own files",
	"cat feed.jsonl | taqrir ingest --format jsonl -":                "the reader's own file on stdin",
	"taqrir ingest crawl.warc.gz https://example.com/news/1":         "a file of the reader's and the network",
	"taqrir ingest --feed https://example.com/rss.xml --every 10m":   "the network, and it polls until interrupted",
	"taqrir extract page.html":                                       "the reader's own page",
	"taqrir extract --json https://example.com/news/1 | jq .removed": "the network",
	"taqrir extract --published 2025-03-15 page.html":                "the reader's own page",
	"taqrir clean --json page.txt":                                   "the reader's own file",
	"taqrir analyze --sentences - < article.txt":                     "the reader's own file on stdin",
	"go run ./cmd/taqrir train ner --corpus ../shared/data/cleananercorp --dev --split tail --without-gazetteer internal/facts/ner/tail_prompted.tsv --words shipped": "training data outside the repository, and minutes of training",
	"taqrir similar --words words.tsv.gz فرنسا": "a table the reader trains first (internal/cli tests similar on one)",
	"go run ./cmd/taqrir train words --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz --limit 2000 --classes 100 --out words.tsv.gz":        "real news outside the repository (internal/wordrep trains on a slice when present)",
	"taqrir similar --words vectors.bin.gz الانتخابات":                                                                                                    "a table the reader trains first (internal/cli tests similar on a vector table)",
	"go run ./cmd/taqrir eval search --xquad ../shared/data/xquad-r-ar/ar.json --vectors vectors.bin.gz":                                                  "benchmark data outside the repository, and a table the reader trains first",
	"go run ./cmd/taqrir train words --vectors --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz --limit 2000 --dim 32 --out vectors.bin.gz": "real news outside the repository (internal/cli tests train words --vectors on a small corpus)",
	"taqrir eval search --xquad ../shared/data/xquad-r-ar/ar.json":                                                                                        "benchmark data outside the repository (eval tests use it when present)",
	"go run ./cmd/taqrir eval search --xquad ../shared/data/xquad-r-ar/ar.json":                                                                           "benchmark data outside the repository",
	"go run ./cmd/taqrir eval extraction --aeb ../shared/data/aeb --arabic testdata/extraction/arabic":                                                    "benchmark data outside the repository",
	"go run ./cmd/taqrir eval ner ../shared/data/wojood-sample/test.txt":                                                                                  "benchmark data outside the repository",
	"go run ./cmd/taqrir train ner --corpus ../shared/data/cleananercorp --dev --split tail":                                                              "training data outside the repository, and minutes of training",
	"go run ./cmd/taqrir train ner --corpus ../shared/data/cleananercorp --dev --split cv --without-gazetteer internal/facts/ner/tail_prompted.tsv":       "training data outside the repository, and minutes of training",
	"go run ./cmd/taqrir eval spans --wojood ../shared/data/wojood-sample":                                                                                "benchmark data outside the repository",
	"go run ./cmd/taqrir eval stance ../shared/data/ans/stance-dev.csv":                                                                                   "benchmark data outside the repository",
	"go run ./cmd/taqrir train stance --train ../shared/data/ans/stance-train.csv --dev ../shared/data/ans/stance-dev.csv --cv 5":                         "training data outside the repository",
	"taqrir --data /tmp/ant ingest ../shared/data/ant-news/ant-multisource-2018.jsonl.gz":                                                                 "real news outside the repository, and minutes of ingest",
	"taqrir report --story 3f2a9c1d --format html --out story.html":                                                                                       "a story id the reader takes from taqrir stories (internal/cli tests report --story on the demo)",
	"taqrir --data /tmp/ant eval stories":                                                                                                                 "needs the real-news data directory above",
	"taqrir --data /tmp/ant eval realnews":                                                                                                                "needs the real-news data directory above",
	"taqrir --data /tmp/ant eval realnews --query":                                                                                                        "needs the real-news data directory above",
	"taqrir --data /tmp/ant eval stories --sweep":                                                                                                         "needs the real-news data directory above, and minutes per point",
	"taqrir serve": "serves until interrupted (internal/server's tests drive it)",
	"taqrir migrate --from ./taqrir-data --to postgres://taqrir:secret@db.example/taqrir": "a live PostgreSQL (internal/app's TestMigrate migrates the sample with every state document to TAQRIR_TEST_PG)",
	"taqrir --db postgres://taqrir:secret@db.example/taqrir serve":                        "a live PostgreSQL, and serves until interrupted (internal/app's PostgreSQL tests open data on TAQRIR_TEST_PG)",
	"taqrir --db \"$TAQRIR_DB\" worker --workers 2":                                       "a live PostgreSQL, and it works the queue until interrupted (internal/jobs tests it against TAQRIR_TEST_PG)",
	"taqrir --db \"$TAQRIR_DB\" ingest --queue ./scraped/":                                "a live PostgreSQL and the reader's own files (internal/jobs tests queueing)",
	"taqrir --db \"$TAQRIR_DB\" serve --addr 0.0.0.0:8080":                                "a live PostgreSQL, and it serves until interrupted (internal/jobs tests two servers following one worker)",
	"taqrir bench": "minutes: ingests 2,000 articles twice (TestBench runs every stage on 200)",
	"taqrir bench --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz --limit 5000": "real news outside the repository, and minutes of ingest",
	"taqrir bench --stages search --build 100000 --work /tmp/taqrir-bench":                     "builds and ingests 100,000 articles: hours",
	"taqrir --json bench --articles 500 | jq .stages.ingest.ratio":                             "minutes of ingest (TestBench checks the JSON keys on 200 articles)",
}

// readmeCommand is one command line of a ```sh block of the README.
type readmeCommand struct {
	line  string   // as written, comment dropped, continuations joined
	args  []string // taqrir's arguments
	pipe  string   // what taqrir's output is piped to, if anything
	goRun bool     // `go run ./cmd/taqrir`: run from the repository root
}

// readmeCommands returns the taqrir commands (`taqrir …` or
// `go run ./cmd/taqrir …`) of the README's ```sh blocks, in order.
func readmeCommands(t *testing.T) []readmeCommand {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []readmeCommand
	in := false
	var cont string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "```sh"):
			in = true
			continue
		case strings.HasPrefix(l, "```"):
			in = false
			continue
		case !in:
			continue
		}
		l = cont + strings.TrimSpace(stripComment(l))
		cont = ""
		if strings.HasSuffix(l, `\`) {
			cont = strings.TrimSpace(strings.TrimSuffix(l, `\`)) + " "
			continue
		}
		if l == "" {
			continue
		}
		words, pipe := shellWords(l)
		var args []string
		goRun := false
		switch {
		case len(words) > 0 && words[0] == "taqrir":
			args = words[1:]
		case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/taqrir":
			args, goRun = words[3:], true
		default:
			if !strings.Contains(l, "taqrir ") || strings.HasPrefix(l, "go ") {
				continue // go test, go build: not taqrir's own usage
			}
			args = nil // taqrir behind a pipe: only the skip list can take it
		}
		cmds = append(cmds, readmeCommand{line: l, args: args, pipe: pipe, goRun: goRun})
	}
	return cmds
}

// stripComment drops a shell comment: a # at the start or after a space,
// outside quotes.
func stripComment(l string) string {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// shellWords splits a command line as sh would (quotes, no expansion) up
// to the first unquoted |, < or >; pipe is the rest after a |.
func shellWords(l string) (words []string, pipe string) {
	var cur strings.Builder
	var quote rune
	have := false
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, have = r, true
		case r == ' ' || r == '\t':
			if have {
				words = append(words, cur.String())
				cur.Reset()
				have = false
			}
		case r == '|' || r == '<' || r == '>':
			if have {
				words = append(words, cur.String())
			}
			if r == '|' {
				pipe = strings.TrimSpace(l[i+1:])
			} else {
				pipe = string(r) + " " + strings.TrimSpace(l[i+1:])
			}
			return words, pipe
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		words = append(words, cur.String())
	}
	return words, ""
}

// TestReadmeExamples runs every taqrir command of the README that the demo
// data can answer, in README order: `taqrir …` in a directory of its own,
// whose ./taqrir-data (the default data directory) `demo`, the first
// command, fills; `go run ./cmd/taqrir …` at the repository root, as a
// reader of a checkout would, with TAQRIR_DATA naming that same data so
// nothing is written into the repository. Each must exit 0; a search must
// find something, and output piped to jq must be JSON.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("short: runs the demo and every README example")
	}
	cmds := readmeCommands(t)
	if len(cmds) < 20 {
		t.Fatalf("only %d taqrir commands found in the README's sh blocks", len(cmds))
	}
	var lines []string
	for _, c := range cmds {
		lines = append(lines, c.line)
	}
	for line := range readmeSkipped {
		if !slices.Contains(lines, line) {
			t.Errorf("skip list names %q, which the README no longer has", line)
		}
	}
	if !slices.Equal(cmds[0].args, []string{"demo"}) {
		t.Fatalf("the README's first command is %q, not the demo the others run on", cmds[0].line)
	}
	work := t.TempDir()
	ran := 0
	for _, c := range cmds {
		if why, ok := readmeSkipped[c.line]; ok {
			t.Logf("skipped (%s): %s", why, c.line)
			continue
		}
		if c.args == nil {
			t.Errorf("%q: cannot run it (taqrir behind a pipe?); add it to readmeSkipped with a reason", c.line)
			continue
		}
		if c.pipe != "" && !strings.HasPrefix(c.pipe, "jq") {
			t.Errorf("%q: cannot feed %q; add it to readmeSkipped with a reason", c.line, c.pipe)
			continue
		}
		cmd := command(t, c.args...)
		cmd.Dir = work
		cmd.Env = slices.DeleteFunc(cmd.Env, func(kv string) bool { return strings.HasPrefix(kv, "TAQRIR_DATA=") })
		if c.goRun {
			cmd.Dir = filepath.Join("..", "..")
			cmd.Env = append(cmd.Env, "TAQRIR_DATA="+filepath.Join(work, "taqrir-data"))
		}
		start := time.Now()
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			t.Errorf("%s: exit %d: %s", c.line, ee.ExitCode(), errb.String())
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		ran++
		t.Logf("%s: %s", time.Since(start).Round(time.Millisecond), c.line)
		if strings.HasPrefix(c.pipe, "jq") && !json.Valid(out.Bytes()) {
			t.Errorf("%s: output piped to jq is not JSON: %.200s", c.line, out.String())
		}
		if slices.Contains(c.args, "search") {
			if strings.HasPrefix(out.String(), "0 results") || strings.Contains(out.String(), `"total": 0,`) {
				t.Errorf("%s: finds nothing on the demo data: pick an example that does", c.line)
			}
		}
	}
	t.Logf("ran %d README commands, skipped %d", ran, len(readmeSkipped))
	for _, f := range []string{"r.html", "report.html"} {
		if _, err := os.Stat(filepath.Join(work, f)); err != nil {
			t.Errorf("the README's report --out %s wrote nothing: %v", f, err)
		}
	}
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		in    string
		words []string
		pipe  string
	}{
		{`taqrir search '"وقف إطلاق النار" -غزة'`, []string{"taqrir", "search", `"وقف إطلاق النار" -غزة`}, ""},
		{`taqrir search --source "صدى الخليج" x`, []string{"taqrir", "search", "--source", "صدى الخليج", "x"}, ""},
		{`taqrir --json search x | jq '.hits[].title'`, []string{"taqrir", "--json", "search", "x"}, "jq '.hits[].title'"},
		{`taqrir analyze - < a.txt`, []string{"taqrir", "analyze", "-"}, "< a.txt"},
	}
	for _, tt := range tests {
		words, pipe := shellWords(tt.in)
		if !slices.Equal(words, tt.words) || pipe != tt.pipe {
			t.Errorf("shellWords(%q) = %q, %q; want %q, %q", tt.in, words, pipe, tt.words, tt.pipe)
		}
	}
	if got := stripComment(`taqrir search "a # b"   # why`); got != `taqrir search "a # b"   ` {
		t.Errorf("stripComment = %q", got)
	}
}
