package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/story"
)

// storyFilter selects the stored articles `taqrir stories` clusters.
type storyFilter struct {
	since, until time.Time // zero: open; until is exclusive (parseBound moved it past the day)
	source       string    // folded; "" for every source
}

func (f storyFilter) keep(a *news.Article) bool {
	if f.source != "" && arabic.Fold(strings.TrimSpace(a.Source)) != f.source {
		return false
	}
	if f.since.IsZero() && f.until.IsZero() {
		return true
	}
	if !a.HasPublished() {
		return false // a date range cannot vouch for an undated article
	}
	return (f.since.IsZero() || !a.Published.Before(f.since)) && (f.until.IsZero() || a.Published.Before(f.until))
}

// loadStories reads every stored article the filter keeps and clusters
// them. Stories are not persisted: they are computed from the store on
// each call (about a second per 10k articles), so they always reflect the
// current articles and the current clustering code.
func loadStories(ctx context.Context, st store.Store, f storyFilter) ([]story.Story, int, error) {
	var arts []news.Article
	err := st.Scan(ctx, 0, func(_ int64, a news.Article) error {
		if f.keep(&a) {
			arts = append(arts, a)
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	stories, err := story.Cluster(arts, story.DefaultOptions())
	return stories, len(arts), err
}

func (a *app) storiesCmd() *cobra.Command {
	var since, until, source string
	var limit int
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "Group stored articles into stories: the same event across outlets and days",
		Long: `Group stored articles into stories (shared entities and terms, within ten days of
each other; syndicated copies always together) and list each with its articles, span and
top entities, most recently active first. Stories are computed from the store on each run,
never stored, so they follow new articles and a better taqrir.`,
		Example: `  taqrir stories
  taqrir --json stories --since 2025-04 --source "صدى الخليج"
  taqrir stories --limit 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var f storyFilter
			var err error
			if f.since, err = parseBound("since", since, false); err != nil {
				return err
			}
			if f.until, err = parseBound("until", until, true); err != nil {
				return err
			}
			f.source = arabic.Fold(strings.TrimSpace(source))
			d, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer d.Close()
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			stories, n, err := loadStories(cmd.Context(), d.st, f)
			if err != nil {
				return err
			}
			if limit > 0 && len(stories) > limit {
				stories = stories[:limit]
			}
			if a.json {
				for i := range stories {
					if stories[i].Articles == nil {
						stories[i].Articles = []story.Ref{}
					}
				}
				return a.printJSON(map[string]any{"stories": stories})
			}
			a.printStories(stories, n)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&since, "since", "", "only articles published on or after this date (2025-03-14, 2025-03, 2025)")
	fl.StringVar(&until, "until", "", "only articles published up to this date, inclusive")
	fl.StringVar(&source, "source", "", "only articles of this source")
	fl.IntVar(&limit, "limit", 0, "list only the N most recently active stories (0: all)")
	return cmd
}

// printStories writes the human-readable listing.
func (a *app) printStories(stories []story.Story, articles int) {
	if len(stories) == 0 {
		fmt.Fprintf(a.stdout, "no stories: %d matching articles\n", articles)
		return
	}
	fmt.Fprintf(a.stdout, "%d stories from %d articles\n", len(stories), articles)
	day := func(t time.Time) string {
		if t.IsZero() {
			return "undated"
		}
		return t.Format("2006-01-02")
	}
	for _, s := range stories {
		span := day(s.First)
		if !s.First.IsZero() && day(s.Last) != span {
			span += " – " + day(s.Last)
		}
		fmt.Fprintf(a.stdout, "\n%s\n  %s · %d articles · %s\n", s.Title, s.ID, s.Size, span)
		if len(s.Entities) > 0 {
			names := make([]string, len(s.Entities))
			for i, e := range s.Entities {
				names[i] = fmt.Sprintf("%s (%d)", e.Name, e.Articles)
			}
			fmt.Fprintf(a.stdout, "  %s\n", strings.Join(names, "، "))
		}
		for _, r := range s.Articles {
			line := fmt.Sprintf("  %-10s  %s  %s · %s", day(r.Published), r.ID, r.Source, r.Title)
			if r.DuplicateOf != "" {
				line += "  [copy of " + r.DuplicateOf + "]"
			}
			fmt.Fprintln(a.stdout, line)
		}
	}
}
