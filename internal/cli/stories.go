package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/story"
)

// storyFilter selects the articles of the persisted stories that
// `taqrir stories` lists.
type storyFilter struct {
	since, until time.Time // zero: open; until is exclusive (parseBound moved it past the day)
	source       string    // folded; "" for every source
}

func (f storyFilter) keep(r story.Ref) bool {
	if f.source != "" && index.SourceKey(r.Source) != f.source {
		return false
	}
	if f.since.IsZero() && f.until.IsZero() {
		return true
	}
	if r.Published.IsZero() {
		return false // a date range cannot vouch for an undated article
	}
	return (f.since.IsZero() || !r.Published.Before(f.since)) && (f.until.IsZero() || r.Published.Before(f.until))
}

// storiesPath is the clusterer state in the data directory.
func (a *app) storiesPath() string { return filepath.Join(a.dataDir, "stories.gob") }

// catchUpStories brings the persisted stories up to the store: only the
// articles stored since the last catch-up are clustered. A state that
// cannot be used is rebuilt from the whole store and a state that cannot
// be saved is redone next time; both are said on stderr, neither fails
// the command.
func (a *app) catchUpStories(ctx context.Context, st store.Store) (*story.Clusterer, error) {
	c, res, err := story.CatchUp(ctx, st, a.storiesPath(), story.DefaultOptions())
	if err != nil {
		return nil, err
	}
	// A first run has no state to rebuild: nothing to say.
	if res.Rebuilt != nil && !errors.Is(res.Rebuilt, story.ErrNoState) {
		fmt.Fprintf(a.stderr, "taqrir: stories rebuilt from the store (%d articles, %d stories): %v\n", res.Added+res.Updated, res.Stories, res.Rebuilt)
	}
	if res.SaveErr != nil {
		fmt.Fprintf(a.stderr, "taqrir: stories not saved (the next run redoes them): %v\n", res.SaveErr)
	}
	return c, nil
}

// catchUpIfBehind is catchUpStories after an ingest or demo, when the
// store holds changes the stories have not seen (reading the state's
// header is enough to tell). Its errors go to stderr: the articles are
// stored, and `taqrir stories` will catch up.
func (a *app) catchUpIfBehind(ctx context.Context, st store.Store) {
	if ctx.Err() != nil {
		return
	}
	top, err := st.MaxSeq(ctx)
	if err == nil {
		if w, werr := story.Watermark(a.storiesPath(), story.DefaultOptions()); werr == nil && w == top {
			return
		}
		_, err = a.catchUpStories(ctx, st)
	}
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(a.stderr, "taqrir: stories not brought up to date (taqrir stories will): %v\n", err)
	}
}

// loadStories catches the persisted stories up with the store and lists
// those with articles the filter keeps, with the number of such articles.
func (a *app) loadStories(ctx context.Context, st store.Store, f storyFilter) ([]story.Story, int, error) {
	c, err := a.catchUpStories(ctx, st)
	if err != nil {
		return nil, 0, err
	}
	stories := c.Select(f.keep)
	n := 0
	for _, s := range stories {
		n += s.Size
	}
	return stories, n, nil
}

func (a *app) storiesCmd() *cobra.Command {
	var since, until, source string
	var limit int
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "Group stored articles into stories: the same event across outlets and days",
		Long: `Group stored articles into stories (shared entities and terms, within ten days of
each other; syndicated copies always together) and list each with its articles, span and
top entities, most recently active first. Articles are placed as they arrive (ingest and
demo do it; stories catches up with anything newer) and the stories are kept in
stories.gob in the data directory; delete it, or upgrade taqrir, and they are rebuilt from
the store. --since, --until and --source select the listed articles.`,
		Example: `  taqrir stories
  taqrir --json stories --since 2025-04 --source "صدى الخليج"
  taqrir stories --limit 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var f storyFilter
			var err error
			if f.since, f.until, err = parseRange(since, until); err != nil {
				return err
			}
			f.source = index.SourceKey(source)
			d, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer d.Close()
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			stories, n, err := a.loadStories(cmd.Context(), d.st, f)
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
		follow := ""
		if s.FollowUpOf != "" {
			follow = " · follow-up of " + s.FollowUpOf
		}
		fmt.Fprintf(a.stdout, "\n%s\n  %s · %d articles · %s%s\n", termSafe(s.Title), s.ID, s.Size, span, follow)
		if len(s.Entities) > 0 {
			names := make([]string, len(s.Entities))
			for i, e := range s.Entities {
				names[i] = fmt.Sprintf("%s (%d)", termSafe(e.Name), e.Articles)
			}
			fmt.Fprintf(a.stdout, "  %s\n", strings.Join(names, "، "))
		}
		for _, r := range s.Articles {
			line := fmt.Sprintf("  %-10s  %s  %s · %s", day(r.Published), r.ID, termSafe(r.Source), termSafe(r.Title))
			if r.DuplicateOf != "" {
				line += "  [copy of " + r.DuplicateOf + "]"
			}
			fmt.Fprintln(a.stdout, line)
		}
	}
}

// findStory returns the story an id names: a story's id (the id of its
// first article) or a unique prefix of one, as `taqrir stories` prints
// them; the id of any other article stands for the story it is in.
func (a *app) findStory(ctx context.Context, st store.Store, arg string) (story.Story, error) {
	id, err := st.ResolveID(ctx, arg)
	var bad *store.IDPrefixError
	switch {
	case errors.As(err, &bad):
		return story.Story{}, fmt.Errorf("report: no story with id %q: %s; story ids are printed by taqrir stories", arg, bad.Problem)
	case errors.Is(err, store.ErrNotFound):
		return story.Story{}, fmt.Errorf("report: no story with id %q (story ids are printed by taqrir stories)", arg)
	case err != nil:
		return story.Story{}, fmt.Errorf("report: %w", err)
	}
	c, err := a.catchUpStories(ctx, st)
	if err != nil {
		return story.Story{}, err
	}
	sid, ok := c.StoryOf(id)
	if !ok {
		return story.Story{}, fmt.Errorf("report: article %s is in no story yet", id)
	}
	for _, s := range c.Select(func(story.Ref) bool { return true }) {
		if s.ID == sid {
			return s, nil
		}
	}
	return story.Story{}, fmt.Errorf("report: story %s not found", sid)
}
