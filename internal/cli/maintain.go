package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/story"
)

func (a *app) reprocessCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reprocess",
		Short: "Re-extract every article from its kept raw input with the current pipeline, then update the index",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer d.Close()
			sum, err := ingest.Reprocess(cmd.Context(), d.Store, d.Index)
			if err != nil {
				return fmt.Errorf("reprocess: %w", err)
			}
			return a.report(sum, sum.Failures, fmt.Sprintf("%d articles re-extracted, %d changed, %d failed", sum.Articles, sum.Changed, sum.Failed))
		},
	}
}

func (a *app) reindexCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the store (the store is the truth)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer d.Close()
			ix, n, err := ingest.Reindex(cmd.Context(), d.Store, a.indexPath())
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			d.Index = ix
			if a.json {
				return a.printJSON(map[string]int{"indexed": n})
			}
			fmt.Fprintf(a.stdout, "%d articles indexed\n", n)
			return nil
		},
	}
}

func (a *app) checkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the data directory: store integrity, raw items behind every article, index in step with the store",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			// open repairs an index that lags the store, so what is left to
			// report afterwards is real damage; where the directory cannot be
			// written (a read-only mount, a full disk) check reads it as it
			// is and reports the lag.
			d, err := a.openReader(ctx, true)
			if err != nil {
				return err
			}
			defer d.Close()
			problems := []string{}
			storeDamaged := false
			// A driver with checks of its own (SQLite's integrity_check)
			// runs them.
			if c, ok := d.Store.(interface{ IntegrityCheck(context.Context) error }); ok {
				if err := c.IntegrityCheck(ctx); err != nil {
					problems = append(problems, err.Error())
					storeDamaged = true
				}
			}
			st, err := d.Store.Stats(ctx)
			if err != nil {
				return err
			}
			indexed, err := d.Index.Count()
			if err != nil {
				return err
			}
			storeSeq, err := d.Store.MaxSeq(ctx)
			if err != nil {
				return err
			}
			indexSeq, err := d.Index.Seq()
			if err != nil {
				return err
			}
			if int64(indexed) != st.Articles {
				problems = append(problems, fmt.Sprintf("the index holds %d documents but the store %d articles: run taqrir reindex", indexed, st.Articles))
			}
			if indexSeq != storeSeq {
				problems = append(problems, fmt.Sprintf("the index is at change %d, the store at %d: run taqrir reindex", indexSeq, storeSeq))
			}
			// The stories are derived too, but lagging is their normal
			// state between commands (each catches them up): said, not a
			// problem.
			storiesSeq, serr := d.StoriesWatermark(ctx)
			var stories string
			switch {
			case errors.Is(serr, story.ErrNoState):
				stories = "stories not built yet (taqrir stories builds them)"
			case serr != nil:
				stories = "stories unreadable, rebuilt by the next taqrir stories"
			case storiesSeq == storeSeq:
				stories = fmt.Sprintf("stories in step (change %d)", storiesSeq)
			default:
				stories = fmt.Sprintf("stories at change %d of %d (taqrir stories catches up)", storiesSeq, storeSeq)
			}
			if a.json {
				if err := a.printJSON(map[string]any{
					"articles": st.Articles, "raw_items": st.RawItems, "indexed": indexed,
					"store_seq": storeSeq, "index_seq": indexSeq, "stories_seq": storiesSeq, "problems": problems,
				}); err != nil {
					return err
				}
			} else {
				storeState, indexState := "store ok", fmt.Sprintf("index in step (%d documents, change %d)", indexed, indexSeq)
				if storeDamaged {
					storeState = "store DAMAGED"
				}
				if int64(indexed) != st.Articles || indexSeq != storeSeq {
					indexState = fmt.Sprintf("index OUT OF STEP (%d documents at change %d, the store at change %d)", indexed, indexSeq, storeSeq)
				}
				fmt.Fprintf(a.stdout, "checked %d articles and %d raw items: %s, %s, %s\n",
					st.Articles, st.RawItems, storeState, indexState, stories)
				for _, p := range problems {
					fmt.Fprintln(a.stderr, "problem:", p)
				}
			}
			if len(problems) > 0 {
				return ErrFailed
			}
			return nil
		},
	}
}
