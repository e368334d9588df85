package realnews

import "testing"

func TestScoreStoryPairs(t *testing.T) {
	pairs := []Pair{
		{URL1: "a", URL2: "b", Same: true, Split: SplitTest, Kind: PairPositive},
		{URL1: "a", URL2: "c", Same: false, Split: SplitTest, Kind: PairHardNegative},
		{URL1: "b", URL2: "d", Same: true, Split: SplitTest, Kind: PairPositive},
		{URL1: "x", URL2: "y", Same: true, Split: SplitDev, Kind: PairPositive},
	}
	stories := map[string]string{"a": "s1", "b": "s1", "c": "s1", "d": "s2"}
	got := ScoreStoryPairs(pairs, SplitTest, func(u string) string { return stories[u] })
	want := StoryPairScore{Split: SplitTest, TP: 1, FP: 1, FN: 1, Precision: 0.5, Recall: 0.5, F1: 0.5,
		Pairs: 3, HardNegatives: 1, HardNegMerged: 1, PositivesSplit: 1}
	if got != want {
		t.Errorf("ScoreStoryPairs = %+v, want %+v", got, want)
	}
	if all := ScoreStoryPairs(pairs, "", func(u string) string { return stories[u] }); all.Pairs != 4 || all.Unplaced != 1 {
		t.Errorf("all splits: %+v", all)
	}
}
