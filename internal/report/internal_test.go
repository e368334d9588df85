package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/news"
)

func TestCompatible(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a, b    float64
		aApprox bool
		bApprox bool
		want    bool
	}{
		{"equal", 41, 41, false, false, true},
		{"exact values differ", 20, 22, false, false, false},
		{"about 20 covers 22", 20, 22, true, false, true},
		{"about 20 does not cover 35", 20, 35, true, false, false},
		{"about 58 thousand vs 62 thousand", 58000, 62000, true, false, false},
		{"about 58 thousand vs 59 thousand", 58000, 59000, true, false, true},
		{"2.5 million vs 2 million barrels", 2500000, 2000000, false, false, false},
		{"12.8% vs 13.6%", 12.8, 13.6, false, false, false},
		{"rounding noise", 30.4, 30.40001, false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &mention{num: tc.a, approx: tc.aApprox}
			b := &mention{num: tc.b, approx: tc.bApprox}
			if got := compatible(a, b); got != tc.want {
				t.Errorf("compatible(%v~%v, %v~%v) = %v, want %v", tc.a, tc.aApprox, tc.b, tc.bApprox, got, tc.want)
			}
			if got := compatible(b, a); got != tc.want {
				t.Errorf("compatible is not symmetric for %v, %v", tc.a, tc.b)
			}
		})
	}
}

func TestRoundingUnit(t *testing.T) {
	for _, tc := range []struct {
		v, want float64
	}{{20, 10}, {58000, 1000}, {2.5, 0.1}, {41, 1}, {2500000, 100000}, {0, 1}} {
		if got := roundingUnit(tc.v); got < tc.want*0.999 || got > tc.want*1.001 {
			t.Errorf("roundingUnit(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestDateSpan(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name, value, gran string
		start, end        time.Time
		ok                bool
	}{
		{"day", "2025-03-14", "day", d(2025, 3, 14), d(2025, 3, 15), true},
		{"month", "2020-01", "month", d(2020, 1, 1), d(2020, 2, 1), true},
		{"year", "2020", "year", d(2020, 1, 1), d(2021, 1, 1), true},
		{"iso week 1 of 2021 starts on 4 January", "2021-W01", "week", d(2021, 1, 4), d(2021, 1, 11), true},
		{"week 14", "2021-W14", "week", d(2021, 4, 5), d(2021, 4, 12), true},
		{"time", "2021-04-07T10:30", "time", d(2021, 4, 7).Add(10*time.Hour + 30*time.Minute), d(2021, 4, 7).Add(10*time.Hour + 31*time.Minute), true},
		{"range", "2021-04-01/2021-04-07", "range", d(2021, 4, 1), d(2021, 4, 8), true},
		{"backwards range", "2021-04-07/2021-04-01", "range", time.Time{}, time.Time{}, false},
		{"week 60", "2021-W60", "week", time.Time{}, time.Time{}, false},
		{"garbage", "غدا", "day", time.Time{}, time.Time{}, false},
		{"empty", "", "day", time.Time{}, time.Time{}, false},
		{"month 13", "2021-13", "month", time.Time{}, time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, e, ok := dateSpan(tc.value, tc.gran)
			if ok != tc.ok {
				t.Fatalf("dateSpan(%q) ok = %v, want %v", tc.value, ok, tc.ok)
			}
			if ok && (!s.Equal(tc.start) || !e.Equal(tc.end)) {
				t.Errorf("dateSpan(%q) = %v–%v, want %v–%v", tc.value, s, e, tc.start, tc.end)
			}
		})
	}
}

func TestUnitClass(t *testing.T) {
	for _, tc := range []struct {
		name, unit string
		window     []string
		want       string
	}{
		{"killed", "قتيل", nil, "deaths"},
		{"persons counted as dead", "شخص", keysOf("عدد القتلى بلغ"), "deaths"},
		{"persons counted as missing", "شخص", keysOf("عدد المفقودين"), "missing"},
		{"persons, no toll word", "شخص", keysOf("شارك في المسيرة"), keysOf("شخص")[0]},
		{"percent", "%", nil, "%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unitClass(tc.unit, tc.window); got != tc.want {
				t.Errorf("unitClass(%q, %v) = %q, want %q", tc.unit, tc.window, got, tc.want)
			}
		})
	}
}

func keysOf(s string) []string {
	d := prepare(&news.Article{ID: "x", Paragraphs: []string{s}}, 0)
	var out []string
	for _, t := range d.terms {
		if !t.stop {
			out = append(out, t.key)
		}
	}
	return out
}

// TestWindowStopsAtNumbers: the words after a number belong to it, not to
// the number before.
func TestWindowStopsAtNumbers(t *testing.T) {
	body := "تراجع التضخم في المدن إلى 12.8 في المئة في مارس مقابل 14.1 في المئة في فبراير."
	d := prepare(&news.Article{ID: "x", Paragraphs: []string{body}}, 0)
	q1 := indexOf(body, "12.8")
	q2 := indexOf(body, "14.1")
	got1 := d.window(0, q1, q1+len("12.8"), 10, 6)
	got2 := d.window(0, q2, q2+len("14.1"), 10, 6)
	if overlap(got1, keysOf("التضخم")) != 1 {
		t.Errorf("window of 12.8 = %v, want it to hold التضخم", got1)
	}
	if overlap(got2, keysOf("التضخم")) != 0 || overlap(got2, keysOf("فبراير")) != 1 {
		t.Errorf("window of 14.1 = %v, want فبراير and not التضخم", got2)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestParagraphEndsAndSentences(t *testing.T) {
	a := &news.Article{ID: "x", Paragraphs: []string{"الجملة الأولى هنا. والثانية هنا.", "فقرة ثانية."}}
	d := prepare(a, 0)
	var got [][2]int
	for _, s := range d.sents {
		got = append(got, [2]int{s.para, s.pos})
		if d.body[s.start:s.end] != s.text {
			t.Errorf("sentence %q does not match its span %q", s.text, d.body[s.start:s.end])
		}
	}
	if diff := cmp.Diff([][2]int{{0, 0}, {0, 1}, {1, 2}}, got); diff != "" {
		t.Errorf("(paragraph, position) of sentences (-want +got):\n%s", diff)
	}
}

func TestStripDateline(t *testing.T) {
	long := "انطلقت صباح الثلاثاء في العاصمة القطرية محادثات غير مباشرة بين الطرفين."
	for _, tc := range []struct{ name, in, want string }{
		{"agency in parentheses", "الدوحة - (رويترز) - " + long, long},
		{"outlet in parentheses", "الدوحة - (صدى الخليج) - " + long, long},
		{"agency before a colon", "الدوحة - أ ف ب: " + long, long},
		{"no dateline", long, long},
		{"a dash inside the sentence is kept", "قال الوزير - في مؤتمر صحفي - إن المحادثات مستمرة منذ أيام عدة دون نتيجة.", "قال الوزير - في مؤتمر صحفي - إن المحادثات مستمرة منذ أيام عدة دون نتيجة."},
		{"nothing left after it", "الدوحة - (رويترز) - قصير", "الدوحة - (رويترز) - قصير"},
		{"place, country and outlet, one dash", "بيروت، لبنان (صدى الخليج) – " + long, long},
		{"place and outlet, two dashes glued", "القاهرة، مصر (CNN)-- " + long, long},
		{"outlet alone", "(أ ف ب) - " + long, long},
		{"parentheses inside the sentence are kept", "ارتفعت الأسعار (بحسب الإحصاء) - وفق تقرير رسمي - إلى مستوى لم تبلغه منذ سنوات طويلة.", "ارتفعت الأسعار (بحسب الإحصاء) - وفق تقرير رسمي - إلى مستوى لم تبلغه منذ سنوات طويلة."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := stripDateline(tc.in); got != tc.want {
				t.Errorf("stripDateline(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
