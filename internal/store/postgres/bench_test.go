package postgres

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/store/storetest"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// BenchmarkPut stores batches of 100 new articles: the embedded driver and
// PostgreSQL with one and two writers (each its own pool), in one run so
// the figures share the machine's load. Wall time: PostgreSQL's work is
// in its server processes, which the benchmark's CPU clock does not see.
func BenchmarkPut(b *testing.B) {
	const batch = 100
	var next atomic.Int64
	batchOf := func() []store.Record {
		recs := make([]store.Record, batch)
		for i := range recs {
			n := int(next.Add(1))
			recs[i] = storetest.Record(n, fmt.Sprintf("https://bench.example/%d", n))
		}
		return recs
	}
	run := func(b *testing.B, writers []store.Store) {
		ctx := context.Background()
		// Records are built before the clock runs: only the store's work counts.
		work := make([][]store.Record, b.N)
		for i := range work {
			work[i] = batchOf()
		}
		var i atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		for _, s := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k := i.Add(1) - 1
					if k >= int64(b.N) {
						return
					}
					if _, err := s.Put(ctx, work[k]); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		b.StopTimer()
		b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "articles/s")
	}
	b.Run("sqlite", func(b *testing.B) {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "taqrir.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		run(b, []store.Store{s})
	})
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("postgres-%dwriters", n), func(b *testing.B) {
			url := testsuite.PostgresSchema(b)
			var ws []store.Store
			for range n {
				s, err := Open(context.Background(), url)
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				ws = append(ws, s)
			}
			run(b, ws)
		})
	}
}
