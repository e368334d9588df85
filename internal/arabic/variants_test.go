package arabic

import (
	"flag"
	"testing"
)

var verbose = flag.Bool("variants.v", false, "list every variant pair the analyzer gets wrong")

// TestVariantSet scores Key on the written variant set: recall on pairs
// that must share a key, and the share of must-not pairs kept apart. The
// thresholds are the package's promise to search; the figures are logged.
func TestVariantSet(t *testing.T) {
	set, err := LoadVariantSet("testdata/variants")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Same) < 220 || len(set.Different) < 110 {
		t.Fatalf("variant set too small: %d same, %d different; want ≥220 and ≥110", len(set.Same), len(set.Different))
	}
	same := 0
	for _, p := range set.Same {
		if Key(p.A) == Key(p.B) {
			same++
		} else if *verbose {
			t.Logf("same.tsv:%d %s→%s ≠ %s→%s", p.Line, p.A, Key(p.A), p.B, Key(p.B))
		}
	}
	apart := 0
	for _, p := range set.Different {
		if Key(p.A) != Key(p.B) {
			apart++
		} else if *verbose {
			t.Logf("different.tsv:%d %s and %s both → %s", p.Line, p.A, p.B, Key(p.A))
		}
	}
	recall := float64(same) / float64(len(set.Same))
	kept := float64(apart) / float64(len(set.Different))
	t.Logf("must-share recall %.3f (%d/%d); must-not kept apart %.3f (%d/%d)",
		recall, same, len(set.Same), kept, apart, len(set.Different))
	if recall < 0.95 {
		t.Errorf("must-share recall %.3f < 0.95 (run with -variants.v for the failures)", recall)
	}
	if kept < 0.97 {
		t.Errorf("must-not kept apart %.3f < 0.97 (run with -variants.v for the failures)", kept)
	}
}
