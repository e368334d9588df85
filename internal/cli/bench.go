package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/bench"
)

func (a *app) benchCmd() *cobra.Command {
	var o bench.Options
	var stages string
	var queries int
	var querySet string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure this machine: analysis, ingest, search, report and start-up, each beside a plain bleve peer on the same input",
		Long: `Measure taqrir on a corpus, stage by stage, and set each figure beside a peer's
measured in the same run on the same input: Arabic analysis against bleve's ar analyzer;
ingest (extract, facts, store, index) against indexing the same articles into a plain bleve
index with the ar analyzer; search p50/p99 with facets and highlights on and off against
the same queries on that plain index; report latency; the start-up of a search command; the peak RSS of taqrir serve
answering the queries over its API.
Ratios come first: how many times faster (or smaller) taqrir is; below 1 it is slower.

The corpus is the embedded sample recombined into --articles synthetic articles, or the
first --limit articles of a .jsonl[.gz] file (--corpus). --build N makes N synthetic
articles from the sentences of --corpus (else the sample), ingests them once and keeps them
under --work, so that the next run with the same --build measures search at that size
without ingesting again. Everything is made under --work (default: a temporary directory)
and removed at the end unless --keep or --build. --data is not used.`,
		Example: `  taqrir bench
  taqrir bench --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz --limit 5000
  taqrir bench --stages search --build 100000 --work /tmp/taqrir-bench
  taqrir --json bench --articles 500 | jq .stages.ingest.ratio`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if stages != "" {
				o.Stages = strings.Split(stages, ",")
			}
			if queries <= 0 {
				return errors.New("bench: --queries wants a positive number")
			}
			switch querySet {
			case "titles":
				o.Queries = bench.TitleQueries(queries)
			case "ant":
				o.Queries = bench.ANTQueries()
			default:
				return fmt.Errorf("bench: --query-set %q: want titles or ant", querySet)
			}
			o.Log = a.stderr
			res, err := bench.Run(cmd.Context(), o)
			if res == nil {
				return err
			}
			var perr error
			if a.json {
				perr = a.printJSON(res)
			} else {
				perr = res.WriteText(a.stdout)
			}
			return errors.Join(err, perr) // what ran is printed even when a stage failed
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Articles, "articles", 2000, "synthetic articles recombined from the embedded sample (without --corpus)")
	f.StringVar(&o.Corpus, "corpus", "", "a .jsonl or .jsonl.gz file of articles to measure on")
	f.IntVar(&o.Limit, "limit", 0, "take the first N articles of --corpus (0: all)")
	f.IntVar(&o.Build, "build", 0, "build N synthetic articles from real sentences once, kept under --work for later runs")
	f.StringVar(&o.Work, "work", "", "directory to make everything under (default: a temporary directory)")
	f.BoolVar(&o.Keep, "keep", false, "keep what the run made under --work")
	f.StringVar(&stages, "stages", strings.Join(bench.Stages, ","), "stages to measure, comma-separated")
	f.IntVar(&queries, "queries", 200, "search queries drawn from the corpus's titles (--query-set titles)")
	f.StringVar(&querySet, "query-set", "titles", "the search stage's queries: titles (drawn from the corpus) or ant (the committed 600 queries from ANT titles with a filter mix: internal/searchbench/testdata/queries.tsv)")
	f.IntVar(&o.AnalysisRounds, "analysis-rounds", 3, "rounds of the analysis stage")
	f.IntVar(&o.IngestRounds, "ingest-rounds", 1, "rounds of the ingest stage")
	f.IntVar(&o.StartupRuns, "startup-runs", 10, "timed runs of the start-up stage")
	f.IntVar(&o.ReportRuns, "report-runs", 5, "timed builds of each report")
	cmd.AddCommand(&cobra.Command{
		Use:    "plain-index FILE DIR",
		Short:  "The ingest peer: index a .jsonl file into a new plain bleve index (ar analyzer) at DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := os.Stat(args[1]); err == nil {
				return errors.New("bench plain-index: " + args[1] + " exists")
			}
			return bench.PlainIndex(cmd.Context(), args[0], args[1], a.stdout)
		},
	})
	return cmd
}
