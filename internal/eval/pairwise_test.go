package eval

import (
	"math"
	"testing"
)

func TestPairwise(t *testing.T) {
	truth := map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
	tests := []struct {
		name       string
		got        map[string]string
		tp, fp, fn int
		p, r       float64
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}, 4, 0, 0, 1, 1},
		{"all apart", map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}, 0, 0, 4, 1, 0},
		{"all together", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x"}, 4, 6, 0, 0.4, 1},
		{"unplaced items are with nothing", map[string]string{"a": "x", "b": "x"}, 1, 0, 3, 1, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Pairwise(tt.got, truth)
			if s.TP != tt.tp || s.FP != tt.fp || s.FN != tt.fn || math.Abs(s.Precision-tt.p) > 1e-9 || math.Abs(s.Recall-tt.r) > 1e-9 {
				t.Errorf("Pairwise = %+v, want tp %d fp %d fn %d P %.2f R %.2f", s, tt.tp, tt.fp, tt.fn, tt.p, tt.r)
			}
			if want := 2 * tt.p * tt.r / (tt.p + tt.r); tt.p+tt.r > 0 && math.Abs(s.F1-want) > 1e-9 {
				t.Errorf("F1 = %v, want %v", s.F1, want)
			}
		})
	}
}
