package report_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// Two outlets date the same signing differently: the report keeps both
// dates, each with its source, and puts the events in the order they
// happened.
func ExampleBuild() {
	mk := func(id, source, day, text, date, value string) news.Article {
		pub, _ := time.Parse("2006-01-02", day)
		a := news.Article{ID: id, Source: source, Published: pub, Title: "هدنة", Paragraphs: []string{text}}
		i := strings.Index(text, date)
		a.Dates = []news.Date{{Text: date, Value: value, Granularity: news.GranDay, Start: i, End: i + len(date)}}
		// the participants, as the facts stage finds them: one signing
		for _, e := range []news.Entity{{Text: "الجيش السوداني", Type: news.EntityOrg}, {Text: "قوات الدعم السريع", Type: news.EntityOrg}, {Text: "الدوحة", Type: news.EntityPlace}} {
			e.Canonical, e.Start = e.Text, strings.Index(text, e.Text)
			e.End = e.Start + len(e.Text)
			a.Entities = append(a.Entities, e)
		}
		return a
	}
	arts := []news.Article{
		mk("a1", "صدى الخليج", "2025-03-16", "وقع الجيش السوداني وقوات الدعم السريع اتفاق الهدنة الإنسانية في الدوحة يوم السبت 15 مارس بعد مفاوضات طويلة.", "15 مارس", "2025-03-15"),
		mk("a2", "منارة الشرق", "2025-03-14", "وقع الجيش السوداني وقوات الدعم السريع مساء الجمعة 14 مارس اتفاق الهدنة الإنسانية في الدوحة برعاية قطرية.", "14 مارس", "2025-03-14"),
	}
	rep, err := report.Build(context.Background(), arts, report.Query{Text: "هدنة"}, report.Options{})
	if err != nil {
		panic(err)
	}
	for _, e := range rep.Timeline {
		fmt.Println(e.Date, e.Citations[0].Source)
	}
	for _, c := range rep.Contradictions {
		fmt.Println(c.Kind, len(c.Values), "values, confidence", c.Confidence)
	}
	// Output:
	// 2025-03-14 منارة الشرق
	// 2025-03-15 صدى الخليج
	// date 2 values, confidence 0.8
}

// A query that matches nothing still gives a complete report that says so.
func ExampleBuild_empty() {
	rep, _ := report.Build(context.Background(), nil, report.Query{Text: "لا شيء"}, report.Options{})
	fmt.Println(rep.Empty(), rep.Articles.Note, len(rep.Summary))
	// Output: true no article matches the query 0
}
