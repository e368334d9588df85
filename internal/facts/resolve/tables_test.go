package resolve

import (
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/news"
)

func TestCountryOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"الأتراك", "تركيا"},
		{"روس", "روسيا"},
		{"الروس", "روسيا"},
		{"الكوري الشمالي", "كوريا الشمالية"},
		{"الإيرانيون", "إيران"},
		{"واشنطن", "الولايات المتحدة"},
		{"طهران", "إيران"},
		{"الأكراد", ""},    // a people without a state of its own
		{"تركيا", ""},      // the country itself
		{"جو بايدن", ""},   // a person
		{"الإسكندرية", ""}, // a city, no capital
	} {
		got, ok := CountryOf(tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("CountryOf(%s) = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}

func TestWithoutPlaceHead(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"جزيرة لومبوك", "لومبوك"},
		{"مدينة الموصل", "الموصل"},
		{"كهف تام لوانغ", "تام لوانغ"},
		{"لومبوك", ""},
		{"جو بايدن", ""},
		{"جزيرة", ""},
	} {
		got, ok := WithoutPlaceHead(tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("WithoutPlaceHead(%s) = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}

func TestVerbIsNoPlace(t *testing.T) {
	for _, tc := range []struct {
		text, mention string
		want          bool // kept as an entity
	}{
		{"وبدأ الجيش ينقل الجرحى إلى المستشفى.", "ينقل", false},
		{"ولد الشاعر في يافا عام 1930.", "يافا", true},
		{"وصل الوفد إلى ينقل في سلطنة عمان.", "ينقل", true},
	} {
		i := strings.Index(tc.text, tc.mention)
		ents := Resolve(tc.text, []Mention{{Start: i, End: i + len(tc.mention), Type: news.EntityPlace}})
		if got := len(ents) == 1; got != tc.want {
			t.Errorf("%s: %s kept %v, want %v (%+v)", tc.text, tc.mention, got, tc.want, ents)
		}
	}
}

func TestTypeOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"البيت الأبيض", news.EntityOrg},
		{"تركيا", news.EntityPlace},
		{"اسم لا يعرفه أحد", ""},
	} {
		got, ok := TypeOf(tc.name)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("TypeOf(%s) = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}

func TestIsMedia(t *testing.T) {
	if !IsMedia("فرانس برس") || IsMedia("فرنسا") || IsMedia("جو بايدن") {
		t.Errorf("IsMedia: فرانس برس %v, فرنسا %v, جو بايدن %v", IsMedia("فرانس برس"), IsMedia("فرنسا"), IsMedia("جو بايدن"))
	}
}
