package quantity

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Match
	}{
		{
			name: "approximation, number words and counted noun with nisba",
			text: "قتل نحو ثلاثة جنود أمريكيين",
			want: []Match{{
				Quantity:    news.Quantity{Text: "نحو ثلاثة جنود أمريكيين", Value: 3, Unit: "جندي", Approximate: true, Start: 7, End: 50, Counted: "جنود أمريكيين"},
				NumberStart: 14, NumberEnd: 24,
			}},
		},
		{
			name: "clitic و stays outside the span",
			text: "وخمسة قتلى",
			want: []Match{{
				Quantity:    news.Quantity{Text: "خمسة قتلى", Value: 5, Unit: "قتيل", Start: 2, End: 19, Counted: "قتلى"},
				NumberStart: 2, NumberEnd: 10,
			}},
		},
		{
			name: "money span for scoring runs from the number to the currency",
			text: "13 مليون يورو",
			want: []Match{{
				Quantity:    news.Quantity{Text: "13 مليون يورو", Value: 13e6, Unit: "يورو", Start: 0, End: 22, Counted: "يورو"},
				NumberStart: 0, NumberEnd: 13,
			}},
		},
		{
			name: "a fraction after a dual unit adds to its two units",
			text: "ساعتين ونصف الساعة",
			want: []Match{{
				Quantity:    news.Quantity{Text: "ساعتين ونصف الساعة", Value: 2.5, Unit: "ساعه", Start: 0, End: 34, Counted: "ساعتين"},
				NumberStart: 0, NumberEnd: 34,
			}},
		},
		{
			name: "a fraction after a counted unit adds to the count",
			text: "ثلاثة أيام وربع",
			want: []Match{{
				Quantity:    news.Quantity{Text: "ثلاثة أيام وربع", Value: 3.25, Unit: "يوم", Start: 0, End: 28, Counted: "أيام"},
				NumberStart: 0, NumberEnd: 10,
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.text, nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestFractionOfADuration: the fraction after a unit of time belongs to
// the duration the dates read (عامين ونصف), never a figure 0.5 of its own.
func TestFractionOfADuration(t *testing.T) {
	for _, text := range []string{"منذ عامين ونصف", "قضى عامين ونصف في السجن", "استمرت الجولة ساعتين ونصف الساعة", "غاب ثلاثة أسابيع ونصف"} {
		if got := Extract(text); len(got) != 0 {
			t.Errorf("Extract(%q) = %+v, want no figure", text, got)
		}
	}
}

func TestSkipSpans(t *testing.T) {
	text := "قتل 25 شخصا و30 آخرين"
	all := Find(text, nil)
	if len(all) != 2 {
		t.Fatalf("Find without skips: %d quantities, want 2: %+v", len(all), all)
	}
	got := Find(text, [][2]int{{all[0].Start, all[0].End}})
	if len(got) != 1 || got[0].Value != 30 {
		t.Errorf("Find skipping the first figure: %+v, want only 30", got)
	}
}

func TestDigitsValue(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2,500", 2500, true},
		{"1,250,000", 1250000, true},
		{"3.5", 3.5, true},
		{"2,5", 2.5, true},
		{"1.250.000", 1250000, true},
		{"1,250.75", 1250.75, true},
		{"2.0.1", 0, false},
		{"10:30", 0, false},
		{"7/4", 0, false},
		{"0123456", 0, false},
		{"12,34,5", 0, false},
		{"99999999999999999", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := digitsValue(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("digitsValue(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsCurrency(t *testing.T) {
	for unit, want := range map[string]bool{"دولار": true, "يورو": true, "جندي": false, "%": false, "": false} {
		if got := IsCurrency(unit); got != want {
			t.Errorf("IsCurrency(%q) = %v, want %v", unit, got, want)
		}
	}
}

func TestNoInventedFacts(t *testing.T) {
	tests := []struct{ name, text string }{
		{"nonsense letters", "كجحخه هخعغ فقثصض ضصثق"},
		{"long sentence without figures", strings.Repeat("وقال المتحدث إن الحكومة ستواصل العمل مع الشركاء ", 400)},
		{"latin codes and urls", "See COVID-19, F16 and https://example.com/2021/04/07/page?id=15 or mail a1@b.org"},
		{"punctuation storm", strings.Repeat("،.؛:!؟()«»/-%", 200)},
		{"dates only", "في 15 مارس 2021 وفي 7/4/2021 الساعة 10:30 صباحا"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.text); len(got) != 0 {
				t.Errorf("Extract found %d quantities in %q…: %+v", len(got), tt.text[:min(len(tt.text), 60)], got)
			}
		})
	}
}

func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("quantity %+v out of order or outside text of %d bytes (previous end %d)", m, len(text), prev)
		}
		if m.NumberStart < m.Start || m.NumberEnd > m.End || m.NumberEnd <= m.NumberStart {
			t.Fatalf("number span %d:%d outside quantity %d:%d", m.NumberStart, m.NumberEnd, m.Start, m.End)
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("quantity text %q is not text[%d:%d]", m.Text, m.Start, m.End)
		}
		if utf8.ValidString(text) && !utf8.ValidString(m.Text) {
			t.Fatalf("quantity text %q cuts a rune", m.Text)
		}
		prev = m.End
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"قتل نحو ثلاثة جنود أمريكيين و2,500 مدني و٢٬٥٠٠ لاجئ و3.5% و١٢ في المئة",
		"ألفين وخمسمائة وخمسة وعشرين ونصف مليون وعشرات الآلاف وما لا يقل عن 7",
		"13 مليون يورو و100 دولار أمريكي و40 كيلومترا مربعا و3 ملايين برميل يوميا",
		"القرار 2254 الـ 20 رقم 0123456789 COVID-19 https://x.com/2021/5",
		"وبمليون و\xff٣\u200f٫٥ ما لا",
		"مليون ونصف مليون ألفا عشرون ألفا",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkMatches(t, text, Find(text, nil))
		qs := Extract(text)
		prev := 0
		for _, q := range qs {
			if q.Start < prev || q.End <= q.Start || q.End > len(text) || text[q.Start:q.End] != q.Text {
				t.Fatalf("Extract: bad quantity %+v in %q", q, text)
			}
			prev = q.End
		}
	})
}

func TestSuiteSentencesKeepInvariants(t *testing.T) {
	for _, c := range loadSuite(t) {
		checkMatches(t, c.sentence, Find(c.sentence, nil))
	}
}

// TestTruncatedInput cuts a sentence at every byte (inside multi-byte
// runes too): no panic, and the invariants hold on every prefix and suffix.
func TestTruncatedInput(t *testing.T) {
	text := "قتل حوالي ٢٬٥٠٠ جندي أمريكي وخصص 13 مليون يورو و١٢ في المئة وألفين وخمسمائة لاجئ"
	for n := 0; n <= len(text); n++ {
		checkMatches(t, text[:n], Find(text[:n], nil))
		checkMatches(t, text[n:], Find(text[n:], nil))
	}
}
