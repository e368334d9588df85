package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/searchbench"
	"github.com/taqrir/taqrir/internal/source"
)

// What the harness keeps of a corpus in memory: enough titles to draw
// queries from and enough text to time the analysers on, however large the
// corpus (a 1M-article build streams through).
const (
	maxTitles    = 20000
	maxTextBytes = 16 << 20
)

// Corpus is the input of a run: the .jsonl file ingest reads, and what
// the stages that work in memory need of it.
type Corpus struct {
	Name      string   // what it is, for the report
	File      string   // the .jsonl file every ingest of the run reads
	Articles  int      // articles extract made of it
	TextBytes int64    // bytes of their titles and bodies
	Titles    []string // the first maxTitles titles
	Texts     []string // title and body of the first articles, up to maxTextBytes
}

// BuildFunc writes n synthetic articles, one JSON object a line in the
// shape `taqrir ingest` reads, made from pool's sentences. SynthBuild is
// the default; a better builder can be put in Options.Build.
type BuildFunc func(ctx context.Context, pool *synth.Pool, n int, w io.Writer) error

// SynthBuild is corpus/synth's recombination: 3–8 paragraphs of 1–4
// sentences drawn at random from the pool, seed 1.
func SynthBuild(ctx context.Context, pool *synth.Pool, n int, w io.Writer) error {
	const chunk = 1000
	for from := 0; from < n; from += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := w.Write(pool.JSONL(1, from, min(from+chunk, n))); err != nil {
			return err
		}
	}
	return nil
}

// SamplePool is the embedded sample corpus's sentences, titles and sources.
func SamplePool(ctx context.Context) (*synth.Pool, error) {
	return synth.Load(ctx, corpus.FS())
}

// FilePool collects the sentences, titles and sources of the first limit
// articles (0: all) of a .jsonl[.gz] file, as synth.Load does for the
// sample.
func FilePool(ctx context.Context, path string, limit int) (*synth.Pool, error) {
	p := &synth.Pool{}
	seen := map[string]bool{}
	err := eachArticle(ctx, path, limit, func(_ []byte, a *news.Article) error {
		p.Titles = append(p.Titles, a.Title)
		if a.Source != "" && !seen[a.Source] {
			seen[a.Source] = true
			p.Sources = append(p.Sources, a.Source)
		}
		for _, s := range arabic.Sentences(a.Body()) {
			if len(s.Text) > 20 {
				p.Sentences = append(p.Sentences, s.Text)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.Sentences) == 0 || len(p.Titles) == 0 {
		return nil, fmt.Errorf("bench: %s has no usable articles", path)
	}
	if len(p.Sources) == 0 {
		p.Sources = []string{"مصدر تجريبي"}
	}
	return p, nil
}

var errStop = errors.New("enough articles")

// eachArticle reads path through the source and extract stages, as ingest
// does, and calls fn with each article and its raw line, up to limit articles (0: all). Items extract refuses are
// skipped, as ingest would report and skip them.
func eachArticle(ctx context.Context, path string, limit int, fn func(raw []byte, a *news.Article) error) error {
	if f, ok := source.FormatOf(path); !ok || f != source.FormatJSONL {
		return fmt.Errorf("bench: %s: want a .jsonl or .jsonl.gz file", path)
	}
	n := 0
	err := source.Options{}.Walk(ctx, []string{path}, func(it source.Item) error {
		if it.Err != nil {
			return nil
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			return nil
		}
		if err := fn(it.Data, &res.Article); err != nil {
			return err
		}
		n++
		if limit > 0 && n >= limit {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return err
}

// copyFirst writes the raw lines of the first limit articles of path to
// dst, so every ingest of the run reads the same bytes.
func copyFirst(ctx context.Context, path string, limit int, dst string) error {
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = eachArticle(ctx, path, limit, func(raw []byte, _ *news.Article) error {
		w.Write(raw)
		return w.WriteByte('\n')
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeBuilt writes n articles of build over pool to dst.
func writeBuilt(ctx context.Context, build BuildFunc, pool *synth.Pool, n int, dst string) error {
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = build(ctx, pool, n, w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readCorpus reads the corpus file back through source and extract: the
// counts, and the titles and texts the in-memory stages use.
func readCorpus(ctx context.Context, name, file string) (*Corpus, error) {
	c := &Corpus{Name: name, File: file}
	var kept int64
	err := eachArticle(ctx, file, 0, func(_ []byte, a *news.Article) error {
		title, body := a.Title, a.Body()
		c.Articles++
		c.TextBytes += int64(len(title) + len(body))
		if len(c.Titles) < maxTitles {
			c.Titles = append(c.Titles, title)
		}
		if kept < maxTextBytes {
			t := title + "\n\n" + body
			c.Texts = append(c.Texts, t)
			kept += int64(len(t))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if c.Articles == 0 {
		return nil, fmt.Errorf("bench: %s: no articles", file)
	}
	return c, nil
}

// corpusName describes a corpus file given by the user.
func corpusName(path string, limit int) string {
	base := filepath.Base(path)
	if limit > 0 {
		return fmt.Sprintf("%s (first %d)", base, limit)
	}
	return base
}

// Query is one search of the search stage: words in taqrir's query
// language (plain words: every one must match) and optional filters, a
// source and a publication date range (Until exclusive), which the peer
// applies too.
type Query struct {
	Text   string    `json:"text"`
	Source string    `json:"source,omitempty"`
	Since  time.Time `json:"since,omitzero"`
	Until  time.Time `json:"until,omitzero"`
	// Entity filters on an entity (ours: its aliases, as `taqrir search
	// --entity`; the peer, which has no entities, requires the name as a
	// phrase in the title or body).
	Entity string `json:"entity,omitempty"`
}

// ANTQueries gives the committed query set of searchbench (600 distinct
// queries from ANT titles, a quarter each plain, by source, by a date
// range, by an entity: searchbench.Queries), whatever the corpus.
func ANTQueries() QueryFunc {
	return func(*Corpus) ([]Query, error) {
		qs, err := searchbench.Queries()
		if err != nil {
			return nil, err
		}
		out := make([]Query, len(qs))
		for i, q := range qs {
			out[i] = Query{Text: q.Text, Source: q.Source, Since: q.Since, Until: q.Until, Entity: q.Entity}
		}
		return out, nil
	}
}

// QueryFunc gives the queries of the search stage for a corpus.
type QueryFunc func(c *Corpus) ([]Query, error)

// TitleQueries returns up to n queries drawn deterministically from the
// corpus's titles: titles spread evenly over the corpus, the first two or
// three content words of each (Arabic words of three letters or more that
// are no stopwords), each query once.
func TitleQueries(n int) QueryFunc {
	return func(c *Corpus) ([]Query, error) {
		var out []Query
		seen := map[string]bool{}
		step := max(1, len(c.Titles)/max(n, 1))
		for pass := 0; pass < step && len(out) < n; pass++ {
			for i := pass; i < len(c.Titles) && len(out) < n; i += step {
				want := 2 + i%2
				var words []string
				for _, t := range arabic.Tokenize(c.Titles[i]) {
					if t.Kind == arabic.KindArabic && !t.Stop && len([]rune(t.Text)) >= 3 && !contains(words, t.Text) {
						words = append(words, t.Text)
						if len(words) == want {
							break
						}
					}
				}
				if len(words) < 2 {
					continue
				}
				q := strings.Join(words, " ")
				if !seen[q] {
					seen[q] = true
					out = append(out, Query{Text: q})
				}
			}
		}
		if len(out) == 0 {
			return nil, errors.New("bench: no title of the corpus gives a query of two content words")
		}
		return out, nil
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
