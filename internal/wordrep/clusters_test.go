package wordrep

import (
	"slices"
	"testing"
)

// TestShippedClusters: the embedded table is the one MODEL.md describes
// (Clusters checks its sha256) and has learnt what news text teaches: the
// Gregorian months share a class or a close one, and so do the speech
// verbs.
func TestShippedClusters(t *testing.T) {
	tab, err := Clusters()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.Entries); n < 50000 {
		t.Errorf("%d units, want the full ant-news vocabulary (about 75,000)", n)
	}
	for _, group := range [][]string{
		{"يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر"},
		{"قال", "اكد", "اوضح", "اضاف", "صرح"},
	} {
		_, near, ok := tab.Similar(group[0], 40)
		if !ok {
			t.Fatalf("%s is not in the table", group[0])
		}
		var words []string
		for _, nb := range near {
			words = append(words, nb.Word)
		}
		found := 0
		for _, w := range group[1:] {
			if slices.Contains(words, Unit(w)) {
				found++
			}
		}
		if found < len(group[1:])*2/3 {
			t.Errorf("%s: %d of %v among its 40 nearest %v", group[0], found, group[1:], words)
		}
	}
}
