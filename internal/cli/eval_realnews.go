package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval/realnews"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/store"
)

// realnewsTotals adds up the story scores of one split.
type realnewsTotals struct {
	Split            string  `json:"split"`
	Stories          int     `json:"stories"`
	TimelineAccuracy float64 `json:"timeline_top10_in_span"`
	ActorsPrecision  float64 `json:"actors_top10_gold"`
	Flagged          int     `json:"flagged"`
	Found            int     `json:"found"`
	False            int     `json:"false"`
	Precision        float64 `json:"precision"`        // found / (found + false)
	StrictPrecision  float64 `json:"strict_precision"` // found / flagged
	GoldTotal        int     `json:"gold_total"`
	GoldFound        int     `json:"gold_found"`
	Recall           float64 `json:"recall"`
	SummaryDatelines int     `json:"summary_datelines"`
	SummarySentences int     `json:"summary_sentences"`
	BackgroundInSpan int     `json:"background_in_span"`
	ActorsJudged     int     `json:"actors_judged"`    // top-10 actors with a verdict in actors-judged.tsv
	ActorsJudgedOK   int     `json:"actors_judged_ok"` // of which an analyst keeps
	ActorsJudgedPrec float64 `json:"actors_judged_precision"`
	// JudgedReal and JudgedFalse count flagged contradictions real or
	// false by the gold anchors or contradictions-judged.tsv; Unjudged
	// those neither decides. JudgedPrecision is real / (real + false).
	JudgedReal          int     `json:"judged_real"`
	JudgedFalse         int     `json:"judged_false"`
	Unjudged            int     `json:"unjudged"`
	JudgedPrecision     float64 `json:"judged_precision"`
	timelineTop, inSpan int
	actorsTop, gold     int
}

func (t *realnewsTotals) add(s realnews.StoryReportScore) {
	t.Stories++
	t.timelineTop += s.TimelineTop
	t.inSpan += s.TimelineInSpan
	t.actorsTop += s.ActorsTop
	t.gold += s.ActorsGold
	t.Flagged += s.Flagged
	t.Found += s.Found
	t.False += s.False
	t.GoldTotal += s.GoldTotal
	t.GoldFound += s.GoldFound
	t.SummaryDatelines += s.SummaryDatelines
	t.SummarySentences += s.Summary
	t.BackgroundInSpan += s.BackgroundInSpan
	t.JudgedReal += s.JudgedReal
	t.JudgedFalse += s.JudgedFalse
	t.Unjudged += s.Unjudged
}

func (t *realnewsTotals) finish() {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	t.TimelineAccuracy = ratio(t.inSpan, t.timelineTop)
	t.ActorsPrecision = ratio(t.gold, t.actorsTop)
	t.ActorsJudgedPrec = ratio(t.ActorsJudgedOK, t.ActorsJudged)
	t.JudgedPrecision = ratio(t.JudgedReal, t.JudgedReal+t.JudgedFalse)
	t.Precision = ratio(t.Found, t.Found+t.False)
	t.StrictPrecision = ratio(t.Found, t.Flagged)
	t.Recall = ratio(t.GoldFound, t.GoldTotal)
}

// evalRealnewsCmd is `taqrir eval realnews`: a report on each gold story,
// scored against it.
func (a *app) evalRealnewsCmd() *cobra.Command {
	var gold string
	var byQuery bool
	var minConf float64
	cmd := &cobra.Command{
		Use:   "realnews [--gold DIR] [--query] [--min-confidence X]",
		Short: "Build a report on each real-news gold story from its articles and score it (timeline, actors, contradictions, datelines), by split",
		Long: `Build a report over the articles of each story of the real-news gold set
(testdata/realnews, articles of the ANT 2018 corpus, which the data directory must hold:
taqrir --data DIR ingest ../shared/data/ant-news/ant-multisource-2018.jsonl.gz) and score
it against the story: the share of the top-10 timeline entries dated inside the story's
span, the share of the top-10 actors that are gold actors, contradictions found, false
(a gold trap) and missed, and summary sentences opening with a dateline. Decide on dev;
report test.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			set, err := realnews.Load(gold)
			if err != nil {
				return fmt.Errorf("eval realnews: %w", err)
			}
			judged, err := realnews.LoadJudgedActors(gold)
			if err != nil {
				return fmt.Errorf("eval realnews: %w", err)
			}
			judgedContra, err := realnews.LoadJudgedContradictions(gold)
			if err != nil {
				return fmt.Errorf("eval realnews: %w", err)
			}
			judge := func(t *realnewsTotals, s realnews.StoryReportScore) {
				if byQuery {
					return // the verdicts are on the reports over the gold articles
				}
				n, ok, _ := judged.Judge(s.Story, s.TopActors)
				t.ActorsJudged += n
				t.ActorsJudgedOK += ok
			}
			d, err := a.openExisting(ctx, byQuery)
			if err != nil {
				return fmt.Errorf("eval realnews: %w", err)
			}
			defer d.Close()
			var scores []realnews.StoryReportScore
			sweep := map[string]*realnewsTotals{}
			totals := map[string]*realnewsTotals{}
			for _, split := range []string{"dev", "test", "all"} {
				totals[split] = &realnewsTotals{Split: split}
			}
			for _, st := range set.Stories {
				// every contradiction found, to sweep the threshold below
				var rep *report.Report
				if byQuery {
					// the report a user gets asking in words, over the
					// whole corpus, within the story's span
					var q report.Query
					q.Text = st.Query
					if q.Since, q.Until, err = parseRange(st.From, st.To); err != nil {
						return fmt.Errorf("eval realnews: %s: %w", st.ID, err)
					}
					if rep, err = report.ForQuery(ctx, d.Store, d.Index, q, report.Options{MinConfidence: -1}); err != nil {
						return fmt.Errorf("eval realnews: %s: %w", st.ID, err)
					}
				} else {
					var arts []news.Article
					for _, ga := range st.Articles {
						art, err := d.Store.Article(ctx, news.ComputeID(ga.URL, "", ""))
						if errors.Is(err, store.ErrNotFound) {
							continue
						} else if err != nil {
							return fmt.Errorf("eval realnews: %w", err)
						}
						arts = append(arts, art)
					}
					if len(arts) == 0 {
						return fmt.Errorf("eval realnews: no article of story %s is in %s: ingest the ANT corpus first", st.ID, a.dataDir)
					}
					if rep, err = report.Build(ctx, arts, report.Query{Text: st.Name}, report.Options{MinConfidence: -1}); err != nil {
						return fmt.Errorf("eval realnews: %s: %w", st.ID, err)
					}
				}
				for _, th := range sweepThresholds {
					key := string(st.Split) + "|" + fmt.Sprint(th)
					if sweep[key] == nil {
						sweep[key] = &realnewsTotals{Split: string(st.Split)}
					}
					ss := realnews.ScoreStoryReport(st, rep.WithMinConfidence(th))
					ss.Judge(judgedContra)
					sweep[key].add(ss)
				}
				s := realnews.ScoreStoryReport(st, rep.WithMinConfidence(minConf))
				s.Judge(judgedContra)
				scores = append(scores, s)
				for _, split := range []string{string(st.Split), "all"} {
					totals[split].add(s)
					judge(totals[split], s)
				}
			}
			out := []*realnewsTotals{totals["dev"], totals["test"], totals["all"]}
			for _, t := range out {
				t.finish()
			}
			type sweepRow struct {
				Threshold float64         `json:"threshold"`
				Dev       *realnewsTotals `json:"dev"`
				Test      *realnewsTotals `json:"test"`
			}
			var rows []sweepRow
			for _, th := range sweepThresholds {
				r := sweepRow{Threshold: th, Dev: sweep["dev|"+fmt.Sprint(th)], Test: sweep["test|"+fmt.Sprint(th)]}
				if r.Dev == nil || r.Test == nil {
					continue
				}
				r.Dev.finish()
				r.Test.finish()
				rows = append(rows, r)
			}
			if a.json {
				return a.printJSON(map[string]any{"splits": out, "stories": scores, "contradiction_thresholds": rows})
			}
			defer func() {
				fmt.Fprintf(a.stdout, "\ncontradiction confidence threshold (default %.2f): flagged, found, strict precision, recall, judged precision (unjudged) — dev | test\n", report.DefaultMinConfidence)
				for _, r := range rows {
					fmt.Fprintf(a.stdout, "%.2f  dev %3d %3d %.3f %.3f %.3f (%d) | test %3d %3d %.3f %.3f %.3f (%d)\n", r.Threshold,
						r.Dev.Flagged, r.Dev.Found, r.Dev.StrictPrecision, r.Dev.Recall, r.Dev.JudgedPrecision, r.Dev.Unjudged,
						r.Test.Flagged, r.Test.Found, r.Test.StrictPrecision, r.Test.Recall, r.Test.JudgedPrecision, r.Test.Unjudged)
				}
			}()
			fmt.Fprintf(a.stdout, "story                                    split  arts  timeline  bg-in-span  actors  flagged found false gold-found/gold  datelines\n")
			for _, s := range scores {
				fmt.Fprintf(a.stdout, "%-40s %-5s  %4d  %2d/%-2d     %10d  %2d/%-2d   %4d   %4d  %4d  %3d/%-3d          %d/%d\n", s.Story, s.Split, s.Articles,
					s.TimelineInSpan, s.TimelineTop, s.BackgroundInSpan, s.ActorsGold, s.ActorsTop, s.Flagged, s.Found, s.False, s.GoldFound, s.GoldTotal, s.SummaryDatelines, s.Summary)
			}
			fmt.Fprintf(a.stdout, "\nsplit  stories  timeline top-10 in span (bg in span)  actors top-10 gold (judged ok)  contradictions: precision (strict)  recall        datelines  judged precision (real/judged, unjudged)\n")
			for _, t := range out {
				fmt.Fprintf(a.stdout, "%-5s  %7d  %23.3f (%10d)  %18.3f (%d/%d)  %15.3f (%.3f)  %6.3f (%d/%d)  %d/%d  %.3f (%d/%d, %d)\n", t.Split, t.Stories, t.TimelineAccuracy, t.BackgroundInSpan, t.ActorsPrecision, t.ActorsJudgedOK, t.ActorsJudged,
					t.Precision, t.StrictPrecision, t.Recall, t.GoldFound, t.GoldTotal, t.SummaryDatelines, t.SummarySentences,
					t.JudgedPrecision, t.JudgedReal, t.JudgedReal+t.JudgedFalse, t.Unjudged)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "testdata/realnews", "the gold set's directory (stories.json, pairs.tsv)")
	cmd.Flags().Float64Var(&minConf, "min-confidence", report.DefaultMinConfidence, "score (and list in the notes of --json) the contradictions at or above this confidence, as a report with --min-confidence shows them")
	cmd.Flags().BoolVar(&byQuery, "query", false, "build each report from the story's query over the whole data directory (within the story's span), not from its gold articles")
	return cmd
}

// sweepThresholds are the contradiction confidences eval realnews scores,
// to choose report.DefaultMinConfidence on dev.
var sweepThresholds = []float64{0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9}
