package report_test

import (
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// TestOneEventInTwoPlaces: one killing that two outlets place in two
// cities is a contradiction of kind place, shown by default; a place and
// a place inside it (بغداد, مطار بغداد), or a sentence naming both, is
// none.
func TestOneEventInTwoPlaces(t *testing.T) {
	day := time.Date(2020, 1, 3, 12, 0, 0, 0, time.UTC)
	mk := func(id, source, text string) news.Article {
		a := news.Article{ID: id, Source: source, Title: "عنوان " + id, URL: "https://example.test/" + id, Published: day,
			Paragraphs: []string{text, "وأثار الحادث ردود فعل واسعة في المنطقة."}}
		facts.ExtractArticle(&a)
		return a
	}
	a := mk("a", "صدى", "وقتل قائد فيلق القدس قاسم سليماني في بغداد فجر الجمعة بغارة أمريكية.")
	b := mk("b", "أنباء", "وقتل قائد فيلق القدس قاسم سليماني في دمشق فجر الجمعة بغارة أمريكية.")
	c := mk("c", "مرصد", "وقتل قائد فيلق القدس قاسم سليماني في مطار بغداد فجر الجمعة بغارة أمريكية.")
	places := func(arts ...news.Article) []report.Contradiction {
		r := build(t, arts, report.Options{})
		var out []report.Contradiction
		for _, x := range r.Contradictions {
			if x.Kind == report.KindPlace {
				out = append(out, x)
			}
		}
		return out
	}
	got := places(a, b)
	if len(got) != 1 || len(got[0].Values) != 2 || got[0].Confidence < report.DefaultMinConfidence {
		t.Fatalf("place contradictions %+v; want بغداد against دمشق, shown by default", got)
	}
	if got := places(a, c); len(got) != 0 {
		t.Errorf("بغداد and مطار بغداد taken for two places: %+v", got)
	}
}
