package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Pair is two spellings that a keyer must either give the same key (Same) or
// keep apart.
type Pair struct {
	A, B string
	Same bool
	// Note says what the pair tests, as given in the variant set.
	Note string
}

// A Keyer maps a word to the key it is indexed under. The empty key means the
// word is not indexed at all (a dropped stopword): such a word matches
// nothing, so it never shares a key, not even with another dropped word.
type Keyer func(word string) string

// VariantScore is how one keyer fares on a variant set.
type VariantScore struct {
	Keyer string
	// Share pairs: Recall = Shared / SharePairs.
	SharePairs, Shared int
	// Must-not pairs: Apart = KeptApart / NotPairs.
	NotPairs, KeptApart int
	// Over all pairs: Precision = CorrectSame / PredictedSame, where
	// PredictedSame counts every pair the keyer gave one key.
	PredictedSame, CorrectSame int
	// Dropped counts words given the empty key.
	Dropped int
	// Misses lists the share pairs given different keys and Merges the
	// must-not pairs given the same key, for reading.
	Misses, Merges []Pair
}

// Recall is the fraction of share pairs that share a key.
func (s VariantScore) Recall() float64 { return ratio(s.Shared, s.SharePairs) }

// Apart is the fraction of must-not pairs kept apart.
func (s VariantScore) Apart() float64 { return ratio(s.KeptApart, s.NotPairs) }

// Precision is the fraction of pairs given one key that should share one.
func (s VariantScore) Precision() float64 { return ratio(s.CorrectSame, s.PredictedSame) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScoreVariants runs k over every pair.
func ScoreVariants(name string, pairs []Pair, k Keyer) VariantScore {
	s := VariantScore{Keyer: name}
	for _, p := range pairs {
		ka, kb := k(p.A), k(p.B)
		if ka == "" {
			s.Dropped++
		}
		if kb == "" {
			s.Dropped++
		}
		same := ka != "" && ka == kb
		if same {
			s.PredictedSame++
		}
		if p.Same {
			s.SharePairs++
			if same {
				s.Shared++
				s.CorrectSame++
			} else {
				s.Misses = append(s.Misses, p)
			}
		} else {
			s.NotPairs++
			if same {
				s.Merges = append(s.Merges, p)
			} else {
				s.KeptApart++
			}
		}
	}
	return s
}

// BleveKeyer returns a keyer that runs the named bleve analyzer on a single
// word: the key is the term of the token it produces, the empty key when it
// drops the word, and the terms joined by a space in the rare case that it
// splits the word.
func BleveKeyer(analyzerName string) (Keyer, error) {
	a := bleve.NewIndexMapping().AnalyzerNamed(analyzerName)
	if a == nil {
		return nil, fmt.Errorf("eval: no bleve analyzer %q", analyzerName)
	}
	return func(word string) string {
		ts := a.Analyze([]byte(word))
		terms := make([]string, len(ts))
		for i, t := range ts {
			terms[i] = string(t.Term)
		}
		return strings.Join(terms, " ")
	}, nil
}

// ArKeyer is bleve's built-in Arabic analyzer as a keyer, the baseline.
func ArKeyer() Keyer {
	k, err := BleveKeyer(ar.AnalyzerName)
	if err != nil {
		// ar registers itself when its package is imported, as it is here.
		panic(err)
	}
	return k
}

// WriteVariantTable prints scores side by side, as percentages.
func WriteVariantTable(w io.Writer, scores []VariantScore) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "keyer\tshare recall\tkept apart\tprecision\tshare pairs\tmust-not pairs\tdropped words\t\n")
	for _, s := range scores {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t\n", s.Keyer,
			100*s.Recall(), 100*s.Apart(), 100*s.Precision(), s.SharePairs, s.NotPairs, s.Dropped)
	}
	return tw.Flush()
}

// DefaultVariantDir is the variant set of package arabic, relative to the
// repository root.
const DefaultVariantDir = "internal/arabic/testdata/variants"

// Variants scores arabic.Key, arabic.KeyNoStem and bleve's ar analyzer on the
// variant set in dir (same.tsv and different.tsv), in that order, and
// prints the table to w (nil for none).
func Variants(dir string, w io.Writer) ([]VariantScore, error) {
	set, err := arabic.LoadVariantSet(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	pairs := make([]Pair, 0, len(set.Same)+len(set.Different))
	for _, p := range set.Same {
		pairs = append(pairs, Pair{A: p.A, B: p.B, Same: true, Note: p.Comment})
	}
	for _, p := range set.Different {
		pairs = append(pairs, Pair{A: p.A, B: p.B, Same: false, Note: p.Comment})
	}
	scores := []VariantScore{
		ScoreVariants("taqrir Key", pairs, arabic.Key),
		ScoreVariants("taqrir KeyNoStem", pairs, arabic.KeyNoStem),
		ScoreVariants("bleve ar", pairs, ArKeyer()),
	}
	if w != nil {
		if err := WriteVariantTable(w, scores); err != nil {
			return nil, err
		}
	}
	return scores, nil
}
