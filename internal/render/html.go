package render

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/taqrir/taqrir/internal/report"
)

//go:embed report.html.tmpl
var htmlTemplate string

var pageTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"cite":     citationLabel,
	"link":     ArticleLink,
	"day":      day,
	"dayLabel": dayLabel,
	"short":    shortID,
	"kind":     kindName,
	"etype":    typeName,
	"gran":     granName,
	"join":     strings.Join,
	"inc":      func(i int) int { return i + 1 },
	"add":      func(a, b int) int { return a + b },
	"note":     noteAr,
}).Parse(htmlTemplate))

// HTML writes the report as one standalone page: lang="ar" dir="rtl", an
// Arabic font stack, print styles, citations as links to article/ID, and
// the timeline and coverage as inline SVG. It needs no JavaScript and no
// file beside it.
func HTML(w io.Writer, rep *report.Report) error {
	return pageTmpl.Execute(w, struct {
		R        *report.Report
		Timeline *timelineSVG
		Coverage *coverageSVG
	}{rep, buildTimelineSVG(rep.Timeline), buildCoverageSVG(rep.Coverage)})
}
