package story

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/testsuite"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// topicalArticles builds n synthetic articles with a known story each:
// the sample's nine stories replayed in epochs 30 days apart, every
// article drawing its sentences from one story's articles and its date
// from that story's days. Unlike internal/corpus/synth, whose articles mix
// every story, they cluster; an epoch's stories are new stories, since
// 30 days put them out of the window of the previous epoch's.
func topicalArticles(t testing.TB, n int) ([]news.Article, map[string]string) {
	arts, truth := sampleArticles(t)
	type pool struct {
		sentences, titles []string
		dates             []time.Time
	}
	pools := map[string]*pool{}
	var ids []string
	for _, a := range arts {
		s := truth[a.ID]
		p := pools[s]
		if p == nil {
			p = &pool{}
			pools[s] = p
			ids = append(ids, s)
		}
		p.titles = append(p.titles, a.Title)
		if a.HasPublished() {
			p.dates = append(p.dates, a.Published)
		}
		for _, para := range a.Paragraphs {
			for _, se := range arabic.Sentences(para) {
				p.sentences = append(p.sentences, se.Text)
			}
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	out := make([]news.Article, 0, n)
	want := map[string]string{}
	for i := 0; len(out) < n; i++ {
		epoch, s := i/len(arts), ids[r.IntN(len(ids))]
		p := pools[s]
		paras := make([]string, 3+r.IntN(4))
		for j := range paras {
			ss := make([]string, 1+r.IntN(3))
			for k := range ss {
				ss[k] = p.sentences[r.IntN(len(p.sentences))]
			}
			paras[j] = strings.Join(ss, " ")
		}
		a := news.Article{
			ID:         fmt.Sprintf("t%06d", i),
			Title:      p.titles[r.IntN(len(p.titles))],
			Source:     fmt.Sprintf("outlet %d", r.IntN(8)),
			Published:  p.dates[r.IntN(len(p.dates))].AddDate(0, 0, 30*epoch),
			Paragraphs: paras,
		}
		out = append(out, a)
		want[a.ID] = fmt.Sprintf("%s@%d", s, epoch)
	}
	return out, want
}

// pairCounts scores a clustering against the truth by counting pairs per
// cell, for sets too large to enumerate pairs.
func pairCounts(stories []Story, truth map[string]string) (p, r, f1 float64) {
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	cell := map[[2]string]int{}
	trueSize := map[string]int{}
	var tp, predicted, actual float64
	for _, s := range stories {
		predicted += pairs(s.Size)
		for _, a := range s.Articles {
			cell[[2]string{s.ID, truth[a.ID]}]++
		}
	}
	for _, c := range cell {
		tp += pairs(c)
	}
	for _, s := range truth {
		trueSize[s]++
	}
	for _, n := range trueSize {
		actual += pairs(n)
	}
	p, r = 1, 1
	if predicted > 0 {
		p = tp / predicted
	}
	if actual > 0 {
		r = tp / actual
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// TestTopicalScale clusters 5,000 topical synthetic articles (nine stories
// replayed in 93 epochs) and checks the stories come back.
func TestTopicalScale(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping 5,000 articles")
	}
	arts, truth := topicalArticles(t, 5000)
	stories, err := Cluster(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	p, r, f1 := pairCounts(stories, truth)
	real := map[string]bool{}
	for _, s := range truth {
		real[s] = true
	}
	t.Logf("5000 topical synthetic articles (%d true stories): %d stories, pairwise precision %.3f recall %.3f F1 %.3f", len(real), len(stories), p, r, f1)
	if p < 0.9 || r < 0.8 {
		t.Errorf("precision %.3f recall %.3f, want ≥ 0.9 and ≥ 0.8", p, r)
	}
}

// BenchmarkClusterTopical10k times batch clustering of 10,000 topical
// synthetic articles and reports pairwise quality against their stories.
func BenchmarkClusterTopical10k(b *testing.B) { benchTopical(b, 10000) }

// BenchmarkClusterTopical100k is the same at 100,000 articles (about a
// gigabyte of memory).
func BenchmarkClusterTopical100k(b *testing.B) { benchTopical(b, 100000) }

func BenchmarkClusterTopical30k(b *testing.B) { benchTopical(b, 30000) }

func benchTopical(b *testing.B, n int) {
	arts, truth := topicalArticles(b, n)
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	var stories []Story
	for range b.N {
		var err error
		if stories, err = Cluster(arts, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((testsuite.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	p, r, f1 := pairCounts(stories, truth)
	b.ReportMetric(float64(len(stories)), "stories")
	b.ReportMetric(p, "precision")
	b.ReportMetric(r, "recall")
	b.ReportMetric(f1, "F1")
}
