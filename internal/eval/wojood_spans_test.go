package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const wojoodDir = "../../../shared/data/wojood-sample"

func TestGoldSpansNested(t *testing.T) {
	in := "قال O\nفي O\n5 B-DATE\nأيار I-DATE\n1922 I-DATE\nدفع O\n500 B-MONEY\nجنيه I-MONEY B-CURR\nو O\n3 B-CARDINAL\n, I-CARDINAL\n0 I-CARDINAL\nاليوم B-DATE\nأمس B-DATE\n"
	sents, err := ReadWojood(strings.NewReader(in), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 {
		t.Fatalf("%d sentences, want 1", len(sents))
	}
	s := sents[0]
	got := map[string][]tokSpan{}
	for _, typ := range spanTypes {
		got[typ] = s.goldSpans(typ)
	}
	want := map[string][]tokSpan{
		"DATE":     {{2, 5}, {12, 13}, {13, 14}},
		"MONEY":    {{6, 8}},
		"CARDINAL": {{9, 12}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(tokSpan{})); diff != "" {
		t.Errorf("goldSpans (-want +got):\n%s", diff)
	}
}

func TestScoreSpans(t *testing.T) {
	var sc SpanScore
	gold := []tokSpan{{0, 3}, {5, 6}}
	pred := []tokSpan{{0, 3}, {5, 7}, {9, 10}}
	scoreSpans(&sc, gold, pred)
	want := SpanScore{Gold: 2, Pred: 3, Exact: 1, GoldTok: 4, PredTok: 6, TokHit: 4, TokCovered: 4}
	if diff := cmp.Diff(want, sc); diff != "" {
		t.Errorf("scoreSpans (-want +got):\n%s", diff)
	}
	if p, r := sc.ExactP(), sc.ExactR(); p != 1.0/3 || r != 0.5 {
		t.Errorf("exact P/R = %v/%v, want 1/3 and 1/2", p, r)
	}
}

func TestReadWojoodRejectsBadLine(t *testing.T) {
	_, err := ReadWojood(strings.NewReader("token\n"), "bad.txt")
	if err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
		t.Errorf("ReadWojood on a line without tags: err = %v, want one naming bad.txt:1", err)
	}
}

// TestWojoodSpans prints exact and token-overlap F1 of DATE, CARDINAL and
// MONEY on the Wojood sample.
func TestWojoodSpans(t *testing.T) {
	if _, err := os.Stat(filepath.Join(wojoodDir, "val.txt")); err != nil {
		t.Skipf("Wojood sample not found at %s (public data, not in the repository): %v", wojoodDir, err)
	}
	var b strings.Builder
	results, err := WojoodSpans(wojoodDir, &b)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Wojood sample, spans:\n%s", b.String())
	all := results[len(results)-1]
	for _, s := range all.Scores {
		if s.Gold == 0 {
			t.Errorf("%s: no gold spans read", s.Type)
		}
	}
}
