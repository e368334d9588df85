package testsuite

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// Row is one case of a TSV suite.
type Row struct {
	Line     int      // 1-based line number in the file, for messages
	Category string   // the latest "# category:" above it ("" before any)
	Cols     []string // the tab-separated columns
}

// ReadTSV reads a suite file: blank lines and "#" comments are skipped, a
// "# category: NAME" line names the category of the rows below it, and
// every other line must have exactly cols columns (the test fails naming
// the file and line otherwise).
func ReadTSV(tb testing.TB, path string, cols int) []Row {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows []Row
	category := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(line, "# category:"); ok {
			category = strings.TrimSpace(rest)
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != cols {
			tb.Fatalf("%s:%d: %d columns, want %d", path, n, len(c), cols)
		}
		rows = append(rows, Row{Line: n, Category: category, Cols: c})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return rows
}
