package quantity

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/wordtable"
)

func fold(w string) string { return arabic.Fold(w) }

// wordKind is the role of a number word in a compound number.
type wordKind uint8

const (
	wkUnit     wordKind = iota + 1 // 1-10 and the teens' first word
	wkTen                          // عشرون … تسعون
	wkHundred                      // مئة، مئتان، ثلاثمائة
	wkScale                        // ألف، مليون، مليار and their duals and plurals
	wkFraction                     // نصف، ربع، ثلث
	wkVague                        // عشرات، مئات، آلاف (alone), بضعة
)

type numWord struct {
	kind  wordKind
	value float64
	// mult: for a scale, the multiplier (1000); value is then what the word
	// is worth alone (ألفين = 2000, آلاف = 1000).
	mult float64
}

// The word lists quantity extraction reads are data, not code: they live
// in lexicon/*.tsv, written by the taqrir authors, each file opening with
// comment lines that say what it holds, where it comes from and how it is
// written. They are embedded in the binary and parsed on first use
// (loadLexicon), not at init; every word is keyed by its arabic.Fold form.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// The tables of lexicon/*.tsv, filled by loadLexicon; the files say what
// each holds.
var (
	numWords     map[string]numWord // number words (numbers.tsv)
	currencies   map[string]string  // written form → currency (currencies.tsv)
	units        map[string]string  // written form → unit (units.tsv)
	countedNouns map[string]string  // written form → the singular noun counted (nouns.tsv)
	// approxPhrases are the approximation phrases before a number, folded
	// and split into words, longest first (words.tsv).
	approxPhrases [][]string

	// word sets of words.tsv, folded
	accusativeScale, adverbs, unitQualifiers, vagueScales, weakAlone, approxAfter map[string]bool
	percentIn, percentHund, percentBi, timeUnits, referenceCues, countCues        map[string]bool
	notCounted, idiomOne                                                          map[string]bool
)

// percentSigns are the two percent signs: symbols, not words, kept here.
var percentSigns = map[string]bool{"%": true, "٪": true}

// setVars are the word sets lexicon/words.tsv must define, each with the
// variable loadLexicon fills from it; approxPhrases is read apart.
func setVars() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"accusativeScale": &accusativeScale, "adverbs": &adverbs, "unitQualifiers": &unitQualifiers,
		"vagueScales": &vagueScales, "weakAlone": &weakAlone, "approxAfter": &approxAfter,
		"percentIn": &percentIn, "percentHund": &percentHund, "percentBi": &percentBi,
		"timeUnits": &timeUnits, "referenceCues": &referenceCues, "countCues": &countCues,
		"notCounted": &notCounted, "idiomOne": &idiomOne,
	}
}

// lexicon is the parsed content of lexicon/*.tsv.
type lexicon struct {
	numWords                        map[string]numWord
	currencies, units, countedNouns map[string]string
	approxPhrases                   [][]string
	sets                            map[string]map[string]bool
}

// wordKinds names the kinds of numbers.tsv.
var wordKinds = map[string]wordKind{
	"unit": wkUnit, "ten": wkTen, "hundred": wkHundred, "scale": wkScale, "fraction": wkFraction, "vague": wkVague,
}

// readLexicon reads the tables of fsys (lexiconFiles, or a rewritten copy
// in tests).
func readLexicon(fsys fs.FS) (*lexicon, error) {
	lx := &lexicon{sets: map[string]map[string]bool{}}
	var err error
	if lx.numWords, err = readNumbers(fsys, "lexicon/numbers.tsv"); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		file string
		dst  *map[string]string
	}{
		{"lexicon/currencies.tsv", &lx.currencies},
		{"lexicon/units.tsv", &lx.units},
		{"lexicon/nouns.tsv", &lx.countedNouns},
	} {
		if *t.dst, err = wordtable.Forms(fsys, t.file, "name", fold); err != nil {
			return nil, err
		}
	}
	sets, err := wordtable.Sets(fsys, "lexicon/words.tsv", append(wordtable.SetsNamed(slices.Sorted(maps.Keys(setVars()))...), wordtable.Set{Name: "approxPhrases", Phrases: true})...)
	if err != nil {
		return nil, err
	}
	for name, words := range sets {
		if name == "approxPhrases" {
			for _, p := range words {
				lx.approxPhrases = append(lx.approxPhrases, strings.Fields(fold(p)))
			}
			continue
		}
		m := make(map[string]bool, len(words))
		for _, w := range words {
			m[fold(w)] = true
		}
		lx.sets[name] = m
	}
	return lx, nil
}

// readNumbers reads numbers.tsv: kind, value, multiplier (scales only)
// and forms. A form listed twice keeps its last line.
func readNumbers(fsys fs.FS, file string) (map[string]numWord, error) {
	word := func(name string) wordtable.Column { return wordtable.Column{Name: name, Required: true} }
	rows, err := wordtable.Read(fsys, file, word("kind"), word("value"), wordtable.Column{Name: "multiplier"}, wordtable.Column{Name: "forms", Required: true, List: true})
	if err != nil {
		return nil, err
	}
	m := map[string]numWord{}
	for _, r := range rows {
		kind, ok := wordKinds[r.Cols[0][0]]
		if !ok {
			return nil, r.Errorf("unknown kind %q (want one of %s)", r.Cols[0][0], strings.Join(slices.Sorted(maps.Keys(wordKinds)), ", "))
		}
		v, err := parseValue(r.Cols[1][0])
		if err != nil {
			return nil, r.Errorf("value: %v", err)
		}
		var mult float64
		switch {
		case kind == wkScale && r.Cols[2] == nil:
			return nil, r.Errorf("a scale needs a multiplier")
		case kind != wkScale && r.Cols[2] != nil:
			return nil, r.Errorf("only a scale has a multiplier")
		case kind == wkScale:
			if mult, err = parseValue(r.Cols[2][0]); err != nil {
				return nil, r.Errorf("multiplier: %v", err)
			}
		}
		for _, f := range r.Cols[3] {
			m[fold(f)] = numWord{kind, v, mult}
		}
	}
	return m, nil
}

// parseValue parses a positive decimal number or a fraction a/b.
func parseValue(s string) (float64, error) {
	num, den, frac := strings.Cut(s, "/")
	v, err := strconv.ParseFloat(num, 64)
	if err == nil && frac {
		var d float64
		if d, err = strconv.ParseFloat(den, 64); err == nil {
			if d == 0 {
				return 0, fmt.Errorf("%q divides by zero", s)
			}
			v /= d
		}
	}
	if err != nil || v <= 0 || v != v || v > 1e15 {
		return 0, fmt.Errorf("%q is no positive number or fraction a/b", s)
	}
	return v, nil
}

var lexiconOnce sync.Once

// loadLexicon fills the tables from the embedded files the first time it
// is called; the exported functions call it first, so the rest of the
// package reads plain maps. The embedded files are part of the source,
// and TestEmbeddedLexiconParses proves they parse: a failure here is a
// broken build, reported with file and line.
func loadLexicon() {
	lexiconOnce.Do(func() {
		lx, err := readLexicon(lexiconFiles)
		if err != nil {
			panic(fmt.Sprintf("quantity: embedded word list: %v", err))
		}
		for name, dst := range setVars() {
			*dst = lx.sets[name]
		}
		numWords, currencies, units, countedNouns, approxPhrases = lx.numWords, lx.currencies, lx.units, lx.countedNouns, lx.approxPhrases
	})
}
