package resolve

import "testing"

func TestKindsOfNames(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"القوات المسلحة", true}, {"القوات الخاصة", true}, {"البنك المركزي", true}, {"الوكالة الوطنية", true},
		{"الجيش", true}, {"البنك المركزي التركي", false}, {"قوات سوريا الديمقراطية", false},
		{"الأمم المتحدة", false}, {"الوكالة الوطنية لإدارة الكوارث", false}, {"البنك", false},
	} {
		if got := GenericBody(c.name); got != c.want {
			t.Errorf("GenericBody(%s) = %v, want %v", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		name string
		want bool
	}{{"تويتر", true}, {"فيس بوك", true}, {"فيسبوك", true}, {"تركيا", false}, {"رويترز", false}} {
		if got := IsPlatform(c.name); got != c.want {
			t.Errorf("IsPlatform(%s) = %v, want %v", c.name, got, c.want)
		}
	}
	for _, c := range []struct{ name, want string }{
		{"أوتوستراد التابعة", "أوتوستراد"}, {"شركة المملوكة", "شركة"}, {"التابعة", ""}, {"الأمم المتحدة", ""},
	} {
		if got, _ := WithoutGlue(c.name); got != c.want {
			t.Errorf("WithoutGlue(%s) = %q, want %q", c.name, got, c.want)
		}
	}
	for _, c := range []struct{ name, want, country string }{
		{"جنوة الإيطالية", "جنوة", "إيطاليا"}, {"كوريا الشمالية", "", ""}, {"المملكة العربية السعودية", "", ""},
		{"الإيطالية", "", ""}, {"نيس فرنسية", "", ""},
	} {
		got, country, _ := WithoutCountryAdjective(c.name)
		if got != c.want || country != c.country {
			t.Errorf("WithoutCountryAdjective(%s) = %q, %q, want %q, %q", c.name, got, country, c.want, c.country)
		}
	}
	if !OperationHead("عملية") || !OperationHead("«عملية") || OperationHead("عمل") {
		t.Error("OperationHead: عملية is one, عمل is not")
	}
}
