package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/parallel"
)

// DefaultLimit is how many articles a report reads at most, the most
// relevant first; the report says when more matched.
const DefaultLimit = 2000

// ErrBadOptions is returned for options Build cannot honour.
var ErrBadOptions = errors.New("report: bad options")

// Query is what the user asked for; Build only records it, the caller has
// already selected the articles with it.
type Query struct {
	Text   string
	Source string
	// Entities keeps the articles naming any of these names (an entity's
	// aliases), as index.Request.Entities.
	Entities []string
	Since    time.Time
	Until    time.Time
	// NoSynonyms turns off the news-vocabulary synonyms in the search.
	NoSynonyms bool
}

// Options tune a report.
type Options struct {
	// Limit caps the articles read (default DefaultLimit); the articles
	// beyond it are dropped and the report says so.
	Limit int
	// Matched is how many articles matched the query when the caller has
	// already capped the list it passes (0: len(arts)).
	Matched int
	// SummarySize is the number of summary sentences (0: 5 to 10, more for
	// more articles).
	SummarySize int
	// Now is the report's generated_at (zero: time.Now).
	Now time.Time
	// MinConfidence is the confidence a contradiction needs to be shown
	// (0: DefaultMinConfidence; negative: show every one found). The
	// report counts those it leaves out.
	MinConfidence float64
}

// DefaultMinConfidence is the confidence a contradiction needs to be in a
// report by default, chosen on the real-news dev stories (eval realnews)
// for precision before recall.
const DefaultMinConfidence = 0.6

// Build makes the report over arts, given most relevant first. It reads
// only the articles and their Facts (as the facts stage filled them); an
// article without dates, entities or any facts still counts in the
// summary, the duplicates and the coverage. No article is an empty report
// whose Articles.Note says so, with every section present and empty.
func Build(ctx context.Context, arts []news.Article, q Query, opts Options) (*Report, error) {
	if opts.Limit < 0 || opts.SummarySize < 0 || opts.SummarySize > 50 {
		return nil, fmt.Errorf("%w: limit %d, summary size %d (want limit ≥ 0, summary 0–50)", ErrBadOptions, opts.Limit, opts.SummarySize)
	}
	limit := opts.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := &Report{
		Query:          q.Text,
		GeneratedAt:    now.UTC().Truncate(time.Second),
		Summary:        []Sentence{},
		Timeline:       []Event{},
		Actors:         []Actor{},
		Figures:        []Figure{},
		Claims:         []SpeakerClaims{},
		Contradictions: []Contradiction{},
		Coverage:       Coverage{Sources: []Count{}, Days: []Count{}, Cells: []Cell{}},
	}
	matched := max(opts.Matched, len(arts))
	if len(arts) > limit {
		arts = arts[:limit]
	}
	r.Articles = Articles{Matched: matched, Included: len(arts), Limit: limit, Capped: matched > len(arts), List: []ArticleInfo{}}
	switch {
	case len(arts) == 0:
		r.Articles.Note = "no article matches the query"
		return r, nil
	case r.Articles.Capped:
		r.Articles.Note = fmt.Sprintf("%d articles match; this report reads the %d most relevant", matched, len(arts))
	}

	docs, err := prepareAll(ctx, arts)
	if err != nil {
		return nil, err
	}
	// Publication order, undated last, relevance breaking ties: the first
	// of a duplicate group is the earliest copy, and sections read in time.
	sort.SliceStable(docs, func(i, j int) bool { return docBefore(docs[i], docs[j]) })
	groups := duplicateGroups(docs)
	distinct := 0
	for _, d := range docs {
		if g, ok := groups[d.a.ID]; ok {
			d.group = g
		} else {
			distinct++
		}
		info := ArticleInfo{ID: d.a.ID, Title: d.a.Title, Source: d.a.Source, Published: d.published, URL: d.a.URL}
		if d.group != d.a.ID {
			info.DuplicateOf = d.group
		}
		r.Articles.List = append(r.Articles.List, info)
	}
	r.Articles.Distinct = distinct
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	topic, _ := RequestTopic(q.Text)
	weighDocs(docs, topic)
	core := make([]*doc, 0, len(docs))
	for i, d := range docs {
		r.Articles.List[i].Weight = math.Round(d.weight*100) / 100
		r.Articles.List[i].Peripheral = d.peripheral
		if !d.peripheral {
			core = append(core, d)
		}
	}
	r.Articles.Central = len(core)

	// The sections only read the docs: the contradictions, the costliest
	// (about 40% of Build on 2,000 articles), are found beside the rest.
	_ = parallel.For(ctx, 2, 2, func(_, i int) error {
		if i == 0 {
			r.Contradictions = contradictions(core)
			return nil
		}
		r.Summary = summarize(core, summarySize(opts.SummarySize, distinct))
		r.Timeline = timeline(core)
		r.Actors = actors(core)
		r.Figures = figures(core)
		r.Claims = claims(core)
		return nil
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	minConf := opts.MinConfidence
	if minConf == 0 {
		minConf = DefaultMinConfidence
	}
	r = r.WithMinConfidence(minConf)
	r.Coverage = coverage(docs)
	return r, ctx.Err()
}

// WithMinConfidence returns a copy of r that shows only the contradictions
// at or above th and counts the others in ContradictionsHidden (with
// those r already hid).
func (r *Report) WithMinConfidence(th float64) *Report {
	cp := *r
	cp.Contradictions = []Contradiction{}
	for _, c := range r.Contradictions {
		if c.Confidence >= th {
			cp.Contradictions = append(cp.Contradictions, c)
		} else {
			cp.ContradictionsHidden++
		}
	}
	return &cp
}

func docBefore(a, b *doc) bool {
	ha, hb := a.a.HasPublished(), b.a.HasPublished()
	if ha != hb {
		return ha
	}
	if ha && !a.a.Published.Equal(b.a.Published) {
		return a.a.Published.Before(b.a.Published)
	}
	return a.rank < b.rank
}

// summarySize is 5 sentences for one article, growing with the number of
// distinct articles up to 10.
func summarySize(asked, distinct int) int {
	if asked > 0 {
		return asked
	}
	return min(10, 5+distinct/4)
}

// prepareAll analyses the articles on all cores.
func prepareAll(ctx context.Context, arts []news.Article) ([]*doc, error) {
	docs := make([]*doc, len(arts))
	workers := parallel.Workers(len(arts), 32)
	caches := make([]arabic.TermCache, workers) // one a worker: articles share their words
	err := parallel.For(ctx, len(arts), workers, func(w, i int) error {
		docs[i] = prepareWith(&arts[i], i, &caches[w])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}
