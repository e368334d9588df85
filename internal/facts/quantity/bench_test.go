package quantity

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/facts/timex"
)

// sampleArticles returns the bodies and publication dates of the embedded
// sample corpus's .txt articles (header lines dropped): real news prose
// with dates and figures.
func sampleArticles(tb testing.TB) (bodies []string, published []time.Time) {
	tb.Helper()
	for _, name := range corpus.ArticleFiles() {
		if !strings.HasSuffix(name, ".txt") {
			continue
		}
		raw, err := fs.ReadFile(corpus.FS(), name)
		if err != nil {
			tb.Fatal(err)
		}
		var pub time.Time
		var body []string
		for _, line := range strings.Split(string(raw), "\n") {
			if v, ok := strings.CutPrefix(line, "published: "); ok {
				pub, _ = time.Parse(time.RFC3339, strings.TrimSpace(v))
				continue
			}
			if strings.HasPrefix(line, "url: ") || strings.HasPrefix(line, "source: ") || strings.HasPrefix(line, "byline: ") || line == "" {
				continue
			}
			body = append(body, line)
		}
		bodies = append(bodies, strings.Join(body, "\n\n"))
		published = append(published, pub)
	}
	if len(bodies) == 0 {
		tb.Fatal("no .txt articles in the embedded corpus")
	}
	return bodies, published
}

// BenchmarkExtract runs the date and quantity extraction of one article as
// the fact pipeline does (timex with the publication date, then quantities
// outside the dates) over the sample corpus; it reports articles/s.
func BenchmarkExtract(b *testing.B) {
	bodies, published := sampleArticles(b)
	size := 0
	for _, s := range bodies {
		size += len(s)
	}
	b.SetBytes(int64(size / len(bodies)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		i := n % len(bodies)
		n++
		dates := timex.Extract(bodies[i], published[i])
		skip := make([][2]int, len(dates))
		for k, d := range dates {
			skip[k] = [2]int{d.Start, d.End}
		}
		Find(bodies[i], skip)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// TestSampleArticles checks the invariants on real prose and that the
// sample's figures are found at all.
func TestSampleArticles(t *testing.T) {
	bodies, published := sampleArticles(t)
	nd, nq := 0, 0
	for i, body := range bodies {
		ds := timex.Extract(body, published[i])
		var skip [][2]int
		for _, d := range ds {
			skip = append(skip, [2]int{d.Start, d.End})
		}
		ms := Find(body, skip)
		checkMatches(t, body, ms)
		nd += len(ds)
		nq += len(ms)
	}
	t.Logf("%d sample articles: %d dates, %d quantities", len(bodies), nd, nq)
	if nd == 0 || nq == 0 {
		t.Errorf("found %d dates and %d quantities in the sample, want some of each", nd, nq)
	}
}
