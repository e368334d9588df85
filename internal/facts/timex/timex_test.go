package timex

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
)

var anchor = time.Date(2021, 4, 7, 15, 30, 0, 0, time.FixedZone("AST", 3*3600)) // a Wednesday

func TestExtractFields(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		anchor time.Time
		want   []news.Date
	}{
		{
			name: "absolute date keeps offsets into the original digits",
			text: "في ١٥ آذار ٢٠٢١ وقع",
			want: []news.Date{{Text: "١٥ آذار ٢٠٢١", Value: "2021-03-15", Granularity: news.GranDay, Start: 5, End: 27}},
		},
		{
			name:   "relative day is marked relative",
			text:   "قال أمس",
			anchor: anchor,
			want:   []news.Date{{Text: "أمس", Value: "2021-04-06", Granularity: news.GranDay, Start: 7, End: 13, Relative: true}},
		},
		{
			name: "relative day without anchor stays unresolved",
			text: "قال أمس",
			want: []news.Date{{Text: "أمس", Granularity: news.GranDay, Start: 7, End: 13, Relative: true, Unresolved: true}},
		},
		{
			name: "hijri date says its calendar",
			text: "1 شوال 1442 هـ",
			want: []news.Date{{Text: "1 شوال 1442 هـ", Value: "2021-05-13", Granularity: news.GranDay, Start: 0, End: 20, Calendar: "hijri"}},
		},
		{
			name:   "clitic و is left out of the span",
			text:   "وأمس",
			anchor: anchor,
			want:   []news.Date{{Text: "أمس", Value: "2021-04-06", Granularity: news.GranDay, Start: 2, End: 8, Relative: true}},
		},
		{
			name: "two dates in one sentence",
			text: "بين 2019 و2021 ثم في 5 مايو 2022",
			want: []news.Date{
				{Text: "بين 2019 و2021", Value: "2019/2021", Granularity: news.GranRange, Start: 0, End: 18},
				{Text: "5 مايو 2022", Value: "2022-05-05", Granularity: news.GranDay, Start: 29, End: 44},
			},
		},
		{name: "bare number is not a year", text: "قتل 2020 شخصا في الهجوم"},
		{name: "time-like ratio without a cue", text: "فاز الفريق 3:1 على منافسه"},
		{name: "Latin only", text: "On Monday 5 April 2021 the minister said", anchor: anchor},
		{name: "ordinal without a month", text: "الفصل السابع من الكتاب", anchor: anchor},
		{
			name: "impossible day leaves the month",
			text: "في 31 فبراير 2021",
			want: []news.Date{{Text: "فبراير 2021", Value: "2021-02", Granularity: news.GranMonth, Start: 8, End: 25}},
		},
		{name: "impossible numeric date", text: "في 45/13/2021"},
		{name: "the two, not Monday", text: "اتفق الاثنين معا على الخطة", anchor: anchor},
		{name: "international day, not today", text: "يحتفل العالم اليوم العالمي للمرأة", anchor: anchor},
		{name: "empty", text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, tt.anchor)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestHijriUmmAlQura checks Hijri conversion against published Umm al-Qura
// dates (Saudi announcements of Ramadan, the Eids and the new year; 1 Muharram
// 1400 is the day the Grand Mosque was seized, 20 November 1979): exact, to the
// day. The tabular calendar used before was a day off on two of them.
func TestHijriUmmAlQura(t *testing.T) {
	tests := []struct {
		name    string
		y, m, d int
		uaq     string
	}{
		{"1 Ramadan 1442", 1442, 9, 1, "2021-04-13"},
		{"1 Shawwal 1442", 1442, 10, 1, "2021-05-13"},
		{"10 Dhu al-Hijjah 1444", 1444, 12, 10, "2023-06-28"},
		{"1 Muharram 1445", 1445, 1, 1, "2023-07-19"},
		{"1 Ramadan 1445", 1445, 9, 1, "2024-03-11"},
		{"1 Muharram 1400", 1400, 1, 1, "1979-11-20"},
		{"1 Shawwal 1439", 1439, 10, 1, "2018-06-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hijriDate(tt.y, tt.m, tt.d).Format("2006-01-02"); got != tt.uaq {
				t.Errorf("hijriDate(%d,%d,%d) = %s, Umm al-Qura %s", tt.y, tt.m, tt.d, got, tt.uaq)
			}
		})
	}
	// Outside the tables (before 1356 AH) the tabular calendar answers, and
	// month lengths stay 29 or 30 everywhere.
	if got := hijriDate(1300, 1, 1).Format("2006-01-02"); got != "1882-11-12" {
		t.Errorf("1 Muharram 1300 (tabular) = %s, want 1882-11-12", got)
	}
	for y := 1350; y <= 1505; y++ {
		for m := 1; m <= 12; m++ {
			if n := hijriMonthLen(y, m); n != 29 && n != 30 {
				t.Fatalf("month %d of %d has %d days", m, y, n)
			}
		}
	}
}

func TestNoInventedFacts(t *testing.T) {
	tests := []struct{ name, text string }{
		{"nonsense letters", "كجحخه هخعغ فقثصض ضصثق 12 34 56"},
		{"long sentence without dates", strings.Repeat("وقال المتحدث إن الحكومة ستواصل العمل مع الشركاء ", 400)},
		{"latin and digits", "Version 2.0.1 released, see https://example.com/2021/04/07/page?id=15"},
		{"mixed scripts", "قال CEO الشركة John إن revenue ارتفعت"},
		{"punctuation storm", strings.Repeat("،.؛:!؟()«»/-", 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.text, anchor); len(got) != 0 {
				t.Errorf("Extract found %d dates in %q…: %+v", len(got), tt.text[:min(len(tt.text), 60)], got)
			}
		})
	}
}

func checkDates(t *testing.T, text string, ds []news.Date) {
	t.Helper()
	prev := 0
	for _, d := range ds {
		if d.Start < prev || d.End <= d.Start || d.End > len(text) {
			t.Fatalf("date %+v out of order or outside text of %d bytes (previous end %d)", d, len(text), prev)
		}
		if text[d.Start:d.End] != d.Text {
			t.Fatalf("date text %q is not text[%d:%d] = %q", d.Text, d.Start, d.End, text[d.Start:d.End])
		}
		if utf8.ValidString(text) && !utf8.ValidString(d.Text) {
			t.Fatalf("date text %q cuts a rune", d.Text)
		}
		if d.Unresolved && d.Value != "" {
			t.Fatalf("unresolved date with a value: %+v", d)
		}
		prev = d.End
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"في ١٥ آذار ٢٠٢١ الساعة العاشرة صباحا بتوقيت غرينتش",
		"من 5 إلى 7 أبريل وبين عامي 2019 و2021 و2019-2021",
		"3 رمضان 1442 هـ ورمضان 1442 و1442هـ",
		"قبل نحو ثلاثة أسابيع ومنذ بضعة أشهر ولمدة 48 ساعة",
		"الاثنين 5 أبريل 2021 وأمس الأول والليلة الماضية",
		"7/4/2021 و٢٠٢١/٤/٧ و2021-04-07 و7.4.2021 و12/2020",
		"بتاريخ (29/12/2011) ومارس (آذار) 2020 وكانون",
		"و\xffأمس ١٥\u200fآذار",
		"من من من 1 إلى",
	} {
		f.Add(s, int64(0))
		f.Add(s, anchor.Unix())
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var a time.Time
		if unix != 0 {
			a = time.Unix(unix%(1<<40), 0).UTC()
		}
		checkDates(t, text, Extract(text, a))
	})
}

func TestSuiteSentencesKeepInvariants(t *testing.T) {
	for _, c := range loadSuite(t) {
		checkDates(t, c.sentence, Extract(c.sentence, c.anchor))
	}
}

// TestTruncatedInput cuts a sentence at every byte (inside multi-byte
// runes too): no panic, and the invariants hold on every prefix.
func TestTruncatedInput(t *testing.T) {
	text := "وقال أمس الأحد إن ١٥ آذار ٢٠٢١ الساعة العاشرة صباحا بتوقيت غرينتش و3 رمضان 1442 هـ"
	for n := 0; n <= len(text); n++ {
		checkDates(t, text[:n], Extract(text[:n], anchor))
		checkDates(t, text[n:], Extract(text[n:], anchor))
	}
}

// TestDurationFraction: ونصف، وربع، وثلث after a counted, dual or
// singular unit add to the units before them (2.5 hours, not 0.5), with
// the unit repeated in the definite inside the span.
func TestDurationFraction(t *testing.T) {
	tests := []struct{ text, span, value string }{
		{"استمرت الجولة ساعتين ونصف الساعة، وتركزت على الإطار", "ساعتين ونصف الساعة", "PT2H30M"},
		{"تأخرت الطائرة ساعة وربع", "ساعة وربع", "PT1H15M"},
		{"دام الاجتماع خمس ساعات ونصف", "خمس ساعات ونصف", "PT5H30M"},
		{"استمر الإضراب أسبوعين ونصف", "أسبوعين ونصف", "P17DT12H"},
		{"بقي الطريق مغلقا يوما ونصف اليوم", "يوما ونصف اليوم", "P1DT12H"},
		{"أمضى الوفد 20 دقيقة ونصف في القاعة", "20 دقيقة ونصف", "PT20M30S"},
		{"أنجز المشروع في ثلاثة أعوام وربع", "ثلاثة أعوام وربع", "P3Y3M"},
		{"استمرت المفاوضات شهرين ونصف الشهر", "شهرين ونصف الشهر", "P2.5M"},
	}
	for _, tc := range tests {
		got := Extract(tc.text, time.Time{})
		var found *news.Date
		for i := range got {
			if got[i].Granularity == news.GranDuration {
				found = &got[i]
			}
		}
		if found == nil || found.Text != tc.span || found.Value != tc.value {
			t.Errorf("%s: got %+v, want duration %q = %s", tc.text, got, tc.span, tc.value)
		}
	}
}
