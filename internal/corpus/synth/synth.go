// Package synth builds synthetic Arabic articles by recombining the
// sentences of the sample corpus, for benchmarks and crash tests that need
// thousands of realistic articles (10k, 100k) without shipping them. The
// output is deterministic for a seed. It must never be used as real data.
package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/source"
)

// Pool is the material synthetic articles are built from.
type Pool struct {
	Sentences []string
	Titles    []string
	Sources   []string
}

// Load collects sentences, titles and source names from a corpus.
func Load(ctx context.Context, fsys fs.FS) (*Pool, error) {
	p := &Pool{}
	seen := map[string]bool{}
	err := source.WalkFS(ctx, fsys, ".", func(it source.Item) error {
		if it.Err != nil {
			return nil
		}
		res, err := extract.Item(it.Format, it.Data)
		if err != nil {
			return nil
		}
		a := res.Article
		p.Titles = append(p.Titles, a.Title)
		if a.Source != "" && !seen[a.Source] {
			seen[a.Source] = true
			p.Sources = append(p.Sources, a.Source)
		}
		for _, para := range a.Paragraphs {
			for _, s := range arabic.Sentences(para) {
				if len(s.Text) > 20 {
					p.Sentences = append(p.Sentences, s.Text)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.Sentences) == 0 || len(p.Titles) == 0 {
		return nil, fmt.Errorf("synth: corpus has no usable articles")
	}
	if len(p.Sources) == 0 {
		p.Sources = []string{"مصدر تجريبي"}
	}
	return p, nil
}

// Article is one synthetic article in the .jsonl input shape.
type Article struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
}

// Make returns synthetic article i of the stream for seed: 3–8 paragraphs
// of 1–4 sentences drawn from the pool, a title built from a real title and
// a number, a date in 2024–2025.
func (p *Pool) Make(seed uint64, i int) Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	paras := make([]string, 3+r.IntN(6))
	for j := range paras {
		ss := make([]string, 1+r.IntN(4))
		for k := range ss {
			ss[k] = p.Sentences[r.IntN(len(p.Sentences))]
		}
		paras[j] = strings.Join(ss, " ")
	}
	day := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(730*24)) * time.Hour)
	return Article{
		URL:       fmt.Sprintf("https://synth.example/%d/%d", seed, i),
		Title:     fmt.Sprintf("%s (%d)", p.Titles[r.IntN(len(p.Titles))], i),
		Text:      strings.Join(paras, "\n"),
		Published: day.Format(time.RFC3339),
		Source:    p.Sources[r.IntN(len(p.Sources))],
	}
}

// JSONL returns articles [from, to) as .jsonl bytes.
func (p *Pool) JSONL(seed uint64, from, to int) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := from; i < to; i++ {
		_ = enc.Encode(p.Make(seed, i))
	}
	return []byte(b.String())
}
