package wordtable

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	cols := []Column{{Name: "key", Required: true}, {Name: "forms", List: true}, {Name: "phrases", List: true, Phrase: true}}
	tests := []struct {
		name, data string
		want       [][][]string // each row's columns
		lines      []int
		err        string // substring of the error; "" for none
	}{
		{"empty", "", nil, nil, ""},
		{"comments and blanks", "# a\n\n   \n#\tb\n", nil, nil, ""},
		{"one row", "أ\tب|ج\n", [][][]string{{{"أ"}, {"ب", "ج"}, nil}}, []int{1}, ""},
		{"no final newline, CRLF", "# h\r\nأ\tب\r\nد", [][][]string{{{"أ"}, {"ب"}, nil}, {{"د"}, nil, nil}}, []int{2, 3}, ""},
		{"spaces around words", " أ \t ب | ج \n", [][][]string{{{"أ"}, {"ب", "ج"}, nil}}, []int{1}, ""},
		{"phrases", "أ\t\tما لا يقل عن|نحو\n", [][][]string{{{"أ"}, nil, {"ما لا يقل عن", "نحو"}}}, []int{1}, ""},
		{"too many columns", "# h\nأ\tب\tج\tد\n", nil, nil, "t.tsv:2: 4 tab-separated columns, want at most 3 (key, forms, phrases)"},
		{"required column empty", "\tب\n", nil, nil, `t.tsv:1: column "key" is empty`},
		{"stray bar", "أ\tب||ج\n", nil, nil, `t.tsv:1: column "forms": empty word`},
		{"trailing bar", "أ\tب|\n", nil, nil, `t.tsv:1: column "forms": empty word`},
		{"space inside a word", "أ\tب ج\n", nil, nil, `t.tsv:1: column "forms": word "ب ج" holds a space`},
		{"space instead of tab", "أ ب\n", nil, nil, `t.tsv:1: column "key": word "أ ب" holds a space`},
		{"two spaces in a phrase", "أ\t\tب  ج\n", nil, nil, `t.tsv:1: column "phrases": phrase "ب  ج" holds two spaces`},
		{"tab-like space in a phrase", "أ\t\tب\u00a0ج\n", nil, nil, `t.tsv:1: column "phrases": word "ب\u00a0ج" holds a space`},
		{"bar in a single-word column", "أ|ب\n", nil, nil, `t.tsv:1: column "key": word "أ|ب"`},
		{"control character", "أ\x00\n", nil, nil, `t.tsv:1: column "key": word "أ\x00" holds a space or control character U+0000`},
		{"invalid UTF-8", "\n\nأ\t\xff\n", nil, nil, `t.tsv:3: column "forms": word "\xff" is not valid UTF-8`},
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
			var rows [][][]string
			var lines []int
			for _, r := range got {
				if r.File != "t.tsv" {
					t.Errorf("row file %q", r.File)
				}
				rows = append(rows, r.Cols)
				lines = append(lines, r.Line)
			}
			if diff := cmp.Diff(tt.want, rows); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.lines, lines); diff != "" {
				t.Errorf("Parse lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSets(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.tsv":      {Data: []byte("# h\na\tب|ج\nb\tد\na\tه و\n")},
		"unknown.tsv": {Data: []byte("# h\na\tب\nc\tد\n")},
		"missing.tsv": {Data: []byte("a\tب\n")},
		"phrase.tsv":  {Data: []byte("a\tب\nb\tد|ه و\n")},
	}
	sets := []Set{{Name: "a", Phrases: true}, {Name: "b"}}
	got, err := Sets(fsys, "ok.tsv", sets...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][]string{"a": {"ب", "ج", "ه و"}, "b": {"د"}}, got); diff != "" {
		t.Errorf("Sets (-want +got):\n%s", diff)
	}
	for file, want := range map[string]string{
		"unknown.tsv": `unknown.tsv:3: unknown set "c"`,
		"missing.tsv": `missing.tsv: no words for the set "b"`,
		"phrase.tsv":  `phrase.tsv:2: set "b": word "ه و" holds a space`,
		"absent.tsv":  "absent.tsv",
	} {
		if _, err := Sets(fsys, file, sets...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Sets(%s) error = %v, want one containing %q", file, err, want)
		}
	}
}

func TestCheckHeader(t *testing.T) {
	good := "# word: one per line; cues, written by the taqrir authors\n# How written: one word per line.\nفي\n"
	if err := CheckHeader("g.tsv", good); err != nil {
		t.Errorf("CheckHeader(good) = %v", err)
	}
	for data, want := range map[string]string{
		"في\n# written by the taqrir authors\n# How written: x\n":      "does not open",
		"#no space\n# written by the taqrir authors; How written: x\n": "does not open",
		"# cues\n# How written: x\n":                                   "taqrir authors",
		"# cues, written by the taqrir authors\nفي\n# How written:\n":  "how it is written",
	} {
		if err := CheckHeader("b.tsv", data); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckHeader(%q) = %v, want one containing %q", data, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "# h\nأ\tب|ج\n", "أ\t\n\r\n", "\tب", "أ\tب||ج", "أ\t\xff", "أ\tب\tج\tد", "أ\t\tب ج|د"} {
		f.Add(s)
	}
	cols := []Column{{Name: "key", Required: true}, {Name: "forms", List: true}, {Name: "phrases", List: true, Phrase: true}}
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
			for i, c := range r.Cols {
				for _, w := range c {
					if w == "" || strings.ContainsAny(w, "\t\n|") || (i < 2 && strings.Contains(w, " ")) {
						t.Fatalf("bad word %q in column %d of %+v", w, i, r)
					}
				}
			}
		}
	})
}

func TestForms(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.tsv":  {Data: []byte("# h\nقال\tقال|قالت\nطن\tطن|أطنان|اطنان\n")},
		"dup.tsv": {Data: []byte("قال\tقالت\nأفاد\tقالت\n")},
	}
	fold := func(w string) string { return strings.ReplaceAll(w, "أ", "ا") }
	got, err := Forms(fsys, "ok.tsv", "lemma", fold)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"قال": "قال", "قالت": "قال", "طن": "طن", "اطنان": "طن"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Forms (-want +got):\n%s", diff)
	}
	if _, err := Forms(fsys, "dup.tsv", "lemma", nil); err == nil || !strings.Contains(err.Error(), `dup.tsv:2: form "قالت" is already a form of "قال"`) {
		t.Errorf("a form under two heads: %v", err)
	}
}

func TestCheckFiles(t *testing.T) {
	head := "# words\n# written by the taqrir authors\n# How written: one a line\n"
	fsys := fstest.MapFS{"l/a.tsv": {Data: []byte(head + "x\n")}, "l/b.tsv": {Data: []byte("x\n")}}
	if err := CheckFiles(fsys, "l/*.tsv", "l/a.tsv"); err == nil || !strings.Contains(err.Error(), "the code reads") {
		t.Errorf("an extra table: %v", err)
	}
	if err := CheckFiles(fsys, "l/*.tsv", "l/a.tsv", "l/b.tsv"); err == nil || !strings.Contains(err.Error(), "l/b.tsv") {
		t.Errorf("a table without its header: %v", err)
	}
	delete(fsys, "l/b.tsv")
	if err := CheckFiles(fsys, "l/*.tsv", "l/a.tsv"); err != nil {
		t.Errorf("a good set: %v", err)
	}
}
