package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/report"
)

// Formats are the names Write accepts.
var Formats = []string{"md", "html", "json"}

// ErrFormat is returned for a format Write does not know.
var ErrFormat = errors.New("render: unknown format")

// Links says where a page points: Citation gives the link of a cited
// sentence, Article the link of an article in the sources list ("" for
// none). The zero value (and a nil func) means SourceLinks: the article's
// own page, or the sources list at the end of the report.
type Links struct {
	Citation func(report.Citation) string
	Article  func(report.ArticleInfo) string
}

// Option tunes Write, HTML and Markdown.
type Option func(*config)

type config struct{ links Links }

// WithLinks points citations and articles elsewhere: the web UI passes its
// article view (/articles/ID plus TextFragment of the sentence).
func WithLinks(l Links) Option { return func(c *config) { c.links = l } }

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.links.Citation == nil {
		c.links.Citation = SourceLink
	}
	if c.links.Article == nil {
		c.links.Article = func(a report.ArticleInfo) string { return webURL(a.URL) }
	}
	return c
}

// Write renders rep in format: md, html or json.
func Write(w io.Writer, format string, rep *report.Report, opts ...Option) error {
	switch format {
	case "md", "markdown":
		return Markdown(w, rep, opts...)
	case "html":
		return HTML(w, rep, opts...)
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

// SourceLink is where a citation opens by default: the article's own web
// page with a text fragment that highlights the cited sentence, or, for an
// article without an http(s) URL, its entry in the report's sources list.
func SourceLink(c report.Citation) string {
	u := webURL(c.URL)
	if u == "" {
		return "#" + SourceAnchor(c.ArticleID)
	}
	frag := TextFragment(c.Sentence)
	if frag == "" {
		return u
	}
	if strings.Contains(u, "#") {
		// A page fragment already there: the directive follows it.
		return u + frag[1:]
	}
	return u + frag
}

// SourceAnchor is the id of an article's entry in the sources list.
func SourceAnchor(articleID string) string {
	var b strings.Builder
	b.WriteString("src-")
	for _, r := range articleID {
		if r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// webURL returns u when it is an http(s) URL a page may link to, else "".
func webURL(u string) string {
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return ""
	}
	if strings.ContainsAny(u, " \t\r\n<>\"") {
		return ""
	}
	return u
}

// Text fragments longer than this many words are written in the
// textStart,textEnd form: the first and last words of the sentence.
const (
	fragmentMaxWords  = 12
	fragmentEdgeWords = 5
)

// TextFragment is the URL fragment that asks a browser to scroll to and
// highlight sentence (#:~:text=…), every character outside the unreserved
// set percent-encoded (the directive's own - , & included); a long sentence
// becomes its first and last words (start,end). "" for an empty sentence.
func TextFragment(sentence string) string {
	words := strings.Fields(sentence)
	if len(words) == 0 {
		return ""
	}
	if len(words) <= fragmentMaxWords {
		return "#:~:text=" + fragmentEscape(strings.Join(words, " "))
	}
	start := strings.Join(words[:fragmentEdgeWords], " ")
	end := strings.Join(words[len(words)-fragmentEdgeWords:], " ")
	return "#:~:text=" + fragmentEscape(start) + "," + fragmentEscape(end)
}

func fragmentEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
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

// sourceName is a citation's source, or words for none.
func sourceName(s string) string {
	if s == "" || s == "unknown" {
		return "مصدر غير معروف"
	}
	return s
}

// citationLabel is how a citation reads: source · date · id.
func citationLabel(c report.Citation) string {
	return fmt.Sprintf("%s · %s · %s", sourceName(c.Source), day(c.Published), shortID(c.ArticleID))
}

// Nouns the pages count (the rule of agreement is arabic.Count's).
var (
	nounActor         = arabic.Noun{One: "فاعل", Two: "فاعلان", Few: "فاعلين", Many: "فاعلاً"}
	nounFigure        = arabic.Noun{One: "رقم", Two: "رقمان", Few: "أرقام", Many: "رقماً"}
	nounClaim         = arabic.Noun{One: "تصريح", Two: "تصريحان", Few: "تصريحات", Many: "تصريحاً"}
	nounSpeaker       = arabic.Noun{One: "متحدث", Two: "متحدثان", Few: "متحدثين", Many: "متحدثاً"}
	nounContradiction = arabic.Noun{One: "تناقض", Two: "تناقضان", Few: "تناقضات", Many: "تناقضاً"}
	nounCitation      = arabic.Noun{One: "إحالة", Two: "إحالتان", Few: "إحالات", Many: "إحالةً"}
	nounDay           = arabic.Noun{One: "يوم", Two: "يومان", Few: "أيام", Many: "يوماً"}
)

// kindName is the Arabic name of a contradiction kind.
func kindName(k string) string {
	switch k {
	case report.KindDate:
		return "تاريخ الحدث نفسه"
	case report.KindFigure:
		return "الرقم نفسه"
	case report.KindDisputed:
		return "أرقام منسوبة إلى أطراف مختلفة"
	case report.KindPlace:
		return "مكان الحدث نفسه"
	case report.KindDecrease:
		return "حصيلة أدنى في تقرير لاحق"
	case report.KindAccount:
		return "روايات متعارضة"
	}
	return k
}

// confidenceNote says how sure the report is of a contradiction, and
// whether one article gives both values.
func confidenceNote(c report.Contradiction) string {
	s := fmt.Sprintf("الثقة %d%%", int(math.Round(100*c.Confidence)))
	if c.WithinArticle {
		s += " · داخل المقال نفسه"
	}
	return s
}

// hiddenNote tells the reader how many contradictions were found below the
// confidence shown.
func hiddenNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("ولم يُعرض %s أقل ثقة (اعرضه بـ \u200e--min-confidence 0\u200e).", arabic.Count(n, nounContradiction))
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
