package stance

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Pair is two statements and, when known, how they relate.
type Pair struct {
	S1, S2 string
	Label  Label
}

// ReadCSV reads labelled pairs from CSV with a header naming the columns
// s1, s2 and stance (in any order; other columns are ignored), as ANS
// writes them. name is used in errors. Every row must have both
// statements and a known label, and the text must be UTF-8.
func ReadCSV(r io.Reader, name string) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file: want a header s1,s2,stance", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	col := map[string]int{"s1": -1, "s2": -1, "stance": -1}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if j, ok := col[h]; ok && j < 0 {
			col[h] = i
		}
	}
	for _, c := range []string{"s1", "s2", "stance"} {
		if col[c] < 0 {
			return nil, fmt.Errorf("%s: header has no %s column: want s1,s2,stance", name, c)
		}
	}
	var out []Pair
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) (string, error) {
			i := col[c]
			if i >= len(rec) {
				return "", fmt.Errorf("%s:%d: %d fields, no %s", name, line, len(rec), c)
			}
			v := strings.TrimSpace(rec[i])
			if !utf8.ValidString(v) {
				return "", fmt.Errorf("%s:%d: %s is not UTF-8", name, line, c)
			}
			return v, nil
		}
		var p Pair
		if p.S1, err = get("s1"); err != nil {
			return nil, err
		}
		if p.S2, err = get("s2"); err != nil {
			return nil, err
		}
		if p.S1 == "" || p.S2 == "" {
			return nil, fmt.Errorf("%s:%d: empty statement", name, line)
		}
		lab, err := get("stance")
		if err != nil {
			return nil, err
		}
		if p.Label, err = ParseLabel(strings.ToLower(lab)); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no pairs after the header", name)
	}
	return out, nil
}

// ReadFile reads labelled pairs from a CSV file (see ReadCSV).
func ReadFile(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f, path)
}
