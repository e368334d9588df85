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
	c := report.Citation{ArticleID: "0123456789abcdef", Source: "صدى الخليج", Published: "2025-03-14T10:00:00+03:00", Start: 0, End: 42,
		Sentence: "وقع الطرفان اتفاق الهدنة في الدوحة.", URL: "https://sada.example/news/1"}
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
	for _, l := range lines {
		if strings.HasPrefix(l, "- ") {
			fmt.Println(l)
		}
	}
	// Output:
	// # تقرير: هدنة
	// - وقع الطرفان اتفاق الهدنة في الدوحة. [صدى الخليج · 2025-03-14 · 01234567](https://sada.example/news/1#:~:text=%D9%88%D9%82%D8%B9%20%D8%A7%D9%84%D8%B7%D8%B1%D9%81%D8%A7%D9%86%20%D8%A7%D8%AA%D9%81%D8%A7%D9%82%20%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9%20%D9%81%D9%8A%20%D8%A7%D9%84%D8%AF%D9%88%D8%AD%D8%A9. "وقع الطرفان اتفاق الهدنة في الدوحة.")
}

// The web UI points citations at its own article view.
func ExampleWithLinks() {
	links := render.Links{
		Citation: func(c report.Citation) string { return "/articles/" + c.ArticleID + render.TextFragment(c.Sentence) },
		Article:  func(a report.ArticleInfo) string { return "/articles/" + a.ID },
	}
	var b strings.Builder
	render.HTML(&b, exampleReport(), render.WithLinks(links))
	fmt.Println(strings.Contains(b.String(), `href="/articles/0123456789abcdef#:~:text=%D9%88%D9%82%D8%B9`))
	// Output: true
}

func ExampleTextFragment() {
	fmt.Println(render.TextFragment("a short, cited - sentence"))
	fmt.Println(render.TextFragment("one two three four five six seven eight nine ten eleven twelve thirteen"))
	// Output:
	// #:~:text=a%20short%2C%20cited%20%2D%20sentence
	// #:~:text=one%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen
}

func ExampleHTML() {
	var b strings.Builder
	render.HTML(&b, exampleReport())
	page := b.String()
	fmt.Println(strings.Contains(page, `dir="rtl"`), strings.Contains(page, `href="https://sada.example/news/1#:~:text=`), strings.Contains(page, "<script"))
	// Output: true true false
}

func ExampleWrite() {
	r := &report.Report{Query: "xyz", Articles: report.Articles{Note: "no article matches the query"}}
	render.Write(os.Stdout, "md", r)
	// Output:
	// # تقرير: xyz
	//
	// أُعدّ في 0001-01-01 00:00 UTC · المقالات المطابقة: 0 مقال
	//
	// > لا مقال يطابق الاستعلام.
}
