package wordtable

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The cases below were internal/arabic's, from when it had a table parser
// of its own: the shapes of its lexicon files (a key, then a | list).

func TestParseLexiconShapes(t *testing.T) {
	cols := []Column{{Name: "key", Required: true}, {Name: "forms", List: true}}
	tests := []struct {
		name, data string
		want       []Row
		err        string // substring of the error; "" for none
	}{
		{"empty", "", nil, ""},
		{"comments and blanks", "# a\n\n   \n#\tb\n", nil, ""},
		{"one row", "أ\tب|ج\n", []Row{{"t.tsv", 1, [][]string{{"أ"}, {"ب", "ج"}}}}, ""},
		{"no final newline, CRLF", "# h\r\nأ\tب\r\nد", []Row{{"t.tsv", 2, [][]string{{"أ"}, {"ب"}}}, {"t.tsv", 3, [][]string{{"د"}, nil}}}, ""},
		{"empty optional column", "أ\t\n", []Row{{"t.tsv", 1, [][]string{{"أ"}, nil}}}, ""},
		{"spaces around words", " أ \t ب | ج \n", []Row{{"t.tsv", 1, [][]string{{"أ"}, {"ب", "ج"}}}}, ""},
		{"too many columns", "# h\nأ\tب\tج\n", nil, "t.tsv:2: 3 tab-separated columns, want at most 2 (key, forms)"},
		{"required column empty", "\tب\n", nil, `t.tsv:1: column "key" is empty`},
		{"stray bar", "أ\tب||ج\n", nil, `t.tsv:1: column "forms": empty word`},
		{"trailing bar", "أ\tب|\n", nil, `t.tsv:1: column "forms": empty word`},
		{"space inside a word", "أ\tب ج\n", nil, `t.tsv:1: column "forms": word "ب ج" holds a space`},
		{"space instead of tab", "أ ب\n", nil, `t.tsv:1: column "key": word "أ ب" holds a space`},
		{"bar in a single-word column", "أ|ب\n", nil, `t.tsv:1: column "key": word "أ|ب"`},
		{"control character", "أ\x00\n", nil, `t.tsv:1: column "key": word "أ\x00" holds a space or control character U+0000`},
		{"invalid UTF-8", "\n\nأ\t\xff\n", nil, `t.tsv:3: column "forms": word "\xff" is not valid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("t.tsv", tt.data, cols...)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseLexiconShapes(f *testing.F) {
	for _, s := range []string{"", "# h\nأ\tب|ج\n", "أ\t\n\r\n", "\tب", "أ\tب||ج", "أ\t\xff", "أ\tب\tج\tد"} {
		f.Add(s)
	}
	cols := []Column{{Name: "key", Required: true}, {Name: "forms", List: true}}
	f.Fuzz(func(t *testing.T, data string) {
		rows, err := Parse("fuzz.tsv", data, cols...)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.tsv:") {
				t.Fatalf("error %q does not name the file and line", err)
			}
			return
		}
		prev := 0
		for _, r := range rows {
			if r.Line <= prev || len(r.Cols) != len(cols) || len(r.Cols[0]) != 1 {
				t.Fatalf("bad row %+v after line %d", r, prev)
			}
			prev = r.Line
			for _, c := range r.Cols {
				for _, w := range c {
					if checkWord(w, false) != nil || strings.ContainsAny(w, "|\t") {
						t.Fatalf("row %d holds bad word %q", r.Line, w)
					}
				}
			}
		}
	})
}
