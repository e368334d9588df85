package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/story"
)

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
stories.gob in the data directory, with what listing them reads in stories-list.gob; delete
them, or upgrade taqrir, and they are rebuilt from the store. --since, --until and --source select the listed articles.`,
		Example: `  taqrir stories
  taqrir --json stories --since 2025-04 --source "صدى الخليج"
  taqrir stories --limit 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var f taqapp.StoryFilter
			var err error
			if f.Since, f.Until, err = parseRange(since, until); err != nil {
				return err
			}
			f.Source = source
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			var stories []story.Story
			var n int
			d, err := a.openReader(cmd.Context(), false)
			if sv := a.servedBy(err); sv != nil {
				var out struct {
					Stories  []story.Story `json:"stories"`
					Articles int           `json:"articles"`
				}
				lim := 500 // the API's page
				if limit > 0 {
					lim = min(limit, lim)
				}
				q := setNonEmpty(url.Values{}, "since", since, "until", until, "source", source, "limit", strconv.Itoa(lim))
				if err := sv.getJSON(cmd.Context(), "/api/v1/stories", q, &out); err != nil {
					return err
				}
				stories, n = out.Stories, out.Articles
			} else if err != nil {
				return err
			} else {
				defer d.Close()
				if stories, n, err = d.Stories(cmd.Context(), f); err != nil {
					return err
				}
			}
			if limit > 0 && len(stories) > limit {
				stories = stories[:limit]
			}
			if a.json {
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

// findStory returns the story an id names (taqapp.Data.FindStory).
func (a *app) findStory(ctx context.Context, d *data, arg string) (story.Story, error) {
	return d.FindStory(ctx, "report", arg)
}
