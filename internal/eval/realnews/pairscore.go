package realnews

import "github.com/taqrir/taqrir/internal/eval"

// StoryPairScore is a story clustering scored on labelled article pairs
// (the real-news gold set): precision and recall of "same story", and how
// many hard negatives (a shared entity within days, different stories)
// were merged.
type StoryPairScore struct {
	Split          Split   `json:"split"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	TP             int     `json:"tp"`
	FP             int     `json:"fp"`
	FN             int     `json:"fn"`
	Pairs          int     `json:"pairs"`
	Unplaced       int     `json:"unplaced"` // pairs with an article the clustering did not place
	HardNegatives  int     `json:"hard_negatives"`
	HardNegMerged  int     `json:"hard_negatives_merged"`
	PositivesSplit int     `json:"positives_split"`
}

// ScoreStoryPairs scores storyOf (article URL → story id, "" when the
// article is not placed) on the pairs of one split ("" for all). A pair is
// predicted "same story" when both articles are placed in one story.
func ScoreStoryPairs(pairs []Pair, split Split, storyOf func(url string) string) StoryPairScore {
	s := StoryPairScore{Split: split}
	for _, p := range pairs {
		if split != "" && p.Split != split {
			continue
		}
		s.Pairs++
		a, b := storyOf(p.URL1), storyOf(p.URL2)
		if a == "" || b == "" {
			s.Unplaced++
		}
		same := a != "" && a == b
		if p.Kind == PairHardNegative {
			s.HardNegatives++
			if same {
				s.HardNegMerged++
			}
		}
		switch {
		case same && p.Same:
			s.TP++
		case same:
			s.FP++
		case p.Same:
			s.FN++
			s.PositivesSplit++
		}
	}
	s.Precision, s.Recall, s.F1 = eval.PRF(s.TP, s.FP, s.FN)
	return s
}
