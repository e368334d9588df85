package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/report"
)

// Markdown writes the report as Markdown: a table of contents, one section
// per report section, each item followed by its first citation (a link that
// opens the cited sentence, the sentence as the link's title) and the count
// of the others, and the sources list at the end.
func Markdown(w io.Writer, rep *report.Report, opts ...Option) error {
	cfg := newConfig(opts)
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	cites := func(cs []report.Citation, noun arabic.Noun) string { return cfg.mdCites(cs, noun) }
	a := rep.Articles
	p("# تقرير: %s\n\n", mdText(rep.Query))
	p("أُعدّ في %s · المقالات المطابقة: %s", rep.GeneratedAt.Format("2006-01-02 15:04 UTC"), arabic.Count(a.Matched, arabic.NounArticle))
	if a.Included > 0 {
		p(" · قُرئ منها %s، و%s بعد عدّ النسخ المكررة مرة واحدة", arabic.Count(a.Included, arabic.NounArticle), arabic.Count(a.Distinct, arabic.NounArticle))
	}
	p("\n\n")
	if len(rep.Framing) > 0 {
		p("بُحث عن: %s (كلمات الطلب التي لم يُبحث عنها: %s)\n\n", mdText(rep.Topic), mdText(strings.Join(rep.Framing, "، ")))
	}
	if a.Note != "" {
		p("> %s\n\n", mdText(noteAr(rep)))
	}
	if rep.Empty() {
		return b.Flush()
	}
	p("المحتويات: [الملخص](#summary) · [التسلسل الزمني](#timeline) · [الفاعلون](#actors) · [الأرقام](#figures) · [التصريحات](#claims) · [التناقضات](#contradictions) · [التغطية](#coverage) · [المصادر](#sources)\n")

	section(p, "summary", "الملخص", len(rep.Summary))
	for _, s := range rep.Summary {
		p("- %s", mdText(s.Text))
		if s.Outlets > 1 {
			p(" (نقلته %s)", arabic.Count(s.Outlets, arabic.NounOutlet))
		}
		p(" %s\n", cites(s.Citations, arabic.NounCopy))
	}

	section(p, "timeline", "التسلسل الزمني", len(rep.Timeline))
	for _, e := range rep.Timeline {
		p("- **%s** (%s)", mdText(dateLabel(e.Date)), granName(e.Granularity))
		if e.Sources > 1 {
			p(" · %s", arabic.Count(e.Sources, arabic.NounSource))
		}
		if e.Background {
			p(" · خلفية")
		}
		p(": %s %s\n", mdText(e.Text), cites(e.Citations, nounCitation))
	}

	section(p, "actors", "الفاعلون", len(rep.Actors))
	for _, x := range rep.Actors {
		p("- **%s** (%s) · %s في %s", mdText(x.Name), typeName(x.Type), arabic.Count(x.Mentions, arabic.NounMention), arabic.Count(x.Articles, arabic.NounArticle))
		if len(x.Aliases) > 0 {
			p(" · يُكتب أيضا: %s", mdText(strings.Join(x.Aliases, "، ")))
		}
		if len(x.Roles) > 0 {
			p(" · الصفة: %s", mdText(strings.Join(x.Roles, "، ")))
		}
		p(" %s\n", cites(x.Citations, nounCitation))
		for _, c := range x.Claims {
			p("  - قال: %s %s\n", mdText(c.Text), cites(c.Citations, nounCitation))
		}
	}

	section(p, "figures", "الأرقام", len(rep.Figures))
	for _, f := range rep.Figures {
		p("- **%s**", mdText(f.Text))
		if f.Counted != "" {
			p(" (%s)", mdText(f.Counted))
		}
		if f.Speaker != "" {
			p(" · بحسب %s", mdText(f.Speaker))
		}
		p(" · %s: %s %s\n", day(f.Published), mdText(f.Sentence), cites(f.Citations, nounCitation))
	}

	section(p, "claims", "التصريحات", len(rep.Claims))
	for _, g := range rep.Claims {
		p("- **%s**", mdText(g.Speaker))
		if g.Anonymous {
			p(" (مصدر غير مسمّى)")
		}
		p("\n")
		for _, c := range g.Claims {
			if c.Direct {
				p("  - %s: «%s» %s\n", mdText(c.Cue), mdText(c.Text), cites(c.Citations, nounCitation))
			} else {
				p("  - %s: %s %s\n", mdText(c.Cue), mdText(c.Text), cites(c.Citations, nounCitation))
			}
		}
	}

	section(p, "contradictions", "التناقضات بين المصادر", len(rep.Contradictions))
	for _, c := range rep.Contradictions {
		p("- **%s** — %s (%s)\n", kindName(c.Kind), mdText(c.Subject), confidenceNote(c))
		for _, v := range c.Values {
			p("  - `%s` «%s»", mdCode(v.Value), mdText(v.Text))
			if v.Speaker != "" {
				p(" بحسب %s", mdText(v.Speaker))
			}
			p(" %s\n", cites(v.Citations, nounCitation))
		}
	}
	if n := hiddenNote(rep.ContradictionsHidden); n != "" {
		p("\n%s\n", n)
	}

	section(p, "coverage", "التغطية", len(rep.Coverage.Sources))
	if len(rep.Coverage.Sources) > 0 {
		p("| المصدر | المقالات |\n|---|---|\n")
		for _, c := range rep.Coverage.Sources {
			p("| %s | %d |\n", mdCell(sourceName(c.Key)), c.Count)
		}
		p("\n| اليوم | المقالات |\n|---|---|\n")
		for _, c := range rep.Coverage.Days {
			p("| %s | %d |\n", dayLabel(c.Key), c.Count)
		}
		p("\n")
	}

	section(p, "sources", "المصادر", len(a.List))
	for i, x := range a.List {
		title := x.Title
		if title == "" {
			title = "بلا عنوان"
		}
		p("%d. <a id=\"%s\"></a>", i+1, SourceAnchor(x.ID))
		if u := cfg.links.Article(x); u != "" {
			p("[%s](%s)", mdText(title), mdURL(u))
		} else {
			p("%s", mdText(title))
		}
		p(" · %s · %s · %s", mdText(sourceName(x.Source)), day(x.Published), shortID(x.ID))
		if x.DuplicateOf != "" {
			p(" · نسخة من [%s](#%s)", shortID(x.DuplicateOf), SourceAnchor(x.DuplicateOf))
		}
		p("\n")
	}
	return b.Flush()
}

// section opens a section with an anchor for the table of contents.
func section(p func(string, ...any), id, title string, n int) {
	p("\n<a id=\"%s\"></a>\n\n## %s\n\n", id, title)
	if n == 0 {
		p("لا شيء في المقالات المطابقة.\n")
	}
}

// mdCites renders a citation list as its first citation, a link titled
// with the cited sentence, and the count of the others (in the JSON and,
// by article, in the sources list).
func (c config) mdCites(cs []report.Citation, noun arabic.Noun) string {
	if len(cs) == 0 {
		return ""
	}
	first := cs[0]
	s := fmt.Sprintf("[%s](%s %s)", mdText(citationLabel(first)), mdURL(c.links.Citation(first)), mdTitle(first.Sentence))
	if len(cs) > 1 {
		s += " +" + arabic.Count(len(cs)-1, noun)
	}
	return s
}

// mdURL keeps a link target from ending the link early.
var mdURLEscaper = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E")

func mdURL(u string) string { return mdURLEscaper.Replace(u) }

// mdTitle is a link title: in double quotes, its own quotes and
// backslashes escaped, on one line.
func mdTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "<", "&lt;", ">", "&gt;").Replace(s)
	return `"` + s + `"`
}

// mdCode is a value inside backticks: no backtick of its own.
func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

// mdEscaper backslash-escapes Markdown's markup characters, turns < and >
// into entities and a line break into a space.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", "&lt;", ">", "&gt;", "#", `\#`, "\n", " ")

// mdText keeps article text from being read as Markdown markup.
func mdText(s string) string { return mdEscaper.Replace(s) }

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

func dayLabel(d string) string {
	if d == "unknown" {
		return "بلا تاريخ"
	}
	return d
}

// noteAr is the report's note in Arabic.
func noteAr(rep *report.Report) string {
	a := rep.Articles
	if a.Included == 0 {
		return "لا مقال يطابق الاستعلام."
	}
	var parts []string
	if a.Relaxed {
		parts = append(parts, "لا مقال يضم كل كلمات الاستعلام؛ بُني التقرير على المقالات التي تضم أكثرها.")
	}
	if a.Capped {
		parts = append(parts, "طابق الاستعلامَ "+arabic.Count(a.Matched, arabic.NounArticle)+"؛ بُني التقرير على أكثرها صلة ("+arabic.Count(a.Included, arabic.NounArticle)+").")
	}
	if len(parts) == 0 {
		return a.Note
	}
	return strings.Join(parts, " ")
}

func granName(g string) string {
	switch g {
	case "day":
		return "يوم"
	case "week":
		return "أسبوع"
	case "month":
		return "شهر"
	case "year":
		return "سنة"
	case "time":
		return "ساعة"
	case "range":
		return "فترة"
	}
	return g
}
