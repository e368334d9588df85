package facts

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/claims"
	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/facts/quantity"
	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/facts/timex"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// antNews is the real corpus of issue 15 (absent: the benchmark skips).
const antNews = "../../../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// antBodies returns the bodies of the first n articles of ant-news (its
// text lines as paragraphs, as sampleArticles reads a JSONL sample).
func antBodies(tb testing.TB, n int) []string {
	f, err := os.Open(antNews)
	if err != nil {
		tb.Skip("ant-news not present:", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var out []string
	for len(out) < n && sc.Scan() {
		var v struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &v) == nil && v.Text != "" {
			out = append(out, paragraphs(strings.Split(v.Text, "\n")))
		}
	}
	return out
}

// BenchmarkStagesAntNews splits the fact stage's CPU cost by sub-stage on
// the first TAQRIR_BENCH_N (default 2,000) bodies of ant-news, one after
// the other on one goroutine: CPU-ms per article of each sub-stage
// (process user+sys read between them, so the collector's work counts
// where it happens to run) and of the whole.
//
//	go test -run '^$' -bench StagesAntNews -benchtime 1x ./internal/facts
func BenchmarkStagesAntNews(b *testing.B) {
	n := 2000
	if s := os.Getenv("TAQRIR_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	bodies := antBodies(b, n)
	published := time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC)
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(len(bodies)) }
	for b.Loop() {
		// Article by article, as ingest runs them (the tagger's word cache
		// is warm for the stages after it), each stage on the clock.
		var took [7]time.Duration
		names := [7]string{"analyse", "tagger", "gazetteer", "resolve", "dates", "figures", "claims"}
		runtime.GC()
		c0 := testsuite.CPUTime()
		for _, body := range bodies {
			k := 0
			lap := func() {
				c := testsuite.CPUTime()
				took[k] += c - c0
				c0 = c
				k++
			}
			d := arabic.Analyse(body)
			lap()
			var spans []resolve.Mention
			tagged, keys, starts := ner.Default().EntitiesDocKeys(d)
			for _, s := range tagged {
				spans = append(spans, resolve.Mention{Start: s.Start, End: s.End, Type: s.Type, Text: s.Text})
			}
			lap()
			mentions := mentionsFrom(d, keys, starts, spans)
			lap()
			entities := resolve.ResolveDoc(d, keys, starts, mentions)
			lap()
			dates := timex.ExtractDoc(d, published)
			lap()
			skip := make([][2]int, len(dates))
			for j, d := range dates {
				skip[j] = [2]int{d.Start, d.End}
			}
			quantity.FindDoc(d, skip)
			lap()
			claims.ExtractDoc(d, entities)
			lap()
		}
		var total time.Duration
		for k, d := range took {
			total += d
			b.ReportMetric(per(d), names[k]+"-ms/art")
		}
		b.ReportMetric(per(total), "total-ms/art")
	}
}
