package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/corpus/synth"
)

// Stages are the stages a run can measure, in the order they run.
var Stages = []string{"analysis", "ingest", "search", "report", "startup", "serve"}

// Options say what to measure, on what, and where.
type Options struct {
	// Exe is the taqrir binary the child processes run (ingest, the
	// peer's ingest, start-up); Env their environment (nil: this
	// process's).
	Exe string
	Env []string
	// Work is the directory everything is made under ("": the system's
	// temporary directory). A run makes its own directory inside it and
	// removes it at the end unless Keep; a build (Build) keeps
	// Work/build-N for the next run.
	Work string
	Keep bool
	// The corpus: Corpus, a .jsonl[.gz] file, of which the first Limit
	// articles (0: all); else Articles synthetic articles recombined from
	// the embedded sample's sentences. Build > 0 makes Build synthetic
	// articles from the sentences of Corpus (else the sample) once, ingests
	// them and keeps them under Work, where the next run with the same
	// Build finds them and measures search on them without ingesting.
	Corpus   string
	Limit    int
	Articles int
	Build    int
	// Stages to run (nil: all of Stages).
	Stages []string
	// Rounds of the analysis (default 3) and the ingest (default 1); the
	// ours and peer runs alternate within them and medians are reported.
	AnalysisRounds int
	IngestRounds   int
	// StartupRuns is the number of timed start-ups (default 10);
	// ReportRuns of timed reports (default 5).
	StartupRuns int
	ReportRuns  int
	// Queries gives the search stage's queries (default TitleQueries(200));
	// Builder writes a Build corpus (default SynthBuild).
	Queries QueryFunc
	Builder BuildFunc
	// Log is told what the run is doing (nil: nothing).
	Log io.Writer
}

// Better says which way a figure is better.
type Better int8

const (
	Neither Better = 0  // a count or a size of the input: no ratio
	Higher  Better = 1  // throughput
	Lower   Better = -1 // latency, memory, disk
)

// Figure is one measured quantity of a stage, ours and (when the stage
// has a peer) the peer's on the same input.
type Figure struct {
	Key       string  // JSON key: snake case ending in its unit (_per_s, _ms, _mb)
	Label     string  // for the table
	Ours      float64 //
	Theirs    float64
	HasTheirs bool
	Better    Better
}

// Ratio is how many times better ours is than the peer's (above 1: ours
// is faster, or smaller); 0 when there is no ratio.
func (f Figure) Ratio() float64 {
	if !f.HasTheirs || f.Better == Neither || f.Ours <= 0 || f.Theirs <= 0 {
		return 0
	}
	if f.Better == Higher {
		return f.Ours / f.Theirs
	}
	return f.Theirs / f.Ours
}

// Stage is one stage's figures.
type Stage struct {
	Name    string
	Peer    string // what ours is set beside ("" none)
	How     string // how it was measured
	Figures []Figure
	Notes   []string
}

// MarshalJSON writes a stage as {"peer", "how", "ratio": {key: ratio},
// "ours": {key: value}, "theirs": {key: value}, "notes": []}.
func (s Stage) MarshalJSON() ([]byte, error) {
	out := struct {
		Peer   string             `json:"peer"`
		How    string             `json:"how"`
		Ratio  map[string]float64 `json:"ratio"`
		Ours   map[string]float64 `json:"ours"`
		Theirs map[string]float64 `json:"theirs"`
		Notes  []string           `json:"notes"`
	}{Peer: s.Peer, How: s.How, Ratio: map[string]float64{}, Ours: map[string]float64{}, Theirs: map[string]float64{}, Notes: s.Notes}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	for _, f := range s.Figures {
		out.Ours[f.Key] = round(f.Ours)
		if f.HasTheirs {
			out.Theirs[f.Key] = round(f.Theirs)
		}
		if r := f.Ratio(); r > 0 {
			out.Ratio[f.Key] = round(r)
		}
	}
	return json.Marshal(out)
}

// round keeps four significant digits, enough for any figure here.
func round(v float64) float64 {
	var f float64
	fmt.Sscanf(fmt.Sprintf("%.4g", v), "%g", &f)
	return f
}

// CorpusInfo describes the input of a run.
type CorpusInfo struct {
	Name      string `json:"name"`
	Articles  int    `json:"articles"`
	TextBytes int64  `json:"text_bytes"`
	Queries   int    `json:"queries"`
}

// Machine describes where the run ran.
type Machine struct {
	CPUs int    `json:"cpus"`
	OS   string `json:"os"`
	Arch string `json:"arch"`
	Go   string `json:"go"`
}

// Result is a run's report.
type Result struct {
	Corpus  CorpusInfo
	Machine Machine
	Work    string // the directory kept (Keep or Build), else ""
	Stages  []Stage
}

// MarshalJSON writes {"corpus", "machine", "work", "stages": {name: stage}}.
func (r *Result) MarshalJSON() ([]byte, error) {
	stages := map[string]Stage{}
	for _, s := range r.Stages {
		stages[s.Name] = s
	}
	return json.Marshal(struct {
		Corpus  CorpusInfo       `json:"corpus"`
		Machine Machine          `json:"machine"`
		Work    string           `json:"work"`
		Stages  map[string]Stage `json:"stages"`
	}{r.Corpus, r.Machine, r.Work, stages})
}

// Stage returns the named stage of the result, if it ran.
func (r *Result) Stage(name string) (Stage, bool) {
	for _, s := range r.Stages {
		if s.Name == name {
			return s, true
		}
	}
	return Stage{}, false
}

// runner is one run.
type runner struct {
	opt     Options
	dir     string // this run's directory
	corpus  *Corpus
	queries []Query
	res     *Result
	ingest  *Stage // the ingest's figures once the data directory is made
	floor   int64  // peak RSS of `taqrir --version`, once measured
}

func (r *runner) logf(format string, args ...any) {
	if r.opt.Log != nil {
		fmt.Fprintf(r.opt.Log, "bench: "+format+"\n", args...)
	}
}

func (r *runner) dataDir() string   { return filepath.Join(r.dir, "data") }
func (r *runner) plainDir() string  { return filepath.Join(r.dir, "plain.bleve") }
func (r *runner) builtMark() string { return filepath.Join(r.dir, "build.json") }

// Run measures the stages the options name. When a stage fails after
// the corpus is ingested, the result holds the others (and the failed
// stage with its error as a note) beside the error.
func Run(ctx context.Context, opt Options) (res *Result, err error) {
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	r := &runner{opt: opt, res: &Result{Machine: Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version()}}}
	if err := r.makeDir(); err != nil {
		return nil, err
	}
	if opt.Build > 0 || opt.Keep {
		r.res.Work = r.dir
	} else {
		defer func() {
			if rerr := os.RemoveAll(r.dir); rerr != nil && err == nil {
				err = rerr
			}
		}()
	}
	if err := r.prepareCorpus(ctx); err != nil {
		return nil, err
	}
	r.res.Corpus = CorpusInfo{Name: r.corpus.Name, Articles: r.corpus.Articles, TextBytes: r.corpus.TextBytes}
	want := func(s string) bool { return slices.Contains(opt.Stages, s) }
	if want("search") || want("report") || want("startup") || want("serve") {
		if r.queries, err = opt.Queries(r.corpus); err != nil {
			return nil, err
		}
		r.res.Corpus.Queries = len(r.queries)
	}
	// A stage that fails is said in its place and the others still run:
	// a long run is not lost to one stage.
	var errs []error
	failed := func(name string, err error) {
		errs = append(errs, err)
		r.res.Stages = append(r.res.Stages, Stage{Name: name, How: "failed", Notes: []string{err.Error()}})
	}
	if want("analysis") {
		r.logf("analysis: %d articles, %d rounds", len(r.corpus.Texts), opt.AnalysisRounds)
		r.res.Stages = append(r.res.Stages, r.analysis())
	}
	if want("ingest") || want("search") || want("report") || want("startup") || want("serve") {
		if err := r.ensureIngested(ctx); err != nil {
			return r.res, err // nothing after it can run
		}
		if want("ingest") {
			r.res.Stages = append(r.res.Stages, *r.ingest)
		}
	}
	if want("search") || want("report") {
		if err := r.searchAndReport(ctx, want("search"), want("report")); err != nil {
			failed("search", err)
		}
	}
	for _, st := range []struct {
		name string
		run  func(context.Context) (Stage, error)
	}{{"startup", r.startup}, {"serve", r.serve}} {
		if !want(st.name) || ctx.Err() != nil {
			continue
		}
		if s, err := st.run(ctx); err != nil {
			failed(st.name, err)
		} else {
			r.res.Stages = append(r.res.Stages, s)
		}
	}
	return r.res, errors.Join(errs...)
}

func (o *Options) defaults() error {
	if o.Exe == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		o.Exe = exe
	}
	if o.Env == nil {
		o.Env = os.Environ()
	}
	if len(o.Stages) == 0 {
		o.Stages = Stages
	}
	for _, s := range o.Stages {
		if !slices.Contains(Stages, s) {
			return fmt.Errorf("bench: no stage %q (want some of %s)", s, strings.Join(Stages, ","))
		}
	}
	if o.Articles <= 0 {
		o.Articles = 2000
	}
	if o.Limit < 0 || o.Build < 0 {
		return errors.New("bench: --limit and --build want a positive number")
	}
	if o.AnalysisRounds <= 0 {
		o.AnalysisRounds = 3
	}
	if o.IngestRounds <= 0 {
		o.IngestRounds = 1
	}
	if o.StartupRuns <= 0 {
		o.StartupRuns = 10
	}
	if o.ReportRuns <= 0 {
		o.ReportRuns = 5
	}
	if o.Queries == nil {
		o.Queries = TitleQueries(200)
	}
	if o.Builder == nil {
		o.Builder = SynthBuild
	}
	return nil
}

// makeDir makes (or, for a build, finds) the run's directory under Work.
func (r *runner) makeDir() error {
	work := r.opt.Work
	if work != "" {
		if err := os.MkdirAll(work, 0o755); err != nil {
			return err
		}
	}
	if r.opt.Build > 0 {
		if work == "" {
			d, err := os.MkdirTemp("", "taqrir-bench-")
			if err != nil {
				return err
			}
			work = d
		}
		r.dir = filepath.Join(work, fmt.Sprintf("build-%d", r.opt.Build))
		return os.MkdirAll(r.dir, 0o755)
	}
	d, err := os.MkdirTemp(work, "taqrir-bench-")
	r.dir = d
	return err
}

// buildMark is what a finished build records, so the next run can tell
// it is the build it asks for.
type buildMark struct {
	Articles int    `json:"articles"`
	From     string `json:"from"`
}

func (r *runner) buildFrom() string {
	if r.opt.Corpus == "" {
		return "the embedded sample"
	}
	return corpusName(r.opt.Corpus, r.opt.Limit)
}

// built reports whether the run's directory holds the finished build the
// options ask for.
func (r *runner) built() bool {
	b, err := os.ReadFile(r.builtMark())
	if err != nil {
		return false
	}
	var m buildMark
	return json.Unmarshal(b, &m) == nil && m == buildMark{Articles: r.opt.Build, From: r.buildFrom()}
}

// prepareCorpus writes (or finds) the run's corpus file and reads it.
func (r *runner) prepareCorpus(ctx context.Context) error {
	file := filepath.Join(r.dir, "corpus.jsonl")
	var name string
	switch {
	case r.opt.Build > 0:
		name = "synthetic articles from the sentences of " + r.buildFrom()
		if r.built() {
			r.logf("reusing the build in %s", r.dir)
			break
		}
		os.Remove(r.builtMark())
		pool, err := r.pool(ctx)
		if err != nil {
			return err
		}
		r.logf("building %d articles in %s", r.opt.Build, file)
		if err := writeBuilt(ctx, r.opt.Builder, pool, r.opt.Build, file); err != nil {
			return err
		}
	case r.opt.Corpus != "":
		name = corpusName(r.opt.Corpus, r.opt.Limit)
		r.logf("copying %s", name)
		if err := copyFirst(ctx, r.opt.Corpus, r.opt.Limit, file); err != nil {
			return err
		}
	default:
		name = "synthetic articles from the embedded sample"
		pool, err := SamplePool(ctx)
		if err != nil {
			return err
		}
		if err := writeBuilt(ctx, SynthBuild, pool, r.opt.Articles, file); err != nil {
			return err
		}
	}
	c, err := readCorpus(ctx, name, file)
	r.corpus = c
	return err
}

func (r *runner) pool(ctx context.Context) (*synth.Pool, error) {
	if r.opt.Corpus != "" {
		return FilePool(ctx, r.opt.Corpus, r.opt.Limit)
	}
	return SamplePool(ctx)
}

// dirBytes is the size of the files under dir.
func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// percentile is the p-th percentile (0–100) of sorted durations, in ms.
func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p / 100)
	return ms(sorted[i])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianF(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	return s[len(s)/2]
}
