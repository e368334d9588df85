package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval/realnews"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
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
	var sweep bool
	var gridSpec string
	cmd := &cobra.Command{
		Use:   "stories [--gold DIR] [--sweep]",
		Short: "Score the data directory's stories on the real-news gold pairs (same story or not), by split, with the story size distribution",
		Long: `Score the stories of the data directory on the labelled article pairs of the
real-news gold set (testdata/realnews: articles of the ANT 2018 corpus). Ingest the corpus
first, e.g. taqrir --data /tmp/ant ingest ../shared/data/ant-news/ant-multisource-2018.jsonl.gz.
Prints pairwise precision, recall and F1 of "same story" for dev, test and all pairs, the
hard negatives merged, and how story sizes distribute. Decide on dev; report test.
--sweep rebuilds the stories in memory for a grid of how stories end (the seed
threshold and the longest span) and prints the scores of each, to choose the defaults.`,
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
			if sweep {
				grid, err := parseSweepGrid(gridSpec)
				if err != nil {
					return fmt.Errorf("eval stories: %w", err)
				}
				return a.sweepStories(ctx, d.Store, set, grid)
			}
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
	cmd.Flags().BoolVar(&sweep, "sweep", false, "rebuild the stories for a grid of story-ending options and score each (slow)")
	cmd.Flags().StringVar(&gridSpec, "grid", defaultSweepGrid, "the --sweep grid: points seed:span-days[:threshold[:merge]] separated by spaces (0: the default)")
	return cmd
}

// sweepStories rebuilds the stories of st for each option set of a grid
// (nothing is saved) and prints dev and test pair scores and sizes.
func (a *app) sweepStories(ctx context.Context, st store.Store, set *realnews.Set, grid []sweepPoint) error {
	tmp, err := os.MkdirTemp("", "taqrir-sweep-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	type row struct {
		SeedThreshold float64                   `json:"seed_threshold"`
		Threshold     float64                   `json:"threshold"`
		Merge         float64                   `json:"merge_threshold"`
		MaxSpanDays   int                       `json:"max_span_days"`
		Pairs         []realnews.StoryPairScore `json:"pairs"`
		Sizes         storySizes                `json:"sizes"`
	}
	var rows []row
	if !a.json {
		fmt.Fprintf(a.stdout, "seed  span  thr   merge  dev P/R/F1 (hard merged)        test P/R/F1 (hard merged)       stories largest median singletons\n")
	}
	if !a.json {
		fmt.Fprintf(a.stdout, "threshold %.2f merge %.2f unless given\n", story.DefaultOptions().Threshold, story.DefaultOptions().MergeThreshold)
	}
	for _, p := range grid {
		seed, days := p.Seed, p.Days
		{
			opt := story.DefaultOptions()
			if p.Threshold > 0 {
				opt.Threshold = p.Threshold
			}
			if p.Merge > 0 {
				opt.MergeThreshold = p.Merge
			}
			opt.SeedThreshold, opt.MaxSpan = seed, time.Duration(days)*24*time.Hour
			path := filepath.Join(tmp, "stories.gob")
			c, _, err := story.CatchUp(ctx, st, path, opt)
			if err != nil {
				return err
			}
			os.Remove(path)
			storyOf := func(url string) string {
				id, _ := c.StoryOf(news.ComputeID(news.CanonicalizeURL(url), "", ""))
				return id
			}
			r := row{SeedThreshold: seed, MaxSpanDays: days, Threshold: opt.Threshold, Merge: opt.MergeThreshold, Sizes: sizesOf(c.Select(func(story.Ref) bool { return true })),
				Pairs: []realnews.StoryPairScore{
					realnews.ScoreStoryPairs(set.Pairs, realnews.SplitDev, storyOf),
					realnews.ScoreStoryPairs(set.Pairs, realnews.SplitTest, storyOf),
				}}
			rows = append(rows, r)
			if !a.json {
				d, t := r.Pairs[0], r.Pairs[1]
				fmt.Fprintf(a.stdout, "%.2f  %4d  %.2f  %.2f   %.3f/%.3f/%.3f (%2d/%d)  %.3f/%.3f/%.3f (%3d/%d)  %6d %7d %6d %.1f%%\n", seed, days, opt.Threshold, opt.MergeThreshold,
					d.Precision, d.Recall, d.F1, d.HardNegMerged, d.HardNegatives, t.Precision, t.Recall, t.F1, t.HardNegMerged, t.HardNegatives,
					r.Sizes.Stories, r.Sizes.Largest[0], r.Sizes.Median, 100*r.Sizes.Singletons)
			}
		}
	}
	if a.json {
		return a.printJSON(map[string]any{"sweep": rows})
	}
	return nil
}

// sweepPoint is one option set of eval stories --sweep.
type sweepPoint struct {
	Seed             float64
	Days             int
	Threshold, Merge float64 // 0: the default
}

// defaultSweepGrid is the seed threshold alone, then longest spans: a
// first sweep showed a cap of 21 or 30 days costs dev recall (0.63, 0.76)
// more than it buys precision, real stories running for months (Skripal,
// March to May).
const defaultSweepGrid = "0:0 0.05:0 0.1:0 0.15:0 0.2:0 0.25:0 0.1:60 0.15:60"

func parseSweepGrid(spec string) ([]sweepPoint, error) {
	var out []sweepPoint
	for _, f := range strings.Fields(spec) {
		parts := strings.Split(f, ":")
		if len(parts) < 2 || len(parts) > 4 {
			return nil, fmt.Errorf("--grid %q: want seed:span-days[:threshold[:merge]]", f)
		}
		var p sweepPoint
		var err error
		if p.Seed, err = strconv.ParseFloat(parts[0], 64); err != nil {
			return nil, fmt.Errorf("--grid %q: %w", f, err)
		}
		if p.Days, err = strconv.Atoi(parts[1]); err != nil {
			return nil, fmt.Errorf("--grid %q: %w", f, err)
		}
		if len(parts) > 2 {
			if p.Threshold, err = strconv.ParseFloat(parts[2], 64); err != nil {
				return nil, fmt.Errorf("--grid %q: %w", f, err)
			}
		}
		if len(parts) > 3 {
			if p.Merge, err = strconv.ParseFloat(parts[3], 64); err != nil {
				return nil, fmt.Errorf("--grid %q: %w", f, err)
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--grid %q: no point", spec)
	}
	return out, nil
}
