package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/clean"
)

func TestDropPageLines(t *testing.T) {
	body := "انطلقت صباح اليوم في العاصمة جولة جديدة من المحادثات بين الطرفين بحضور الوسطاء."
	tests := []struct {
		name   string
		lines  []string
		want   []string
		kind   string
		byline string
	}{
		{"date line", []string{"الخميس، 3 رمضان 1442 هـ الموافق 15 أبريل 2021 م", body}, []string{body}, clean.KindMeta, ""},
		{"place and author", []string{"القاهرة - محمد علي", body}, []string{body}, clean.KindMeta, "محمد علي"},
		{"outlet and place", []string{"صدى الخليج – حلب", body}, []string{body}, clean.KindMeta, ""},
		{"agency credit line", []string{body, "القاهرة - (رويترز)"}, []string{body}, clean.KindCredit, ""},
		{"source line", []string{body, "المصدر : الجزيرة + وكالات"}, []string{body}, clean.KindCredit, ""},
		{"copyright", []string{body, "صدى الخليج © 2021 - جميع الحقوق محفوظة"}, []string{body}, clean.KindFooter, ""},
		{"tools row", []string{body, "طباعة الخبر | أرسل لصديق | عدد القراءات: 812"}, []string{body}, clean.KindNav, ""},
		{"comment prompt", []string{body, "أضف تعليقك"}, []string{body}, clean.KindComments, ""},
		{"a sentence with a date stays", []string{"وكان الاتفاق قد وقع في 15 مارس 2021 بعد مفاوضات طويلة.", body}, []string{"وكان الاتفاق قد وقع في 15 مارس 2021 بعد مفاوضات طويلة.", body}, "", ""},
		{"a short quote with a dash stays", []string{body, "الرياض - قال المتحدث إن الوفد سيصل غدا."}, []string{body, "الرياض - قال المتحدث إن الوفد سيصل غدا."}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pm := &pageMeta{source: "صدى الخليج"}
			var removed []Removed
			got := dropPageLines(tt.lines, pm, &removed)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("lines (-want +got):\n%s", d)
			}
			if tt.kind == "" && len(removed) > 0 || tt.kind != "" && (len(removed) != 1 || removed[0].Kind != tt.kind) {
				t.Errorf("removed %+v, want one of kind %q", removed, tt.kind)
			}
			if pm.byline != tt.byline {
				t.Errorf("byline %q, want %q", pm.byline, tt.byline)
			}
		})
	}
}
