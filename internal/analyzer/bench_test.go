package analyzer

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
)

// benchText returns about 100 KB of Arabic news: the benchmark text of
// package arabic repeated exactly as its own benchmarks repeat it, so the two
// packages' figures compare. Should that file move, testdata/news.txt
// (original paragraphs written for this project) stands in.
func benchText(tb testing.TB) []byte {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "arabic", "testdata", "news.txt"))
	if err != nil {
		raw, err = os.ReadFile(filepath.Join("testdata", "news.txt"))
	}
	if err != nil {
		tb.Fatal(err)
	}
	if len(raw) == 0 {
		tb.Fatal("benchmark text is empty")
	}
	return bytes.Repeat(raw, 100_000/len(raw)+1)
}

// BenchmarkAnalyzer compares taqrir_ar with bleve's built-in ar analyzer on
// the same text; tokens/op and allocs/token make the two comparable although
// they drop different stopwords.
func BenchmarkAnalyzer(b *testing.B) {
	text := benchText(b)
	// The mapping's cache builds ar as an index would use it.
	arA := bleve.NewIndexMapping().AnalyzerNamed(ar.AnalyzerName)
	if arA == nil {
		b.Fatalf("bleve analyzer %q not registered", ar.AnalyzerName)
	}
	for _, bc := range []struct {
		name string
		a    analysis.Analyzer
	}{
		{Name, New()},
		{NameNoStem, NewNoStem()},
		{NameNgram, NewNgram()},
		{NameStemNgram, NewStemNgram()},
		{ar.AnalyzerName, arA},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tokens := len(bc.a.Analyze(text))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for b.Loop() {
				bc.a.Analyze(text)
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(tokens), "tokens/op")
			if tokens > 0 {
				b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(tokens), "allocs/token")
			}
		})
	}
}
