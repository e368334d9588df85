package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
)

// demoReport is the topic the demo writes a report on: a story of the
// sample corpus with planted contradictions (the signing date of the truce
// and who said what about it).
const demoReport = "هدنة السودان في الدوحة"

// demoQueries show what taqrir's Arabic analysis buys over plain matching.
var demoQueries = []struct{ query, why string }{
	{"امريكا", "spelling variants: the articles write الأميركي، الأمريكية، أميركية"},
	{"مباحثات", "synonyms at a lower weight: محادثات، مفاوضات"},
	{`"سد وادي الخير"`, "an exact phrase"},
	{"فيضانات -ليبيا", "an exclusion"},
}

func (a *app) demoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Ingest the embedded sample corpus into --data, show cleaning and search on it, and write a report on one of its stories (report.html, .md, .json in --data)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			d, err := a.open(ctx, true)
			if err != nil {
				return err
			}
			defer d.Close()
			fsys := corpus.FS()
			sum, err := d.Ingest(ctx, source.Options{}.FS(fsys, "."), ingest.Options{})
			if err != nil {
				return fmt.Errorf("demo: ingest: %w", err)
			}
			tally, err := cleaningTally(ctx, fsys)
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			type demoSearch struct {
				Query  string       `json:"query"`
				Why    string       `json:"why"`
				Result index.Result `json:"result"`
			}
			var searches []demoSearch
			for _, q := range demoQueries {
				res, err := d.Index.Search(ctx, index.Request{Query: q.query, Limit: 3, Synonyms: true})
				if err != nil {
					return fmt.Errorf("demo: search %q: %w", q.query, err)
				}
				searches = append(searches, demoSearch{q.query, q.why, res})
			}
			st, err := d.Store.Stats(ctx)
			if err != nil {
				return err
			}
			rep, err := report.ForQuery(ctx, d.Store, d.Index, report.Query{Text: demoReport}, report.Options{})
			if err != nil {
				return fmt.Errorf("demo: report: %w", err)
			}
			reportFiles := map[string]string{
				"html": filepath.Join(a.dataDir, "report.html"),
				"md":   filepath.Join(a.dataDir, "report.md"),
				"json": filepath.Join(a.dataDir, "report.json"),
			}
			for format, path := range reportFiles {
				if err := writeFileAtomic(path, func(w io.Writer) error { return render.Write(w, format, rep) }); err != nil {
					return fmt.Errorf("demo: report %s: %w", path, err)
				}
			}
			if a.json {
				return a.printJSON(map[string]any{
					"data": a.dataDir, "ingest": sum, "cleaning": tally, "searches": searches, "articles": st.Articles,
					"report": map[string]any{"query": demoReport, "files": reportFiles},
				})
			}
			w := a.stdout
			fmt.Fprintf(w, "taqrir demo: the embedded sample corpus into %s\n\n", a.dataDir)
			fmt.Fprintf(w, "Ingest: %s\n", sum)
			for _, f := range sum.Failures {
				fmt.Fprintf(w, "  %s\n", f)
			}
			fmt.Fprintf(w, "Store: %d articles, %d raw items kept for reprocessing\n\n", st.Articles, st.RawItems)
			fmt.Fprintln(w, "Cleaning removed or moved (by reason):")
			reasons := make([]string, 0, len(tally))
			for r := range tally {
				reasons = append(reasons, r)
			}
			sort.Strings(reasons)
			for _, r := range reasons {
				fmt.Fprintf(w, "  %-20s %d\n", r, tally[r])
			}
			tty := isTerminal(w)
			for _, s := range searches {
				fmt.Fprintf(w, "\n$ taqrir search '%s'   # %s\n", s.Query, s.Why)
				fmt.Fprintf(w, "  %s\n", arabic.CountEnglish(int(s.Result.Total), "result", ""))
				for i, h := range s.Result.Hits {
					fmt.Fprintf(w, "  %d. %s — %s [%s]\n", i+1, h.Title, h.Source, h.ID)
					if h.Snippet != "" {
						fmt.Fprintf(w, "     %s\n", plainSnippet(h.Snippet, tty))
					}
				}
			}
			fmt.Fprintf(w, "\n$ taqrir report '%s'\n", demoReport)
			fmt.Fprintf(w, "  %s (%d once duplicates count once), %s, %s, %s, %s, %s, %s\n",
				arabic.CountEnglish(rep.Articles.Included, "article", ""), rep.Articles.Distinct, arabic.CountEnglish(len(rep.Summary), "summary sentence", ""),
				arabic.CountEnglish(len(rep.Timeline), "timeline event", ""), arabic.CountEnglish(len(rep.Actors), "actor", ""),
				arabic.CountEnglish(len(rep.Figures), "figure", ""), arabic.CountEnglish(len(rep.Claims), "speaker", ""), arabic.CountEnglish(len(rep.Contradictions), "contradiction", ""))
			fmt.Fprintf(w, "  Open the report: %s (also %s, %s)\n", reportFiles["html"], reportFiles["md"], reportFiles["json"])
			run, built := invocation()
			fmt.Fprintf(w, "\nTry: %s --data %s search ...   %s --data %s show ID   %s --data %s report QUERY\n",
				run, a.dataDir, run, a.dataDir, run, a.dataDir)
			if !built {
				fmt.Fprintln(w, "     (or build it once: go build -o taqrir ./cmd/taqrir, then ./taqrir …)")
			}
			return nil
		},
	}
}

// invocation is how the user can run this taqrir again: the command of a
// binary they built (the name or path they typed), or, for a
// binary `go run` built in a temporary directory that is gone once it
// exits, the `go run` command itself (built is then false).
func invocation() (run string, built bool) {
	arg0 := os.Args[0]
	exe, err := os.Executable()
	if err != nil {
		exe = arg0
	}
	if strings.Contains(filepath.ToSlash(exe), "/go-build") {
		return "go run ./cmd/taqrir", false
	}
	// A bare name was found on PATH; a path is what the user typed.
	return arg0, true
}

// cleaningTally counts what cleaning removed or moved across the corpus.
func cleaningTally(ctx context.Context, fsys fs.FS) (map[string]int, error) {
	tally := map[string]int{}
	err := source.WalkFS(ctx, fsys, ".", func(it source.Item) error {
		if it.Err != nil {
			return nil
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			return nil
		}
		for _, r := range res.Cleaning.Removed {
			tally[strings.TrimSpace(r.Reason)]++
		}
		return nil
	})
	return tally, err
}
