package server

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/news"
)

// span is a marked byte range of an article's body: a fact or the cited
// sentence.
type span struct {
	start, end int
	class      string // entity, date, figure, claim or cited
	title      string // shown on hover: the fact's value
	href       string // an entity's page
}

// segment is a run of text with the same marks.
type segment struct {
	Text  string
	Class string
	Title string
	Href  string
	ID    string // the anchor of the cited sentence's start
}

// paragraph is one paragraph of the article view, cut into segments.
type paragraph struct{ Segs []segment }

// markBody cuts the article's paragraphs into segments marked with its
// facts and the cited sentence [hlStart, hlEnd) (none when hlEnd <= 0).
// Offsets are bytes of Body() (paragraphs joined by blank lines); a span
// outside the text or not on UTF-8 boundaries is dropped, never trusted.
func markBody(a *news.Article, hlStart, hlEnd int) []paragraph {
	body := a.Body()
	var spans []span
	add := func(sp span) {
		if sp.start < 0 || sp.end > len(body) || sp.start >= sp.end ||
			!utf8.RuneStart(body[sp.start]) || (sp.end < len(body) && !utf8.RuneStart(body[sp.end])) {
			return
		}
		spans = append(spans, sp)
	}
	for _, e := range a.Entities {
		name := e.Canonical
		if name == "" {
			name = e.Text
		}
		add(span{e.Start, e.End, "entity ent-" + strings.ToLower(e.Type), e.Type + ": " + name, "/entities/" + url.PathEscape(name)})
	}
	for _, d := range a.Dates {
		add(span{d.Start, d.End, "date", d.Value, ""})
	}
	for _, q := range a.Quantities {
		add(span{q.Start, q.End, "figure", fmt.Sprintf("%g %s %s", q.Value, q.Unit, q.Counted), ""})
	}
	for _, c := range a.Claims {
		who := c.Canonical
		if who == "" {
			who = c.Speaker
		}
		add(span{c.Start, c.End, "claim", who, ""})
	}
	if hlEnd > 0 {
		add(span{hlStart, hlEnd, "cited", "", ""})
	}
	// Every boundary cuts the text; each piece takes the marks covering it.
	cuts := map[int]bool{0: true, len(body): true}
	for _, sp := range spans {
		cuts[sp.start], cuts[sp.end] = true, true
	}
	pos := 0
	for i, p := range a.Paragraphs {
		if i > 0 {
			pos += 2
		}
		cuts[pos], cuts[pos+len(p)] = true, true
		pos += len(p)
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	var out []paragraph
	pos = 0
	anchored := false
	for i, p := range a.Paragraphs {
		if i > 0 {
			pos += 2
		}
		start, end := pos, pos+len(p)
		pos = end
		var para paragraph
		for k := 0; k+1 < len(points); k++ {
			s, e := points[k], points[k+1]
			if s < start || e > end || s == e {
				continue
			}
			seg := segment{Text: body[s:e]}
			var classes []string
			for _, sp := range spans {
				if sp.start <= s && e <= sp.end {
					classes = append(classes, sp.class)
					if sp.title != "" && seg.Title == "" {
						seg.Title = sp.title
					}
					if sp.href != "" && seg.Href == "" {
						seg.Href = sp.href
					}
					if sp.class == "cited" && !anchored {
						seg.ID, anchored = fmt.Sprintf("s-%d", hlStart), true
					}
				}
			}
			seg.Class = strings.Join(classes, " ")
			para.Segs = append(para.Segs, seg)
		}
		out = append(out, para)
	}
	return out
}

var markRe = regexp.MustCompile(`<mark>|</mark>`)

// snippetHTML makes a search snippet safe to put in a page: the
// highlighter's text is unescaped and escaped again by us, and only its
// <mark> tags survive as tags.
func snippetHTML(s string) template.HTML {
	var b strings.Builder
	open := false
	last := 0
	for _, m := range markRe.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[last:m[0]])))
		tag := s[m[0]:m[1]]
		switch {
		case tag == "<mark>" && !open:
			b.WriteString("<mark>")
			open = true
		case tag == "</mark>" && open:
			b.WriteString("</mark>")
			open = false
		}
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[last:])))
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}
