package report_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// handFact is one fact written by hand for a sample article, standing in
// for the facts stage in tests: the planted contradictions, the tolls that
// rise as they should, and figures that must not be confused with them.
type handFact struct {
	url     string
	text    string // exact text of the article
	kind    string // date, qty, entity or claim
	value   string // TIMEX value, number or canonical name (entity)
	unit    string // granularity (date), unit (qty), type (entity) or speaker (claim)
	approx  bool
	counted string
}

var handFacts = []handFact{
	// truce signing: 14 March in one outlet, 15 March in another
	{url: "https://manarat-alsharq.example/article/10234", text: "14 مارس/آذار 2025", kind: "date", value: "2025-03-14", unit: "day"},
	{url: "https://aldiffatain.example/news/sudan-truce-what-next-0316", text: "السبت 15 مارس", kind: "date", value: "2025-03-15", unit: "day"},
	// its participants, as the facts stage finds them: one signing, since
	// both sentences name the same sides and place (events.go)
	{url: "https://manarat-alsharq.example/article/10234", text: "الجيش السوداني", kind: "entity", value: "الجيش السوداني", unit: news.EntityOrg},
	{url: "https://manarat-alsharq.example/article/10234", text: "الدعم السريع", kind: "entity", value: "قوات الدعم السريع", unit: news.EntityOrg},
	{url: "https://manarat-alsharq.example/article/10234", text: "الدوحة", kind: "entity", value: "الدوحة", unit: news.EntityPlace},
	{url: "https://aldiffatain.example/news/sudan-truce-what-next-0316", text: "السودان", kind: "entity", value: "السودان", unit: news.EntityPlace},
	{url: "https://aldiffatain.example/news/sudan-truce-what-next-0316", text: "الدوحة", kind: "entity", value: "الدوحة", unit: news.EntityPlace},
	// the dam, twice in one article
	{url: "https://almadar-news.example/a/8d09e4", text: "يناير/كانون الثاني 2020", kind: "date", value: "2020-01", unit: "month"},
	{url: "https://almadar-news.example/a/8d09e4", text: "ديسمبر/كانون الأول 2020", kind: "date", value: "2020-12", unit: "month"},
	// OPEC+ cut
	{url: "https://sada-alkhaleej.example/economy/2025/04/01/opec-plus-cut-2-5-million", text: "2.5 مليون برميل", kind: "qty", value: "2500000", unit: "برميل"},
	{url: "https://bawabat-alrafidain.example/ar/economy/2025-04-01-iraq-opec-share", text: "2 مليون برميل", kind: "qty", value: "2000000", unit: "برميل"},
	// Libya tolls: 12, 27, 41, then 38 in a later report, then 56
	{url: "https://nabd-alatlas.example/maghreb/libye-inondations-12-morts", text: "12 شخصا", kind: "qty", value: "12", unit: "شخص", approx: true},
	{url: "https://sada-alkhaleej.example/news/2025/03/25/libya-floods-toll-27", text: "27 قتيلا", kind: "qty", value: "27", unit: "قتيل"},
	{url: "https://almadar-news.example/a/8d09e4", text: "41 قتيلا", kind: "qty", value: "41", unit: "قتيل"},
	{url: "https://almadar-news.example/a/8e11a0", text: "38 شخصا", kind: "qty", value: "38", unit: "شخص"},
	{url: "https://shurfat-alnil.example/news/4602", text: "56 قتيلا", kind: "qty", value: "56", unit: "قتيل"},
	{url: "https://shurfat-alnil.example/news/4602", text: "70 مفقودا", kind: "qty", value: "70", unit: "مفقود"},
	// Egypt's March inflation, and February's figure beside it
	{url: "https://nabd-alatlas.example/economie/egypte-inflation-mars-2025", text: "12.8 في المئة", kind: "qty", value: "12.8", unit: "%"},
	{url: "https://nabd-alatlas.example/economie/egypte-inflation-mars-2025", text: "14.1 في المئة", kind: "qty", value: "14.1", unit: "%"},
	{url: "https://sada-alkhaleej.example/economy/2025/04/10/egypt-inflation-march", text: "13.6 في المئة", kind: "qty", value: "13.6", unit: "%"},
	// attendance at the final
	{url: "https://manarat-alsharq.example/article/10498", text: "نحو 58 ألف متفرج", kind: "qty", value: "58000", unit: "متفرج", approx: true},
	{url: "https://almadar-news.example/a/9a4c10", text: "62 ألف متفرج", kind: "qty", value: "62000", unit: "متفرج"},
	// Algeria's turnout: the authority against the opposition, and the 17:00 figure
	{url: "https://bawabat-alrafidain.example/ar/politics/2025-04-06-algeria-turnout-final", text: "30.4 في المئة", kind: "qty", value: "30.4", unit: "%"},
	{url: "https://bawabat-alrafidain.example/ar/politics/2025-04-06-algeria-turnout-final", text: "أن نسبة المشاركة النهائية في الانتخابات التشريعية المسبقة بلغت 30.4 في المئة", kind: "claim", unit: "كمال بوزيدي"},
	{url: "https://manarat-alsharq.example/article/10322", text: "19 في المئة", kind: "qty", value: "19", unit: "%"},
	{url: "https://manarat-alsharq.example/article/10322", text: "أن النسبة الحقيقية \"لا تتجاوز 19 في المئة\"", kind: "claim", unit: "جبهة التغيير الديمقراطي"},
	{url: "https://nabd-alatlas.example/algerie/legislatives-participation-17h", text: "23.1 في المئة", kind: "qty", value: "23.1", unit: "%"},
}

// withHandFacts returns the articles with the hand-made facts in place of
// whatever facts they had; it fails when a fact's text is no longer in its
// article.
func withHandFacts(t testing.TB, arts []news.Article) []news.Article {
	t.Helper()
	byURL := map[string]int{}
	for i, a := range arts {
		arts[i].Facts = news.Facts{}
		byURL[news.CanonicalizeURL(a.URL)] = i
	}
	for _, f := range handFacts {
		i, ok := byURL[news.CanonicalizeURL(f.url)]
		if !ok {
			t.Fatalf("hand fact: no article %s", f.url)
		}
		a := &arts[i]
		body := a.Body()
		start := strings.Index(body, f.text)
		if start < 0 {
			t.Fatalf("hand fact: %q not in %s", f.text, f.url)
		}
		end := start + len(f.text)
		switch f.kind {
		case "date":
			a.Dates = append(a.Dates, news.Date{Text: f.text, Value: f.value, Granularity: f.unit, Start: start, End: end})
		case "qty":
			v, err := strconv.ParseFloat(f.value, 64)
			if err != nil {
				t.Fatal(err)
			}
			a.Quantities = append(a.Quantities, news.Quantity{Text: f.text, Value: v, Unit: f.unit, Approximate: f.approx, Start: start, End: end, Counted: f.counted})
		case "entity":
			a.Entities = append(a.Entities, news.Entity{Text: f.text, Type: f.unit, Canonical: f.value, Start: start, End: end})
		case "claim":
			ss, se := start, end
			for _, s := range arabic.Sentences(body) {
				if s.Start <= start && start < s.End {
					ss, se = s.Start, s.End
				}
			}
			a.Claims = append(a.Claims, news.Claim{Speaker: f.unit, Canonical: f.unit, Text: f.text, Cue: "قال", Start: start, End: end, SentenceStart: ss, SentenceEnd: se})
			a.Entities = append(a.Entities, news.Entity{Text: f.unit, Type: news.EntityPerson, Canonical: f.unit, Start: ss, End: ss})
		}
	}
	return arts
}

// allSample returns every article of the ingested sample, in store order.
func allSample(t testing.TB) []news.Article {
	t.Helper()
	s := openSample(t)
	var arts []news.Article
	err := s.st.Scan(context.Background(), 0, func(_ int64, a news.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// contains reports whether s holds quote, whitespace folded (cleaning
// may have collapsed runs of spaces).
func contains(s, quote string) bool {
	return strings.Contains(strings.Join(strings.Fields(s), " "), strings.Join(strings.Fields(quote), " "))
}
