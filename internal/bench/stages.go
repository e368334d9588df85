package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/report"
)

const mb = 1 << 20

// analysis times taqrir_ar (the index's analyzer over package arabic)
// and bleve's ar on the corpus text, article by article, alternating
// which goes first round by round.
func (r *runner) analysis() Stage {
	ours := analyzer.New()
	theirs := bleve.NewIndexMapping().AnalyzerNamed(ar.AnalyzerName) // as an index builds it
	texts := make([][]byte, len(r.corpus.Texts))
	var size int64
	for i, t := range r.corpus.Texts {
		texts[i] = []byte(t)
		size += int64(len(t))
	}
	pass := func(a analysis.Analyzer) (tokens int, wall, cpu time.Duration) {
		c0, t0 := cpuTime(), time.Now()
		for _, t := range texts {
			tokens += len(a.Analyze(t))
		}
		return tokens, time.Since(t0), cpuTime() - c0
	}
	pass(ours) // first use loads the word tables: not timed
	pass(theirs)
	var oWall, tWall, oCPU, tCPU []time.Duration
	var oTok, tTok int
	for round := range r.opt.AnalysisRounds {
		first, second := true, false
		if round%2 == 1 {
			first, second = false, true
		}
		for _, isOurs := range []bool{first, second} {
			if isOurs {
				n, w, c := pass(ours)
				oTok, oWall, oCPU = n, append(oWall, w), append(oCPU, c)
			} else {
				n, w, c := pass(theirs)
				tTok, tWall, tCPU = n, append(tWall, w), append(tCPU, c)
			}
		}
	}
	ow, tw := median(oWall).Seconds(), median(tWall).Seconds()
	s := Stage{
		Name: "analysis",
		Peer: "bleve ar analyzer",
		How:  fmt.Sprintf("wall time, median of %d rounds alternating ours and the peer, one article at a time, %.1f MB of title and body text", r.opt.AnalysisRounds, float64(size)/mb),
		Figures: []Figure{
			{Key: "tokens_per_s", Label: "tokens/s", Ours: float64(oTok) / ow, Theirs: float64(tTok) / tw, HasTheirs: true, Better: Higher},
			{Key: "mb_per_s", Label: "MB/s", Ours: float64(size) / mb / ow, Theirs: float64(size) / mb / tw, HasTheirs: true, Better: Higher},
			{Key: "cpu_s", Label: "CPU s a round", Ours: median(oCPU).Seconds(), Theirs: median(tCPU).Seconds(), HasTheirs: true, Better: Lower},
			{Key: "tokens", Label: "tokens", Ours: float64(oTok), Theirs: float64(tTok), HasTheirs: true},
		},
	}
	return s
}

// ingestRun is one ingest's cost, ours or the peer's.
type ingestRun struct {
	run  childRun
	disk int64
	took time.Duration // the pipeline's own time, as the child reports it
}

// floorRSS is the peak RSS of `taqrir --version`, the process's own
// footprint before any data: the per-10k figures count what is above it.
func (r *runner) floorRSS(ctx context.Context) (int64, error) {
	if r.floor > 0 {
		return r.floor, nil
	}
	for range 3 { // the least of three: a busy machine only adds
		run, err := r.runChild(ctx, "--version")
		if err != nil {
			return 0, err
		}
		if r.floor == 0 || run.MaxRSS < r.floor {
			r.floor = run.MaxRSS
		}
	}
	return r.floor, nil
}

// per10k is the peak RSS above the floor for n articles, in MB per 10,000.
func per10k(rss, floor int64, n int) float64 {
	return float64(max(rss-floor, 0)) / mb / float64(n) * 10000
}

// ensureIngested makes the data directory and the plain index of the
// corpus, measuring both ingests, unless a finished build holds them.
func (r *runner) ensureIngested(ctx context.Context) error {
	if r.ingest != nil {
		return nil
	}
	if r.opt.Build > 0 && r.built() {
		r.ingest = &Stage{Name: "ingest", Peer: "plain bleve index, ar analyzer", How: "not measured: the build was made by an earlier run",
			Notes: []string{"the build in " + r.dir + " was reused; ingest is measured when it is built"}}
		return nil
	}
	floor, err := r.floorRSS(ctx)
	if err != nil {
		return err
	}
	var ours, theirs []ingestRun
	var sum ingest.Summary
	for round := range r.opt.IngestRounds {
		order := []bool{true, false}
		if round%2 == 1 {
			order = []bool{false, true}
		}
		for _, isOurs := range order {
			if isOurs {
				os.RemoveAll(r.dataDir())
				r.logf("ingest round %d: taqrir ingest of %d articles", round+1, r.corpus.Articles)
				run, err := r.runChild(ctx, "--data", r.dataDir(), "--json", "ingest", r.corpus.File)
				if err != nil {
					return err
				}
				if err := json.Unmarshal(run.Stdout, &sum); err != nil {
					return fmt.Errorf("bench: reading taqrir ingest's summary: %w", err)
				}
				ours = append(ours, ingestRun{run, dirBytes(r.dataDir()), sum.Duration})
			} else {
				os.RemoveAll(r.plainDir())
				r.logf("ingest round %d: plain bleve index of %d articles", round+1, r.corpus.Articles)
				run, err := r.runChild(ctx, "bench", "plain-index", r.corpus.File, r.plainDir())
				if err != nil {
					return err
				}
				if run.Code != 0 {
					return errors.New("bench: the plain bleve index failed")
				}
				var ps PlainSummary
				if err := json.Unmarshal(run.Stdout, &ps); err != nil {
					return fmt.Errorf("bench: reading the plain index's summary: %w", err)
				}
				theirs = append(theirs, ingestRun{run, dirBytes(r.plainDir()), ps.Duration})
			}
		}
	}
	n := float64(r.corpus.Articles)
	text := float64(r.corpus.TextBytes) / mb
	med := func(rs []ingestRun, f func(ingestRun) float64) float64 {
		vs := make([]float64, len(rs))
		for i, x := range rs {
			vs[i] = f(x)
		}
		return medianF(vs)
	}
	fig := func(key, label string, better Better, f func(ingestRun) float64) Figure {
		return Figure{Key: key, Label: label, Ours: med(ours, f), Theirs: med(theirs, f), HasTheirs: true, Better: better}
	}
	s := &Stage{
		Name: "ingest",
		Peer: "plain bleve index, ar analyzer",
		How: fmt.Sprintf("child processes over the same .jsonl file: `taqrir --data DIR ingest FILE` (extract, facts, store, index, stories) "+
			"and `taqrir bench plain-index FILE DIR` (extract, then title and body into bleve in batches of %d); wall time and CPU of the whole process, its own peak RSS (pipeline only: the time the child reports for ingest.Run or its indexing loop, without start-up and, for ours, the stories' catch-up), median of %d round(s) alternating; peak RSS per 10k articles counts what is above the peak of `taqrir --version` (%.0f MB)", plainBatch, r.opt.IngestRounds, float64(floor)/mb),
		Figures: []Figure{
			fig("articles_per_s", "articles/s", Higher, func(x ingestRun) float64 { return n / x.run.Wall.Seconds() }),
			fig("mb_per_s", "MB/s", Higher, func(x ingestRun) float64 { return text / x.run.Wall.Seconds() }),
			fig("pipeline_articles_per_s", "articles/s, pipeline only", Higher, func(x ingestRun) float64 { return n / x.took.Seconds() }),
			fig("articles_per_cpu_s", "articles/CPU-s", Higher, func(x ingestRun) float64 { return n / x.run.CPU.Seconds() }),
			fig("peak_rss_mb", "peak RSS MB", Lower, func(x ingestRun) float64 { return float64(x.run.MaxRSS) / mb }),
			fig("peak_rss_mb_per_10k", "peak RSS MB per 10k articles", Lower, func(x ingestRun) float64 { return per10k(x.run.MaxRSS, floor, int(n)) }),
			fig("disk_kb_per_article", "disk KB/article", Lower, func(x ingestRun) float64 { return float64(x.disk) / 1024 / n }),
			fig("wall_s", "wall s", Lower, func(x ingestRun) float64 { return x.run.Wall.Seconds() }),
			{Key: "articles", Label: "articles", Ours: n, Theirs: n, HasTheirs: true},
		},
	}
	s.Notes = append(s.Notes, fmt.Sprintf("taqrir ingest: %s", sum))
	if sum.Failed > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%d items failed in taqrir ingest (first: %s: %s)", sum.Failed, sum.Failures[0].Origin, sum.Failures[0].Reason))
	}
	r.ingest = s
	if r.opt.Build > 0 {
		b, _ := json.Marshal(buildMark{Articles: r.opt.Build, From: r.buildFrom()})
		if err := os.WriteFile(r.builtMark(), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// searchAndReport opens the data directory the ingest made, as a command
// does, and measures search and report on it.
func (r *runner) searchAndReport(ctx context.Context, doSearch, doReport bool) error {
	lock, err := app.Lock(r.dataDir(), "taqrir bench", 0)
	if err != nil {
		return err
	}
	defer lock.Release()
	d, err := app.Open(ctx, r.dataDir(), app.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	d.Index.SetCacheSize(0) // latency is measured without the result cache
	// Queries ours cannot run (only stopwords, say) are left out of both.
	qs := r.queries[:0:0]
	for _, q := range r.queries {
		if _, err := d.Index.Search(ctx, ours(q, false)); err == nil {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return errors.New("bench: taqrir search runs none of the queries")
	}
	r.queries = qs
	r.res.Corpus.Queries = len(qs)
	if doSearch {
		s, err := r.search(ctx, d)
		if err != nil {
			return err
		}
		r.res.Stages = append(r.res.Stages, s)
	}
	if doReport {
		s, err := r.report(ctx, d)
		if err != nil {
			return err
		}
		r.res.Stages = append(r.res.Stages, s)
	}
	return nil
}

// ours is taqrir's request for q as `taqrir search` makes it (ten hits,
// synonyms on); full asks for facets and highlights too.
func ours(q Query, full bool) index.Request {
	r := index.Request{Query: q.Text, Source: q.Source, Since: q.Since, Until: q.Until, Limit: 10, Synonyms: true, NoFacets: !full, NoHighlight: !full}
	if q.Entity != "" {
		r.Entities = app.EntityAliases(q.Entity)
	}
	return r
}

// search times every query on four searchers — ours and the plain index,
// each with facets and highlights on and off — rotating which goes first
// query by query. The timed set is run once only: the warm-up runs each
// query's first word, so a result cache (none today) could not answer
// the timed queries from the warm-up.
func (r *runner) search(ctx context.Context, d *app.Data) (Stage, error) {
	pi, err := bleve.Open(r.plainDir())
	if err != nil {
		return Stage{}, err
	}
	defer pi.Close()
	type searcher struct {
		run  func(Query) (uint64, error)
		lat  []time.Duration
		hits uint64
	}
	mk := func(full, isOurs bool) *searcher {
		s := &searcher{}
		s.run = func(q Query) (uint64, error) {
			if isOurs {
				res, err := d.Index.Search(ctx, ours(q, full))
				return res.Total, err
			}
			res, err := pi.SearchInContext(ctx, plainRequest(q, full))
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		}
		return s
	}
	all := []*searcher{mk(true, true), mk(false, true), mk(true, false), mk(false, false)}
	arabic.Prepare() // as a server does before its first query
	for _, q := range r.queries {
		w := q
		w.Text = strings.Fields(q.Text)[0]
		for _, s := range all {
			s.run(w) // a lone word may be a stopword to one of them: no matter
		}
	}
	r.logf("search: %d queries × 4", len(r.queries))
	for i, q := range r.queries {
		for j := range all {
			s := all[(i+j)%len(all)]
			t0 := time.Now()
			n, err := s.run(q)
			if err != nil {
				return Stage{}, fmt.Errorf("bench: query %q: %w", q.Text, err)
			}
			s.lat = append(s.lat, time.Since(t0))
			s.hits += n
		}
	}
	for _, s := range all {
		slices.Sort(s.lat)
	}
	nq := float64(len(r.queries))
	lat := func(key, label string, i int, p float64) Figure {
		return Figure{Key: key, Label: label, Ours: percentile(all[i].lat, p), Theirs: percentile(all[i+2].lat, p), HasTheirs: true, Better: Lower}
	}
	return Stage{
		Name: "search",
		Peer: "plain bleve index, ar analyzer",
		How: fmt.Sprintf("wall time of each of %d queries once per searcher in this process, the four searchers rotating; ours: index.Search as `taqrir search` asks (10 hits, synonyms); "+
			"the peer: every word in title or body; full = with facets and highlighted snippets (ours: sources, months, entities; the peer's: sources), lean = without", len(r.queries)),
		Figures: []Figure{
			lat("p50_ms", "p50 ms (full)", 0, 50),
			lat("p99_ms", "p99 ms (full)", 0, 99),
			lat("lean_p50_ms", "p50 ms (lean)", 1, 50),
			lat("lean_p99_ms", "p99 ms (lean)", 1, 99),
			{Key: "queries", Label: "queries", Ours: nq, Theirs: nq, HasTheirs: true},
			{Key: "mean_hits", Label: "mean matches a query", Ours: float64(all[0].hits) / nq, Theirs: float64(all[2].hits) / nq, HasTheirs: true},
		},
		Notes: []string{"the result cache is off while measuring"},
	}, nil
}

// report times a report on the largest story and on the query of the
// set that matches most, each built ReportRuns times past the app's report
// cache (report.ForStory and report.ForQuery directly).
func (r *runner) report(ctx context.Context, d *app.Data) (Stage, error) {
	stories, _, err := d.Stories(ctx, app.StoryFilter{})
	if err != nil {
		return Stage{}, err
	}
	if len(stories) == 0 {
		return Stage{}, errors.New("bench: the data directory has no story")
	}
	big := stories[0]
	for _, s := range stories {
		if s.Size > big.Size {
			big = s
		}
	}
	// The query: the largest story's title's content words, as a reader
	// of the story would search for it; else the first of the set.
	q := r.queries[0]
	if qs, err := TitleQueries(1)(&Corpus{Titles: []string{big.Title}}); err == nil {
		if _, err := d.Index.Search(ctx, ours(qs[0], false)); err == nil {
			q = qs[0]
		}
	}
	most := uint64(0)
	if res, err := d.Index.Search(ctx, index.Request{Query: q.Text, Source: q.Source, Since: q.Since, Until: q.Until, Synonyms: true, IDsOnly: true, Limit: 1}); err == nil {
		most = res.Total
	}
	r.logf("report: story of %d articles, query %q (%d matches), %d runs each", big.Size, q.Text, most, r.opt.ReportRuns)
	time1 := func(build func() (*report.Report, error)) (time.Duration, int, error) {
		var ds []time.Duration
		n := 0
		for range r.opt.ReportRuns {
			t0 := time.Now()
			rep, err := build()
			if err != nil {
				return 0, 0, err
			}
			ds = append(ds, time.Since(t0))
			n = rep.Articles.Included
		}
		return median(ds), n, nil
	}
	st, stN, err := time1(func() (*report.Report, error) { return report.ForStory(ctx, d.Store, big, report.Options{}) })
	if err != nil {
		return Stage{}, err
	}
	qt, qN, err := time1(func() (*report.Report, error) {
		return report.ForQuery(ctx, d.Store, d.Index, report.Query{Text: q.Text, Source: q.Source, Since: q.Since, Until: q.Until}, report.Options{})
	})
	if err != nil {
		return Stage{}, err
	}
	return Stage{
		Name: "report",
		How:  fmt.Sprintf("wall time in this process, median of %d builds each (no cache): the largest story (report.ForStory) and the query %q from its title (report.ForQuery, %d matches)", r.opt.ReportRuns, q.Text, most),
		Figures: []Figure{
			{Key: "story_ms", Label: "story report ms", Ours: ms(st), Better: Lower},
			{Key: "story_articles", Label: "story articles included", Ours: float64(stN)},
			{Key: "query_ms", Label: "query report ms", Ours: ms(qt), Better: Lower},
			{Key: "query_articles", Label: "query articles included", Ours: float64(qN)},
		},
	}, nil
}

// startup times `taqrir --data DIR search Q` in child processes (one
// untimed first), and `taqrir --version` as the floor of any command.
func (r *runner) startup(ctx context.Context) (Stage, error) {
	q := r.queries[0].Text
	times := func(args ...string) (wall, cpu []time.Duration, rss int64, err error) {
		for i := range r.opt.StartupRuns + 1 {
			run, err := r.runChild(ctx, args...)
			if err != nil {
				return nil, nil, 0, err
			}
			if run.Code != 0 {
				return nil, nil, 0, fmt.Errorf("bench: taqrir %s failed", strings.Join(args, " "))
			}
			if i > 0 {
				wall, cpu = append(wall, run.Wall), append(cpu, run.CPU)
			}
			rss = max(rss, run.MaxRSS)
		}
		slices.Sort(wall)
		return wall, cpu, rss, nil
	}
	r.logf("startup: %d runs of taqrir search %s", r.opt.StartupRuns, q)
	floor, err := r.floorRSS(ctx)
	if err != nil {
		return Stage{}, err
	}
	sw, sc, rss, err := times("--data", r.dataDir(), "search", q)
	if err != nil {
		return Stage{}, err
	}
	vw, _, _, err := times("--version")
	if err != nil {
		return Stage{}, err
	}
	return Stage{
		Name: "startup",
		How:  fmt.Sprintf("wall time of child processes, %d runs after one untimed: `taqrir --data DIR search %s` and `taqrir --version`; peak RSS the largest of the search runs, per 10k articles what is above the peak of `taqrir --version` (%.0f MB)", r.opt.StartupRuns, q, float64(floor)/mb),
		Figures: []Figure{
			{Key: "search_p50_ms", Label: "search command p50 ms", Ours: percentile(sw, 50), Better: Lower},
			{Key: "search_p90_ms", Label: "search command p90 ms", Ours: percentile(sw, 90), Better: Lower},
			{Key: "search_cpu_ms", Label: "search command CPU ms", Ours: ms(median(sc)), Better: Lower},
			{Key: "search_peak_rss_mb", Label: "search command peak RSS MB", Ours: float64(rss) / mb, Better: Lower},
			{Key: "search_peak_rss_mb_per_10k", Label: "search peak RSS MB per 10k articles", Ours: per10k(rss, floor, r.corpus.Articles), Better: Lower},
			{Key: "version_p50_ms", Label: "taqrir --version p50 ms", Ours: percentile(vw, 50), Better: Lower},
		},
	}, nil
}
