package cli

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/taqrir/taqrir/internal/datalock"
	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/render"
)

// readmePath is the repository's README, which documents the flags.
const readmePath = "../../README.md"

// readmeRoot is the command tree as a user gets it, with the data directory
// default unaffected by the caller's environment.
func readmeRoot(t *testing.T) *cobra.Command {
	t.Helper()
	t.Setenv("TAQRIR_DATA", "")
	a := &app{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	return a.rootCmd()
}

// lookupFlag finds a flag as the command line would: the command's own,
// then those it inherits.
func lookupFlag(cmd *cobra.Command, name string) *pflag.Flag {
	if f := cmd.Flag(name); f != nil {
		return f
	}
	return cmd.InheritedFlags().Lookup(name)
}

// configRow is one row of README's Configuration table.
type configRow struct {
	line    int
	command []string // the subcommand path, empty for a global flag
	flag    string
	def     string // the default as the README states it
}

var (
	configFlagRe = regexp.MustCompile("^`((?:[a-z]+ )*)--([a-z-]+)")
	configDefRe  = regexp.MustCompile("^`([^`]*)`$")
)

// readmeConfig reads the rows of the Configuration table whose first cell
// names a flag.
func readmeConfig(t *testing.T, readme string) []configRow {
	t.Helper()
	var rows []configRow
	in := false
	for i, l := range strings.Split(readme, "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			in = l == "## Configuration"
			continue
		case !in || !strings.HasPrefix(l, "|") || strings.HasPrefix(l, "|---") || strings.HasPrefix(l, "| setting"):
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) < 2 {
			t.Fatalf("README.md:%d: a Configuration row without a default: %q", i+1, l)
		}
		m := configFlagRe.FindStringSubmatch(strings.TrimSpace(cells[0]))
		if m == nil {
			t.Fatalf("README.md:%d: the setting %q names no flag", i+1, cells[0])
		}
		def := strings.TrimSpace(cells[1])
		if d := configDefRe.FindStringSubmatch(def); d != nil {
			def = d[1]
		}
		rows = append(rows, configRow{line: i + 1, command: strings.Fields(m[1]), flag: m[2], def: def})
	}
	if len(rows) == 0 {
		t.Fatal("README.md: no flag rows in the Configuration table")
	}
	return rows
}

// sameDefault reports whether a default as the README words it ("off",
// "all cores", "8 MiB", "1s", "2000", "./taqrir-data") is the flag's.
func sameDefault(f *pflag.Flag, readme string) bool {
	switch f.Value.Type() {
	case "bool":
		return (readme == "off") == (f.DefValue == "false") && (readme == "on") == (f.DefValue == "true")
	case "duration":
		got, err := time.ParseDuration(f.DefValue)
		if err != nil {
			return false
		}
		if readme == "off" {
			return got == 0
		}
		want, err := time.ParseDuration(readme)
		return err == nil && want == got
	case "int", "int64", "uint8", "uint64":
		got, err := strconv.ParseInt(f.DefValue, 10, 64)
		if err != nil {
			return false
		}
		if readme == "all cores" {
			// 0 means one worker per core, and the help says so.
			return got == 0 && strings.Contains(f.Usage, "all cores")
		}
		if readme == "off" {
			return got == 0
		}
		want, ok := parseSize(readme)
		return ok && want == got
	case "string":
		if readme == "off" {
			return f.DefValue == ""
		}
		return filepath.Clean(readme) == filepath.Clean(f.DefValue)
	}
	return false
}

// parseSize reads "2000", "8 MiB" or "512 KiB".
func parseSize(s string) (int64, bool) {
	num, unit, _ := strings.Cut(s, " ")
	n, err := strconv.ParseInt(strings.ReplaceAll(num, ",", ""), 10, 64)
	if err != nil {
		return 0, false
	}
	switch unit {
	case "":
		return n, true
	case "KiB":
		return n << 10, true
	case "MiB":
		return n << 20, true
	case "GiB":
		return n << 30, true
	}
	return 0, false
}

// TestREADMEConfigDefaults: every flag in README's Configuration table
// exists on the command it names, with the default the table gives.
func TestREADMEConfigDefaults(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	root := readmeRoot(t)
	for _, r := range readmeConfig(t, string(readme)) {
		name := strings.TrimSpace(strings.Join(r.command, " ") + " --" + r.flag)
		t.Run(name, func(t *testing.T) {
			cmd, rest, err := root.Find(r.command)
			if err != nil || len(rest) > 0 {
				t.Fatalf("README.md:%d: %q: no such command (%v)", r.line, name, err)
			}
			f := lookupFlag(cmd, r.flag)
			if f == nil {
				t.Fatalf("README.md:%d: %q: the command has no flag --%s", r.line, name, r.flag)
			}
			if !sameDefault(f, r.def) {
				t.Errorf("README.md:%d: %s: the README says the default is %q, the flag's is %q (%s)", r.line, name, r.def, f.DefValue, f.Usage)
			}
		})
	}
}

// readmeCommands returns the taqrir command lines of README's code blocks
// (continuation lines joined, comments cut), each with its line number.
func readmeCommands(readme string) (lines []string, at []int) {
	in := false
	var cur strings.Builder
	start := 0
	for i, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(l, "```") {
			in = !in
			continue
		}
		if !in {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		l = strings.TrimSpace(l)
		if j := strings.Index(l, " #"); j >= 0 {
			l = l[:j]
		}
		if c, ok := strings.CutSuffix(l, `\`); ok {
			cur.WriteString(c + " ")
			continue
		}
		cur.WriteString(l)
		full := cur.String()
		cur.Reset()
		for _, seg := range strings.Split(full, "|") {
			seg = strings.TrimSpace(seg)
			for _, p := range []string{"taqrir ", "go run ./cmd/taqrir "} {
				if rest, ok := strings.CutPrefix(seg, p); ok {
					lines = append(lines, rest)
					at = append(at, start)
				}
			}
		}
	}
	return lines, at
}

// shellWords splits a command line on spaces outside quotes.
func shellWords(s string) []string {
	var out []string
	var w strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, w.String())
	}
	return out
}

// TestREADMEFlagsExist: every flag a README example passes to taqrir is a
// flag of that command (a renamed flag must not leave the README behind).
func TestREADMEFlagsExist(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	root := readmeRoot(t)
	root.InitDefaultVersionFlag() // cobra adds --version and --help when it runs
	root.InitDefaultHelpFlag()
	lines, at := readmeCommands(string(readme))
	if len(lines) < 20 {
		t.Fatalf("README.md: found only %d taqrir command lines in code blocks", len(lines))
	}
	for i, l := range lines {
		words := shellWords(l)
		cmd := root
		for _, w := range words {
			if strings.HasPrefix(w, "-") && w != "-" {
				name, _, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
				if lookupFlag(cmd, name) == nil && (len(name) != 1 || cmd.Flags().ShorthandLookup(name) == nil) {
					t.Errorf("README.md:%d: taqrir %s: %q has no flag %s", at[i], l, cmd.CommandPath(), w)
				}
				continue
			}
			if sub, rest, err := cmd.Find([]string{w}); err == nil && len(rest) == 0 && sub != cmd {
				cmd = sub
			}
		}
		if cmd == root && l != "--version" && l != "--help" {
			t.Errorf("README.md:%d: taqrir %s: names no command", at[i], l)
		}
	}
}

// architectureTree returns the names ARCHITECTURE.md's storage tree lists
// in the data directory ("index.bleve/" keeps its slash; "report.html, .md,
// .json" gives three names).
func architectureTree(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile("../../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n## Storage\n")
	if !ok {
		t.Fatal("ARCHITECTURE.md: no Storage section")
	}
	_, rest, ok = strings.Cut(rest, "```\ntaqrir-data/\n")
	if !ok {
		t.Fatal("ARCHITECTURE.md: the Storage section has no taqrir-data/ tree")
	}
	block, _, _ := strings.Cut(rest, "```")
	var names []string
	for _, l := range strings.Split(strings.TrimRight(block, "\n"), "\n") {
		// The name is the first word, with the ".ext," words a comma
		// carries on to; the note follows.
		words := strings.Fields(l)
		if len(words) == 0 {
			continue
		}
		base := strings.TrimSuffix(words[0], ",")
		names = append(names, base)
		stem, _, _ := strings.Cut(base, ".")
		for i := 0; strings.HasSuffix(words[i], ",") && i+1 < len(words); i++ {
			names = append(names, stem+strings.TrimSuffix(words[i+1], ","))
		}
	}
	return names
}

// TestArchitectureStorageTree: ARCHITECTURE.md's data directory tree lists
// exactly the files taqrir keeps there: every path the commands build in
// the data directory is listed, and every listed name is one of them.
func TestArchitectureStorageTree(t *testing.T) {
	a := &app{dataDir: "D"}
	inDir := func(p string) string { return strings.TrimPrefix(p, "D"+string(filepath.Separator)) }
	want := map[string]string{
		inDir(a.storePath()):       "the store (app.storePath)",
		inDir(a.indexPath()) + "/": "the index (app.indexPath)",
		taqapp.StoriesFile:         "the stories (app.StoriesFile)",
		taqapp.StoriesListFile:     "the stories' listing (app.StoriesListFile)",
		fetch.ValidatorsFile:       "fetch.ValidatorsFile",
		feed.SeenFile:              "feed.SeenFile",
		datalock.FileName:          "datalock.FileName",
		taqapp.ServeAddrFile:       "app.ServeAddrFile",
		taqapp.SocketFile:          "app.SocketFile",
		taqapp.TokensFile:          "app.TokensFile",
		taqapp.SavedFile:           "app.SavedFile",
		taqapp.SourcesFile:         "app.SourcesFile",
	}
	for _, f := range render.Formats {
		want["report."+f] = "a demo report (render.Formats)"
	}
	listed := map[string]bool{}
	for _, n := range architectureTree(t) {
		listed[n] = true
		if want[n] == "" {
			t.Errorf("ARCHITECTURE.md's storage tree lists %q, which taqrir does not keep in the data directory", n)
		}
	}
	for n, what := range want {
		if !listed[n] {
			t.Errorf("ARCHITECTURE.md's storage tree does not list %q (%s)", n, what)
		}
	}
}

// taqrirImports returns the taqrir packages the non-test files of
// internal/<dir> import, as paths below internal/.
func taqrirImports(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("internal/%s: no Go files (%v)", dir, err)
	}
	const prefix = "github.com/taqrir/taqrir/internal/"
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			if p, ok := strings.CutPrefix(strings.Trim(im.Path.Value, `"`), prefix); ok {
				out[p] = true
			}
		}
	}
	return out
}

// TestArchitectureGroundFloor keeps ARCHITECTURE.md's stage line true:
// news and arabic stand on no stage, the stages it names import both,
// store imports news only, and the source stage and clean neither.
func TestArchitectureGroundFloor(t *testing.T) {
	doc, err := os.ReadFile("../../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "ground floor:  news") || !strings.Contains(string(doc), "arabic  analysis") {
		t.Error("ARCHITECTURE.md's stage line no longer shows news and arabic as the ground floor")
	}
	// The ground floor may one day stand on a data package of its own (a
	// shared table), but never on a stage: nothing it imports, directly or
	// through such a package, is a stage's package.
	stages := map[string]bool{}
	for _, p := range []string{"source", "fetch", "feed", "extract", "clean", "analyzer", "facts", "facts/ner",
		"facts/gazetteer", "facts/resolve", "facts/timex", "facts/quantity", "facts/claims", "store",
		"store/sqlite", "index", "ingest", "dedup", "story", "report", "render", "corpus", "eval", "cli"} {
		stages[p] = true
	}
	var below func(dir, from string, seen map[string]bool)
	below = func(dir, from string, seen map[string]bool) {
		for p := range taqrirImports(t, dir) {
			switch {
			case stages[p]:
				t.Errorf("internal/%s imports internal/%s (a stage): the ground floor must stand on no stage", from, p)
			case p != "news" && p != "arabic" && !seen[p]:
				seen[p] = true
				below(p, from, seen)
			}
		}
	}
	for _, dir := range []string{"news", "arabic"} {
		below(dir, dir, map[string]bool{})
	}
	if got := taqrirImports(t, "news"); got["arabic"] {
		t.Error("internal/news imports internal/arabic: the domain types must not need the analysis")
	}
	for _, dir := range []string{"extract", "facts", "facts/claims", "facts/gazetteer", "facts/quantity", "facts/resolve", "facts/timex", "index", "dedup", "story", "report", "cli"} {
		got := taqrirImports(t, dir)
		for _, floor := range []string{"arabic", "news"} {
			if !got[floor] {
				t.Errorf("ARCHITECTURE.md says internal/%s imports %s; it does not any more", dir, floor)
			}
		}
	}
	if got := taqrirImports(t, "store"); !got["news"] || got["arabic"] {
		t.Errorf("ARCHITECTURE.md says internal/store imports news only; it imports %v", got)
	}
	for _, dir := range []string{"source", "fetch", "feed", "clean"} {
		if got := taqrirImports(t, dir); got["news"] || got["arabic"] {
			t.Errorf("ARCHITECTURE.md says internal/%s imports neither news nor arabic; it imports %v", dir, got)
		}
	}
}
