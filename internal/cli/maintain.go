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
