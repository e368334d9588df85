package wordrep

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/google/renameio/v2"
)

// Entry is one unit of a table: its bit-string path and training count.
type Entry struct {
	Word  string
	Path  string
	Count int64
}

// Table maps units to cluster paths. Header holds the provenance lines
// written above the rows (without their "# ").
type Table struct {
	Classes int
	Header  []string
	Entries []Entry // most frequent first
	byWord  map[string]int
}

const tableMagic = "taqrir word clusters v1"

func (t *Table) index() {
	t.byWord = make(map[string]int, len(t.Entries))
	for i, e := range t.Entries {
		t.byWord[e.Word] = i
	}
}

// Lookup returns the entry of a raw word (through Unit), or of the unit
// itself.
func (t *Table) Lookup(word string) (Entry, bool) {
	if i, ok := t.byWord[Unit(word)]; ok {
		return t.Entries[i], true
	}
	if i, ok := t.byWord[word]; ok {
		return t.Entries[i], true
	}
	return Entry{}, false
}

// Path returns a raw word's cluster path, "" when the table does not know it.
func (t *Table) Path(word string) string {
	e, _ := t.Lookup(word)
	return e.Path
}

// Neighbour is a word near another: Shared is the length of their paths'
// common prefix, Score is Shared over the longer path (1: the same class).
type Neighbour struct {
	Entry
	Shared int
	Score  float64
}

// Similar returns up to n units nearest a raw word: those sharing the
// longest path prefix with it, the more frequent first. ok is false when
// the table does not know the word.
func (t *Table) Similar(word string, n int) (Entry, []Neighbour, bool) {
	q, ok := t.Lookup(word)
	if !ok {
		return q, nil, false
	}
	var out []Neighbour
	for _, e := range t.Entries {
		if e.Word == q.Word || e.Word == Unknown {
			continue
		}
		s := commonPrefix(q.Path, e.Path)
		out = append(out, Neighbour{e, s, float64(s) / float64(max(len(q.Path), len(e.Path)))})
	}
	slices.SortStableFunc(out, func(a, b Neighbour) int {
		if d := cmp.Compare(b.Shared, a.Shared); d != 0 {
			return d
		}
		if d := cmp.Compare(b.Score, a.Score); d != 0 {
			return d
		}
		return cmp.Compare(b.Count, a.Count)
	})
	return q, out[:min(n, len(out))], true
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Write writes the table gzip-compressed: "# " header lines (the format,
// the classes, the provenance), then one "unit TAB path TAB count" row a
// unit, most frequent first.
func (t *Table) Write(w io.Writer) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(gz)
	fmt.Fprintf(bw, "# %s\n# classes\t%d\n", tableMagic, t.Classes)
	for _, h := range t.Header {
		fmt.Fprintf(bw, "# %s\n", strings.ReplaceAll(h, "\n", " "))
	}
	for _, e := range t.Entries {
		fmt.Fprintf(bw, "%s\t%s\t%d\n", e.Word, e.Path, e.Count)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// WriteFile writes the table to a file, whole or not at all.
func (t *Table) WriteFile(path string) error { return writeFile(path, t.Write) }

// writeFile writes a file through write: beside path, then renamed over
// it, so an interrupted training run never leaves half a table where a
// whole one was.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := renameio.NewPendingFile(path, renameio.WithStaticPermissions(0o644))
	if err != nil {
		return err
	}
	defer f.Cleanup()
	if err := write(f); err != nil {
		return err
	}
	return f.CloseAtomicallyReplace()
}

// Read reads a table written by Write.
func Read(r io.Reader) (*Table, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("word table: %w", err)
	}
	defer gz.Close()
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	t := &Table{}
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if h, ok := strings.CutPrefix(s, "# "); ok && len(t.Entries) == 0 {
			switch {
			case line == 1:
				if h != tableMagic {
					return nil, fmt.Errorf("word table: line 1: not a taqrir word-cluster table (%q)", h)
				}
			case strings.HasPrefix(h, "classes\t"):
				n, err := strconv.Atoi(strings.TrimPrefix(h, "classes\t"))
				if err != nil {
					return nil, fmt.Errorf("word table: line %d: %w", line, err)
				}
				t.Classes = n
			default:
				t.Header = append(t.Header, h)
			}
			continue
		}
		if line == 1 {
			return nil, fmt.Errorf("word table: line 1: not a taqrir word-cluster table")
		}
		f := strings.Split(s, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("word table: line %d: want unit, path and count, got %d fields", line, len(f))
		}
		n, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("word table: line %d: %w", line, err)
		}
		if strings.Trim(f[1], "01") != "" {
			return nil, fmt.Errorf("word table: line %d: path %q is not a bit string", line, f[1])
		}
		t.Entries = append(t.Entries, Entry{f[0], f[1], n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("word table: %w", err)
	}
	t.index()
	return t, nil
}

// ReadFile reads a table from a file.
func ReadFile(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}
