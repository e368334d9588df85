package stance

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The sentences here are written for these tests, not taken from ANS.

func TestNegation(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"الحكومة توافق على الخطة", "الحكومة لم توافق على الخطة", "N1"},
		{"الوزير زار المدينة", "الوزير ينفي أنه زار المدينة", "N1"},
		{"الوزير زار المدينة", "الوزير زار المدينة أمس", "N0"},
		{"لا اتفاق بين الطرفين", "لا اتفاق بين الطرفين حتى الآن", "N0"},
		{"لا اتفاق بين الطرفين", "الطرفان يرفضان الاتفاق ولم يوقعا", "N2"},
	}
	for _, tc := range tests {
		a, b := analyse(tc.a), analyse(tc.b)
		if got := negation(&a, &b); got != tc.want {
			t.Errorf("negation(%q, %q) = %s (cues %v / %v), want %s", tc.a, tc.b, got, a.neg, b.neg, tc.want)
		}
		if got := negation(&b, &a); got != tc.want {
			t.Errorf("negation swapped (%q, %q) = %s, want %s", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestOpposites(t *testing.T) {
	tests := []struct {
		a, b     string
		opp      int
		clashAim int
	}{
		{"ارتفاع أسعار النفط", "انخفاض أسعار النفط", 2, 4},
		{"النفط يرتفع", "النفط يهبط", 2, 2},
		{"الحكومة توافق على الخطة", "الحكومة ترفض الخطة", 2, 2},
		{"الرجل غادر المبنى", "الرجل بقي داخل المبنى", 2, 2},
		// Both sides name a rise and a fall: only what rose tells them apart.
		{"ارتفاع الذهب مع تراجع الدولار", "تراجع الذهب مع ارتفاع الدولار", 0, 4},
		{"ارتفاع أسعار النفط", "النفط يرتفع مجددا", 0, 0},
	}
	for _, tc := range tests {
		a, b := analyse(tc.a), analyse(tc.b)
		opp, _, _ := opposites(&a, &b)
		aims := aimClashes(&a, &b) + aimClashes(&b, &a)
		if opp != tc.opp || aims != tc.clashAim {
			t.Errorf("(%q, %q): opposites %d, aim clashes %d; want %d, %d (aims %v / %v)", tc.a, tc.b, opp, aims, tc.opp, tc.clashAim, a.aims, b.aims)
		}
	}
}

func TestNumbersAndEntities(t *testing.T) {
	tests := []struct{ a, b, num, ent string }{
		{"مقتل 5 أشخاص في انفجار", "مقتل خمسة أشخاص في انفجار", "same", "E0"},
		{"مقتل 5 أشخاص في انفجار", "مقتل ١٢ شخصا في انفجار", "clash", "E0"},
		{"مقتل 5 أشخاص في انفجار", "مقتل أشخاص في انفجار", "one", "E0"},
		{"وزير خارجية مصر يزور الأردن", "وزير خارجية مصر يزور العراق", "none", "Eswap"},
		{"وزير خارجية مصر يزور الأردن", "وزير الخارجية المصري يزور الأردن", "none", "Esame"},
	}
	for _, tc := range tests {
		a, b := analyse(tc.a), analyse(tc.b)
		if got := numbers(&a, &b); got != tc.num {
			t.Errorf("numbers(%q, %q) = %s (%v / %v), want %s", tc.a, tc.b, got, a.nums, b.nums, tc.num)
		}
		if got := entities(&a, &b); got != tc.ent {
			t.Errorf("entities(%q, %q) = %s (%v / %v), want %s", tc.a, tc.b, got, a.ents, b.ents, tc.ent)
		}
	}
}

func TestCompareMatchesInflections(t *testing.T) {
	tests := []struct {
		a, b   string
		ua, ub []string
	}{
		// masdar and imperfect, a kept clitic, a synonym
		{"ارتفاع أسعار النفط", "أسعار النفط ترتفع", nil, nil},
		{"جائزة لأفضل فيلم", "أفضل فيلم يفوز بجائزة", nil, []string{"يفوز"}},
		{"مباحثات بين الوفدين", "محادثات بين الوفدين", nil, nil},
		{"الشرطة تعتقل المتهم", "الشرطة تطلق سراح المتهم", []string{"تعتقل"}, []string{"تطلق", "سراح"}},
	}
	for _, tc := range tests {
		a, b := analyse(tc.a), analyse(tc.b)
		p := compare(&a, &b)
		if d := cmp.Diff([2][]string{tc.ua, tc.ub}, [2][]string{p.ua, p.ub}); d != "" {
			t.Errorf("compare(%q, %q) unmatched words (-want +got)\n%s", tc.a, tc.b, d)
		}
	}
}

// TestFeaturesSymmetric: a pair's features are the same whichever
// statement comes first, so Decide is too.
func TestFeaturesSymmetric(t *testing.T) {
	mined := map[[2]string]struct{}{swapKey("ارتفاع", "انخفاض"): {}, {"ينفي", markDisagree}: {}}
	pairs := [][2]string{
		{"ارتفاع أسعار الذهب مع تراجع الدولار", "انخفاض أسعار الذهب مع صعود الدولار"},
		{"الوزير ينفي زيارة القاهرة", "الوزير يزور القاهرة ويلتقي 3 مسؤولين"},
		{"مقتل 5 أشخاص في بغداد", "وفاة خمسة في انفجار ببغداد؟"},
		{"", "نص واحد"},
	}
	for _, p := range pairs {
		a, b := analyse(p[0]), analyse(p[1])
		z1, z2 := featurizer{mask: 1<<18 - 1}, featurizer{mask: 1<<18 - 1}
		features(&z1, &a, &b, mined)
		features(&z2, &b, &a, mined)
		cmpFeat := func(x, y feat) int {
			if x.idx != y.idx {
				return int(x.idx) - int(y.idx)
			}
			if x.val < y.val {
				return -1
			} else if x.val > y.val {
				return 1
			}
			return 0
		}
		slices.SortFunc(z1.out, cmpFeat)
		slices.SortFunc(z2.out, cmpFeat)
		if !slices.Equal(z1.out, z2.out) {
			t.Errorf("features of (%q, %q) change when swapped", p[0], p[1])
		}
		l1, c1 := Decide(p[0], p[1])
		l2, c2 := Decide(p[1], p[0])
		if l1 != l2 || c1 != c2 {
			t.Errorf("Decide(%q, %q) = %s %.3f, swapped %s %.3f", p[0], p[1], l1, c1, l2, c2)
		}
	}
}

// TestDecideOwnPairs checks the shipped model on pairs written for this
// test, one of each kind a report meets.
func TestDecideOwnPairs(t *testing.T) {
	tests := []struct {
		a, b string
		want Label
	}{
		{"الحكومة توافق على خطة السلام الجديدة", "الحكومة ترفض خطة السلام الجديدة", Disagree},
		{"الحكومة توافق على خطة السلام الجديدة", "موافقة حكومية على خطة جديدة للسلام", Agree},
		{"الحكومة توافق على خطة السلام الجديدة", "فوز المنتخب البرازيلي بكأس العالم لكرة القدم", Other},
		{"الشرطة: الرجل غادر المبنى حيا", "الشرطة: الرجل قتل داخل المبنى", Disagree},
		{"ارتفاع أسعار الذهب مع تراجع الدولار", "الذهب يرتفع بعد هبوط الدولار", Agree},
		// Both name a rise and a fall; what rose differs.
		{"ارتفاع أسعار الذهب مع تراجع الدولار", "انخفاض أسعار الذهب مع صعود الدولار", Disagree},
		{"مقتل 5 أشخاص في انفجار بالعاصمة", "مقتل 12 شخصا في انفجار بالعاصمة", Disagree},
		{"وزير الخارجية يزور القاهرة لبحث الأزمة", "وزير الخارجية ينفي زيارة القاهرة لبحث الأزمة", Disagree},
		{"وزير الخارجية يزور القاهرة لبحث الأزمة", "افتتاح معرض الكتاب في تونس بمشاركة واسعة", Other},
	}
	for _, tc := range tests {
		got, conf := Decide(tc.a, tc.b)
		if got != tc.want {
			t.Errorf("Decide(%q, %q) = %s (%.2f), want %s", tc.a, tc.b, got, conf, tc.want)
		}
		if conf < 1.0/3 || conf > 1 {
			t.Errorf("Decide(%q, %q) confidence %v outside [1/3, 1]", tc.a, tc.b, conf)
		}
	}
}

func FuzzDecide(f *testing.F) {
	f.Add("الحكومة توافق على الخطة", "الحكومة لم توافق على الخطة")
	f.Add("", "")
	f.Add("\xff\xfe 12,5 ؟", "لا لا لا")
	f.Fuzz(func(t *testing.T, a, b string) {
		l, c := Decide(a, b)
		if l >= nLabels || !(c >= 1.0/3-1e-9 && c <= 1) {
			t.Fatalf("Decide(%q, %q) = %d, %v", a, b, l, c)
		}
		if l2, _ := Decide(b, a); l2 != l {
			t.Fatalf("Decide(%q, %q) = %s, swapped %s", a, b, l, l2)
		}
	})
}

func TestNearPairs(t *testing.T) {
	tests := []struct {
		xs, ys []string
		want   int
	}{
		{[]string{"فولكسفاغن"}, []string{"فولكس"}, 1},
		{[]string{"خساير"}, []string{"خسار"}, 0}, // Dice 4/7, under 0.6
		{[]string{"سكارليت", "اعل"}, []string{"سكارل", "اكبر"}, 1},
		{[]string{"ذهب"}, []string{"دلر"}, 0},
		{[]string{"قرود"}, []string{"فيل"}, 0},
		{nil, []string{"فيل"}, 0},
	}
	for _, tc := range tests {
		if got := nearPairs(tc.xs, tc.ys); got != tc.want {
			t.Errorf("nearPairs(%v, %v) = %d, want %d", tc.xs, tc.ys, got, tc.want)
		}
	}
}
