package searchbench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// DefaultCorpus is the ANT file corpora and queries are drawn from, relative
// to the repository root.
const DefaultCorpus = "../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// Source is one real article as the corpus file gives it.
type Source struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
}

// ReadSources reads a .jsonl or .jsonl.gz file of articles in taqrir's
// input shape, keeping every step-th one (step 1: all) up to max (0: no
// bound).
func ReadSources(path string, step, max int) ([]Source, error) {
	step = max1(step)
	var out []Source
	n := -1
	errEnough := errors.New("enough")
	err := source.Options{}.Paths(path)(context.Background(), func(it source.Item) error {
		n++
		if it.Err != nil {
			return nil // a line the source stage refuses (empty, oversized, not UTF-8): skipped, as ingest skips it
		}
		if n%step != 0 {
			return nil
		}
		var s Source
		if err := json.Unmarshal(it.Data, &s); err != nil {
			return fmt.Errorf("%s: %w", it.Origin, err)
		}
		if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Text) == "" {
			return nil
		}
		out = append(out, s)
		if max > 0 && len(out) >= max {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	return out, nil
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// Sentence is one real sentence and the entities the facts stage found in
// it (in its article), which travel with it into synthetic articles.
type Sentence struct {
	Text     string
	Entities []news.Entity // offsets relative to Text
}

// Title is a real title with its outlet and its article's entities.
type Title struct {
	Text     string
	Source   string
	Entities []news.Entity
}

// Pool is the material synthetic articles are built from.
type Pool struct {
	Sentences []Sentence
	Titles    []Title
}

// PoolOptions says what LoadPool reads.
type PoolOptions struct {
	// Step and Max select articles: every Step-th, at most Max (0: all).
	Step, Max int
	// Entities runs the facts stage on each article so its sentences
	// carry their entities (the entity filter and facet then have real
	// names to work on). It costs a few milliseconds an article.
	Entities bool
}

// LoadPool reads the real articles of path into a pool of sentences and
// titles.
func LoadPool(ctx context.Context, path string, opt PoolOptions) (*Pool, error) {
	srcs, err := ReadSources(path, opt.Step, opt.Max)
	if err != nil {
		return nil, err
	}
	type part struct {
		sents []Sentence
		title Title
	}
	parts := make([]part, len(srcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				s := srcs[i]
				var ents []news.Entity
				if opt.Entities {
					ents = facts.Extract(s.Text, time.Time{}).Entities
				}
				p := part{title: Title{Text: strings.TrimSpace(s.Title), Source: s.Source, Entities: ents}}
				for _, se := range arabic.Sentences(s.Text) {
					if len(se.Text) < 20 {
						continue
					}
					sent := Sentence{Text: se.Text}
					for _, e := range ents {
						if e.Start >= se.Start && e.End <= se.End {
							e.Start, e.End = e.Start-se.Start, e.End-se.Start
							sent.Entities = append(sent.Entities, e)
						}
					}
					p.sents = append(p.sents, sent)
				}
				parts[i] = p
			}
		})
	}
	var cerr error
feed:
	for i := range srcs {
		select {
		case next <- i:
		case <-ctx.Done():
			cerr = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if cerr != nil {
		return nil, cerr
	}
	p := &Pool{}
	for _, pt := range parts {
		p.Titles = append(p.Titles, pt.title)
		p.Sentences = append(p.Sentences, pt.sents...)
	}
	if len(p.Sentences) == 0 {
		return nil, errors.New("searchbench: the corpus has no sentences")
	}
	return p, nil
}

// Year is the span synthetic articles are dated in: 2018, the year of the
// ANT multisource articles.
var (
	yearStart = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	yearHours = 365 * 24
)

// Article returns synthetic article i of the stream for seed: a real title
// with its outlet, 3–8 paragraphs of 1–4 real sentences drawn from the
// whole pool (with their entities), a date spread over 2018. The same seed
// and i give the same article.
func (p *Pool) Article(seed uint64, i int) news.Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	t := p.Titles[r.IntN(len(p.Titles))]
	a := news.Article{
		URL:       fmt.Sprintf("https://synth.example/ant/%d/%d", seed, i),
		Title:     t.Text,
		Source:    t.Source,
		Language:  "ar",
		Published: yearStart.Add(time.Duration(r.IntN(yearHours)) * time.Hour),
	}
	a.Paragraphs = make([]string, 3+r.IntN(6))
	off := 0
	for j := range a.Paragraphs {
		var b strings.Builder
		for k := range 1 + r.IntN(4) {
			if k > 0 {
				b.WriteByte(' ')
			}
			s := p.Sentences[r.IntN(len(p.Sentences))]
			base := off + b.Len()
			for _, e := range s.Entities {
				e.Start, e.End = e.Start+base, e.End+base
				a.Entities = append(a.Entities, e)
			}
			b.WriteString(s.Text)
		}
		a.Paragraphs[j] = b.String()
		off += b.Len() + 2 // Body joins paragraphs with a blank line
	}
	a.ID = news.ComputeID(a.URL, a.Title, a.Body())
	return a
}

// Build calls emit with synthetic articles [from, to) of the stream for
// seed, in batches of batch (emit may index or store them); progress, if
// not nil, is told how many are done after each batch.
func (p *Pool) Build(ctx context.Context, seed uint64, from, to, batch int, emit func([]news.Article) error, progress func(done int)) error {
	batch = max1(batch)
	for lo := from; lo < to; lo += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		hi := min(lo+batch, to)
		arts := make([]news.Article, 0, hi-lo)
		for i := lo; i < hi; i++ {
			arts = append(arts, p.Article(seed, i))
		}
		if err := emit(arts); err != nil {
			return err
		}
		if progress != nil {
			progress(hi - from)
		}
	}
	return nil
}
