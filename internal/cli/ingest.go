package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

func (a *app) ingestCmd() *cobra.Command {
	var format string
	var workers int
	var verbose bool
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add articles from files, directories (recursive) or - (stdin); idempotent",
		Long: `Ingest .txt files (optional "url:", "source:", "published:", "byline:" header lines,
then the title line, then the body) and .jsonl files (one JSON object per line with url,
title, text, published, source). Re-ingesting the same input changes nothing. A bad item
is reported as file:line: reason and skipped; the exit status is non-zero if any failed.`,
		Example: `  taqrir ingest ./scraped/
  cat feed.jsonl | taqrir ingest --format jsonl -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if f := source.Format(format); f != source.FormatText && f != source.FormatJSONL {
				return fmt.Errorf("ingest: --format %q: want txt or jsonl", format)
			}
			d, err := a.open(ctx, true)
			if err != nil {
				return err
			}
			defer d.Close()
			opt := ingest.Options{Workers: workers, Stdin: a.stdin, StdinFormat: source.Format(format)}
			if verbose {
				opt.Stored = func(origin string, r store.PutResult) {
					fmt.Fprintf(a.stderr, "stored %s %s %s\n", r.ID, r.Outcome, origin)
				}
			}
			progress := !a.json && !verbose && isTerminal(a.stderr)
			start := time.Now()
			if progress {
				opt.Progress = func(s ingest.Summary) {
					rate := float64(s.Items) / time.Since(start).Seconds()
					fmt.Fprintf(a.stderr, "\r\033[K%d items: %s (%.0f/s)", s.Items, s, rate)
				}
			}
			sum, err := ingest.Run(ctx, d.st, d.ix, args, opt)
			if progress {
				fmt.Fprint(a.stderr, "\r\033[K")
			}
			if err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			return a.report(sum, sum.Failures, fmt.Sprintf("%s (%s)", sum, sum.Duration.Round(time.Millisecond)))
		},
	}
	cmd.Flags().StringVar(&format, "format", "txt", "format of stdin (-): txt or jsonl")
	cmd.Flags().IntVar(&workers, "workers", 0, "extraction workers (default: all cores)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print a line to stderr for every stored item")
	return cmd
}
