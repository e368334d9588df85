package eval

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"ascii punctuation splits", "Hello, world! co-op", []string{"Hello", "world", "co", "op"}},
		{"underscore joins", "snake_case x", []string{"snake_case", "x"}},
		{"arabic comma and quotes", "قال «الوزير»، أمس: نعم.", []string{"قال", "الوزير", "أمس", "نعم"}},
		{"harakat stay inside the word", "كَتَبَ الطالبُ", []string{"كَتَبَ", "الطالبُ"}},
		{"arabic-indic and ascii digits", "١٥ آذار 2021 و8.25%", []string{"١٥", "آذار", "2021", "و8", "25"}},
		{"tatweel is a letter (Lm), as for the AEB's \\w", "جـميل", []string{"جـميل"}},
		{"emoji and symbols split", "سلام😀عليكم ▲ 3", []string{"سلام", "عليكم", "3"}},
		{"latin accents", "café naïve", []string{"café", "naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Words(tt.in)); diff != "" {
				t.Errorf("Words(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestScorePage(t *testing.T) {
	tests := []struct {
		name      string
		truth     string
		got       string
		want      PageScore
		precision float64
		recall    float64
	}{
		// 5 words → shingles abcd, bcde on both sides.
		{"identical", "a b c d e", "a b c d e", PageScore{TP: 1}, 1, 1},
		// truth abcd, bcde; got abcd: tp 1, fn 1 → /2.
		{"half missed", "a b c d e", "a b c d", PageScore{TP: 0.5, FN: 0.5}, 1, 0.5},
		// got xabc, abcd; truth abcd: tp 1, fp 1.
		{"one extra word", "a b c d", "x a b c d", PageScore{TP: 0.5, FP: 0.5}, 0.5, 1},
		{"empty extraction", "a b c d e", "", PageScore{FN: 1}, 0, 0},
		{"nothing expected, something extracted", "", "a b c d", PageScore{FP: 1}, 0, 0},
		{"both empty", "", "  ", PageScore{}, 1, 1},
		// Fewer words than a shingle: one shingle of all the words.
		{"short texts match", "a b", "a, b!", PageScore{TP: 1}, 1, 1},
		{"short texts differ", "a b", "a c", PageScore{FP: 0.5, FN: 0.5}, 0, 0},
		// Multisets: truth abcd ×2, bcda, cdab, dabc = 5; got abcd ×1.
		{"repeated shingle counted once", "a b c d a b c d", "a b c d", PageScore{TP: 0.2, FN: 0.8}, 1, 0.2},
		// Got the text twice: abcd ×2, bcda, cdab, dabc; truth abcd: tp 1, fp 4.
		{"doubled extraction", "a b c d", "a b c d a b c d", PageScore{TP: 0.2, FP: 0.8}, 0.2, 1},
		// 6 words each, 3 shingles each. truth: w1..w6 → (1234)(2345)(3456); got w1 w2 w3 w4 X w6 → (1234)(234X)(34X6): tp 1, fp 2, fn 2.
		{"arabic word changed", "قال الوزير اليوم في العاصمة الرياض", "قال الوزير اليوم في المدينة الرياض", PageScore{TP: 0.2, FP: 0.4, FN: 0.4}, 1.0 / 3, 1.0 / 3},
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScorePage(tt.truth, tt.got)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("ScorePage (-want +got):\n%s", diff)
			}
			if p := got.Precision(); math.Abs(p-tt.precision) > 1e-12 {
				t.Errorf("precision = %v, want %v", p, tt.precision)
			}
			if r := got.Recall(); math.Abs(r-tt.recall) > 1e-12 {
				t.Errorf("recall = %v, want %v", r, tt.recall)
			}
		})
	}
}

func TestMeanScore(t *testing.T) {
	tests := []struct {
		name  string
		pages []PageScore
		want  Score
	}{
		{"no pages", nil, Score{}},
		{"one perfect page", []PageScore{{TP: 1}}, Score{Precision: 1, Recall: 1, F1: 1, Pages: 1}},
		// Precision over pages 1 and 2 only (the empty extraction has TP+FP = 0):
		// (1+1)/2; recall over all three: (1+0.5+0)/3; F1 = 2·1·0.5/1.5.
		{"empty extraction costs recall only", []PageScore{{TP: 1}, {TP: 0.5, FN: 0.5}, {FN: 1}},
			Score{Precision: 1, Recall: 0.5, F1: 2.0 / 3, Pages: 3}},
		// Precision (0.5+0)/2 over pages with output, recall (1)/1 over the
		// page that expected something: F1 = 2·0.25·1/1.25.
		{"extraction where nothing was expected", []PageScore{{TP: 0.5, FP: 0.5}, {FP: 1}},
			Score{Precision: 0.25, Recall: 1, F1: 0.4, Pages: 2}},
		{"both empty pages are skipped", []PageScore{{}, {TP: 1}}, Score{Precision: 1, Recall: 1, F1: 1, Pages: 2}},
		{"all empty extractions", []PageScore{{FN: 1}, {FN: 1}}, Score{Pages: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, MeanScore(tt.pages), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("MeanScore (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzScorePage(f *testing.F) {
	f.Add("a b c d e", "a b c d")
	f.Add("قال الوزير اليوم في العاصمة", "قال الوزير، اليوم")
	f.Add("", "x")
	f.Add("كَتَبَ\u0640ـ ١٥", "\xff\xfe a")
	f.Fuzz(func(t *testing.T, truth, got string) {
		s := ScorePage(truth, got)
		for _, v := range []float64{s.TP, s.FP, s.FN} {
			if v < 0 || v > 1 || math.IsNaN(v) {
				t.Fatalf("ScorePage(%q, %q) = %+v: component outside [0,1]", truth, got, s)
			}
		}
		if sum := s.TP + s.FP + s.FN; sum != 0 && math.Abs(sum-1) > 1e-9 {
			t.Fatalf("ScorePage(%q, %q) = %+v: sums to %v, want 1", truth, got, s, sum)
		}
		// Swapping the texts swaps false positives and false negatives.
		r := ScorePage(got, truth)
		if math.Abs(r.FP-s.FN) > 1e-9 || math.Abs(r.FN-s.FP) > 1e-9 || math.Abs(r.TP-s.TP) > 1e-9 {
			t.Fatalf("not symmetric: %+v vs swapped %+v", s, r)
		}
		// A text against itself is perfect, or empty.
		if self := ScorePage(truth, truth); self.FP != 0 || self.FN != 0 {
			t.Fatalf("ScorePage(x, x) = %+v", self)
		}
		for _, w := range Words(truth) {
			if w == "" || !utf8.ValidString(w) || strings.ContainsAny(w, " \n\t") {
				t.Fatalf("bad word %q from %q", w, truth)
			}
		}
	})
}
