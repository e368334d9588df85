package report_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

var fixedNow = time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)

func art(id, source, published string, paras ...string) news.Article {
	a := news.Article{ID: id, Source: source, Title: "عنوان " + id, URL: "https://example.test/" + id, Paragraphs: paras}
	if published != "" {
		t, err := time.Parse("2006-01-02", published)
		if err != nil {
			panic(err)
		}
		a.Published = t
	}
	return a
}

// addDate adds a date fact on the first occurrence of text in a's body.
func addDate(a *news.Article, text, value, gran string) {
	i := strings.Index(a.Body(), text)
	if i < 0 {
		panic("addDate: " + text)
	}
	a.Dates = append(a.Dates, news.Date{Text: text, Value: value, Granularity: gran, Start: i, End: i + len(text)})
}

func addQty(a *news.Article, text string, v float64, unit string, approx bool) {
	i := strings.Index(a.Body(), text)
	if i < 0 {
		panic("addQty: " + text)
	}
	a.Quantities = append(a.Quantities, news.Quantity{Text: text, Value: v, Unit: unit, Approximate: approx, Start: i, End: i + len(text)})
}

// addEnt marks text (its first occurrence) as an entity, as the facts
// stage would: an event's participants.
func addEnt(a *news.Article, text, typ string) {
	i := strings.Index(a.Body(), text)
	if i < 0 {
		panic("addEnt: " + text)
	}
	a.Entities = append(a.Entities, news.Entity{Text: text, Type: typ, Canonical: text, Start: i, End: i + len(text)})
}

func build(t *testing.T, arts []news.Article, opts report.Options) *report.Report {
	t.Helper()
	opts.Now = fixedNow
	r, err := report.Build(context.Background(), arts, report.Query{Text: "اختبار"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEmptyReportKeys: no article is a report that says so, with exactly
// the documented keys and no null lists.
func TestEmptyReportKeys(t *testing.T) {
	r := build(t, nil, report.Options{})
	if !r.Empty() || r.Articles.Note == "" {
		t.Fatalf("empty report: Empty() = %v, note %q", r.Empty(), r.Articles.Note)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k, v := range top {
		keys = append(keys, k)
		if string(v) == "null" {
			t.Errorf("key %q is null, want an empty value", k)
		}
	}
	slices.Sort(keys)
	want := []string{"articles", "claims", "contradictions", "contradictions_hidden", "coverage", "figures", "generated_at", "query", "summary", "timeline", "actors"}
	slices.Sort(want)
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
	if strings.Contains(string(raw), "null") {
		t.Errorf("empty report has a null: %s", raw)
	}
}

func TestBuildRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts report.Options
	}{
		{"negative limit", report.Options{Limit: -1}},
		{"negative summary", report.Options{SummarySize: -2}},
		{"huge summary", report.Options{SummarySize: 1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := report.Build(context.Background(), nil, report.Query{}, tc.opts)
			if !errors.Is(err, report.ErrBadOptions) {
				t.Errorf("err = %v, want ErrBadOptions", err)
			}
		})
	}
}

func TestBuildHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := report.Build(ctx, []news.Article{art("a", "س", "2025-01-01", "نص قصير للمقال الأول هنا.")}, report.Query{}, report.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestCap: more articles than the limit are cut to the most relevant
// (the first given) and the report says how many matched.
func TestCap(t *testing.T) {
	var arts []news.Article
	for i := range 5 {
		arts = append(arts, art(string(rune('a'+i)), "مصدر", "2025-01-0"+string(rune('1'+i)),
			"أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من الجفاف."))
	}
	r := build(t, arts, report.Options{Limit: 3, Matched: 40})
	if !r.Articles.Capped || r.Articles.Matched != 40 || r.Articles.Included != 3 || r.Articles.Note == "" {
		t.Errorf("articles = %+v, want capped, matched 40, included 3, a note", r.Articles)
	}
	for _, a := range r.Articles.List {
		if a.ID > "c" {
			t.Errorf("article %s beyond the cap is in the report", a.ID)
		}
	}
}

// TestNoFactsStillReports: articles without dates, entities or any facts
// still get a summary and coverage; an undated article counts as unknown.
func TestNoFactsStillReports(t *testing.T) {
	arts := []news.Article{
		art("a", "صدى", "2025-03-01", "انطلقت في العاصمة القطرية الدوحة محادثات غير مباشرة بين الطرفين بهدف التوصل إلى هدنة إنسانية شاملة.", "وقال الوسطاء إن الجولة الأولى من المحادثات ستستمر ثلاثة أيام على الأقل قبل أي إعلان رسمي."),
		art("b", "المدار", "", "يرى مراقبون أن فرص نجاح المحادثات الجارية في الدوحة تبقى محدودة ما لم تتوفر ضمانات دولية واضحة للطرفين."),
	}
	r := build(t, arts, report.Options{})
	if len(r.Summary) == 0 {
		t.Error("no summary")
	}
	if len(r.Timeline)+len(r.Actors)+len(r.Figures)+len(r.Claims)+len(r.Contradictions) != 0 {
		t.Errorf("fact sections not empty without facts: %+v", r)
	}
	days := map[string]int{}
	for _, d := range r.Coverage.Days {
		days[d.Key] = d.Count
	}
	if diff := cmp.Diff(map[string]int{"2025-03-01": 1, "unknown": 1}, days); diff != "" {
		t.Errorf("coverage per day (-want +got):\n%s", diff)
	}
	for _, s := range r.Summary {
		for _, c := range s.Citations {
			checkCitation(t, arts, c)
		}
	}
}

// checkCitation fails when a citation does not point at its sentence.
func checkCitation(t *testing.T, arts []news.Article, c report.Citation) {
	t.Helper()
	for _, a := range arts {
		if a.ID != c.ArticleID {
			continue
		}
		body := a.Body()
		if c.Start < 0 || c.End > len(body) || c.Start > c.End || strings.TrimSpace(body[c.Start:c.End]) != c.Sentence {
			t.Errorf("citation %+v does not match the body of %s", c, a.ID)
		}
		if c.Source != a.Source {
			t.Errorf("citation source %q, want %q", c.Source, a.Source)
		}
		return
	}
	t.Errorf("citation of unknown article %s", c.ArticleID)
}

// TestDuplicatesCountOnce: a syndicated copy (same text, other outlet, new
// headline) is linked to its original, counted once in distinct, and its
// sentences count as a second outlet instead of repeating in the summary.
func TestDuplicatesCountOnce(t *testing.T) {
	paras := []string{
		"قرر تحالف أوبك+ في ختام اجتماعه الوزاري خفض إنتاجه النفطي بمقدار كبير اعتبارا من الشهر المقبل.",
		"وقال مندوبون إن القرار جاء بعد تراجع أسعار الخام إلى أدنى مستوى لها منذ ثلاثة أشهر متتالية.",
		"ويتوقع محللون أن ترتفع أسعار النفط في الأسابيع المقبلة إذا التزمت الدول الأعضاء بحصصها الجديدة.",
	}
	orig := art("orig", "وكالة", "2025-04-01", paras...)
	copy1 := art("copy", "صحيفة", "2025-04-02", paras...)
	copy1.Title = "عنوان آخر للخبر نفسه"
	other := art("other", "موقع", "2025-04-03",
		"انتقدت واشنطن قرار خفض الإنتاج معتبرة أنه يضر بالاقتصاد العالمي في مرحلة حساسة من التعافي.",
		"ودعت الإدارة الأمريكية المنتجين إلى مراجعة قرارهم في أقرب اجتماع مقبل للتحالف النفطي الواسع.")
	// a re-publication: the agency dateline added, one word changed
	near := art("near", "موقع آخر", "2025-04-04", "فيينا - (رويترز) - "+paras[0], strings.Replace(paras[1], "مندوبون", "مندوبون في التحالف", 1), paras[2])
	r := build(t, []news.Article{copy1, other, orig, near}, report.Options{})
	if r.Articles.Distinct != 2 || r.Articles.Included != 4 {
		t.Errorf("distinct %d of %d, want 2 of 4", r.Articles.Distinct, r.Articles.Included)
	}
	for _, a := range r.Articles.List {
		want := ""
		if a.ID == "copy" || a.ID == "near" {
			want = "orig" // the earliest copy is the original
		}
		if a.DuplicateOf != want {
			t.Errorf("%s: duplicate_of %q, want %q", a.ID, a.DuplicateOf, want)
		}
	}
	seen := map[string]bool{}
	shared := 0
	for _, s := range r.Summary {
		if s.Outlets > 1 {
			shared++
		}
		if seen[s.Text] {
			t.Errorf("summary repeats %q", s.Text)
		}
		seen[s.Text] = true
		if s.Text == paras[2] && (s.Outlets != 3 || len(s.Citations) != 3) {
			t.Errorf("syndicated sentence %q: outlets %d, citations %d, want 3 and 3", s.Text, s.Outlets, len(s.Citations))
		}
	}
	if shared == 0 {
		t.Errorf("no summary sentence counts the outlets that carried it: %+v", r.Summary)
	}
	if r.Coverage.Sources[0].Count != 1 || len(r.Coverage.Sources) != 4 {
		t.Errorf("coverage counts copies as coverage: %+v", r.Coverage.Sources)
	}
}

// TestTimelineEventOrder: events sort by the date they happened, not by
// publication; the same event from two outlets is one event, counted twice.
func TestTimelineEventOrder(t *testing.T) {
	a := art("a", "صدى", "2025-03-20", "وقع الطرفان اتفاق الهدنة في الدوحة يوم 14 مارس 2025 بحضور الوسطاء.", "وكان السد قد اكتمل بناؤه في يناير 2020 بتمويل حكومي.")
	addDate(&a, "14 مارس 2025", "2025-03-14", "day")
	addDate(&a, "يناير 2020", "2020-01", "month")
	b := art("b", "المدار", "2025-03-15", "وقع الطرفان اتفاق الهدنة في الدوحة يوم 14 مارس 2025 بعد مفاوضات طويلة.", "وتبدأ المرحلة الثانية في أبريل 2025 بحسب الجدول.")
	addDate(&b, "14 مارس 2025", "2025-03-14", "day")
	addDate(&b, "أبريل 2025", "2025-04", "month")
	c := art("c", "النيل", "2025-03-01", "قال مسؤول إن المحادثات بدأت مطلع مارس.")
	c.Dates = append(c.Dates, news.Date{Text: "مطلع", Value: "", Granularity: "vague", Start: 0, End: 4},
		news.Date{Text: "مارس", Value: "P3W", Granularity: "duration", Start: 0, End: 4})
	r := build(t, []news.Article{a, b, c}, report.Options{})
	var got []string
	for _, e := range r.Timeline {
		got = append(got, e.Date)
		for _, ct := range e.Citations {
			checkCitation(t, []news.Article{a, b, c}, ct)
		}
	}
	if diff := cmp.Diff([]string{"2020-01", "2025-03-14", "2025-04"}, got); diff != "" {
		t.Fatalf("timeline dates (-want +got):\n%s", diff)
	}
	if r.Timeline[1].Sources != 2 || len(r.Timeline[1].Citations) != 2 {
		t.Errorf("14 March: %d sources, %d citations, want 2 and 2", r.Timeline[1].Sources, len(r.Timeline[1].Citations))
	}
}

// TestContradictionCases: the same event or count with different values
// is a contradiction; agreeing or compatible values, and different events,
// are not.
func TestContradictionCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		arts  func() []news.Article
		kinds []string
	}{
		{"killing dated January and December inside one article", func() []news.Article {
			a := art("a", "صدى", "2025-03-20",
				"وأعلنت الشرطة أن مقتل الصحفي سامر الحلبي في بغداد وقع في يناير 2020 خلال احتجاجات.",
				"وتعود قضية مقتل الصحفي سامر الحلبي في بغداد إلى ديسمبر 2020 بحسب ملف المحكمة.")
			addDate(&a, "يناير 2020", "2020-01", "month")
			addDate(&a, "ديسمبر 2020", "2020-12", "month")
			return []news.Article{a}
		}, []string{report.KindDate}},
		{"killing dated differently across two articles", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وأعلنت الشرطة أن مقتل الصحفي سامر الحلبي في بغداد وقع في يناير 2020 خلال احتجاجات.")
			addDate(&a, "يناير 2020", "2020-01", "month")
			addEnt(&a, "سامر الحلبي", news.EntityPerson)
			b := art("b", "المدار", "2025-03-21", "وتعود قضية مقتل الصحفي سامر الحلبي في بغداد إلى ديسمبر 2020 بحسب ملف المحكمة.")
			addDate(&b, "ديسمبر 2020", "2020-12", "month")
			addEnt(&b, "سامر الحلبي", news.EntityPerson)
			return []news.Article{a, b}
		}, []string{report.KindDate}},
		{"killings of two people dated differently", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وأعلنت الشرطة أن مقتل الصحفي سامر الحلبي في بغداد وقع في يناير 2020 خلال احتجاجات.")
			addDate(&a, "يناير 2020", "2020-01", "month")
			addEnt(&a, "سامر الحلبي", news.EntityPerson)
			b := art("b", "المدار", "2025-03-21", "وتعود قضية مقتل المحامي نزار الكبيسي في بغداد إلى ديسمبر 2020 بحسب ملف المحكمة.")
			addDate(&b, "ديسمبر 2020", "2020-12", "month")
			addEnt(&b, "نزار الكبيسي", news.EntityPerson)
			return []news.Article{a, b}
		}, nil},
		{"same date is no contradiction", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وأعلنت الشرطة أن مقتل الصحفي سامر الحلبي في بغداد وقع في يناير 2020 خلال احتجاجات.")
			addDate(&a, "يناير 2020", "2020-01", "month")
			b := art("b", "المدار", "2025-03-21", "وتعود قضية مقتل الصحفي سامر الحلبي في بغداد إلى يناير 2020 بحسب ملف المحكمة.")
			addDate(&b, "يناير 2020", "2020-01", "month")
			return []news.Article{a, b}
		}, nil},
		{"different events on different dates", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وافتتح الوزير مستشفى الأطفال في البصرة في يناير 2020 وسط حضور رسمي.")
			addDate(&a, "يناير 2020", "2020-01", "month")
			b := art("b", "المدار", "2025-03-21", "ووقع انفجار في سوق شعبي بالموصل في ديسمبر 2020 أوقع جرحى.")
			addDate(&b, "ديسمبر 2020", "2020-12", "month")
			return []news.Article{a, b}
		}, nil},
		{"20 against 35 soldiers the same day", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وأعلن الجيش مقتل 20 جنديا في هجوم على قاعدة عسكرية شمال البلاد فجر الخميس.")
			addQty(&a, "20 جنديا", 20, "جندي", false)
			b := art("b", "المدار", "2025-03-20", "وأسفر الهجوم على القاعدة العسكرية شمال البلاد عن مقتل 35 جنديا فجر الخميس.")
			addQty(&b, "35 جنديا", 35, "جندي", false)
			return []news.Article{a, b}
		}, []string{report.KindFigure}},
		{"about 20 against 22 is no contradiction", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وأعلن الجيش مقتل نحو 20 جنديا في هجوم على قاعدة عسكرية شمال البلاد فجر الخميس.")
			addQty(&a, "نحو 20 جنديا", 20, "جندي", true)
			b := art("b", "المدار", "2025-03-20", "وأسفر الهجوم على القاعدة العسكرية شمال البلاد عن مقتل 22 جنديا فجر الخميس.")
			addQty(&b, "22 جنديا", 22, "جندي", false)
			return []news.Article{a, b}
		}, nil},
		{"a toll that rises the next day is news, not a contradiction", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "ارتفعت حصيلة ضحايا الفيضانات في شرق البلاد إلى 27 قتيلا وفق الدفاع المدني.")
			addQty(&a, "27 قتيلا", 27, "قتيل", false)
			b := art("b", "المدار", "2025-03-21", "ارتفعت حصيلة ضحايا الفيضانات في شرق البلاد إلى 41 قتيلا وفق الدفاع المدني.")
			addQty(&b, "41 قتيلا", 41, "قتيل", false)
			return []news.Article{a, b}
		}, nil},
		{"a toll that falls the next day", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "ارتفعت حصيلة ضحايا الفيضانات في شرق البلاد إلى 41 قتيلا وفق الدفاع المدني.")
			addQty(&a, "41 قتيلا", 41, "قتيل", false)
			b := art("b", "صدى", "2025-03-21", "وأعلن الدفاع المدني أن عدد القتلى في فيضانات شرق البلاد بلغ 38 شخصا.")
			addQty(&b, "38 شخصا", 38, "شخص", false)
			return []news.Article{a, b}
		}, []string{report.KindDecrease}},
		{"different things counted in the same unit", func() []news.Article {
			a := art("a", "صدى", "2025-03-20", "وبلغ معدل التضخم السنوي في المدن 12.8 في المئة خلال مارس.")
			addQty(&a, "12.8 في المئة", 12.8, "%", false)
			b := art("b", "المدار", "2025-03-20", "وخفض البنك المركزي سعر الفائدة الرئيسي إلى 25 في المئة أمس.")
			addQty(&b, "25 في المئة", 25, "%", false)
			return []news.Article{a, b}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts := tc.arts()
			r := build(t, arts, report.Options{MinConfidence: -1}) // what is found, whatever its confidence
			var kinds []string
			for _, c := range r.Contradictions {
				kinds = append(kinds, c.Kind)
				if len(c.Values) < 2 {
					t.Errorf("contradiction with %d values", len(c.Values))
				}
				for _, v := range c.Values {
					if len(v.Citations) == 0 {
						t.Errorf("value %s has no citation", v.Value)
					}
					for _, ct := range v.Citations {
						checkCitation(t, arts, ct)
					}
				}
			}
			if diff := cmp.Diff(tc.kinds, kinds); diff != "" {
				t.Errorf("contradiction kinds (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActorsAndClaims: mentions group by canonical name with aliases and
// roles; claims group by speaker, anonymous sources marked.
func TestActorsAndClaims(t *testing.T) {
	a := art("a", "صدى", "2025-03-20", "قال وزير الخارجية الأميركي جون سميث إن المحادثات بناءة.", "وأكد سميث أن الجولة المقبلة ستعقد في مسقط.", "وقال مسؤول طلب عدم كشف اسمه إن الخلافات ما زالت كبيرة.")
	a.Title = "سميث: المحادثات بناءة"
	body := a.Body()
	at := func(s string) int { return strings.Index(body, s) }
	a.Entities = []news.Entity{
		{Text: "جون سميث", Type: news.EntityPerson, Canonical: "جون سميث", Start: at("جون سميث"), End: at("جون سميث") + len("جون سميث"), Role: "وزير الخارجية", Of: "الولايات المتحدة"},
		{Text: "سميث", Type: news.EntityPerson, Canonical: "جون سميث", Start: at("سميث أن"), End: at("سميث أن") + len("سميث")},
		{Text: "مسقط", Type: news.EntityPlace, Canonical: "مسقط", Start: at("مسقط"), End: at("مسقط") + len("مسقط")},
	}
	a.Claims = []news.Claim{
		{Speaker: "جون سميث", Canonical: "جون سميث", Text: "المحادثات بناءة", Cue: "قال", Start: at("المحادثات بناءة"), End: at("المحادثات بناءة") + len("المحادثات بناءة"), SentenceStart: 0, SentenceEnd: at("المحادثات بناءة") + len("المحادثات بناءة.")},
		{Speaker: "مسؤول", Text: "الخلافات ما زالت كبيرة", Cue: "قال", Anonymous: true, Start: at("الخلافات"), End: at("الخلافات") + len("الخلافات ما زالت كبيرة"), SentenceStart: at("وقال مسؤول"), SentenceEnd: len(body)},
	}
	r := build(t, []news.Article{a}, report.Options{})
	if len(r.Actors) != 2 || r.Actors[0].Name != "جون سميث" {
		t.Fatalf("actors = %+v, want جون سميث first of 2", r.Actors)
	}
	smith := r.Actors[0]
	if smith.Mentions != 2 || smith.Type != news.EntityPerson || !slices.Equal(smith.Aliases, []string{"سميث"}) ||
		!slices.Equal(smith.Roles, []string{"وزير الخارجية الولايات المتحدة"}) || len(smith.Claims) != 1 {
		t.Errorf("جون سميث = %+v", smith)
	}
	if r.Actors[0].Salience <= r.Actors[1].Salience {
		t.Errorf("salience: the titled speaker %.2f should outrank مسقط %.2f", r.Actors[0].Salience, r.Actors[1].Salience)
	}
	if len(r.Claims) != 2 {
		t.Fatalf("claims = %+v, want 2 speakers", r.Claims)
	}
	anon := 0
	for _, g := range r.Claims {
		if g.Anonymous {
			anon++
			if g.Speaker != "مسؤول" {
				t.Errorf("anonymous speaker %q", g.Speaker)
			}
		}
		for _, c := range g.Claims {
			for _, ct := range c.Citations {
				if ct.Start < 0 || ct.End > len(body) || ct.Start >= ct.End {
					t.Errorf("claim citation %+v out of the body", ct)
				}
			}
		}
	}
	if anon != 1 {
		t.Errorf("%d anonymous speakers, want 1", anon)
	}
}

// TestTimelineOneSentenceOnce: a sentence whose dates are read at two
// granularities (the week and the day in it; the month and the day; the
// day of a crossing and the week of the signing it recalls) is one event at
// its finest date; two dates of the same granularity stay two events.
func TestTimelineOneSentenceOnce(t *testing.T) {
	a := art("a", "صدى", "2025-03-20", "وصلت القافلة الأسبوع الماضي يوم الخميس إلى الفاشر بعد رحلة طويلة.", "وبدأت المحادثات في مارس يوم 3 مارس في جدة، وتستأنف في 2 أبريل.",
		"وعبرت قافلة ثانية صباح الأربعاء معبر أدري تنفيذا لاتفاق وقع في الدوحة الأسبوع قبل الماضي.")
	addDate(&a, "الأسبوع الماضي", "2025-W11", "week")
	addDate(&a, "يوم الخميس", "2025-03-13", "day")
	addDate(&a, "في مارس", "2025-03", "month")
	addDate(&a, "3 مارس", "2025-03-03", "day")
	addDate(&a, "2 أبريل", "2025-04-02", "day")
	addDate(&a, "صباح الأربعاء", "2025-03-19", "day")
	addDate(&a, "الأسبوع قبل الماضي", "2025-W10", "week")
	r := build(t, []news.Article{a}, report.Options{})
	var got []string
	for _, e := range r.Timeline {
		got = append(got, e.Date)
	}
	if diff := cmp.Diff([]string{"2025-03-03", "2025-03-13", "2025-03-19", "2025-04-02"}, got); diff != "" {
		t.Errorf("timeline dates (-want +got):\n%s", diff)
	}
}

// TestQuotesExact: claims, figures and the summary carry the article's
// own characters (diacritics, hamza forms, tatweel, Arabic-Indic digits),
// never the normalised text.
func TestQuotesExact(t *testing.T) {
	claim := "إنّ الاتفـــاق سيُوقَّع خلال ٣ أيام في الدوحة"
	fig := "٢٠ كيلومتراً"
	a := art("a", "صدى", "2025-03-20",
		"قال وزير الخارجيّة القطريّ مُحمّد بن عبدالرحمن آل ثانيّ "+claim+" بحضور الوسطاء.",
		"وأكّد الوزيـر أنّ القافلة قطعت "+fig+" داخل الأراضي السودانيّة قبل أن تتوقّف عند الحاجز.")
	body := a.Body()
	at := func(s string) int { return strings.Index(body, s) }
	a.Claims = []news.Claim{{Speaker: "محمد بن عبدالرحمن آل ثاني", Text: "ان الاتفاق سيوقع خلال 3 ايام في الدوحة", Cue: "قال",
		Start: at(claim), End: at(claim) + len(claim), SentenceStart: 0, SentenceEnd: at(" بحضور")}}
	a.Quantities = []news.Quantity{{Text: "20 كيلومترا", Value: 20, Unit: "كيلومتر", Start: at(fig), End: at(fig) + len(fig)}}
	r := build(t, []news.Article{a}, report.Options{SummarySize: 2})
	if len(r.Claims) != 1 || len(r.Claims[0].Claims) != 1 {
		t.Fatalf("claims = %+v", r.Claims)
	}
	if got := r.Claims[0].Claims[0].Text; got != claim {
		t.Errorf("claim text %q, want the source's own %q", got, claim)
	}
	if len(r.Figures) != 1 || r.Figures[0].Text != fig {
		t.Errorf("figures = %+v, want text %q", r.Figures, fig)
	}
	for _, s := range r.Summary {
		if !strings.Contains(body, s.Text) {
			t.Errorf("summary sentence %q is not a substring of the article", s.Text)
		}
	}
	if len(r.Summary) == 0 {
		t.Error("no summary sentence")
	}
}

func TestApproximateRelativeDateIsNoEvent(t *testing.T) {
	a := art("a", "صدى", "2018-07-08", "أنقذ الغواصون الأحد ستة من الفتيان العالقين في كهف غمرته المياه منذ نحو أسبوعين.")
	addDate(&a, "الأحد", "2018-07-08", "day")
	addDate(&a, "منذ نحو أسبوعين", "2018-06-24", "day")
	for i := range a.Dates {
		a.Dates[i].Relative = true
	}
	r := build(t, []news.Article{a}, report.Options{})
	if len(r.Timeline) != 1 || r.Timeline[0].Date != "2018-07-08" {
		t.Errorf("timeline %+v; want only the Sunday, not «منذ نحو أسبوعين»", r.Timeline)
	}
}

// TestReportKeepsItsFocus: an article that names the topic only in passing
// and is about something else (a profile recalling the war of 1973) is
// set aside: it counts among the articles but puts nothing on the
// timeline, while the articles about the topic do.
func TestReportKeepsItsFocus(t *testing.T) {
	var arts []news.Article
	for i, src := range []string{"صدى", "المدار", "منارة", "الضفتين", "نبض", "شرفة"} {
		a := art(fmt.Sprintf("c%d", i), src, "2025-03-20", "زار وزير الخارجية المصري بغداد يوم 18 مارس 2025 لبحث التعاون في الطاقة مع العراق.")
		a.Title = "وزير الخارجية المصري يزور بغداد لبحث الطاقة"
		addDate(&a, "18 مارس 2025", "2025-03-18", "day")
		arts = append(arts, a)
	}
	p := art("p", "صدى", "2025-03-21", "شارك الجنرال في حرب أكتوبر 1973 وقاد فرقة مدرعة في سيناء قبل أن يتقاعد.",
		"وكان قد التقى في شبابه ضباطا من العراق.")
	p.Title = "رحيل جنرال من جيل حرب أكتوبر"
	addDate(&p, "أكتوبر 1973", "1973-10", "month")
	arts = append(arts, p)
	rq, err := report.Build(context.Background(), arts, report.Query{Text: "زيارة وزير الخارجية المصري إلى بغداد"}, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rq.Timeline {
		if strings.HasPrefix(e.Date, "1973") {
			t.Errorf("the profile's war of 1973 is on the timeline: %s", e.Text)
		}
	}
	if len(rq.Timeline) == 0 {
		t.Error("the visit is not on the timeline")
	}
	peripheral := 0
	for _, a := range rq.Articles.List {
		if a.Peripheral {
			peripheral++
			if a.ID != "p" {
				t.Errorf("%s set aside, want only the profile", a.ID)
			}
		}
	}
	if peripheral != 1 || rq.Articles.Central != 6 || rq.Articles.Included != 7 {
		t.Errorf("%d peripheral, %d central of %d; want the profile alone set aside", peripheral, rq.Articles.Central, rq.Articles.Included)
	}
}

// TestTwoSourcesInOneArticle: one article quoting two named sources with
// different tolls is a dispute; one article giving a toll and, later, its
// update from the same source is not.
func TestTwoSourcesInOneArticle(t *testing.T) {
	claim := func(a *news.Article, speaker, text string) {
		i := strings.Index(a.Body(), text)
		a.Claims = append(a.Claims, news.Claim{Speaker: speaker, Canonical: speaker, Text: text, Cue: "قال", Start: i, End: i + len(text), SentenceStart: i, SentenceEnd: i + len(text)})
	}
	a := art("a", "صدى", "2018-08-10",
		"وقالت وكالة إدارة الكوارث إن عدد قتلى الزلزال في جزيرة لومبوك بلغ 347 قتيلا.",
		"وقالت وزارة الشؤون الاجتماعية إن عدد قتلى الزلزال في جزيرة لومبوك بلغ 381 قتيلا.")
	addQty(&a, "347 قتيلا", 347, "قتيل", false)
	addQty(&a, "381 قتيلا", 381, "قتيل", false)
	claim(&a, "وكالة إدارة الكوارث", "عدد قتلى الزلزال في جزيرة لومبوك بلغ 347 قتيلا")
	claim(&a, "وزارة الشؤون الاجتماعية", "عدد قتلى الزلزال في جزيرة لومبوك بلغ 381 قتيلا")
	r := build(t, []news.Article{a}, report.Options{MinConfidence: -1})
	if len(r.Contradictions) != 1 || !r.Contradictions[0].WithinArticle {
		t.Fatalf("contradictions %+v; want the two agencies' tolls, within one article", r.Contradictions)
	}
	b := art("b", "صدى", "2018-08-10",
		"وقالت وكالة إدارة الكوارث صباحا إن عدد قتلى الزلزال في جزيرة لومبوك بلغ 347 قتيلا.",
		"وعادت وكالة إدارة الكوارث مساء فقالت إن عدد قتلى الزلزال في جزيرة لومبوك بلغ 381 قتيلا.")
	addQty(&b, "347 قتيلا", 347, "قتيل", false)
	addQty(&b, "381 قتيلا", 381, "قتيل", false)
	claim(&b, "وكالة إدارة الكوارث", "عدد قتلى الزلزال في جزيرة لومبوك بلغ 347 قتيلا")
	claim(&b, "وكالة إدارة الكوارث", "عدد قتلى الزلزال في جزيرة لومبوك بلغ 381 قتيلا")
	if r := build(t, []news.Article{b}, report.Options{MinConfidence: -1}); len(r.Contradictions) != 0 {
		t.Errorf("one source's toll and its update taken for a contradiction: %+v", r.Contradictions)
	}
}

// TestWeeksAgoIsNoDateToDisputeOn: «منذ 6 أسابيع» is our arithmetic on a
// publication date; an outlet that writes «30 مارس» for the same event
// does not contradict it.
func TestWeeksAgoIsNoDateToDisputeOn(t *testing.T) {
	a := art("a", "صدى", "2018-05-14", "وتتواصل الاحتجاجات عند حدود غزة منذ 6 أسابيع، وقتل فيها الشاب محمد النجار.", "وكانت الاحتجاجات قد بدأت في 30 مارس عند حدود غزة، وقتل فيها الشاب محمد النجار.")
	addDate(&a, "منذ 6 أسابيع", "2018-04-02", "day")
	a.Dates[0].Relative = true
	addDate(&a, "30 مارس", "2018-03-30", "day")
	a.Dates[1].Relative = true
	addEnt(&a, "محمد النجار", news.EntityPerson)
	r := build(t, []news.Article{a}, report.Options{MinConfidence: -1})
	for _, c := range r.Contradictions {
		if c.Kind == report.KindDate {
			t.Errorf("«منذ 6 أسابيع» against «30 مارس»: %+v", c)
		}
	}
}

// TestOneKillingTwoDatesInOneArticle: the same two men killed «في يناير
// 2020» in one paragraph and assassinated «في ديسمبر 2020» in another is
// one event dated twice by one article: a contradiction flagged as such.
func TestOneKillingTwoDatesInOneArticle(t *testing.T) {
	a := art("a", "صدى", "2021-02-01",
		"أكدت مصادر أمنية مقتل القائد العسكري أحمد الجبوري ومساعده خالد الدليمي في غارة جوية قرب الموصل في يناير 2020.",
		"وكانت جماعة مسلحة قد أعلنت اغتيال أحمد الجبوري وخالد الدليمي في ديسمبر 2020 في بيان نشرته على الإنترنت.")
	addDate(&a, "يناير 2020", "2020-01", "month")
	addDate(&a, "ديسمبر 2020", "2020-12", "month")
	for _, p := range []string{"أحمد الجبوري", "خالد الدليمي"} {
		body := a.Body()
		for i := 0; ; {
			j := strings.Index(body[i:], p)
			if j < 0 {
				break
			}
			a.Entities = append(a.Entities, news.Entity{Text: p, Canonical: p, Type: news.EntityPerson, Start: i + j, End: i + j + len(p)})
			i += j + len(p)
		}
	}
	r := build(t, []news.Article{a}, report.Options{})
	if len(r.Contradictions) != 1 || r.Contradictions[0].Kind != report.KindDate || !r.Contradictions[0].WithinArticle {
		t.Fatalf("contradictions %+v; want the killing's two dates, within one article, shown by default", r.Contradictions)
	}
}

// TestClaimsRankedByCentrality: a statement three outlets carry outranks
// two statements one outlet carries, and a speaker's claims come most
// carried first.
func TestClaimsRankedByCentrality(t *testing.T) {
	claim := func(a *news.Article, speaker, text string) {
		i := strings.Index(a.Body(), text)
		a.Claims = append(a.Claims, news.Claim{Speaker: speaker, Canonical: speaker, Text: text, Cue: "قال", Start: i, End: i + len(text), SentenceStart: i, SentenceEnd: i + len(text)})
	}
	said := "الهدنة في السودان ستبدأ غدا في كل المدن"
	var arts []news.Article
	for i, src := range []string{"صدى", "أنباء", "مرصد"} {
		a := art(fmt.Sprint("a", i), src, "2025-03-20", "وقال الوسيط إن "+said+".")
		claim(&a, "الوسيط", said)
		arts = append(arts, a)
	}
	b := art("b", "صدى", "2025-03-21",
		"وقال المتحدث إن الهدنة في السودان هشة جدا في الخرطوم.",
		"وقال المتحدث إن الهدنة في السودان لم تحترم في دارفور أمس.",
		"وقال الوسيط إن الهدنة في السودان تحتاج إلى مراقبين دوليين.")
	claim(&b, "المتحدث", "الهدنة في السودان هشة جدا في الخرطوم")
	claim(&b, "المتحدث", "الهدنة في السودان لم تحترم في دارفور أمس")
	claim(&b, "الوسيط", "الهدنة في السودان تحتاج إلى مراقبين دوليين")
	r := build(t, append(arts, b), report.Options{})
	if len(r.Claims) < 2 || r.Claims[0].Speaker != "الوسيط" {
		t.Fatalf("speakers %+v; want الوسيط, whose statement three outlets carry, first", r.Claims)
	}
	cs := r.Claims[0].Claims
	if len(cs) != 2 || cs[0].Text != said || cs[0].Weight <= cs[1].Weight || len(cs[0].Citations) != 3 {
		t.Errorf("الوسيط's claims %+v; want the statement of three outlets first, weighed more", cs)
	}
	if r.Claims[0].Weight <= r.Claims[1].Weight {
		t.Errorf("speaker weights %v, %v: want the first heavier", r.Claims[0].Weight, r.Claims[1].Weight)
	}
}
