package eval

// PairScore is a grouping (duplicates, stories) scored pair by pair
// against the true grouping: a pair of items is positive when both are in
// one group.
type PairScore struct {
	Precision, Recall, F1 float64
	TP, FP, FN            int
}

// Pairwise scores got (item → group id) against truth (item → true group
// id) over every pair of truth's items. An item got does not place is in
// no group, so it is together with nothing. With no positive pair on a
// side, precision or recall is 1.
func Pairwise(got, truth map[string]string) PairScore {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	var s PairScore
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			g := got[ids[i]] != "" && got[ids[i]] == got[ids[j]]
			w := truth[ids[i]] == truth[ids[j]]
			switch {
			case g && w:
				s.TP++
			case g:
				s.FP++
			case w:
				s.FN++
			}
		}
	}
	s.Precision, s.Recall = 1, 1
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
