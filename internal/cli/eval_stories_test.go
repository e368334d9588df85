package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/story"
)

func TestSizesOf(t *testing.T) {
	var ss []story.Story
	for _, n := range []int{1, 1, 1, 2, 5, 40} {
		ss = append(ss, story.Story{Size: n})
	}
	want := storySizes{Stories: 6, Articles: 50, Largest: []int{40, 5, 2, 1, 1, 1}, Median: 2, Singletons: 0.5}
	if diff := cmp.Diff(want, sizesOf(ss)); diff != "" {
		t.Errorf("sizesOf (-want +got):\n%s", diff)
	}
	if got := sizesOf(nil); got.Stories != 0 || got.Median != 0 {
		t.Errorf("sizesOf(nil) = %+v", got)
	}
}
