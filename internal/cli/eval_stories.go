package cli

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval/realnews"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/story"
)

// storySizes describes how story sizes distribute.
type storySizes struct {
	Stories    int     `json:"stories"`
	Articles   int     `json:"articles"`
	Largest    []int   `json:"largest"` // the ten largest
	Median     int     `json:"median"`
	Singletons float64 `json:"singletons"` // share of stories with one article
}

func sizesOf(stories []story.Story) storySizes {
	var s storySizes
	sizes := make([]int, 0, len(stories))
	single := 0
	for _, st := range stories {
		sizes = append(sizes, st.Size)
		s.Articles += st.Size
		if st.Size == 1 {
			single++
		}
	}
	s.Stories = len(sizes)
	if len(sizes) == 0 {
		return s
	}
	slices.Sort(sizes)
	s.Median = sizes[len(sizes)/2]
	for i := len(sizes) - 1; i >= 0 && len(s.Largest) < 10; i-- {
		s.Largest = append(s.Largest, sizes[i])
	}
	s.Singletons = float64(single) / float64(len(sizes))
	return s
}

// evalStoriesCmd is `taqrir eval stories`: the stories of the data
// directory scored on the real-news gold pairs.
func (a *app) evalStoriesCmd() *cobra.Command {
	var gold string
	cmd := &cobra.Command{
		Use:   "stories [--gold DIR]",
		Short: "Score the data directory's stories on the real-news gold pairs (same story or not), by split, with the story size distribution",
		Long: `Score the stories of the data directory on the labelled article pairs of the
real-news gold set (testdata/realnews: articles of the ANT 2018 corpus). Ingest the corpus
first, e.g. taqrir --data /tmp/ant ingest ../shared/data/ant-news/ant-multisource-2018.jsonl.gz.
Prints pairwise precision, recall and F1 of "same story" for dev, test and all pairs, the
hard negatives merged, and how story sizes distribute. Decide on dev; report test.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			set, err := realnews.Load(gold)
			if err != nil {
				return fmt.Errorf("eval stories: %w", err)
			}
			d, err := a.openExisting(ctx, false)
			if err != nil {
				return fmt.Errorf("eval stories: %w", err)
			}
			defer d.Close()
			c, err := d.CatchUpStories(ctx)
			if err != nil {
				return fmt.Errorf("eval stories: %w", err)
			}
			storyOf := func(url string) string {
				id, _ := c.StoryOf(news.ComputeID(news.CanonicalizeURL(url), "", ""))
				return id
			}
			scores := []realnews.StoryPairScore{
				realnews.ScoreStoryPairs(set.Pairs, realnews.SplitDev, storyOf),
				realnews.ScoreStoryPairs(set.Pairs, realnews.SplitTest, storyOf),
				realnews.ScoreStoryPairs(set.Pairs, "", storyOf),
			}
			sizes := sizesOf(c.Select(func(story.Ref) bool { return true }))
			if a.json {
				return a.printJSON(map[string]any{"pairs": scores, "sizes": sizes})
			}
			fmt.Fprintf(a.stdout, "split  pairs  P      R      F1     hard negatives merged  unplaced\n")
			for _, s := range scores {
				name := string(s.Split)
				if name == "" {
					name = "all"
				}
				fmt.Fprintf(a.stdout, "%-5s  %5d  %.3f  %.3f  %.3f  %d of %-17d %d\n", name, s.Pairs, s.Precision, s.Recall, s.F1, s.HardNegMerged, s.HardNegatives, s.Unplaced)
			}
			fmt.Fprintf(a.stdout, "\n%d stories over %d articles; largest %v; median %d; singletons %.1f%%\n",
				sizes.Stories, sizes.Articles, sizes.Largest, sizes.Median, 100*sizes.Singletons)
			return nil
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "testdata/realnews", "the gold set's directory (stories.json, pairs.tsv)")
	return cmd
}
