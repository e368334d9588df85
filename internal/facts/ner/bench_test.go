package ner

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkTag tags the dev sentences of CLEANANERCorp (or a built-in
// paragraph when the data is absent) and reports tokens per second; run
// with -cpu 1 for the one-core figure (target ≥ 100k tokens/s).
func BenchmarkTag(b *testing.B) {
	var sents [][]string
	if data, err := os.ReadFile(anerPath); err == nil {
		var cur []string
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				if len(cur) > 0 {
					sents = append(sents, cur)
				}
				cur = nil
				continue
			}
			cur = append(cur, f[0])
		}
		sents = sents[:min(len(sents), 1000)]
	} else {
		for _, s := range strings.Split("قال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم العراق .\nوأعلنت وزارة الخارجية السعودية أن الأمير سعود الفيصل سيزور بغداد والقاهرة الأسبوع المقبل .", "\n") {
			sents = append(sents, strings.Fields(s))
		}
	}
	tokens := 0
	for _, s := range sents {
		tokens += len(s)
	}
	tg := Default()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			tg.Tag(s)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkEntities measures the whole path from text: sentences, tokens,
// tags and spans.
func BenchmarkEntities(b *testing.B) {
	text := strings.Repeat("قال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم العراق. وأعلنت وزارة الخارجية السعودية أن الأمير سعود الفيصل سيزور بغداد والقاهرة الأسبوع المقبل.\n", 50)
	b.SetBytes(int64(len(text)))
	tg := Default()
	for b.Loop() {
		tg.Entities(text)
	}
}
