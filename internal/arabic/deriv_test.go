package arabic

import (
	"testing"
	"unicode/utf8"
)

func TestDerivKey(t *testing.T) {
	tests := []struct {
		name, word string
		want       string // a word whose Key the result must be; "" for none
	}{
		{"form X masdar", "الاستخدام", "استخدم"},
		{"form X imperfect", "يستخدمون", "استخدم"},
		{"form X participle", "المستخدمين", "استخدم"},
		{"form VIII masdar", "الاعتراضات", "اعترض"},
		{"form VII masdar", "انسحاب", "انسحب"},
		{"form VIII imperfect", "يعترض", "اعترض"},
		{"form VIII participle", "المعترض", "اعترض"},
		{"form II masdar", "التسجيل", "سجل"},
		{"imperfect of a three-letter verb", "يلعب", "لعب"},
		{"four letters after ن are a noun", "نهائي", ""},
		{"broken plural أفعال is left alone", "أعمار", ""},
		{"listed broken plural", "المدن", "مدينة"},
		{"listed broken plural with a pronoun", "أعمالهم", "عمل"},
		{"singular has no second key", "مدينة", ""},
		{"number word", "خمسة", "5"},
		{"number word with a clitic", "وخمسين", "50"},
		{"feminine number", "اثنتين", "2"},
		{"hollow verb is left alone", "فاز", ""},
		{"feminine past of a verb in ى", "غنت", "غنى"},
		{"three letters ending in a root ت after a long vowel", "بيت", ""},
		{"three-letter word", "سجل", ""},
		{"ordinary noun", "حكومة", ""},
		{"Latin", "Panthers", ""},
		{"digits", "2015", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ""
			if tt.want != "" {
				want = Key(tt.want)
			}
			if got := DerivKey(Key(tt.word)); got != want {
				t.Errorf("DerivKey(Key(%q) = %q) = %q, want %q", tt.word, Key(tt.word), got, want)
			}
		})
	}
}

// TestDerivKeyLinks checks the point of DerivKey: a verb and its masdar,
// whose keys differ, share a derived key or one's derived key is the
// other's key.
func TestDerivKeyLinks(t *testing.T) {
	pairs := [][2]string{
		{"استخدم", "استخدام"}, {"يستخدم", "الاستخدام"}, {"انتخب", "الانتخابات"},
		{"يعترض", "اعتراض"}, {"سجل", "تسجيل"}, {"يسجل", "التسجيل"}, {"يلعب", "لعب"},
		{"غنت", "غنى"}, {"أدت", "أدى"},
		{"المدن", "مدينة"}, {"الشعوب", "شعب"}, {"القرون", "قرن"},
	}
	for _, p := range pairs {
		a, b := Key(p[0]), Key(p[1])
		da, db := DerivKey(a), DerivKey(b)
		if a == b || !(da == b || db == a || (da != "" && da == db)) {
			t.Errorf("%s (%s → %q) and %s (%s → %q) are not linked", p[0], a, da, p[1], b, db)
		}
	}
}

func FuzzDerivKey(f *testing.F) {
	for _, s := range []string{"استخدام", "يعترض", "تسجيل", "abc", "٢٠٢٠", "\xd8", "يست\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := DerivKey(s)
		if d == "" {
			return
		}
		if d == s {
			t.Errorf("DerivKey(%q) repeats its input", s)
		}
		if utf8.ValidString(s) && !utf8.ValidString(d) {
			t.Errorf("DerivKey(%q) = %q is not valid UTF-8", s, d)
		}
		if k := DerivKey(Key(s)); utf8.ValidString(s) && k != "" && !utf8.ValidString(k) {
			t.Errorf("DerivKey(Key(%q)) = %q is not valid UTF-8", s, k)
		}
	})
}
