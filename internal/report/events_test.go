package report

import (
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/wordtable"
)

func TestTriggerLexicon(t *testing.T) {
	lex := triggers()
	perClass := map[string]int{}
	for k, c := range lex.single {
		perClass[c]++
		if arabic.IsStopword(k) {
			t.Errorf("trigger key %q (%s) is a stopword", k, c)
		}
	}
	for _, seqs := range lex.multi {
		for _, s := range seqs {
			perClass[s.class]++
		}
	}
	for c, n := range perClass {
		if n < 3 {
			t.Errorf("class %s has %d forms; a class names its event in several ways", c, n)
		}
	}
	if err := wordtable.CheckHeader("triggers.tsv", triggersTSV); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"kill", "kill\t", "kill\tقتل\textra", "kill\tقتل\ndeath\tقتل"} {
		if _, err := parseTriggers(bad); err == nil || !strings.Contains(err.Error(), "triggers.tsv:") {
			t.Errorf("parseTriggers(%q) = %v, want an error naming the line", bad, err)
		}
	}
}

// article makes an article with the facts the ingest would extract.
func article(id, source string, published time.Time, paras ...string) *news.Article {
	a := &news.Article{ID: id, Source: source, Title: paras[0], Published: published, Paragraphs: paras}
	facts.ExtractArticle(a)
	return a
}

func mentionsOf(t *testing.T, arts ...*news.Article) []eventMention {
	t.Helper()
	var ms []eventMention
	for i, a := range arts {
		ms = append(ms, prepare(a, i).eventMentions()...)
	}
	return ms
}

// groupOf returns the groups holding mentions of class.
func groupsOf(ms []eventMention, class string) [][]*eventMention {
	var out [][]*eventMention
	for _, g := range groupEvents(ms) {
		if g[0].class == class {
			out = append(out, g)
		}
	}
	return out
}

var feb2021 = time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC)

func TestOneEventUnderTwoWords(t *testing.T) {
	a := article("a1", "وكالة أ", feb2021,
		"أكدت مصادر أمنية مقتل القائد العسكري أحمد الجبوري ومساعده خالد الدليمي في غارة جوية قرب الموصل في يناير 2020.",
		"وقالت وزارة الدفاع العراقية إن التحقيق لا يزال جاريا.",
		"وكانت جماعة مسلحة قد أعلنت اغتيال أحمد الجبوري وخالد الدليمي في ديسمبر 2020 في بيان نشرته على الإنترنت.")
	groups := groupsOf(mentionsOf(t, a), "kill")
	if len(groups) != 1 || len(groups[0]) != 2 {
		t.Fatalf("kill groups = %d (%v); want one event named twice (مقتل, اغتيال)", len(groups), groups)
	}
	g := groups[0]
	if !g[0].hasDate || !g[1].hasDate || !datesConflict(g[0].date, g[1].date) {
		t.Errorf("the two dates of one killing (%v, %v) should conflict", g[0].date.Value, g[1].date.Value)
	}
}

func TestOneEventAcrossOutlets(t *testing.T) {
	a := article("a1", "وكالة أ", feb2021, "لقي الصحفي سليم الخطيب مصرعه في انفجار عبوة ناسفة في حلب يوم 3 مارس 2020.")
	b := article("b1", "صحيفة ب", feb2021, "قُتل الصحفي سليم الخطيب في حلب في الخامس من مارس 2020 بحسب نقابة الصحفيين.")
	groups := groupsOf(mentionsOf(t, a, b), "kill")
	if len(groups) != 1 || len(groups[0]) != 2 || groups[0][0].d == groups[0][1].d {
		t.Fatalf("kill groups: %d; want one event across the two outlets", len(groups))
	}
	if !datesConflict(groups[0][0].date, groups[0][1].date) {
		t.Errorf("3 and 5 March should conflict: %v %v", groups[0][0].date.Value, groups[0][1].date.Value)
	}
}

func TestDifferentEventsStayApart(t *testing.T) {
	a := article("a1", "وكالة أ", feb2021,
		"قُتل الناشط مروان العلي في درعا في يناير 2020.",
		"وفي حادث منفصل، قُتل المحامي فادي النجار في حمص في أبريل 2020.")
	for _, g := range groupsOf(mentionsOf(t, a), "kill") {
		if len(g) > 1 {
			t.Errorf("two killings of different people taken for one: %v / %v", g[0].people, g[1].people)
		}
	}
	// The same class with nothing in common is not one event either.
	b := article("b1", "صحيفة ب", feb2021, "عقد اجتماع في الصباح لبحث الأزمة.", "وعقد اجتماع آخر في المساء.")
	for _, g := range groupsOf(mentionsOf(t, b), "meeting") {
		if len(g) > 1 {
			t.Errorf("two meetings with no participants taken for one")
		}
	}
}

func TestMeetingWords(t *testing.T) {
	a := article("a1", "وكالة أ", feb2021, "التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في عمان يوم 10 مارس 2020.")
	b := article("b1", "صحيفة ب", feb2021, "أجرى أيمن الصفدي وسامح شكري مباحثات في عمان يوم 12 مارس 2020.")
	groups := groupsOf(mentionsOf(t, a, b), "meeting")
	if len(groups) != 1 || len(groups[0]) != 2 {
		t.Fatalf("meeting groups = %d; want التقى and مباحثات with the same two ministers as one event", len(groups))
	}
}

func TestDatesConflict(t *testing.T) {
	d := func(v, g string) news.Date { return news.Date{Value: v, Granularity: g} }
	tests := []struct {
		a, b news.Date
		want bool
	}{
		{d("2020-01", news.GranMonth), d("2020-12", news.GranMonth), true},
		{d("2020", news.GranYear), d("2020-12", news.GranMonth), false},
		{d("2020-12-15", news.GranDay), d("2020-12", news.GranMonth), false},
		{d("2020-03-15", news.GranDay), d("2020-04", news.GranMonth), true},
		{d("2020-03-03", news.GranDay), d("2020-03-05", news.GranDay), true},
		{d("2020-03-03", news.GranDay), d("2020-03-03", news.GranDay), false},
		{d("2020-W11", news.GranWeek), d("2020-03-10", news.GranDay), false},
		{d("bogus", news.GranDay), d("2020-03-10", news.GranDay), false},
	}
	for _, tt := range tests {
		if got := datesConflict(tt.a, tt.b); got != tt.want {
			t.Errorf("datesConflict(%s, %s) = %v, want %v", tt.a.Value, tt.b.Value, got, tt.want)
		}
	}
}
