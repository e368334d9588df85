package arabic

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The word lists the analysis stands on are data, not code: they live in
// lexicon/*.tsv, written by the taqrir authors, each file opening with
// comment lines that say what it holds, where it comes from and how it is
// written. They are embedded in the binary and parsed on first use (one
// sync.Once for the lexicon tables, one for the abbreviations), not at
// init, so a process that imports the package and never analyses text
// pays nothing for them.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// column describes one column of a word table.
type column struct {
	name     string
	required bool // the column must hold a word
	list     bool // the column holds |-separated words rather than one
}

// row is one data line of a word table: its line number and, for each
// column, its words (none for an empty optional column).
type row struct {
	line int
	cols [][]string
}

// parseTable parses the word table data of the file name. Lines starting
// with # and blank lines are skipped; every other line holds at most
// len(cols) tab-separated columns (missing trailing columns are empty). A
// list column holds words separated by |; spaces around a word are
// dropped, and a word must be valid UTF-8 with no space or control
// character inside. The error of a bad line names the file and the line.
func parseTable(name, data string, cols []column) ([]row, error) {
	var rows []row
	for n := 1; data != ""; n++ {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) > len(cols) {
			return nil, fmt.Errorf("%s:%d: %d tab-separated columns, want at most %d (%s)", name, n, len(fields), len(cols), columnNames(cols))
		}
		r := row{line: n, cols: make([][]string, len(cols))}
		for i, c := range cols {
			field := ""
			if i < len(fields) {
				field = strings.TrimSpace(fields[i])
			}
			if field == "" {
				if c.required {
					return nil, fmt.Errorf("%s:%d: column %q is empty", name, n, c.name)
				}
				continue
			}
			parts := []string{field}
			if c.list {
				parts = strings.Split(field, "|")
			}
			for _, w := range parts {
				w = strings.TrimSpace(w)
				if err := checkWord(w); err != nil {
					return nil, fmt.Errorf("%s:%d: column %q: %w", name, n, c.name, err)
				}
				r.cols[i] = append(r.cols[i], w)
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// checkWord reports what is wrong with a word of a table, if anything.
func checkWord(w string) error {
	if w == "" {
		return fmt.Errorf("empty word (a stray |?)")
	}
	if !utf8.ValidString(w) {
		return fmt.Errorf("word %q is not valid UTF-8", w)
	}
	if strings.ContainsRune(w, '|') {
		return fmt.Errorf("word %q holds |, which only separates the words of a list column", w)
	}
	for _, r := range w {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("word %q holds a space or control character %U (one word per place; | between words)", w, r)
		}
	}
	return nil
}

func columnNames(cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// wordLists are the lexicon tables as written, each group a line's words
// with the line's head first.
type wordLists struct {
	stopwords []string
	aliases   [][]string // key, then the other spellings
	protected [][]string // stem, then the other forms
	plurals   [][]string // singular, then its broken plurals
	numbers   [][]string // digits or "-", the word, then the other forms
	synonyms  [][]string // a synonym group
}

// readTable reads and parses one table of fsys.
func readTable(fsys fs.FS, file string, cols ...column) ([]row, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	return parseTable(file, string(data), cols)
}

// groups joins the columns of each row into one group of words.
func groups(rows []row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r.cols {
			out[i] = append(out[i], c...)
		}
	}
	return out
}

// readWordLists reads the lexicon tables of fsys (lexiconFiles, or a
// rewritten copy in tests).
func readWordLists(fsys fs.FS) (*wordLists, error) {
	var w wordLists
	word := func(name string) column { return column{name: name, required: true} }
	list := func(name string) column { return column{name: name, list: true} }
	rows, err := readTable(fsys, "lexicon/stopwords.tsv", word("word"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		w.stopwords = append(w.stopwords, r.cols[0][0])
	}
	for _, t := range []struct {
		file string
		dst  *[][]string
		cols []column
	}{
		{"lexicon/aliases.tsv", &w.aliases, []column{word("key"), list("other spellings")}},
		{"lexicon/protected.tsv", &w.protected, []column{word("stem"), list("other forms")}},
		{"lexicon/plurals.tsv", &w.plurals, []column{word("singular"), list("broken plurals")}},
		{"lexicon/numbers.tsv", &w.numbers, []column{word("digits"), word("word"), list("other forms")}},
		{"lexicon/synonyms.tsv", &w.synonyms, []column{{name: "words", required: true, list: true}}},
	} {
		rows, err := readTable(fsys, t.file, t.cols...)
		if err != nil {
			return nil, err
		}
		if t.dst == &w.numbers {
			for _, r := range rows {
				if d := r.cols[0][0]; d != "-" && strings.Trim(d, "0123456789") != "" {
					return nil, fmt.Errorf("%s:%d: digits %q are neither ASCII digits nor -", t.file, r.line, d)
				}
			}
		}
		*t.dst = groups(rows)
	}
	return &w, nil
}

// readAbbreviations reads lexicon/abbreviations.tsv of fsys.
func readAbbreviations(fsys fs.FS) (map[string]bool, error) {
	rows, err := readTable(fsys, "lexicon/abbreviations.tsv", column{name: "abbreviation", required: true})
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(rows))
	for _, r := range rows {
		m[r.cols[0][0]] = true
	}
	return m, nil
}

var tablesOnce sync.Once

// loadTables builds the lexicon tables from the embedded word lists the
// first time it is called; every exported function that reads them calls
// it first, so the rest of the package reads plain maps. The embedded
// files are part of the source, and TestEmbeddedTablesParse proves they
// parse: a failure here is a broken build, reported with file and line.
func loadTables() {
	tablesOnce.Do(func() {
		w, err := readWordLists(lexiconFiles)
		if err != nil {
			panic("arabic: embedded word list: " + err.Error())
		}
		buildLexicon(w)
	})
}

// latinAbbrev holds the abbreviations of lexicon/abbreviations.tsv.
var latinAbbrevs = sync.OnceValue(func() map[string]bool {
	m, err := readAbbreviations(lexiconFiles)
	if err != nil {
		panic("arabic: embedded word list: " + err.Error())
	}
	return m
})
