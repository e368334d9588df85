package arabic

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/wordtable"
)

// testWordLists returns the embedded word lists as parsed.
func testWordLists(t testing.TB) *wordLists {
	t.Helper()
	w, err := readWordLists(lexiconFiles)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestEmbeddedTablesParse reads every embedded table, so a bad line fails
// here with its file and line rather than at a user's first analysis.
func TestEmbeddedTablesParse(t *testing.T) {
	w := testWordLists(t)
	abbr, err := readAbbreviations(lexiconFiles)
	if err != nil {
		t.Fatal(err)
	}
	// Every file is read by one of the two readers and opens with the
	// header convention (what it holds, who wrote it, how it is written).
	if err := wordtable.CheckFiles(lexiconFiles, "lexicon/*.tsv", "lexicon/abbreviations.tsv", "lexicon/aliases.tsv", "lexicon/numbers.tsv",
		"lexicon/plurals.tsv", "lexicon/protected.tsv", "lexicon/stopwords.tsv", "lexicon/synonyms.tsv"); err != nil {
		t.Error(err)
	}
	// None is empty.
	for name, n := range map[string]int{
		"stopwords": len(w.stopwords), "aliases": len(w.aliases), "protected": len(w.protected),
		"plurals": len(w.plurals), "numbers": len(w.numbers), "synonyms": len(w.synonyms), "abbreviations": len(abbr),
	} {
		if n == 0 {
			t.Errorf("table %s is empty", name)
		}
	}
}

func TestReadWordListsErrors(t *testing.T) {
	for _, tt := range []struct{ file, data, err string }{
		{"lexicon/numbers.tsv", "# h\n5\tخمسة\nx5\tخمس\n", `lexicon/numbers.tsv:3: digits "x5" are neither ASCII digits nor -`},
		{"lexicon/numbers.tsv", "5\n", `lexicon/numbers.tsv:1: column "word" is empty`},
		{"lexicon/stopwords.tsv", "في\tمن\n", "lexicon/stopwords.tsv:1: 2 tab-separated columns, want at most 1"},
		{"lexicon/aliases.tsv", "", ""},
	} {
		fsys := rewrittenTables(t, func(name, data string) string {
			if name == tt.file {
				return tt.data
			}
			return data
		})
		_, err := readWordLists(fsys)
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s = %q: %v", tt.file, tt.data, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s = %q: error %v, want one containing %q", tt.file, tt.data, err, tt.err)
		}
	}
	if _, err := readWordLists(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "lexicon/stopwords.tsv") {
		t.Errorf("readWordLists of an empty FS: error %v, want one naming the missing file", err)
	}
}

// rewrittenTables returns a copy of the embedded tables with each file's
// text passed through edit.
func rewrittenTables(t *testing.T, edit func(name, data string) string) fstest.MapFS {
	t.Helper()
	files, err := fs.Glob(lexiconFiles, "lexicon/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range files {
		data, err := fs.ReadFile(lexiconFiles, f)
		if err != nil {
			t.Fatal(err)
		}
		m[f] = &fstest.MapFile{Data: []byte(edit(f, string(data)))}
	}
	return m
}

// withTables builds the lexicon tables from w for the length of the test
// and restores the embedded ones after.
func withTables(t testing.TB, w *wordLists) {
	t.Helper()
	loadTables()
	lex, sk, ends, syn, sg, dg := lexicon, skeleton, skelEnds, synonyms, singularKey, digitKey
	t.Cleanup(func() {
		lexicon, skeleton, skelEnds, synonyms, singularKey, digitKey = lex, sk, ends, syn, sg, dg
		resetKnown()
	})
	buildLexicon(w)
}

// relay rewrites a table the way an editor might: the data lines moved
// (reversed, or with reverse false the last one moved to the top), the
// forms of each list column reversed, comments, blank lines and spaces
// added.
func relay(name, data string, reverse bool) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(data), "\n") {
		if strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if last := len(cols) - 1; last > 0 || name == "lexicon/synonyms.tsv" {
			forms := strings.Split(cols[last], "|")
			slices.Reverse(forms)
			cols[last] = strings.Join(forms, " | ")
		}
		lines = append(lines, strings.Join(cols, "\t")+"\n# a comment\n")
	}
	if reverse {
		slices.Reverse(lines)
	} else if n := len(lines); n > 0 {
		lines = append(lines[n-1:], lines[:n-1]...)
	}
	return "\n# moved about\n\n" + strings.Join(lines, "\n")
}

// TestFingerprintIgnoresLayout checks that the fingerprint hashes the
// tables as parsed: relaid tables hash the same, a reorder that changes
// what a form resolves to (a form listed on two lines keeps the first
// line's analysis) and a dropped line do not.
func TestFingerprintIgnoresLayout(t *testing.T) {
	if got := Fingerprint(); got != legacyFingerprint {
		t.Errorf("Fingerprint() = %s, want %s: the tables are not the ones indexes were built under (if the change is meant, it is, and this constant and movedFingerprint go)", got, legacyFingerprint)
	}
	lexiconOf := func() map[string]entry {
		m := map[string]entry{}
		for f, e := range lexicon {
			m[f] = *e
		}
		return m
	}
	loadTables()
	embedded := lexiconOf()
	for _, reverse := range []bool{false, true} {
		w, err := readWordLists(rewrittenTables(t, func(name, data string) string {
			// In protected.tsv some forms are listed twice (بحار as a
			// plural of بحر and a singular of بحارة): only there is line
			// order meaningful, so only there it is kept unless reverse.
			return relay(name, data, reverse || name != "lexicon/protected.tsv")
		}))
		if err != nil {
			t.Fatal(err)
		}
		withTables(t, w)
		same := cmp.Equal(embedded, lexiconOf(), cmp.AllowUnexported(entry{}))
		if !reverse && !same {
			t.Fatalf("relaid tables build another lexicon: %s", cmp.Diff(embedded, lexiconOf(), cmp.AllowUnexported(entry{})))
		}
		if got := tablesFingerprint(); (got == movedFingerprint) != same {
			t.Errorf("reverse %v: tables hash to %s (the embedded ones to %s), although the lexicon built is the same: %v", reverse, got, movedFingerprint, same)
		}
		if reverse {
			dropped := w.plurals[0]
			w.plurals = w.plurals[1:]
			buildLexicon(w)
			if got := tablesFingerprint(); got == movedFingerprint {
				t.Errorf("tables without the plural line %q hash the same", dropped)
			}
		}
	}
}

// BenchmarkLoadTables measures what the first analysis of a process pays
// (and what package init paid before the tables were loaded lazily):
// parsing the embedded word lists and building the lexicon tables.
func BenchmarkLoadTables(b *testing.B) {
	withTables(b, testWordLists(b))
	b.ReportAllocs()
	for b.Loop() {
		w, err := readWordLists(lexiconFiles)
		if err != nil {
			b.Fatal(err)
		}
		buildLexicon(w)
	}
}
