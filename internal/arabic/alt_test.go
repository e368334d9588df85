package arabic

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEachTermAlt(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // key/alt per word, alt "" when sure
	}{
		{"unknown word after a possible ب", "بقطارات", []string{Key("بقطارات") + "/" + Key("قطارات")}},
		{"known name keeps its letter, no alt", "بغداد", []string{Key("بغداد") + "/"}},
		{"stripped clitic is sure", "وبغداد", []string{Key("بغداد") + "/"}},
		{"short word", "بنك", []string{Key("بنك") + "/"}},
		{"stopword", "لكن", []string{"لكن/"}},
		{"no clitic letter", "قطارات", []string{Key("قطارات") + "/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			EachTermAlt(tt.in, func(start, end int, key, alt string, stop bool) {
				if start < 0 || end > len(tt.in) || start >= end {
					t.Fatalf("offsets %d:%d outside %q", start, end, tt.in)
				}
				if alt == key && alt != "" {
					t.Errorf("alt repeats the key %q", key)
				}
				got = append(got, key+"/"+alt)
			})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EachTermAlt(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestEachTermAltKeys checks that the keys of EachTermAlt are those of
// EachTerm, so the alt is only ever added, never substituted.
func TestEachTermAltKeys(t *testing.T) {
	text := "قال الوزير بقطارات الشرطة في بكين ولندن، وأكد لمسؤولي بلاده أن 2,500 بيتين."
	var want, got []string
	EachTerm(text, func(start, end int, key string, stop bool) { want = append(want, key) })
	EachTermAlt(text, func(start, end int, key, alt string, stop bool) { got = append(got, key) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys differ (-EachTerm +EachTermAlt):\n%s", diff)
	}
}
