package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScoreVariants(t *testing.T) {
	pairs := []Pair{
		{A: "aa", B: "ab", Same: true},
		{A: "ba", B: "bb", Same: true},
		{A: "stop", B: "stop2", Same: true},
		{A: "ca", B: "da", Same: false},
		{A: "ea", B: "eb", Same: false},
		{A: "stop", B: "stop", Same: false},
	}
	// Keys by first letter; "stop…" words are dropped.
	first := func(w string) string {
		if strings.HasPrefix(w, "stop") {
			return ""
		}
		return w[:1]
	}
	got := ScoreVariants("first", pairs, first)
	want := VariantScore{
		Keyer:      "first",
		SharePairs: 3, Shared: 2,
		NotPairs: 3, KeptApart: 2,
		PredictedSame: 3, CorrectSame: 2,
		Dropped: 4,
		Misses:  []Pair{{A: "stop", B: "stop2", Same: true}},
		Merges:  []Pair{{A: "ea", B: "eb", Same: false}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScoreVariants (-want +got):\n%s", diff)
	}
	if r, a, p := got.Recall(), got.Apart(), got.Precision(); r != 2.0/3 || a != 2.0/3 || p != 2.0/3 {
		t.Errorf("recall, apart, precision = %v, %v, %v; want 2/3 each", r, a, p)
	}
}

func TestArKeyer(t *testing.T) {
	k := ArKeyer()
	tests := []struct{ name, word, want string }{
		{name: "article and plural come off", word: "المفاوضات", want: "مفاوض"},
		{name: "stopword is dropped", word: "في", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := k(tc.word); got != tc.want {
				t.Errorf("ar key of %q = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

// TestVariants prints the side-by-side table and holds our keys to beating
// bleve's ar on the variant set of package arabic.
func TestVariants(t *testing.T) {
	dir := filepath.Join("..", "..", DefaultVariantDir)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("variant set not found at %s: %v", dir, err)
	}
	var out strings.Builder
	scores, err := Variants(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("variant set:\n%s", out.String())
	ours, ar := scores[0], scores[2]
	for _, p := range ours.Misses {
		t.Logf("taqrir Key misses %s ~ %s (%s)", p.A, p.B, p.Note)
	}
	for _, p := range ours.Merges {
		t.Logf("taqrir Key merges %s ≁ %s (%s)", p.A, p.B, p.Note)
	}
	if ours.Recall() <= ar.Recall() {
		t.Errorf("share recall: taqrir %.3f is not above ar %.3f", ours.Recall(), ar.Recall())
	}
	if ours.Precision() <= ar.Precision() {
		t.Errorf("precision: taqrir %.3f is not above ar %.3f", ours.Precision(), ar.Precision())
	}
	if ours.Apart() < ar.Apart() {
		t.Errorf("kept apart: taqrir %.3f is below ar %.3f", ours.Apart(), ar.Apart())
	}
}
