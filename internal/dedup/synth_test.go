package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/testsuite"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/news"
)

var (
	poolOnce sync.Once
	pool     *synth.Pool
	poolErr  error
)

// synthArticles returns n synthetic articles (seed 1) as news.Articles.
func synthArticles(t testing.TB, n int) []news.Article {
	t.Helper()
	poolOnce.Do(func() { pool, poolErr = synth.Load(context.Background(), corpus.FS()) })
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	arts := make([]news.Article, n)
	for i := range arts {
		s := pool.Make(1, i)
		pub, _ := time.Parse(time.RFC3339, s.Published)
		arts[i] = news.Article{ID: fmt.Sprintf("s%06d", i), URL: s.URL, Source: s.Source, Title: s.Title,
			Published: pub, Paragraphs: strings.Split(s.Text, "\n")}
	}
	return arts
}

// TestLSHRecallSynth adds near-copies of 300 of 2000 synthetic articles,
// each copy made with a mix of outlet edits, and checks that LSH banding
// finds them (recall) without joining the originals, which share many
// sentences by construction (precision).
func TestLSHRecallSynth(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping the 2000-article LSH run")
	}
	arts := synthArticles(t, 2000)
	r := rand.New(rand.NewPCG(7, 7))
	mixes := [][]edit{{addDateline, addCredit}, {swapParagraphs}, {changeWords}, {dropLast, addDateline}, {respell, changeWords}, {swapParagraphs, dropLast, addCredit}}
	want := map[string]string{}
	for _, a := range arts {
		want[a.ID] = a.ID
	}
	for i := 0; i < 300; i++ {
		orig := arts[i*6]
		cp := orig
		cp.ID = "copy-" + orig.ID
		cp.URL = ""
		cp.Published = orig.Published.Add(time.Hour)
		cp.Paragraphs = append([]string(nil), orig.Paragraphs...)
		for _, e := range mixes[i%len(mixes)] {
			cp.Paragraphs = e(r, cp.Paragraphs)
		}
		arts = append(arts, cp)
		want[cp.ID] = orig.ID
	}
	got := Groups(arts)
	ps := eval.Pairwise(got, want)
	p, rec, tp, fp, fn := ps.Precision, ps.Recall, ps.TP, ps.FP, ps.FN
	t.Logf("2000 synthetic + 300 near-copies: pairwise precision %.3f recall %.3f (tp %d, fp %d, fn %d)", p, rec, tp, fp, fn)
	if p < 0.98 || rec < 0.95 {
		t.Errorf("precision %.3f recall %.3f, want ≥ 0.98 and ≥ 0.95", p, rec)
	}
}

// BenchmarkGroups10k times the batch helper a report calls: signatures on
// all cores, then LSH and union-find, over 10,000 synthetic articles.
func BenchmarkGroups10k(b *testing.B) {
	arts := synthArticles(b, 10000)
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	for range b.N {
		Groups(arts)
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(len(arts)*b.N)/(testsuite.CPUTime()-cpu).Seconds(), "articles/cpu-s")
}

// BenchmarkIndexAdd times incremental Add (one goroutine), per article.
func BenchmarkIndexAdd(b *testing.B) {
	arts := synthArticles(b, 10000)
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = Text(&arts[i])
	}
	b.ResetTimer()
	cpu := testsuite.CPUTime()
	ix, _ := NewIndex(DefaultOptions())
	for i := range b.N {
		if i%len(texts) == 0 {
			ix, _ = NewIndex(DefaultOptions())
		}
		ix.Add(arts[i%len(arts)].ID, texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(testsuite.CPUTime()-cpu).Seconds(), "articles/cpu-s")
}
