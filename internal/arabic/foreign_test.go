package arabic

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForeignKey(t *testing.T) {
	tests := []struct {
		name, stem string
		foreign    bool
		key        string // foreignFold, when foreign
	}{
		{"labial cluster", "سيمبس", true, "سمبس"},
		{"slavic -ski", "دوستويفسك", true, "دستفسك"},
		{"CVCV with final z", "ديفيز", true, "دفس"},
		{"g as غ", "نوريغا", true, "نرجا"},
		{"فعلان of a hollow root", "طيران", false, ""},
		{"plural of that shape", "جيران", false, ""},
		{"مفعول of a weak root", "موضوع", false, ""},
		{"تفعيل of a weak root", "توقيع", false, ""},
		{"إفعال of a weak root", "ايجاب", false, ""},
		{"فاعول noun", "صاروخ", false, ""},
		{"م before a labial root", "مبادر", false, ""},
		{"short word", "سيف", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := looksForeign(tt.stem)
			if got != tt.foreign {
				t.Fatalf("looksForeign(%q) = %v, want %v", tt.stem, got, tt.foreign)
			}
			if got {
				if diff := cmp.Diff(tt.key, foreignFold(tt.stem)); diff != "" {
					t.Errorf("foreignFold(%q) (-want +got):\n%s", tt.stem, diff)
				}
			}
		})
	}
}
