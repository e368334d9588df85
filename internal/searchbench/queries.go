package searchbench

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/index"
)

// Query kinds: the filter a query carries besides its words.
const (
	KindPlain  = "plain"
	KindSource = "source"
	KindDate   = "date"
	KindEntity = "entity"
)

// Query is one query of the set: words, and at most one filter.
type Query struct {
	Kind   string // KindPlain, KindSource, KindDate or KindEntity
	Text   string
	Source string    // KindSource: the outlet
	Since  time.Time // KindDate: published on or after
	Until  time.Time // KindDate: published before
	Entity string    // KindEntity: an entity name (its aliases match too)
}

// QuerySeed and QueryCount are how testdata/queries.tsv was drawn.
const (
	QuerySeed  = 15
	QueryCount = 600
)

//go:embed testdata/queries.tsv
var queriesTSV string

// Queries returns the committed query set (testdata/queries.tsv): 600
// distinct queries of 2–3 content words from ANT titles, a quarter plain,
// a quarter with a source filter, a quarter with a two-month date range in
// 2018, a quarter with an entity filter.
func Queries() ([]Query, error) { return ParseQueries(strings.NewReader(queriesTSV)) }

// ParseQueries reads a query set: '#' lines are comments; each other line is
// kind, query, source, since, until, entity separated by tabs (dates as
// 2006-01-02, empty when not used).
func ParseQueries(r io.Reader) ([]Query, error) {
	var out []Query
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("queries: line %d: %d fields, want 6", n, len(f))
		}
		q := Query{Kind: f[0], Text: f[1], Source: f[2], Entity: f[5]}
		var err error
		if f[3] != "" {
			if q.Since, err = time.Parse(time.DateOnly, f[3]); err != nil {
				return nil, fmt.Errorf("queries: line %d: %w", n, err)
			}
		}
		if f[4] != "" {
			if q.Until, err = time.Parse(time.DateOnly, f[4]); err != nil {
				return nil, fmt.Errorf("queries: line %d: %w", n, err)
			}
		}
		switch q.Kind {
		case KindPlain, KindSource, KindDate, KindEntity:
		default:
			return nil, fmt.Errorf("queries: line %d: kind %q", n, q.Kind)
		}
		if q.Text == "" {
			return nil, fmt.Errorf("queries: line %d: empty query", n)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// FormatQueries writes a query set in the form ParseQueries reads, after
// the header lines given (each gets its "# ").
func FormatQueries(w io.Writer, header []string, qs []Query) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	for _, q := range qs {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\n", q.Kind, q.Text, q.Source, day(q.Since), day(q.Until), q.Entity)
	}
	return bw.Flush()
}

// QueryHeader is the header of testdata/queries.tsv.
var QueryHeader = []string{
	"Search benchmark queries (package searchbench). Drawn by DrawQueries from the titles of",
	"../shared/data/ant-news/ant-multisource-2018.jsonl.gz with seed 15, 600 queries:",
	"titles in a seeded random order; from each, 2 or 3 content words (not stopwords, Arabic letters",
	"only, at least 3 letters) in title order, picked at random; a query already drawn is skipped.",
	"Filter mix by position: i%4 = 0 plain, 1 source (the title's outlet), 2 date (a two-month",
	"range starting on a random month of 2018), 3 entity (the most named entity of the title's",
	"article by taqrir's facts stage; a title whose article names none is passed over).",
	"Regenerate: go test ./internal/searchbench -run TestQueryFile -update",
	"Source of the titles: ANT Corpus, A. Chouigui, O. Ben Khiroun, B. Elayeb, \"ANT Corpus: An",
	"Arabic News Text Collection for Textual Classification\", AICCSA 2017, pp. 135-142",
	"(https://antcorpus.github.io); Apache-2.0; the articles' copyright stays with the outlets.",
	"Columns: kind, query, source, since, until, entity (tab-separated).",
}

// DrawQueries draws n distinct queries from the titles of srcs, as the
// header of testdata/queries.tsv describes.
func DrawQueries(srcs []Source, n int, seed uint64) []Query {
	r := rand.New(rand.NewPCG(seed, 0))
	order := r.Perm(len(srcs))
	seen := map[string]bool{}
	var out []Query
	for _, i := range order {
		if len(out) == n {
			break
		}
		s := srcs[i]
		words := contentWords(s.Title)
		if len(words) < 2 {
			continue
		}
		k := min(2+r.IntN(2), len(words))
		pick := r.Perm(len(words))[:k]
		slices.Sort(pick)
		var ws []string
		for _, j := range pick {
			ws = append(ws, words[j])
		}
		q := Query{Text: strings.Join(ws, " ")}
		if seen[q.Text] {
			continue
		}
		switch len(out) % 4 {
		case 0:
			q.Kind = KindPlain
		case 1:
			q.Kind, q.Source = KindSource, s.Source
		case 2:
			m := r.IntN(12)
			q.Kind = KindDate
			q.Since = time.Date(2018, time.Month(1+m), 1, 0, 0, 0, 0, time.UTC)
			q.Until = q.Since.AddDate(0, 2, 0)
		case 3:
			q.Kind, q.Entity = KindEntity, topEntity(s.Text)
			if q.Entity == "" {
				continue
			}
		}
		seen[q.Text] = true
		out = append(out, q)
	}
	return out
}

// contentWords lists a title's words that are not stopwords, of Arabic
// letters only and at least three of them, each once.
func contentWords(title string) []string {
	var out []string
	arabic.EachTermAlt(title, func(start, end int, key, _ string, stop bool) {
		w := title[start:end]
		if stop || key == "" || len([]rune(w)) < 3 || slices.Contains(out, w) {
			return
		}
		for _, c := range w {
			if !unicode.Is(unicode.Arabic, c) || !unicode.IsLetter(c) {
				return
			}
		}
		out = append(out, w)
	})
	return out
}

// topEntity is the canonical name the facts stage finds most often in
// text (the first of equals), or "".
func topEntity(text string) string {
	count := map[string]int{}
	var best string
	for _, e := range facts.Extract(text, time.Time{}).Entities {
		n := strings.TrimSpace(e.Canonical)
		if n == "" {
			n = strings.TrimSpace(e.Text)
		}
		if n == "" || strings.ContainsAny(n, "\t\n") {
			continue
		}
		count[n]++
		if count[n] > count[best] {
			best = n
		}
	}
	return best
}

// Options says how a query set is run.
type Options struct {
	Facets     bool // compute the source, month and entity facets
	Highlights bool // compute snippets
	Limit      int  // hits a page (0: 10)
	NoSynonyms bool // leave out synonym expansion (the CLI and API use it)
	// CPUClock, when set, reads the process's CPU time (user + system) so
	// Latency.CPU can be given: on this shared 2-core machine it is steadier
	// than wall-clock time.
	CPUClock func() time.Duration
}

// Request is the taqrir search request for q: what `taqrir search` and
// the API ask for the same words and filter.
func (q Query) Request(o Options) index.Request {
	r := index.Request{Query: q.Text, Source: q.Source, Since: q.Since, Until: q.Until,
		Limit: o.Limit, Synonyms: !o.NoSynonyms, NoFacets: !o.Facets, NoHighlight: !o.Highlights}
	if r.Limit <= 0 {
		r.Limit = 10
	}
	if q.Entity != "" {
		r.Entities = app.EntityAliases(q.Entity)
	}
	return r
}
