package story

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/news"
)

// BenchmarkCluster10k times batch clustering (document frequencies,
// near-duplicates, assignment, merge) of 10,000 synthetic articles.
// Synthetic articles recombine the sample's sentences at random, so the
// stories they form mean nothing; only the time does.
func BenchmarkCluster10k(b *testing.B) {
	pool, err := synth.Load(context.Background(), corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]news.Article, 10000)
	for i := range arts {
		s := pool.Make(1, i)
		pub, _ := time.Parse(time.RFC3339, s.Published)
		arts[i] = news.Article{ID: fmt.Sprintf("s%06d", i), Source: s.Source, Title: s.Title, Published: pub, Paragraphs: strings.Split(s.Text, "\n")}
	}
	b.ResetTimer()
	cpu := cpuTime()
	var n int
	for range b.N {
		stories, err := Cluster(arts, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		n = len(stories)
	}
	b.ReportMetric(float64(n), "stories")
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
