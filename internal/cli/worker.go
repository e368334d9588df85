package cli

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/jobs"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

func (a *app) workerCmd() *cobra.Command {
	var o jobs.Options
	var verbose bool
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Work the job queue of a PostgreSQL store (--db): ingest, fetch, read sources, stories, saved searches",
		Long: `Take jobs from the queue in the PostgreSQL database of --db (or $TAQRIR_DB) until
interrupted, --workers at a time: raw items queued by taqrir ingest --queue (extracted, read
for facts and stored), pages to fetch, the sources of taqrir sources when their interval has
passed, and, every few seconds, the stories and the saved searches brought up to date. Run
as many workers, on as many machines, as the load needs; each keeps its own data directory
(--data: the index its saved searches run over). A job cut short (a worker killed) is run
again by another worker after --rescue-after; running a job twice stores nothing twice.
-v prints a line for every item stored, as ingest -v does. On Ctrl-C the jobs running are
given a few seconds to finish; the summary of what this worker stored is printed.`,
		Example: `  taqrir worker --db postgres://taqrir@db.example/taqrir --workers 4
  taqrir ingest --db postgres://taqrir@db.example/taqrir --queue ./scraped/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if a.db == "" {
				return errors.New("worker: the job queue lives in PostgreSQL: give --db postgres://… (or set TAQRIR_DB)")
			}
			d, err := a.open(ctx, true)
			if err != nil {
				return err
			}
			defer d.Close()
			var mu sync.Mutex
			var sum ingest.Summary
			o.Stored = func(origin string, r store.PutResult) {
				mu.Lock()
				defer mu.Unlock()
				sum.Items++
				switch r.Outcome {
				case store.New:
					sum.New++
				case store.Copy:
					sum.Copies++
				case store.Updated:
					sum.Updated++
				default:
					sum.Unchanged++
				}
				if verbose {
					fmt.Fprintln(a.stderr, storedLine(origin, r))
				}
			}
			o.Log = a.stderr
			if o.Workers <= 0 {
				o.Workers = runtime.GOMAXPROCS(0)
			}
			o.Ready = func() {
				fmt.Fprintf(a.stderr, "taqrir: worker taking jobs, %d at a time (Ctrl-C stops)\n", o.Workers)
			}
			start := time.Now()
			err = jobs.Run(ctx, d, a.db, o)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("worker: %w", err)
			}
			sum.Duration = time.Since(start)
			return a.report(sum, nil, fmt.Sprintf("%s (this worker, %s)", sum, sum.Duration.Round(time.Second)))
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Workers, "workers", 0, "jobs worked at once (default: all cores)")
	f.BoolVarP(&verbose, "verbose", "v", false, "print a line to stderr for every item: stored ID new|updated, stored ID copy-of ID2, or unchanged ID; then its origin")
	f.BoolVar(&o.AllowPrivate, "allow-private", false, "allow fetching from loopback, private and link-local addresses")
	f.Int64Var(&o.MaxBytes, "max-page-bytes", source.MaxItemSize, "largest page fetched, in bytes")
	f.DurationVar(&o.RescueAfter, "rescue-after", 5*time.Minute, "run again a job still marked running after this long (its worker died); longer than a job may take")
	f.DurationVar(&o.Every, "every", 5*time.Second, "how often due sources are queued and stories and saved searches brought up to date")
	f.DurationVar(&o.JobTimeout, "job-timeout", 2*time.Minute, "cut a job short (and retry it) after this long")
	_ = f.MarkHidden("every")
	_ = f.MarkHidden("job-timeout")
	return cmd
}

// queueIngest is ingest --queue: the items are queued for taqrir worker
// instead of ingested here.
func (a *app) queueIngest(ctx context.Context, src source.Options, paths, urls, feeds []string) error {
	if a.db == "" {
		return errors.New("ingest: --queue needs the queue's database: give --db postgres://… (or set TAQRIR_DB)")
	}
	if len(feeds) > 0 {
		return errors.New("ingest: --queue takes files and URLs; a feed is read by the workers once added with taqrir sources add NAME URL")
	}
	q, err := jobs.Open(ctx, a.db, a.stderr)
	if err != nil {
		return err
	}
	defer q.Close()
	e, err := q.Items(ctx, func(ctx context.Context, send func(source.Item) error) error {
		if len(paths) == 0 {
			return nil
		}
		return src.Walk(ctx, paths, send)
	})
	if err == nil {
		var u jobs.Enqueued
		u, err = q.URLs(ctx, urls)
		e.Queued += u.Queued
		e.Duplicates += u.Duplicates
	}
	if err != nil {
		_ = a.report(e, e.Failures, e.String()+" before the error")
		return fmt.Errorf("ingest: %w", err)
	}
	return a.report(e, e.Failures, e.String()+" (taqrir worker ingests them)")
}
