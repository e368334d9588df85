package realnews

import (
	"testing"

	"github.com/taqrir/taqrir/internal/report"
)

func TestHasDateline(t *testing.T) {
	for s, want := range map[string]bool{
		"دبي، الإمارات العربية المتحدة (CNN) – أعلنت الحكومة":    true,
		"لندن - بي بي سي: قالت الشرطة إن":                        true,
		"(رويترز) - قال مسؤولون":                                 true,
		"باريس (أ ف ب) - أعلنت الرئاسة":                          true,
		"أعلنت الحكومة اليوم خطة جديدة - وهي الثالثة هذا العام.": false,
		"قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.": false,
		"ارتفعت الأسعار (بحسب الإحصاء) إلى مستوى قياسي":          false,
	} {
		if got := HasDateline(s); got != want {
			t.Errorf("HasDateline(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestScoreStoryReport(t *testing.T) {
	st := Story{ID: "s", Split: SplitTest, From: "2018-03-09", To: "2018-03-21",
		Actors: []Actor{{Name: "عفرين", Type: "LOC"}, {Name: "رجب طيب أردوغان", Type: "PERS", Aliases: []string{"أردوغان"}}},
		Disagreements: []Disagreement{{ID: "d1", Kind: KindCount, Sides: []Anchor{
			{URL: "https://a.example/1", Quote: "قتل 11 مدنيا"}, {URL: "https://b.example/2", Quote: "مقتل 15 مدنيا"}}}},
		Traps: []Trap{{ID: "t1", Sides: []Anchor{
			{URL: "https://a.example/1", Quote: "طرد 23 دبلوماسيا"}, {URL: "https://b.example/2", Quote: "طرد 60 دبلوماسيا"}}}},
	}
	cite := func(url, s string) report.Citation { return report.Citation{URL: url, Sentence: s} }
	rep := &report.Report{
		Timeline: []report.Event{{Date: "2018-03-18", Sources: 3}, {Date: "1973-10", Sources: 2}, {Date: "2018-03-10/2018-03-12", Sources: 1}},
		Actors:   []report.Actor{{Name: "أردوغان"}, {Name: "ينقل"}, {Name: "عفرين"}},
		Contradictions: []report.Contradiction{
			{Citations: []report.Citation{cite("https://a.example/1", "وقال المرصد إنه قتل 11 مدنيا في القصف."), cite("https://b.example/2", "أفادت مصادر عن مقتل 15 مدنيا.")}},
			{Citations: []report.Citation{cite("https://a.example/1", "قررت لندن طرد 23 دبلوماسيا روسيا."), cite("https://b.example/2", "أعلنت واشنطن طرد 60 دبلوماسيا.")}},
			{Citations: []report.Citation{cite("https://c.example/3", "شيء آخر")}},
		},
		Summary: []report.Sentence{{Text: "لندن - بي بي سي: قالت الشرطة"}, {Text: "قالت الشرطة إن التحقيق مستمر."}},
	}
	got := ScoreStoryReport(st, rep)
	want := StoryReportScore{Story: "s", Split: "test", TimelineTop: 3, TimelineInSpan: 2, ActorsTop: 3, ActorsGold: 2,
		Flagged: 3, Found: 1, False: 1, GoldTotal: 1, GoldFound: 1, GoldFindable: 1, SummaryDatelines: 1, Summary: 2}
	if got.Story != want.Story || got.TimelineInSpan != want.TimelineInSpan || got.ActorsGold != want.ActorsGold ||
		got.Found != want.Found || got.False != want.False || got.GoldFound != want.GoldFound || got.SummaryDatelines != want.SummaryDatelines ||
		got.Flagged != want.Flagged || got.TimelineTop != want.TimelineTop {
		t.Errorf("ScoreStoryReport = %+v\nwant %+v", got, want)
	}
}
