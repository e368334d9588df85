package quantity

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/taqrir/taqrir/internal/wordtable"
)

// TestEmbeddedLexiconParses reads every embedded table, so a bad line
// fails here with its file and line rather than at a user's first
// analysis, and checks that each opens with the gazetteer's header.
func TestEmbeddedLexiconParses(t *testing.T) {
	lx, err := readLexicon(lexiconFiles)
	if err != nil {
		t.Fatal(err)
	}
	if err := wordtable.CheckFiles(lexiconFiles, "lexicon/*.tsv", "lexicon/currencies.tsv", "lexicon/nouns.tsv", "lexicon/numbers.tsv", "lexicon/units.tsv", "lexicon/words.tsv"); err != nil {
		t.Error(err)
	}
	for name := range setVars() {
		if len(lx.sets[name]) == 0 {
			t.Errorf("set %s is empty", name)
		}
	}
	if len(lx.numWords) == 0 || len(lx.currencies) == 0 || len(lx.units) == 0 || len(lx.countedNouns) == 0 || len(lx.approxPhrases) == 0 {
		t.Errorf("an empty table: %d number words, %d currency forms, %d unit forms, %d noun forms, %d approximation phrases",
			len(lx.numWords), len(lx.currencies), len(lx.units), len(lx.countedNouns), len(lx.approxPhrases))
	}
	// the fractions are exact: ثلث is 1/3 as float64 division gives it
	if got := lx.numWords[fold("ثلث")].value; got != 1.0/3 {
		t.Errorf("ثلث = %v, want 1/3", got)
	}
}

func TestReadLexiconErrors(t *testing.T) {
	files := []string{"lexicon/numbers.tsv", "lexicon/currencies.tsv", "lexicon/units.tsv", "lexicon/nouns.tsv", "lexicon/words.tsv"}
	for _, tt := range []struct{ file, data, err string }{
		{"lexicon/numbers.tsv", "# h\nunits\t1\t\tواحد\n", `lexicon/numbers.tsv:2: unknown kind "units"`},
		{"lexicon/numbers.tsv", "scale\t1000\t\tألف\n", `lexicon/numbers.tsv:1: a scale needs a multiplier`},
		{"lexicon/numbers.tsv", "unit\t1\t1\tواحد\n", `lexicon/numbers.tsv:1: only a scale has a multiplier`},
		{"lexicon/numbers.tsv", "fraction\t1/0\t\tربع\n", `lexicon/numbers.tsv:1: value: "1/0" divides by zero`},
		{"lexicon/numbers.tsv", "unit\tواحد\t\tواحد\n", `lexicon/numbers.tsv:1: value: "واحد" is no positive number`},
		{"lexicon/numbers.tsv", "unit\t1\n", `lexicon/numbers.tsv:1: column "forms" is empty`},
		{"lexicon/units.tsv", "# h\nمتر\tمتر|مترا\nميل\tميل|أمتار|مترا\n", `lexicon/units.tsv:3: form "مترا" is already a form of "متر"`},
		{"lexicon/words.tsv", "adverb\tيوميا\n", `lexicon/words.tsv:1: unknown set "adverb"`},
	} {
		fsys := fstest.MapFS{}
		for _, f := range files {
			data, _ := fs.ReadFile(lexiconFiles, f)
			if f == tt.file {
				data = []byte(tt.data)
			}
			fsys[f] = &fstest.MapFile{Data: data}
		}
		if _, err := readLexicon(fsys); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s = %q: error %v, want one containing %q", tt.file, tt.data, err, tt.err)
		}
	}
}

func TestParseValue(t *testing.T) {
	for s, want := range map[string]float64{"1": 1, "0.25": 0.25, "1/3": 1.0 / 3, "2/3": 2.0 / 3, "1000000000000": 1e12} {
		if got, err := parseValue(s); err != nil || got != want {
			t.Errorf("parseValue(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "0", "-1", "1/", "/3", "1/0", "NaN", "Inf", "1e99", "x"} {
		if v, err := parseValue(s); err == nil {
			t.Errorf("parseValue(%q) = %v, want an error", s, v)
		}
	}
}
