package wordrep

import (
	"os"
	"strconv"
	"testing"

	"github.com/taqrir/taqrir/internal/testsuite"
)

// BenchmarkTrainWords trains on a slice of ANT news (TAQRIR_WORDS_ARTICLES
// articles, default 2000; TAQRIR_WORDS_CLASSES classes, default 1000;
// three exchange passes, 2 workers) and reports process CPU time: units per
// cpu-second of one exchange pass, and of the merge tree.
func BenchmarkTrainWords(b *testing.B) {
	if _, err := os.Stat(antMulti); err != nil {
		b.Skipf("ANT news not present (%v)", err)
	}
	n, classes := 2000, 1000
	if v, err := strconv.Atoi(os.Getenv("TAQRIR_WORDS_ARTICLES")); err == nil {
		n = v
	}
	if v, err := strconv.Atoi(os.Getenv("TAQRIR_WORDS_CLASSES")); err == nil {
		classes = v
	}
	c := NewCorpus()
	cpu0 := testsuite.CPUTime()
	if _, err := c.ReadJSONL(antMulti, n); err != nil {
		b.Fatal(err)
	}
	read := testsuite.CPUTime() - cpu0
	b.ResetTimer()
	for range b.N {
		cpu0 := testsuite.CPUTime()
		_, st, err := Train(c, Options{Classes: classes, Iterations: 3, Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		cpu := testsuite.CPUTime() - cpu0
		// the exchange's share of the CPU time, by its share of wall time
		wall := st.CountTime + st.ExchangeTime + st.MergeTime
		exch := cpu.Seconds() * st.ExchangeTime.Seconds() / wall.Seconds()
		merge := cpu.Seconds() * st.MergeTime.Seconds() / wall.Seconds()
		b.ReportMetric(float64(c.Tokens)/read.Seconds(), "read-units/cpu-s")
		b.ReportMetric(float64(c.Tokens)*float64(st.Passes)/exch, "pass-units/cpu-s")
		b.ReportMetric(merge, "merge-cpu-s")
		b.ReportMetric(float64(st.Vocab), "vocab")
	}
}
