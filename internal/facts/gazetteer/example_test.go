package gazetteer_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

func ExampleLookup() {
	for _, p := range []string{"أميركا", "والعراق", "الناتو", "وبنفيكا", "المتحدث باسم"} {
		e, ok := gazetteer.Lookup(p)
		fmt.Println(p, ok, e.Kind, e.Type, e.Canonical)
	}
	// Output:
	// أميركا true country LOC الولايات المتحدة
	// والعراق true country LOC العراق
	// الناتو true org ORG حلف شمال الأطلسي
	// وبنفيكا true club ORG بنفيكا
	// المتحدث باسم true role  المتحدث باسم
}

func ExampleMatch() {
	words := []string{"قال", "الأمين", "العام", "للأمم", "المتحدة"}
	for i := range words {
		words[i] = gazetteer.WordKey(words[i])
	}
	n, ents := gazetteer.Match(words, 3)
	fmt.Println(n, ents[0].Canonical)
	// Output: 2 الأمم المتحدة
}

func ExampleRoles() {
	fmt.Println(len(gazetteer.Roles()) > 50, gazetteer.Roles()[0].Canonical)
	// Output: true الرئيس
}
