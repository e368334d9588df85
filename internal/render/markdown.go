package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/taqrir/taqrir/internal/report"
)

// Markdown writes the report as Markdown: one section per report section,
// each item followed by its citations as links to the article view.
func Markdown(w io.Writer, rep *report.Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# تقرير: %s\n\n", mdText(rep.Query))
	p("أُعدّ في %s · %d مقالا مطابقا", rep.GeneratedAt.Format("2006-01-02 15:04 UTC"), rep.Articles.Matched)
	if rep.Articles.Included > 0 {
		p("، قُرئ منها %d (%d بعد عدّ النسخ المكررة مرة واحدة)", rep.Articles.Included, rep.Articles.Distinct)
	}
	p("\n\n")
	if rep.Articles.Note != "" {
		p("> %s\n\n", mdText(noteAr(rep)))
	}
	if rep.Empty() {
		return b.Flush()
	}

	section(p, "الملخص", len(rep.Summary))
	for _, s := range rep.Summary {
		p("- %s", mdText(s.Text))
		if s.Outlets > 1 {
			p(" (نقلته %d وسائل)", s.Outlets)
		}
		p(" %s\n", mdCites(s.Citations))
	}

	section(p, "التسلسل الزمني", len(rep.Timeline))
	for _, e := range rep.Timeline {
		p("- **%s** (%s)", e.Date, granName(e.Granularity))
		if e.Sources > 1 {
			p(" · %d مصادر", e.Sources)
		}
		p(": %s %s\n", mdText(e.Text), mdCites(e.Citations))
	}

	section(p, "الفاعلون", len(rep.Actors))
	for _, a := range rep.Actors {
		p("- **%s** (%s) · %d إشارة في %d مقال", mdText(a.Name), typeName(a.Type), a.Mentions, a.Articles)
		if len(a.Aliases) > 0 {
			p(" · يُكتب أيضا: %s", mdText(strings.Join(a.Aliases, "، ")))
		}
		if len(a.Roles) > 0 {
			p(" · الصفة: %s", mdText(strings.Join(a.Roles, "، ")))
		}
		p(" %s\n", mdCites(a.Citations))
		for _, c := range a.Claims {
			p("  - قال: %s %s\n", mdText(c.Text), mdCites(c.Citations))
		}
	}

	section(p, "الأرقام", len(rep.Figures))
	for _, f := range rep.Figures {
		p("- **%s**", mdText(f.Text))
		if f.Counted != "" {
			p(" (%s)", mdText(f.Counted))
		}
		if f.Speaker != "" {
			p(" · بحسب %s", mdText(f.Speaker))
		}
		p(" · %s: %s %s\n", day(f.Published), mdText(f.Sentence), mdCites(f.Citations))
	}

	section(p, "التصريحات", len(rep.Claims))
	for _, g := range rep.Claims {
		p("- **%s**", mdText(g.Speaker))
		if g.Anonymous {
			p(" (مصدر غير مسمّى)")
		}
		p("\n")
		for _, c := range g.Claims {
			if c.Direct {
				p("  - %s: «%s» %s\n", mdText(c.Cue), mdText(c.Text), mdCites(c.Citations))
			} else {
				p("  - %s: %s %s\n", mdText(c.Cue), mdText(c.Text), mdCites(c.Citations))
			}
		}
	}

	section(p, "التناقضات بين المصادر", len(rep.Contradictions))
	for _, c := range rep.Contradictions {
		p("- **%s** — %s\n", kindName(c.Kind), mdText(c.Subject))
		for _, v := range c.Values {
			p("  - `%s` «%s»", v.Value, mdText(v.Text))
			if v.Speaker != "" {
				p(" بحسب %s", mdText(v.Speaker))
			}
			p(" %s\n", mdCites(v.Citations))
		}
	}

	section(p, "التغطية", len(rep.Coverage.Sources))
	if len(rep.Coverage.Sources) > 0 {
		p("| المصدر | المقالات |\n|---|---|\n")
		for _, c := range rep.Coverage.Sources {
			p("| %s | %d |\n", mdCell(c.Key), c.Count)
		}
		p("\n| اليوم | المقالات |\n|---|---|\n")
		for _, c := range rep.Coverage.Days {
			p("| %s | %d |\n", dayLabel(c.Key), c.Count)
		}
		p("\n")
	}

	section(p, "المقالات", len(rep.Articles.List))
	for _, a := range rep.Articles.List {
		p("- [%s](article/%s) · %s · %s", mdText(a.Title), a.ID, mdText(a.Source), day(a.Published))
		if a.DuplicateOf != "" {
			p(" · نسخة من %s", shortID(a.DuplicateOf))
		}
		p("\n")
	}
	return b.Flush()
}

func section(p func(string, ...any), title string, n int) {
	p("\n## %s\n\n", title)
	if n == 0 {
		p("لا شيء في المقالات المطابقة.\n")
	}
}

// mdCites renders citations as bracketed links.
func mdCites(cs []report.Citation) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("[%s](%s)", mdText(citationLabel(c)), ArticleLink(c))
	}
	return strings.Join(parts, " ")
}

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
		parts = append(parts, "طابق الاستعلام "+strconv.Itoa(a.Matched)+" مقالا؛ بُني التقرير على أكثرها صلة ("+strconv.Itoa(a.Included)+").")
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
