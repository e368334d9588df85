package timex

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/taqrir/taqrir/internal/arabic"
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
	if err := wordtable.CheckFiles(lexiconFiles, "lexicon/*.tsv", "lexicon/hijri.tsv", "lexicon/numbered.tsv", "lexicon/units.tsv", "lexicon/words.tsv"); err != nil {
		t.Error(err)
	}
	for name := range setVars() {
		if len(lx.sets[name]) == 0 {
			t.Errorf("set %s is empty", name)
		}
	}
	for name := range singleVars() {
		if lx.singles[name] == "" {
			t.Errorf("single word %s is empty", name)
		}
	}
	// every Hijri month and Gregorian month is named, and every word of
	// the tables is in the vocabulary
	months := map[int]bool{}
	for _, m := range lx.hijriOne {
		months[m] = true
	}
	for _, q := range lx.hijriTwo {
		for _, m := range q {
			months[m] = true
		}
	}
	greg := map[int]bool{}
	for _, m := range lx.valued["months"] {
		greg[m] = true
	}
	if len(months) != 12 || len(greg) != 12 {
		t.Errorf("%d Hijri months and %d Gregorian months named, want 12 each", len(months), len(greg))
	}
	for w := range lx.units {
		if !lx.vocab[w] {
			t.Errorf("unit word %s is not in the vocabulary", w)
		}
	}
	if !lx.vocab[arabic.Fold("إبريل")] || !lx.vocab[arabic.Fold("ذي")] {
		t.Error("month words missing from the vocabulary")
	}
}

func TestReadLexiconErrors(t *testing.T) {
	files := []string{"lexicon/words.tsv", "lexicon/numbered.tsv", "lexicon/units.tsv", "lexicon/hijri.tsv"}
	for _, tt := range []struct{ file, data, err string }{
		{"lexicon/numbered.tsv", "# h\nmonth\t1\tيناير\n", `lexicon/numbered.tsv:2: unknown set "month"`},
		{"lexicon/numbered.tsv", "months\tone\tيناير\n", `lexicon/numbered.tsv:1: value "one" is no integer`},
		{"lexicon/numbered.tsv", "months\t1\tيناير\n", `lexicon/numbered.tsv: no words for the set`},
		{"lexicon/units.tsv", "days\tsingular\tيوم\n", `lexicon/units.tsv:1: unknown unit "days"`},
		{"lexicon/units.tsv", "day\tdouble\tيومين\n", `lexicon/units.tsv:1: unknown number "double"`},
		{"lexicon/hijri.tsv", "13\tمحرم\t\n", `lexicon/hijri.tsv:1: month "13" is not 1 to 12`},
		{"lexicon/hijri.tsv", "1\n", `lexicon/hijri.tsv:1: column "first words" is empty`},
		{"lexicon/words.tsv", "kanun\tكانون|كانن\n", `the set "kanun" holds 2 words, want one`},
	} {
		fsys := fstest.MapFS{}
		for _, f := range files {
			data, _ := fs.ReadFile(lexiconFiles, f)
			if f == tt.file {
				if tt.file == "lexicon/words.tsv" {
					// replace one set, keep the others
					var keep []string
					for _, l := range strings.Split(string(data), "\n") {
						if !strings.HasPrefix(l, "kanun\t") {
							keep = append(keep, l)
						}
					}
					data = []byte(strings.Join(keep, "\n") + "\n" + tt.data)
				} else {
					data = []byte(tt.data)
				}
			}
			fsys[f] = &fstest.MapFile{Data: data}
		}
		if _, err := readLexicon(fsys); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s = %q: error %v, want one containing %q", tt.file, tt.data, err, tt.err)
		}
	}
}
