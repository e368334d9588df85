package realnews_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/eval/realnews"
)

// Load the gold set from the repository (the path is relative to this
// package) and count it per split; a report on test figures reads only the
// test side.
func ExampleLoad() {
	set, err := realnews.Load("../../../testdata/realnews")
	if err != nil {
		fmt.Println(err)
		return
	}
	c := set.Counts()
	for _, sp := range []realnews.Split{realnews.SplitDev, realnews.SplitTest} {
		fmt.Printf("%s: %d stories, %d disagreements, %d pairs (%d hard negatives)\n",
			sp, c[sp].Stories, c[sp].DisagreementsTotal, c[sp].PairsTotal, c[sp].Pairs[realnews.PairHardNegative])
	}
	fmt.Println("floors met:", set.CheckCounts(realnews.DefaultMinimums) == nil)
	// Output:
	// dev: 6 stories, 19 disagreements, 153 pairs (71 hard negatives)
	// test: 7 stories, 44 disagreements, 203 pairs (107 hard negatives)
	// floors met: true
}
