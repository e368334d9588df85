package report_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// FuzzBuild feeds Build articles whose facts come from untrusted input:
// offsets outside the body or inside a character, odd TIMEX values,
// NaN-like numbers, empty speakers. Build must not fail or panic, every
// citation must lie inside its article's body, and the JSON must be valid.
func FuzzBuild(f *testing.F) {
	f.Add("وقع الطرفان الاتفاق يوم 14 مارس في الدوحة.", 20, 27, "2025-03-14", "day", 41.0, "قتيل", -3, 900)
	f.Add("", 0, 0, "", "", 0.0, "", 0, 0)
	f.Add("\xff\xfe نص", 1, 2, "2025-W99", "week", 1e308, "%", 5, 2)
	f.Add("أ. ب. ج.\n\nد", 2, 1, "2025-13/2024-01", "range", -1.0, "شخص", 1, 1)
	f.Fuzz(func(t *testing.T, body string, start, end int, value, gran string, num float64, unit string, cs, ce int) {
		mk := func(id, src string, day int) news.Article {
			a := news.Article{ID: id, Source: src, Title: "t", Paragraphs: []string{body, body}, Published: time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC)}
			a.Dates = []news.Date{{Text: "x", Value: value, Granularity: gran, Start: start, End: end}}
			a.Quantities = []news.Quantity{{Text: "x", Value: num, Unit: unit, Start: start, End: end}}
			a.Entities = []news.Entity{{Text: body, Canonical: unit, Type: gran, Start: start, End: end}}
			a.Claims = []news.Claim{{Speaker: unit, Text: body, Start: start, End: end, SentenceStart: cs, SentenceEnd: ce}}
			return a
		}
		arts := []news.Article{mk("a", "س", 1), mk("b", "ص", 1), mk("c", "س", 2)}
		arts[1].Quantities[0].Value = num * 2
		rep, err := report.Build(context.Background(), arts, report.Query{Text: body}, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		bodyLen := len(arts[0].Body())
		check := func(cs []report.Citation) {
			for _, c := range cs {
				if c.Start < 0 || c.End > bodyLen || c.Start > c.End {
					t.Fatalf("citation %d–%d outside a body of %d bytes", c.Start, c.End, bodyLen)
				}
			}
		}
		for _, s := range rep.Summary {
			check(s.Citations)
		}
		for _, e := range rep.Timeline {
			check(e.Citations)
		}
		for _, x := range rep.Figures {
			check(x.Citations)
		}
		for _, g := range rep.Claims {
			check(g.Citations)
		}
		for _, c := range rep.Contradictions {
			check(c.Citations)
		}
		raw, err := json.Marshal(rep)
		if err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
		if !utf8.Valid(raw) {
			t.Fatal("invalid UTF-8 in the JSON")
		}
	})
}
