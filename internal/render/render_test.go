package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// sampleReport is a small hand-made report with text that would break
// HTML or Markdown if it were written unescaped.
func sampleReport() *report.Report {
	c1 := report.Citation{ArticleID: "0123456789abcdef", Source: "صدى الخليج", Published: "2025-03-14T10:00:00+03:00", Start: 0, End: 80, Sentence: "وقّع الطرفان <script>alert(1)</script> الاتفاق"}
	c2 := report.Citation{ArticleID: "fedcba9876543210", Source: "المدار", Published: "", Start: 10, End: 90, Sentence: "يوم السبت 15 مارس", URL: "https://example.test/news/1?a=(b)"}
	return &report.Report{
		Query:       "هدنة <b>السودان</b>",
		GeneratedAt: time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC),
		Articles: report.Articles{Matched: 2, Included: 2, Distinct: 2, Limit: 2000, List: []report.ArticleInfo{
			{ID: c1.ArticleID, Title: "توقيع * الهدنة [عاجل]", Source: c1.Source, Published: c1.Published},
			{ID: c2.ArticleID, Title: "ماذا بعد؟", Source: c2.Source, URL: c2.URL},
		}},
		Summary:  []report.Sentence{{Text: "وقّع الطرفان <script>alert(1)</script> الاتفاق", Outlets: 2, Citations: []report.Citation{c1, c2}}},
		Timeline: []report.Event{{Date: "2025-03-14", Granularity: "day", DateText: "14 مارس", Text: "وقع الطرفان الاتفاق", Sources: 1, Citations: []report.Citation{c1}}, {Date: "2025-03", Granularity: "month", DateText: "مارس", Text: "بدأت المحادثات", Sources: 1, Citations: []report.Citation{c2}}},
		Actors:   []report.Actor{{Name: "قطر", Type: "LOC", Aliases: []string{"الدوحة"}, Roles: []string{}, Mentions: 3, Articles: 2, Salience: 4, Claims: []report.Claim{}, Citations: []report.Citation{c1}}},
		Figures:  []report.Figure{{Text: "60 يوما", Value: 60, Unit: "يوم", Published: c1.Published, Sentence: "هدنة لمدة 60 يوما", Sources: 1, Citations: []report.Citation{c1}}},
		Claims:   []report.SpeakerClaims{{Speaker: "مصادر", Anonymous: true, Claims: []report.Claim{{Speaker: "مصادر", Text: "الاتفاق قريب", Cue: "قالت", Anonymous: true, Citations: []report.Citation{c2}}}, Citations: []report.Citation{c2}}},
		Contradictions: []report.Contradiction{{Kind: report.KindDate, Subject: "توقيع اتفاق الهدنة", Values: []report.Value{
			{Value: "2025-03-14", Text: "14 مارس", Citations: []report.Citation{c1}},
			{Value: "2025-03-15", Text: "15 مارس", Citations: []report.Citation{c2}},
		}, Citations: []report.Citation{c1, c2}}},
		Coverage: report.Coverage{
			Sources: []report.Count{{Key: "صدى الخليج", Count: 1, Citations: []report.Citation{c1}}, {Key: "المدار", Count: 1, Citations: []report.Citation{c2}}},
			Days:    []report.Count{{Key: "2025-03-14", Count: 1}, {Key: "unknown", Count: 1}},
			Cells:   []report.Cell{{Source: "صدى الخليج", Day: "2025-03-14", Count: 1}, {Source: "المدار", Day: "unknown", Count: 1}},
		},
	}
}

func TestHTMLPage(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if tag := foreignTag(buf.Bytes()); tag != "" {
		t.Errorf("page has an element <%s> the template does not write", tag)
	}
	if foreignTag([]byte("<p><script>x</script>")) != "script" {
		t.Error("foreignTag misses an injected <script>")
	}
	for _, tc := range []struct {
		name string
		want bool
		re   string
	}{
		{"right to left Arabic", true, `<html lang="ar" dir="rtl">`},
		{"Arabic font stack", true, `font-family: "Noto Naskh Arabic", "Amiri", "Segoe UI", Tahoma, serif`},
		{"print styles", true, `@media print`},
		{"timeline and volume drawn as SVG, wide and narrow", true, `(?s)<svg class="wide".*aria-label="الأحداث على محور التاريخ".*<svg class="narrow".*aria-label="المقالات المطابقة عبر الزمن بحسب المصدر"`},
		{"citation without URL links to the sources list", true, `<a href="#src-0123456789abcdef" title="`},
		{"sources list entry with its anchor", true, `<li id="src-0123456789abcdef">`},
		{"cited sentence on hover", true, `title="يوم السبت 15 مارس"`},
		{"no link to a made-up article view", false, `href="article/`},
		{"figure value isolated", true, `<bdi class="value">60 يوما</bdi>`},
		{"ISO date in an LTR isolate", true, `<span class="iso" dir="ltr">2025-03-14</span>`},
		{"count agrees: 2 outlets", true, `نقلته 2 وسيلتان`},
		{"copies folded behind +N", true, `<details class="more"><summary>\+1 نسخة</summary>`},
		{"table of contents", true, `<nav class="toc"`},
		{"no JavaScript", false, `(?i)<script|javascript:|onload=|onclick=`},
		{"article text escaped", true, `&lt;script&gt;alert\(1\)&lt;/script&gt;`},
		{"query escaped", true, `هدنة &lt;b&gt;السودان&lt;/b&gt;`},
		{"contradiction values shown", true, `(?s)2025-03-14.*2025-03-15`},
		{"anonymous source marked", true, `مصدر غير مسمّى`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := regexp.MustCompile(tc.re).MatchString(page); got != tc.want {
				t.Errorf("page matches %q: %v, want %v", tc.re, got, tc.want)
			}
		})
	}
}

func TestHTMLEmptyReport(t *testing.T) {
	var buf bytes.Buffer
	r := &report.Report{Query: "لا شيء", Articles: report.Articles{Note: "no article matches the query"}}
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "لا مقال يطابق الاستعلام") || strings.Contains(buf.String(), "<svg") {
		t.Errorf("empty report page should say no article matches and draw nothing:\n%s", buf.String())
	}
}

func TestMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"# تقرير: هدنة &lt;b&gt;السودان&lt;/b&gt;",
		`[صدى الخليج · 2025-03-14 · 01234567](#src-0123456789abcdef "وقّع الطرفان &lt;script&gt;alert(1)&lt;/script&gt; الاتفاق") +1 نسخة`,
		`[المدار · بلا تاريخ · fedcba98](https://example.test/news/1?a=%28b%29#:~:text=%D9%8A%D9%88%D9%85%20%D8%A7%D9%84%D8%B3%D8%A8%D8%AA%2015%20%D9%85%D8%A7%D8%B1%D8%B3 "يوم السبت 15 مارس")`,
		"(نقلته 2 وسيلتان)",
		`<a id="src-0123456789abcdef"></a>توقيع \* الهدنة \[عاجل\] · صدى الخليج · 2025-03-14 · 01234567`,
		`[ماذا بعد؟](https://example.test/news/1?a=%28b%29) · المدار`,
		"- `2025-03-14` «14 مارس»",
		"مصدر غير مسمّى",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "<script>") {
		t.Error("markdown carries raw HTML from an article")
	}
}

func TestJSONKeepsArabicAndBrackets(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<script>") || strings.Contains(buf.String(), `\u003c`) {
		t.Error("JSON should keep text as written (no \\u003c escapes)")
	}
	var back report.Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Contradictions[0].Values[1].Value != "2025-03-15" {
		t.Errorf("round trip lost a value: %+v", back.Contradictions)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "pdf", sampleReport())
	if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("err = %v, want ErrFormat naming pdf", err)
	}
}

func TestTimelineSVGRunsRightToLeft(t *testing.T) {
	sv := buildTimelineSVG(sampleReport().Timeline, wideWidth)
	if sv == nil || len(sv.Dots) != 2 {
		t.Fatalf("timeline svg = %+v, want 2 dots", sv)
	}
	// Event 2 (March, starting on the 1st) is earlier than event 1 (14 March): further right.
	if sv.Dots[1].X <= sv.Dots[0].X {
		t.Errorf("earlier event at x=%d, later at x=%d: want the earlier on the right", sv.Dots[1].X, sv.Dots[0].X)
	}
	if sv.Dots[1].X2 >= sv.Dots[1].X {
		t.Errorf("a month should draw as a span leftwards: %+v", sv.Dots[1])
	}
	for _, d := range sv.Dots {
		if d.X < 0 || d.X > sv.Width || d.Y < 0 || d.Y > sv.Height {
			t.Errorf("dot %+v outside %dx%d", d, sv.Width, sv.Height)
		}
	}
}

func TestSpanOf(t *testing.T) {
	for _, tc := range []struct {
		v    string
		ok   bool
		days int
	}{
		{"2025-03-14", true, 1}, {"2025-03", true, 31}, {"2025", true, 365}, {"2025-W11", true, 7},
		{"2025-03-01/2025-03-07", true, 7}, {"2025-03-14T10:30", true, 0}, {"xx", false, 0}, {"2025-W99", false, 0},
	} {
		s, e, ok := spanOf(tc.v)
		if ok != tc.ok {
			t.Errorf("spanOf(%q) ok = %v, want %v", tc.v, ok, tc.ok)
			continue
		}
		if ok && int(e.Sub(s).Hours()/24) != tc.days {
			t.Errorf("spanOf(%q) = %v days, want %d", tc.v, e.Sub(s).Hours()/24, tc.days)
		}
	}
}

func TestTimelineSVGStaysLow(t *testing.T) {
	var evs []report.Event
	for range 50 {
		evs = append(evs, report.Event{Date: "2025-03-14", Granularity: "day", Sources: 1})
	}
	sv := buildTimelineSVG(evs, wideWidth)
	if sv.Height > timelineAxisY+maxTimelineRows*30+52 {
		t.Errorf("50 events on one day make a %d-unit tall picture", sv.Height)
	}
}

// TestTimelineAxisBreaks: a lone date years before the story does not
// crush the story's days into one point: the axis breaks, and the busy
// stretch gets most of the width.
func TestTimelineAxisBreaks(t *testing.T) {
	evs := []report.Event{{Date: "2020-01", Granularity: "month", Sources: 1}}
	for _, d := range []string{"2025-03-24", "2025-03-25", "2025-03-26", "2025-03-27", "2025-03-28"} {
		evs = append(evs, report.Event{Date: d, Granularity: "day", Sources: 1})
	}
	sv := buildTimelineSVG(evs, wideWidth)
	if len(sv.Segments) != 2 || len(sv.Breaks) != 1 {
		t.Fatalf("segments %v, breaks %v: want 2 and 1", sv.Segments, sv.Breaks)
	}
	if w := sv.Dots[1].X - sv.Dots[5].X; w < 300 {
		t.Errorf("the five days of the story span %d units, want most of the axis", w)
	}
	for i := 2; i < len(sv.Dots); i++ {
		if sv.Dots[i].X >= sv.Dots[i-1].X {
			t.Errorf("dot %d at x=%d not left of dot %d at x=%d", i, sv.Dots[i].X, i-1, sv.Dots[i-1].X)
		}
	}
}

// TestChartAxesNameYears: every stretch of the timeline's broken axis
// names its month or year, so a reader always knows the year, and the
// volume chart's axis is continuous: quiet days are empty slots, not
// squeezed out.
func TestChartAxesNameYears(t *testing.T) {
	evs := []report.Event{{Date: "2020-01", Granularity: "month", Sources: 1}, {Date: "2025-03-14", Granularity: "day", Sources: 1}, {Date: "2025-03-20", Granularity: "day", Sources: 1}}
	for _, width := range []int{wideWidth, narrowWidth} {
		sv := buildTimelineSVG(evs, width)
		var majors []string
		for _, m := range sv.Majors {
			majors = append(majors, m.Label)
		}
		joined := strings.Join(majors, " | ")
		if !strings.Contains(joined, "2020") || !strings.Contains(joined, "مارس 2025") {
			t.Errorf("width %d: axis names %q, want 2020 and مارس 2025", width, joined)
		}
		if len(sv.Breaks) != 1 {
			t.Errorf("width %d: %d gaps drawn, want 1", width, len(sv.Breaks))
		}
		for _, tk := range sv.Ticks {
			if tk.X < 0 || tk.X > width {
				t.Errorf("width %d: tick %+v off the picture", width, tk)
			}
		}
	}
	cov := report.Coverage{Sources: []report.Count{{Key: "أ", Count: 2}, {Key: "ب", Count: 1}},
		Cells: []report.Cell{{Source: "أ", Day: "2025-03-01", Count: 2}, {Source: "ب", Day: "2025-03-10", Count: 1}, {Source: "ب", Day: "unknown", Count: 4}}}
	vc := buildVolumeChart(cov)
	if len(vc.Wide.Bars) != 2 || len(vc.Legend) != 2 || vc.Undated != "4 مقالات" {
		t.Fatalf("volume: %d bars, legend %+v, undated %q", len(vc.Wide.Bars), vc.Legend, vc.Undated)
	}
	// 1 March on the right, 10 March on the left, nine days apart: the
	// eight quiet days between keep their room.
	right, left := vc.Wide.Bars[0], vc.Wide.Bars[1]
	slot := float64(vc.Wide.PlotX2-vc.Wide.PlotX1) / 10
	if gap := float64(right.X - left.X); gap < 8.5*slot || gap > 9.5*slot {
		t.Errorf("bars %d apart, want about 9 slots of %.0f", right.X-left.X, slot)
	}
}
