package claims

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
	if err := wordtable.CheckFiles(lexiconFiles, "lexicon/*.tsv", "lexicon/participles.tsv", "lexicon/verbs.tsv", "lexicon/words.tsv"); err != nil {
		t.Error(err)
	}
	for name := range setVars() {
		if len(lx.sets[name]) == 0 {
			t.Errorf("set %s is empty", name)
		}
	}
	if len(lx.verbs) == 0 || len(lx.participles) == 0 {
		t.Errorf("%d verb forms, %d participles", len(lx.verbs), len(lx.participles))
	}
}

func TestReadLexiconErrors(t *testing.T) {
	files := []string{"lexicon/words.tsv", "lexicon/verbs.tsv", "lexicon/participles.tsv"}
	for _, tt := range []struct{ file, data, err string }{
		{"lexicon/words.tsv", "# h\nrelative\tالتي\n", `lexicon/words.tsv:2: unknown set "relative"`},
		{"lexicon/words.tsv", "relatives\tالتي الذي\n", `lexicon/words.tsv:1: set "relatives": word "التي الذي" holds a space`},
		{"lexicon/verbs.tsv", "# h\nقال\tقال|قالت\nأفاد\tافاد|قالت\n", `lexicon/verbs.tsv:3: form "قالت" is already a form of "قال"`},
		{"lexicon/participles.tsv", "أضاف\n", `lexicon/participles.tsv:1: column "forms" is empty`},
		{"lexicon/verbs.tsv", "قال\tقال قالت\n", `lexicon/verbs.tsv:1: column "forms": word "قال قالت" holds a space`},
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
