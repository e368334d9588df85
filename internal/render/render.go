package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/taqrir/taqrir/internal/report"
)

// Formats are the names Write accepts.
var Formats = []string{"md", "html", "json"}

// ErrFormat is returned for a format Write does not know.
var ErrFormat = errors.New("render: unknown format")

// Write renders rep in format: md, html or json.
func Write(w io.Writer, format string, rep *report.Report) error {
	switch format {
	case "md", "markdown":
		return Markdown(w, rep)
	case "html":
		return HTML(w, rep)
	case "json":
		return JSON(w, rep)
	}
	return fmt.Errorf("%w %q (want %s)", ErrFormat, format, strings.Join(Formats, ", "))
}

// JSON writes the report as indented JSON, Arabic and <> left as they are.
func JSON(w io.Writer, rep *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// ArticleLink is the relative link to the article view of a citation,
// article/ID (a path for a web UI to serve; there is none yet), with a
// fragment naming the sentence's byte span.
func ArticleLink(c report.Citation) string {
	return fmt.Sprintf("article/%s#s%d-%d", c.ArticleID, c.Start, c.End)
}

// day returns the date part of an RFC 3339 time, or "بلا تاريخ".
func day(published string) string {
	if len(published) >= 10 {
		return published[:10]
	}
	return "بلا تاريخ"
}

// shortID is the first 8 hex digits of an article id, enough to tell the
// articles of one report apart on the page.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// citationLabel is how a citation reads: source · date · id · start–end.
func citationLabel(c report.Citation) string {
	src := c.Source
	if src == "" {
		src = "مصدر غير معروف"
	}
	return fmt.Sprintf("%s · %s · %s · %d–%d", src, day(c.Published), shortID(c.ArticleID), c.Start, c.End)
}

// kindName is the Arabic name of a contradiction kind.
func kindName(k string) string {
	switch k {
	case report.KindDate:
		return "تاريخ الحدث نفسه"
	case report.KindFigure:
		return "الرقم نفسه"
	case report.KindDisputed:
		return "أرقام منسوبة إلى أطراف مختلفة"
	case report.KindDecrease:
		return "حصيلة أدنى في تقرير لاحق"
	}
	return k
}

// typeName is the Arabic name of an entity type.
func typeName(t string) string {
	switch t {
	case "PERS":
		return "شخص"
	case "ORG":
		return "هيئة"
	case "LOC":
		return "مكان"
	case "MISC":
		return "أخرى"
	}
	return t
}
