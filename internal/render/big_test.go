package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// bigReport is a 600-article report: 120 copies of every summary sentence,
// many events, actors and sources.
func bigReport() *report.Report {
	r := sampleReport()
	r.Articles.List = nil
	var cites []report.Citation
	for i := range 600 {
		id := fmt.Sprintf("%016x", i+1)
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%200).Format(time.RFC3339)
		src := fmt.Sprintf("مصدر %d", i%15)
		r.Articles.List = append(r.Articles.List, report.ArticleInfo{ID: id, Title: "عنوان", Source: src, Published: day, URL: "https://example.test/" + id})
		cites = append(cites, report.Citation{ArticleID: id, Source: src, Published: day, Sentence: "جملة", URL: "https://example.test/" + id})
	}
	r.Articles.Matched, r.Articles.Included, r.Articles.Distinct = 600, 600, 5
	r.Summary = nil
	for i := range 5 {
		r.Summary = append(r.Summary, report.Sentence{Text: "جملة الملخص", Outlets: 15, Citations: cites[i*120 : (i+1)*120]})
	}
	r.Timeline = nil
	r.Actors = nil
	for i := range 100 {
		r.Timeline = append(r.Timeline, report.Event{Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*2).Format("2006-01-02"), Granularity: "day", Text: "حدث", Sources: 15, Citations: cites[i : i+60]})
		r.Actors = append(r.Actors, report.Actor{Name: "فاعل", Type: "PERS", Mentions: 600, Articles: 300, Citations: cites})
	}
	r.Coverage = report.Coverage{}
	for i, a := range r.Articles.List {
		r.Coverage.Cells = append(r.Coverage.Cells, report.Cell{Source: a.Source, Day: a.Published[:10], Count: 1})
		if i < 15 {
			r.Coverage.Sources = append(r.Coverage.Sources, report.Count{Key: a.Source, Count: 40})
		}
	}
	return r
}

// TestBigReportStaysReadable: a 600-article report shows one chip per
// item with the others folded behind "+N", at most maxFoldedChips of them,
// long sections and the sources list folded.
func TestBigReportStaysReadable(t *testing.T) {
	r := bigReport()
	var buf bytes.Buffer
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	items := len(r.Summary) + len(r.Timeline) + len(r.Actors) + len(r.Figures) + len(r.Contradictions)*2 + 2
	chips := strings.Count(page, `<a href="https://example.test/`) - len(r.Articles.List)
	if limit := items * (1 + maxFoldedChips); chips > limit {
		t.Errorf("%d citation chips for %d items, want at most %d", chips, items, limit)
	}
	outside := regexp.MustCompile(`(?s)<details class="more">.*?</details>`).ReplaceAllString(page, "")
	shown := strings.Count(outside, `<a href="https://example.test/`) - len(r.Articles.List)
	if shown > items {
		t.Errorf("%d chips shown unfolded for %d items, want one each", shown, items)
	}
	for _, want := range []string{"+119 نسخةً", "+59 إحالةً", "و579 إحالةً في قائمة المصادر", "عرض الباقي (88 فاعلاً)", "عرض الباقي (570 مقالاً)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<details class=\"fold\">"); n < 3 {
		t.Errorf("%d folded sections, want the timeline, the actors and the sources folded", n)
	}
}

func TestDateLabel(t *testing.T) {
	for _, tc := range []struct{ v, want string }{
		{"2025-W11", "10–16 مارس 2025"},
		{"2025-W18", "28 أبريل – 4 مايو 2025"},
		{"2026-W01", "29 ديسمبر 2025 – 4 يناير 2026"},
		{"2025-03-14", "14 مارس 2025"},
		{"2025-03", "مارس 2025"},
		{"2025", "2025"},
		{"2025-03-14T10:30", "14 مارس 2025، 10:30"},
		{"2025-03-01/2025-03-07", "1–7 مارس 2025"},
		{"2025-W99", "2025-W99"},
		{"xx", "xx"},
	} {
		if got := dateLabel(tc.v); got != tc.want {
			t.Errorf("dateLabel(%q) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestSourceLink(t *testing.T) {
	long := "قال الوزير في مؤتمر صحافي عقده مساء الجمعة في الدوحة إن الاتفاق سيوقع خلال أيام بحضور الوسطاء"
	for _, tc := range []struct {
		name string
		c    report.Citation
		want string
	}{
		{"no URL: the sources list", report.Citation{ArticleID: "ab12", Sentence: "x"}, "#src-ab12"},
		{"not a web URL", report.Citation{ArticleID: "ab12", URL: "javascript:alert(1)", Sentence: "x"}, "#src-ab12"},
		{"short sentence", report.Citation{ArticleID: "ab12", URL: "https://a.example/n?id=1", Sentence: "وقع الاتفاق, أمس-الخميس & غدا"},
			"https://a.example/n?id=1#:~:text=%D9%88%D9%82%D8%B9%20%D8%A7%D9%84%D8%A7%D8%AA%D9%81%D8%A7%D9%82%2C%20%D8%A3%D9%85%D8%B3%2D%D8%A7%D9%84%D8%AE%D9%85%D9%8A%D8%B3%20%26%20%D8%BA%D8%AF%D8%A7"},
		{"page fragment kept", report.Citation{URL: "https://a.example/n#top", Sentence: "abc"}, "https://a.example/n#top:~:text=abc"},
		{"long sentence: start,end", report.Citation{URL: "https://a.example/n", Sentence: long},
			"https://a.example/n" + "#:~:text=" + fragmentEscape("قال الوزير في مؤتمر صحافي") + "," + fragmentEscape("سيوقع خلال أيام بحضور الوسطاء")},
	} {
		if got := SourceLink(tc.c); got != tc.want {
			t.Errorf("%s: SourceLink = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVolumeBins: the volume chart bins by day, week, month or year as the
// span grows, so its bars stay few whatever the dates.
func TestVolumeBins(t *testing.T) {
	for _, tc := range []struct {
		last string
		bin  string
		max  int
	}{
		{"2025-03-20", "يوم", 20}, {"2025-09-01", "أسبوع", 40}, {"2030-01-01", "شهر", 80}, {"9999-12-31", "سنة", 8000},
	} {
		cov := report.Coverage{Sources: []report.Count{{Key: "أ", Count: 2}}, Cells: []report.Cell{{Source: "أ", Day: "2025-03-01", Count: 1}, {Source: "أ", Day: tc.last, Count: 1}}}
		vc := buildVolumeChart(cov)
		if vc.Bin != tc.bin {
			t.Errorf("up to %s: bins of a %s, want %s", tc.last, vc.Bin, tc.bin)
		}
		if len(vc.Wide.Bars) != 2 || len(vc.Wide.Ticks) > tc.max {
			t.Errorf("up to %s: %d bars, %d ticks", tc.last, len(vc.Wide.Bars), len(vc.Wide.Ticks))
		}
	}
}
