package render_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
)

func exampleReport() *report.Report {
	c := report.Citation{ArticleID: "0123456789abcdef", Source: "صدى الخليج", Published: "2025-03-14T10:00:00+03:00", Start: 0, End: 42}
	return &report.Report{
		Query:       "هدنة",
		GeneratedAt: time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC),
		Articles:    report.Articles{Matched: 1, Included: 1, Distinct: 1},
		Summary:     []report.Sentence{{Text: "وقع الطرفان اتفاق الهدنة في الدوحة.", Outlets: 1, Citations: []report.Citation{c}}},
	}
}

func ExampleMarkdown() {
	var b strings.Builder
	render.Markdown(&b, exampleReport())
	lines := strings.Split(b.String(), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[7])
	// Output:
	// # تقرير: هدنة
	// - وقع الطرفان اتفاق الهدنة في الدوحة. [صدى الخليج · 2025-03-14 · 01234567 · 0–42](article/0123456789abcdef#s0-42)
}

func ExampleHTML() {
	var b strings.Builder
	render.HTML(&b, exampleReport())
	page := b.String()
	fmt.Println(strings.Contains(page, `dir="rtl"`), strings.Contains(page, `href="article/0123456789abcdef#s0-42"`), strings.Contains(page, "<script"))
	// Output: true true false
}

func ExampleWrite() {
	r := &report.Report{Query: "xyz", Articles: report.Articles{Note: "no article matches the query"}}
	render.Write(os.Stdout, "md", r)
	// Output:
	// # تقرير: xyz
	//
	// أُعدّ في 0001-01-01 00:00 UTC · 0 مقالا مطابقا
	//
	// > لا مقال يطابق الاستعلام.
}
