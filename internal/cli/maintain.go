package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/ingest"
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
			sum, err := ingest.Reprocess(cmd.Context(), d.st, d.ix)
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
			ix, n, err := ingest.Reindex(cmd.Context(), d.st, a.indexPath())
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			d.ix = ix
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
			// report afterwards is real damage.
			d, err := a.openExisting(ctx, true)
			if err != nil {
				return err
			}
			defer d.Close()
			problems := []string{}
			if err := d.st.IntegrityCheck(ctx); err != nil {
				problems = append(problems, err.Error())
			}
			st, err := d.st.Stats(ctx)
			if err != nil {
				return err
			}
			indexed, err := d.ix.Count()
			if err != nil {
				return err
			}
			storeSeq, err := d.st.MaxSeq(ctx)
			if err != nil {
				return err
			}
			indexSeq, err := d.ix.Seq()
			if err != nil {
				return err
			}
			if int64(indexed) != st.Articles {
				problems = append(problems, fmt.Sprintf("the index holds %d documents but the store %d articles: run taqrir reindex", indexed, st.Articles))
			}
			if indexSeq != storeSeq {
				problems = append(problems, fmt.Sprintf("the index is at change %d, the store at %d: run taqrir reindex", indexSeq, storeSeq))
			}
			if a.json {
				if err := a.printJSON(map[string]any{
					"articles": st.Articles, "raw_items": st.RawItems, "indexed": indexed,
					"store_seq": storeSeq, "index_seq": indexSeq, "problems": problems,
				}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stdout, "store: %d articles, %d raw items; index: %d documents, change %d of %d\n",
					st.Articles, st.RawItems, indexed, indexSeq, storeSeq)
				for _, p := range problems {
					fmt.Fprintln(a.stderr, "problem:", p)
				}
				if len(problems) == 0 {
					fmt.Fprintln(a.stdout, "ok")
				}
			}
			if len(problems) > 0 {
				return ErrFailed
			}
			return nil
		},
	}
}
