package arabic

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// VariantPair is one line of a variant test set: two words and the reason
// they are listed.
type VariantPair struct {
	A, B    string
	Comment string
	Line    int
}

// VariantSet is the spelling-variant test set: pairs that must share an
// index key and pairs that must not. internal/eval scores other analyzers
// against the same files.
type VariantSet struct {
	Same, Different []VariantPair
}

// ErrVariantFormat is returned for a malformed line in a variant file.
var ErrVariantFormat = errors.New("arabic: malformed variant line")

// LoadVariantSet reads same.tsv and different.tsv from dir. Each line is
// "wordA<TAB>wordB" optionally followed by "<TAB># comment"; blank lines and
// lines starting with # are skipped.
func LoadVariantSet(dir string) (*VariantSet, error) {
	same, err := readPairs(filepath.Join(dir, "same.tsv"))
	if err != nil {
		return nil, err
	}
	diff, err := readPairs(filepath.Join(dir, "different.tsv"))
	if err != nil {
		return nil, err
	}
	return &VariantSet{Same: same, Different: diff}, nil
}

func readPairs(path string) ([]VariantPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("arabic: open variant set: %w", err)
	}
	defer f.Close()
	var pairs []VariantPair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || strings.TrimSpace(cols[0]) == "" || strings.TrimSpace(cols[1]) == "" {
			return nil, fmt.Errorf("%w: %s:%d: want two tab-separated words, got %q", ErrVariantFormat, path, n, line)
		}
		p := VariantPair{A: strings.TrimSpace(cols[0]), B: strings.TrimSpace(cols[1]), Line: n}
		if len(cols) > 2 {
			p.Comment = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.Join(cols[2:], " ")), "#"))
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("arabic: read %s: %w", path, err)
	}
	return pairs, nil
}
