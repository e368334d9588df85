package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
)

func (a *app) reportCmd() *cobra.Command {
	var format, out, since, until, entity string
	var q report.Query
	var opts report.Options
	cmd := &cobra.Command{
		Use:   "report [flags] QUERY",
		Short: "Build a sourced report on a query: summary, timeline, actors, figures, claims, contradictions, coverage",
		Example: `  taqrir report --format html --out doha.html هدنة السودان
  taqrir report --since 2025-04 --source "صدى الخليج" أوبك
  taqrir report --entity أمريكا --since 2025-03 --until 2025-03-31 مباحثات
  taqrir --json report فيضانات ليبيا | jq '.contradictions'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.json && !cmd.Flags().Changed("format") {
				format = "json"
			}
			if format == "markdown" {
				format = "md"
			}
			if !validFormat(format) {
				return fmt.Errorf("report: --format %q: want %s", format, strings.Join(render.Formats, ", "))
			}
			var err error
			if q.Since, q.Until, err = parseRange(since, until); err != nil {
				return err
			}
			if q.Entities, err = entityFilter(cmd, entity); err != nil {
				return err
			}
			if opts.Limit < 1 {
				return fmt.Errorf("report: --limit %d: want at least 1", opts.Limit)
			}
			q.Text = strings.Join(args, " ")
			d, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer d.Close()
			rep, err := report.ForQuery(cmd.Context(), d.st, d.ix, q, opts)
			if errors.Is(err, index.ErrEmptyQuery) {
				return fmt.Errorf("report %q: nothing to search for (%w)", q.Text, err)
			} else if err != nil {
				return err
			}
			if out == "" || out == "-" {
				return render.Write(a.stdout, format, rep)
			}
			if err := writeFileAtomic(out, func(w io.Writer) error { return render.Write(w, format, rep) }); err != nil {
				return fmt.Errorf("report: writing %s: %w", out, err)
			}
			abs, _ := filepath.Abs(out)
			fmt.Fprintf(a.stderr, "taqrir: report on %q (%d of %d matching articles) written to %s\n",
				q.Text, rep.Articles.Included, rep.Articles.Matched, abs)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "md", "output: md, html or json (--json means json)")
	f.StringVarP(&out, "out", "o", "", "write the report to this file instead of stdout")
	f.StringVar(&q.Source, "source", "", "only articles from this source")
	f.StringVar(&entity, "entity", "", "only articles naming this entity (any of its aliases and spellings)")
	f.StringVar(&since, "since", "", "only articles published on or after this date (2025-03-14, 2025-03, 2025)")
	f.StringVar(&until, "until", "", "only articles published up to this date, inclusive")
	f.IntVar(&opts.Limit, "limit", report.DefaultLimit, "read at most this many matching articles, the most relevant")
	f.BoolVar(&q.NoSynonyms, "no-synonyms", false, "do not expand words with news-vocabulary synonyms")
	return cmd
}

func validFormat(f string) bool {
	for _, x := range render.Formats {
		if f == x {
			return true
		}
	}
	return false
}

// writeFileAtomic writes path through a temporary file in the same
// directory, so a failed render never leaves half a report behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".taqrir-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
