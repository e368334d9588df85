package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/extract"
)

// BenchmarkSearch measures search latency over an on-disk index of 10k and
// 100k synthetic articles (sample sentences recombined). Each iteration
// runs one query drawn from the relevance suite; p50 and p99 are reported.
//
//	go test -run '^$' -bench Search -benchtime 2000x ./internal/index
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			ix := buildSynthIndex(b, n)
			cases, err := corpus.Relevance()
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			r := rand.New(rand.NewPCG(1, 2))
			b.ResetTimer()
			for range b.N {
				q := cases[r.IntN(len(cases))].Query
				start := time.Now()
				if _, err := ix.Search(ctx, Request{Query: q, Limit: 10, Synonyms: true}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

func buildSynthIndex(b *testing.B, n int) *Index {
	b.Helper()
	pool, err := synth.Load(context.Background(), corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(filepath.Join(b.TempDir(), "index.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	const batch = 2000
	for from := 0; from < n; from += batch {
		entries := make([]Entry, 0, batch)
		for i := from; i < min(from+batch, n); i++ {
			s := pool.Make(3, i)
			res, err := extract.FromFields(extract.Fields{URL: s.URL, Title: s.Title, Text: s.Text, Published: s.Published, Source: s.Source})
			if err != nil {
				b.Fatal(err)
			}
			entries = append(entries, Entry{Seq: int64(i + 1), Article: res.Article})
		}
		if err := ix.Apply(entries); err != nil {
			b.Fatal(err)
		}
	}
	return ix
}
