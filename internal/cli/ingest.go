package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

func (a *app) ingestCmd() *cobra.Command {
	var format string
	var workers int
	var verbose bool
	var feeds []string
	var every, interval time.Duration
	var allowPrivate bool
	var maxBytes int64
	var cpuProfile string
	var queue bool
	cmd := &cobra.Command{
		Use:   "ingest PATH|URL...",
		Short: "Add articles from files, directories (recursive), - (stdin), URLs and feeds; idempotent",
		Long: `Ingest .txt files (optional "url:", "source:", "published:", "byline:" header lines,
then the title line, then the body), .jsonl files (one JSON object per line with url,
title, text, published, source), HTML pages (.html, .htm), web archives (.warc: every
HTML response record), each optionally gzipped (.gz); http(s) URLs; and RSS or Atom
feeds (--feed URL|FILE: each new entry's page, or the entry's own text when the page
cannot be fetched). Pages are fetched politely: taqrir's User-Agent, robots.txt, one
request per host per --host-interval, retries with backoff, conditional GET. Addresses
on loopback, private or link-local networks are refused unless --allow-private.
Re-ingesting the same input changes nothing. The same title and body from another source
is a copy: stored as an article of its own (so its outlet counts) that names the first
(copy_of); from the same source it is unchanged. A bad item is reported as origin: reason
and skipped; the exit status is non-zero if any failed. --every polls until interrupted.
With --db and --queue the items and URLs are queued in PostgreSQL for taqrir worker (each
raw item once, however often it is queued) instead of ingested here.`,
		Example: `  taqrir ingest ./scraped/ crawl.warc.gz
  cat feed.jsonl | taqrir ingest --format jsonl -
  taqrir ingest https://example.com/news/1
  taqrir ingest --feed https://example.com/rss.xml --every 10m`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			stdinFormat, err := inputFormat(format)
			if err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			if len(args) == 0 && len(feeds) == 0 {
				return errors.New("ingest: nothing to ingest: give files, directories, URLs, - or --feed")
			}
			if every < 0 || (every > 0 && every < time.Second) {
				return fmt.Errorf("ingest: --every %s: want a duration of at least 1s, e.g. 10m", every)
			}
			if maxBytes <= 0 {
				return fmt.Errorf("ingest: --max-page-bytes %d: want a positive number of bytes", maxBytes)
			}
			if cpuProfile != "" { // hidden: for measuring ingest (issue 15)
				f, err := os.Create(cpuProfile)
				if err != nil {
					return fmt.Errorf("ingest: --cpuprofile: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("ingest: --cpuprofile: %w", err)
				}
				defer pprof.StopCPUProfile()
			}
			var paths, urls []string
			for _, arg := range args {
				if feed.IsURL(arg) {
					urls = append(urls, arg)
				} else {
					paths = append(paths, arg)
				}
			}
			if queue {
				return a.queueIngest(ctx, source.Options{Stdin: a.stdin, StdinFormat: stdinFormat, MaxItemBytes: maxBytes}, paths, urls, feeds)
			}
			d, err := a.open(ctx, true)
			if sv := a.servedBy(err); sv != nil { // a running taqrir serve holds the directory: post to it
				sum, err := sv.ingest(ctx, a, paths, urls, feeds, stdinFormat, allowPrivate, every)
				if err != nil {
					return err
				}
				return a.report(sum, sum.Failures, sum.String()+" (through taqrir serve)")
			}
			if err != nil {
				return err
			}
			defer d.Close()
			var fx *taqapp.Fetching
			if len(urls) > 0 || len(feeds) > 0 {
				if fx, err = d.OpenFetching(fetch.Options{AllowPrivate: allowPrivate, MaxBytes: maxBytes, Interval: interval}); err != nil {
					return err
				}
			}
			opt := ingest.Options{Workers: workers}
			src := source.Options{Stdin: a.stdin, StdinFormat: stdinFormat, MaxItemBytes: maxBytes}
			opt.Note = func(origin, msg string) {
				if !a.json && !verbose && isTerminal(a.stderr) {
					fmt.Fprint(a.stderr, "\r\033[K") // over the progress line
				}
				a.note(origin, msg)
			}
			items := func(ctx context.Context, send func(source.Item) error) error {
				if len(paths) > 0 {
					if err := src.Walk(ctx, paths, send); err != nil {
						return err
					}
				}
				if fx != nil {
					return fx.Items(urls, feeds)(ctx, send)
				}
				return nil
			}
			if verbose {
				opt.Stored = func(origin string, r store.PutResult) {
					fmt.Fprintln(a.stderr, storedLine(origin, r))
				}
			}
			round := func() (ingest.Summary, error) {
				progress := !a.json && !verbose && isTerminal(a.stderr)
				start := time.Now()
				if progress {
					opt.Progress = func(s ingest.Summary) {
						rate := float64(s.Items) / time.Since(start).Seconds()
						fmt.Fprintf(a.stderr, "\r\033[K%d items: %s (%.0f/s)", s.Items, s, rate)
					}
				}
				sum, err := d.Ingest(ctx, items, opt) // brings the stories and saved searches up to date
				if progress {
					fmt.Fprint(a.stderr, "\r\033[K")
				}
				if serr := fx.Settle(sum); serr != nil && err == nil {
					err = serr
				}
				return sum, err
			}
			if every == 0 {
				sum, err := round()
				if err != nil && ctx.Err() != nil {
					// Ctrl-C: what landed before the stop is stored; say what it was.
					_ = a.report(sum, sum.Failures, fmt.Sprintf("%s before the interruption", sum))
					return fmt.Errorf("ingest: interrupted (%w): the items counted above are stored; run the same ingest again to finish", err)
				}
				if err != nil {
					return fmt.Errorf("ingest: %w", err)
				}
				return a.report(sum, sum.Failures, fmt.Sprintf("%s (%s)", sum, sum.Duration.Round(time.Millisecond)))
			}
			for {
				started := time.Now()
				sum, err := round()
				if errors.Is(err, context.Canceled) || ctx.Err() != nil {
					return nil // interrupted: what was stored is kept
				}
				if err != nil {
					return fmt.Errorf("ingest: %w", err)
				}
				line := fmt.Sprintf("%s %s (%s); next round at %s", started.Format("15:04:05"), sum, sum.Duration.Round(time.Millisecond),
					started.Add(every).Format("15:04:05"))
				if rerr := a.report(sum, sum.Failures, line); rerr != nil && !errors.Is(rerr, ErrFailed) {
					return rerr
				}
				select {
				case <-ctx.Done():
					return nil
				case <-time.After(time.Until(started.Add(every))):
				}
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "txt", "format of stdin (-): txt, jsonl or html")
	cmd.Flags().IntVar(&workers, "workers", 0, "extraction workers (default: all cores)")
	cmd.Flags().BoolVar(&queue, "queue", false, "with --db: queue the items (and URLs) for taqrir worker instead of ingesting them here")
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print a line to stderr for every item: stored ID new|updated, stored ID copy-of ID2, or unchanged ID; then its origin")
	cmd.Flags().StringArrayVar(&feeds, "feed", nil, "an RSS or Atom feed to ingest, by URL or file (repeatable)")
	cmd.Flags().DurationVar(&every, "every", 0, "poll: ingest again every this long (e.g. 10m) until interrupted")
	cmd.Flags().DurationVar(&interval, "host-interval", time.Second, "least time between two requests to one host")
	cmd.Flags().BoolVar(&allowPrivate, "allow-private", false, "allow fetching from loopback, private and link-local addresses")
	cmd.Flags().Int64Var(&maxBytes, "max-page-bytes", source.MaxItemSize, "largest page, file or line accepted, in bytes")
	return cmd
}

// storedLine is ingest -v's line for one item: "stored ID new|updated
// ORIGIN", "stored ID copy-of ORIGINAL ORIGIN" for a copy of another
// source's article, and "unchanged ID ORIGIN" for an item the store
// already had (nothing was stored).
func storedLine(origin string, r store.PutResult) string {
	switch r.Outcome {
	case store.Unchanged:
		return fmt.Sprintf("unchanged %s %s", r.ID, termSafe(origin))
	case store.Copy:
		return fmt.Sprintf("stored %s copy-of %s %s", r.ID, r.CopyOf, termSafe(origin))
	}
	return fmt.Sprintf("stored %s %s %s", r.ID, r.Outcome, termSafe(origin))
}
