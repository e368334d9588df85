package arabic

import (
	"embed"
	"io/fs"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/wordtable"
)

// The word lists the analysis stands on are data, not code: they live in
// lexicon/*.tsv, written by the taqrir authors, each file opening with
// comment lines that say what it holds, where it comes from and how it is
// written (read by internal/wordtable, the project's one table parser).
// They are embedded in the binary and parsed on first use (one
// sync.Once for the lexicon tables, one for the abbreviations), not at
// init, so a process that imports the package and never analyses text
// pays nothing for them.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

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

// groups joins the columns of each row into one group of words.
func groups(rows []wordtable.Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r.Cols {
			out[i] = append(out[i], c...)
		}
	}
	return out
}

// readWordLists reads the lexicon tables of fsys (lexiconFiles, or a
// rewritten copy in tests).
func readWordLists(fsys fs.FS) (*wordLists, error) {
	var w wordLists
	word := func(name string) wordtable.Column { return wordtable.Column{Name: name, Required: true} }
	list := func(name string) wordtable.Column { return wordtable.Column{Name: name, List: true} }
	rows, err := wordtable.Read(fsys, "lexicon/stopwords.tsv", word("word"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		w.stopwords = append(w.stopwords, r.Cols[0][0])
	}
	for _, t := range []struct {
		file string
		dst  *[][]string
		cols []wordtable.Column
	}{
		{"lexicon/aliases.tsv", &w.aliases, []wordtable.Column{word("key"), list("other spellings")}},
		{"lexicon/protected.tsv", &w.protected, []wordtable.Column{word("stem"), list("other forms")}},
		{"lexicon/plurals.tsv", &w.plurals, []wordtable.Column{word("singular"), list("broken plurals")}},
		{"lexicon/numbers.tsv", &w.numbers, []wordtable.Column{word("digits"), word("word"), list("other forms")}},
		{"lexicon/synonyms.tsv", &w.synonyms, []wordtable.Column{{Name: "words", Required: true, List: true}}},
	} {
		rows, err := wordtable.Read(fsys, t.file, t.cols...)
		if err != nil {
			return nil, err
		}
		if t.dst == &w.numbers {
			for _, r := range rows {
				if d := r.Cols[0][0]; d != "-" && strings.Trim(d, "0123456789") != "" {
					return nil, r.Errorf("digits %q are neither ASCII digits nor -", d)
				}
			}
		}
		*t.dst = groups(rows)
	}
	return &w, nil
}

// readAbbreviations reads lexicon/abbreviations.tsv of fsys.
func readAbbreviations(fsys fs.FS) (map[string]bool, error) {
	rows, err := wordtable.Read(fsys, "lexicon/abbreviations.tsv", wordtable.Column{Name: "abbreviation", Required: true})
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(rows))
	for _, r := range rows {
		m[r.Cols[0][0]] = true
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
