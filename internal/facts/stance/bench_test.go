package stance

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func benchPairs() []Pair {
	pairs, err := ReadFile(filepath.Join(ansDir(), "stance-dev.csv"))
	if err != nil {
		pairs = []Pair{
			{S1: "الحكومة توافق على خطة السلام الجديدة", S2: "الحكومة ترفض خطة السلام الجديدة"},
			{S1: "ارتفاع أسعار الذهب مع تراجع الدولار", S2: "الذهب يرتفع بعد هبوط الدولار"},
			{S1: "وزير الخارجية يزور القاهرة لبحث الأزمة", S2: "افتتاح معرض الكتاب في تونس بمشاركة واسعة"},
		}
	}
	return pairs
}

// cpuTime is the process's user+system CPU time: on a shared machine
// pairs per CPU-second says more than pairs per wall second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func report(b *testing.B, n int, c0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pairs/s")
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(n)/c.Seconds(), "pairs/cpu-s")
	}
}

// BenchmarkDecide measures pairs per second with the shipped model, each
// pair's two statements read afresh, on the ANS dev pairs when present.
func BenchmarkDecide(b *testing.B) {
	pairs := benchPairs()
	m := Default()
	b.ResetTimer()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		p := pairs[n%len(pairs)]
		m.Decide(p.S1, p.S2)
		n++
	}
	report(b, n, c0)
}

// BenchmarkDecideStatements is BenchmarkDecide with the statements read
// once beforehand, as a report comparing many claims does.
func BenchmarkDecideStatements(b *testing.B) {
	pairs := benchPairs()
	st := make([][2]*Statement, len(pairs))
	for i, p := range pairs {
		st[i] = [2]*Statement{Analyse(p.S1), Analyse(p.S2)}
	}
	m := Default()
	b.ResetTimer()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		p := st[n%len(st)]
		m.DecideStatements(p[0], p[1])
		n++
	}
	report(b, n, c0)
}
