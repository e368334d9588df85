package report

import (
	"strings"
	"testing"
)

func TestRequestTopic(t *testing.T) {
	tests := []struct {
		in, topic, dropped string
	}{
		{"تقرير عن مباحثات العراق وامريكا", "مباحثات العراق وامريكا", "تقرير عن"},
		{"أريد تقريرا حول الانتخابات التونسية", "الانتخابات التونسية", "أريد تقريرا حول"},
		{"ماذا قال وزير الخارجية عن الاتفاق النووي؟", "وزير الخارجية عن الاتفاق النووي", "ماذا قال"},
		{"آخر أخبار الفيضانات في ليبيا", "الفيضانات في ليبيا", "آخر أخبار"},
		{"ما هي آخر التطورات في السودان", "السودان", "ما هي آخر التطورات في"},
		{"لخص الأزمة الأوكرانية", "الأزمة الأوكرانية", "لخص"},
		{"ملخص عن قمة العشرين", "قمة العشرين", "ملخص عن"},
		// A framing noun that names the topic stays.
		{"تقرير المخابرات الأمريكية", "تقرير المخابرات الأمريكية", ""},
		{"ملخص الحكم في قضية الفساد", "ملخص الحكم في قضية الفساد", ""},
		// Search syntax is the user's choice of words.
		{`تقرير "وقف إطلاق النار"`, `تقرير "وقف إطلاق النار"`, ""},
		{"تقرير -غزة", "تقرير -غزة", ""},
		// Nothing but framing: keep what was typed.
		{"آخر الأخبار", "آخر الأخبار", ""},
		{"هدنة السودان", "هدنة السودان", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			topic, dropped := RequestTopic(tt.in)
			if topic != tt.topic || strings.Join(dropped, " ") != tt.dropped {
				t.Errorf("RequestTopic(%q) = %q, dropped %q; want %q, dropped %q", tt.in, topic, strings.Join(dropped, " "), tt.topic, tt.dropped)
			}
		})
	}
}

func FuzzRequestTopic(f *testing.F) {
	for _, s := range []string{"تقرير عن مباحثات", "ماذا قال", "آخر", `"x"`, "؟؟", " عن عن "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		topic, dropped := RequestTopic(q)
		if strings.TrimSpace(q) != "" && strings.TrimSpace(topic) == "" {
			t.Fatalf("RequestTopic(%q) left no topic (dropped %q)", q, dropped)
		}
	})
}
