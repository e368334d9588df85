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
	s.Precision, s.Recall, s.F1 = PRF(s.TP, s.FP, s.FN)
	return s
}

// PRF is precision, recall and F1 from true positives, false positives and
// false negatives; with no positive on a side, precision or recall is 1.
func PRF(tp, fp, fn int) (precision, recall, f1 float64) {
	precision, recall = 1, 1
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}
