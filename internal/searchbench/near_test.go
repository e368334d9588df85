package searchbench

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/testsuite"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// BenchmarkSearchNear measures the committed query set with the expansion
// by nearest neighbours in a vector table off and on (synonyms on in
// both, facets and snippets on, the result cache off), alternating
// TAQRIR_NEAR_ROUNDS rounds (default 3) so the machine's load falls on
// both alike; every "on" round starts with an empty expansion cache. The
// table is TAQRIR_VECTORS (skipped without it); TAQRIR_NEAR_K and
// TAQRIR_NEAR_MIN set the expander (default 1 key at cosine 0.7, among the
// 30,000 most frequent units). It reports the medians over the rounds of
// p50, p99 and CPU per query.
//
//	TAQRIR_VECTORS=vectors.bin.gz TAQRIR_SEARCHBENCH_DIR=/tmp/sb10k \
//	  go test -run '^$' -bench SearchNear -benchtime 1x ./internal/searchbench
func BenchmarkSearchNear(b *testing.B) {
	tp := os.Getenv("TAQRIR_VECTORS")
	if tp == "" {
		b.Skip("set TAQRIR_VECTORS to a table written by taqrir train words --vectors")
	}
	vec, err := wordrep.ReadVectorsFile(tp)
	if err != nil {
		b.Fatal(err)
	}
	rounds := 3
	if v, err := strconv.Atoi(os.Getenv("TAQRIR_NEAR_ROUNDS")); err == nil {
		rounds = v
	}
	k, _ := strconv.Atoi(os.Getenv("TAQRIR_NEAR_K"))
	minScore, _ := strconv.ParseFloat(os.Getenv("TAQRIR_NEAR_MIN"), 64)
	if k == 0 {
		k = 1
	}
	if minScore == 0 {
		minScore = 0.7
	}
	x := benchIndexes(b)
	qs, err := Queries()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	x.Taqrir.SetCacheSize(0)
	if err := x.Taqrir.PrepareFacets(); err != nil {
		b.Fatal(err)
	}
	o := Options{Facets: true, Highlights: true, CPUClock: testsuite.CPUTime}
	defer index.SetNeighbours(nil)
	// warm: pages in memory, the table's rows built
	vec.Vector("مصر")
	if _, err := Run(ctx, x.Taqrir, qs, o); err != nil {
		b.Fatal(err)
	}
	var p50, p99, cpu [2][]time.Duration
	for r := range rounds {
		for on := range 2 {
			if on == 1 {
				index.SetNeighbours(&wordrep.Expander{Vectors: vec, K: k, MinScore: minScore, Among: 30000})
			} else {
				index.SetNeighbours(nil)
			}
			l, err := Run(ctx, x.Taqrir, qs, o)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("round %d, expansion %v: %v, %d hits", r+1, on == 1, l, l.Hits)
			p50[on] = append(p50[on], l.P50)
			p99[on] = append(p99[on], l.P99)
			cpu[on] = append(cpu[on], l.CPU)
		}
	}
	med := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	for on, name := range []string{"off", "on"} {
		b.ReportMetric(med(p50[on]), name+"-p50-ms")
		b.ReportMetric(med(p99[on]), name+"-p99-ms")
		b.ReportMetric(med(cpu[on]), name+"-cpu-ms/query")
	}
	b.ReportMetric(0, "ns/op")
}
