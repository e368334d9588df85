package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
)

func (a *app) reportCmd() *cobra.Command {
	var format, out, since, until, entity string
	var q report.Query
	var opts report.Options
	var minConf float64
	var storyID string
	cmd := &cobra.Command{
		Use:   "report [flags] QUERY | report --story ID",
		Short: "Build a sourced report on a query: summary, timeline, actors, figures, claims, contradictions, coverage",
		Example: `  taqrir report --format html --out doha.html هدنة السودان
  taqrir report --since 2025-04 --source "صدى الخليج" أوبك
  taqrir report --entity أمريكا --since 2025-04 --until 2025-04-30 إيران
  taqrir --json report فيضانات ليبيا | jq '.contradictions'
  taqrir report --story 3f2a9c --format html --out story.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if storyID != "" {
				if len(args) > 0 {
					return fmt.Errorf("report: --story %s reports on the story: give no query with it", storyID)
				}
				return nil
			}
			return cobra.MinimumNArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat(cmd, format)
			if err != nil {
				return fmt.Errorf("report: %w", err)
			}
			if q.Since, q.Until, err = parseRange(since, until); err != nil {
				return err
			}
			if q.Entities, err = entityFilter(cmd, entity); err != nil {
				return err
			}
			if opts.Limit < 1 {
				return fmt.Errorf("report: --limit %d: want at least 1", opts.Limit)
			}
			if minConf < 0 || minConf > 1 {
				return fmt.Errorf("report: --min-confidence %v: want 0 to 1", minConf)
			}
			opts.MinConfidence = minConf
			if minConf == 0 {
				opts.MinConfidence = -1 // every contradiction found
			}
			q.Text = strings.Join(args, " ")
			if err := outDirExists(out); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			d, err := a.openReader(cmd.Context(), true)
			if sv := a.servedBy(err); sv != nil { // a running taqrir serve holds the directory: ask it
				rep, err := sv.report(cmd.Context(), storyID, q, since, until, entity, opts)
				if err != nil {
					return err
				}
				return a.emitReport(format, out, rep)
			}
			if err != nil {
				return err
			}
			defer d.Close()
			var rep *report.Report
			if storyID != "" {
				if q.Source != "" || len(q.Entities) > 0 || !q.Since.IsZero() || !q.Until.IsZero() {
					return fmt.Errorf("report: --story takes the story's articles as they are: no --source, --entity, --since or --until")
				}
				s, err := a.findStory(cmd.Context(), d, storyID)
				if err != nil {
					return err
				}
				rep, err = report.ForStory(cmd.Context(), d.Store, s, opts)
				if err != nil {
					return err
				}
				q.Text = rep.Query
			} else {
				rep, err = report.ForQuery(cmd.Context(), d.Store, d.Index, q, opts)
			}
			if errors.Is(err, index.ErrEmptyQuery) {
				return queryError("report", q.Text, err)
			} else if err != nil {
				return err
			}
			return a.emitReport(format, out, rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "md", "output: md (or markdown), html or json, any case (--json means json)")
	f.StringVarP(&out, "out", "o", "", "write the report to this file instead of stdout")
	f.StringVar(&q.Source, "source", "", "only articles from this source")
	f.StringVar(&entity, "entity", "", "only articles naming this entity (any of its aliases and spellings)")
	f.StringVar(&since, "since", "", "only articles published on or after this date (2025-03-14, 2025-03, 2025)")
	f.StringVar(&until, "until", "", "only articles published up to this date, inclusive")
	f.IntVar(&opts.Limit, "limit", report.DefaultLimit, "read at most this many matching articles, the most relevant")
	f.BoolVar(&q.NoSynonyms, "no-synonyms", false, "do not expand words with news-vocabulary synonyms")
	f.StringVar(&storyID, "story", "", "report on this story of `taqrir stories` (its id, or a unique prefix of 6+ hex digits) instead of a query")
	f.Float64Var(&minConf, "min-confidence", report.DefaultMinConfidence, "show contradictions at or above this confidence (0–1; 0 shows every one found)")
	return cmd
}

// emitReport writes rep in format to stdout, or to the file out (saying
// so on stderr).
func (a *app) emitReport(format, out string, rep *report.Report) error {
	if out == "" || out == "-" {
		return render.Write(a.stdout, format, rep)
	}
	if err := writeFileAtomic(out, func(w io.Writer) error { return render.Write(w, format, rep) }); err != nil {
		return fmt.Errorf("report: writing %s: %w", out, err)
	}
	abs, _ := filepath.Abs(out)
	fmt.Fprintf(a.stderr, "taqrir: report on %q (%d of %d matching articles) written to %s\n",
		rep.Query, rep.Articles.Included, rep.Articles.Matched, abs)
	return nil
}

// outputFormat reads a command's --format of output (any case; markdown
// for md). --json means json; --json with another --format is a
// contradiction the user must resolve, not one we pick a side of.
func (a *app) outputFormat(cmd *cobra.Command, format string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(format))
	if f == "markdown" {
		f = "md"
	}
	if !slices.Contains(render.Formats, f) {
		return "", fmt.Errorf("--format %q: want %s", format, strings.Join(render.Formats, ", "))
	}
	if a.json {
		if cmd.Flags().Changed("format") && f != "json" {
			return "", fmt.Errorf("--json asks for JSON but --format %s for %s: give one of them", format, f)
		}
		f = "json"
	}
	return f, nil
}

// outDirExists checks that an --out file can be created: its directory
// must exist (a mistyped directory is an error, not created on the spot).
func outDirExists(out string) error {
	if out == "" || out == "-" {
		return nil
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return fmt.Errorf("--out %s is a directory: give the report's file name (e.g. %s)", out, filepath.Join(out, "report.html"))
	}
	dir := filepath.Dir(out)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--out %s: directory %s does not exist (create it first)", out, dir)
	case err != nil:
		return fmt.Errorf("--out %s: %w", out, err)
	case !info.IsDir():
		return fmt.Errorf("--out %s: %s is not a directory", out, dir)
	}
	return nil
}

// writeFileAtomic writes path through a synced temporary file in the same
// directory (renameio, the project's one atomic writer), so a failed render
// never leaves half a report behind and a reader never sees half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := renameio.NewPendingFile(path, renameio.WithStaticPermissions(0o644))
	if err != nil {
		return err
	}
	defer tmp.Cleanup()
	if err := write(tmp); err != nil {
		return err
	}
	return tmp.CloseAtomicallyReplace()
}
