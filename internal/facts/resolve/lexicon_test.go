package resolve

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
	if err := wordtable.CheckFiles(lexiconFiles, "lexicon/*.tsv", "lexicon/capitals.tsv", "lexicon/contextual.tsv", "lexicon/demonyms.tsv", "lexicon/words.tsv"); err != nil {
		t.Error(err)
	}
	for _, name := range setNames() {
		if len(lx.sets[name]) == 0 {
			t.Errorf("set %s is empty", name)
		}
	}
	if len(lx.capitals) == 0 {
		t.Error("no capitals")
	}
}

func TestReadLexiconErrors(t *testing.T) {
	for _, tt := range []struct{ file, data, err string }{
		{"lexicon/words.tsv", "# h\nhonorifcs\tالشيخ\n", `lexicon/words.tsv:2: unknown set "honorifcs"`},
		{"lexicon/capitals.tsv", "# h\nواشنطن\tالولايات المتحدة\nواشنطن\tروسيا\n", `lexicon/capitals.tsv:3: capital "واشنطن" listed twice`},
		{"lexicon/capitals.tsv", "واشنطن\n", `lexicon/capitals.tsv:1: column "country" is empty`},
	} {
		fsys := fstest.MapFS{}
		for _, f := range []string{"lexicon/words.tsv", "lexicon/capitals.tsv"} {
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
