package wordtable

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Column describes one tab-separated column of a table.
type Column struct {
	Name     string
	Required bool // the column must hold a word
	List     bool // the column holds |-separated words rather than one
	Phrase   bool // a word of the column may be a phrase: words joined by single spaces
}

// Row is one data line of a table: where it was read and, for each column,
// its words (none for an empty optional column).
type Row struct {
	File string
	Line int
	Cols [][]string
}

// Errorf returns an error that names the row's file and line.
func (r Row) Errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.File, r.Line, fmt.Sprintf(format, args...))
}

// Parse parses the table data of the file name. Lines starting with # and
// blank lines are skipped; every other line holds at most len(cols)
// tab-separated columns (missing trailing columns are empty). A list
// column holds words separated by |; spaces around a word are dropped, and
// a word must be valid UTF-8 with no control character and no space
// inside (a phrase column allows single spaces between its words). The
// error of a bad line names the file and the line.
func Parse(name, data string, cols ...Column) ([]Row, error) {
	var rows []Row
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
		r := Row{File: name, Line: n, Cols: make([][]string, len(cols))}
		for i, c := range cols {
			field := ""
			if i < len(fields) {
				field = strings.TrimSpace(fields[i])
			}
			if field == "" {
				if c.Required {
					return nil, r.Errorf("column %q is empty", c.Name)
				}
				continue
			}
			parts := []string{field}
			if c.List {
				parts = strings.Split(field, "|")
			}
			for _, w := range parts {
				w = strings.TrimSpace(w)
				if err := checkWord(w, c.Phrase); err != nil {
					return nil, r.Errorf("column %q: %v", c.Name, err)
				}
				r.Cols[i] = append(r.Cols[i], w)
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Read reads the file of fsys and parses it with Parse.
func Read(fsys fs.FS, file string, cols ...Column) ([]Row, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	return Parse(file, string(data), cols...)
}

// Forms reads a table of heads and their forms (a head, then its |
// forms) into a map from each form's key (key(form); the form itself when
// key is nil) to its head. head names the first column in errors. A form
// under two heads is an error naming the file and the line.
func Forms(fsys fs.FS, file, head string, key func(string) string) (map[string]string, error) {
	rows, err := Read(fsys, file, Column{Name: head, Required: true}, Column{Name: "forms", Required: true, List: true})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		for _, w := range r.Cols[1] {
			k := w
			if key != nil {
				k = key(w)
			}
			if prev, dup := out[k]; dup && prev != r.Cols[0][0] {
				return nil, r.Errorf("form %q is already a form of %q", w, prev)
			}
			out[k] = r.Cols[0][0]
		}
	}
	return out, nil
}

// Set names a word set of a Sets file; a phrase set's words may be
// phrases (words joined by single spaces), another set's may not.
type Set struct {
	Name    string
	Phrases bool
}

// SetsNamed returns a Set for each name, none of them a phrase set.
func SetsNamed(names ...string) []Set {
	out := make([]Set, len(names))
	for i, n := range names {
		out[i] = Set{Name: n}
	}
	return out
}

// Sets reads a file of named word sets: a set name, then its words (|
// separated). A set may continue on later lines under the same name; its
// words are returned in the order written. Every name must be one of
// sets, and every one of sets must be given words: a misspelt name, or a
// phrase in a set of single words, is an error naming the file and the
// line.
func Sets(fsys fs.FS, file string, sets ...Set) (map[string][]string, error) {
	rows, err := Read(fsys, file, Column{Name: "set", Required: true}, Column{Name: "words", Required: true, List: true, Phrase: true})
	if err != nil {
		return nil, err
	}
	want := make(map[string]Set, len(sets))
	names := make([]string, len(sets))
	for i, s := range sets {
		want[s.Name] = s
		names[i] = s.Name
	}
	out := make(map[string][]string, len(sets))
	for _, r := range rows {
		name := r.Cols[0][0]
		set, ok := want[name]
		if !ok {
			return nil, r.Errorf("unknown set %q (want one of %s)", name, strings.Join(names, ", "))
		}
		for _, w := range r.Cols[1] {
			if !set.Phrases && strings.Contains(w, " ") {
				return nil, r.Errorf("set %q: word %q holds a space (a set of single words; | between words)", name, w)
			}
		}
		out[name] = append(out[name], r.Cols[1]...)
	}
	for _, n := range names {
		if len(out[n]) == 0 {
			return nil, fmt.Errorf("%s: no words for the set %q", file, n)
		}
	}
	return out, nil
}

// CheckFiles checks that the files of fsys matching glob are exactly want
// (sorted), each opening with the header CheckHeader asks for: the test
// every package with embedded tables runs, so a table read by no code, or
// a table without its provenance, cannot ship.
func CheckFiles(fsys fs.FS, glob string, want ...string) error {
	files, err := fs.Glob(fsys, glob)
	if err != nil {
		return err
	}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		return fmt.Errorf("embedded tables %v, the code reads %v", files, want)
	}
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err == nil {
			err = CheckHeader(f, string(data))
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// CheckHeader reports whether the data of the file name opens with the
// header convention: comment lines starting "# " before the first data
// line, saying what the file holds, that it is written by the taqrir
// authors (its source), and how it is written ("How written:").
func CheckHeader(name, data string) error {
	var head []string
	for _, line := range strings.Split(data, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		head = append(head, line)
	}
	switch {
	case len(head) == 0 || !strings.HasPrefix(head[0], "# "):
		return fmt.Errorf("%s: does not open with a '# ' line saying what it holds", name)
	case !strings.Contains(strings.Join(head, "\n"), "written by the taqrir authors"):
		return fmt.Errorf("%s: header does not say it is written by the taqrir authors", name)
	case !strings.Contains(strings.Join(head, "\n"), "How written:"):
		return fmt.Errorf("%s: header does not say how it is written (How written:)", name)
	}
	return nil
}

// checkWord reports what is wrong with a word of a table, if anything.
func checkWord(w string, phrase bool) error {
	if w == "" {
		return fmt.Errorf("empty word (a stray |?)")
	}
	if !utf8.ValidString(w) {
		return fmt.Errorf("word %q is not valid UTF-8", w)
	}
	if strings.ContainsRune(w, '|') {
		return fmt.Errorf("word %q holds |, which only separates the words of a list column", w)
	}
	if phrase && strings.Contains(w, "  ") {
		return fmt.Errorf("phrase %q holds two spaces in a row (one between words)", w)
	}
	for _, r := range w {
		if phrase && r == ' ' {
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("word %q holds a space or control character %U (one word per place; | between words)", w, r)
		}
	}
	return nil
}

func columnNames(cols []Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
