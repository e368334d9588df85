package resolve_test

import (
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/news"
)

func ExampleResolve() {
	text := "وقال السفير الأميركي في العراق ماثيو تولر إن واشنطن ترفض التصعيد."
	name := "ماثيو تولر"
	start := strings.Index(text, name)
	mentions := []resolve.Mention{{Start: start, End: start + len(name), Type: news.EntityPerson, Text: name}}
	cap := strings.Index(text, "واشنطن")
	mentions = append(mentions, resolve.Mention{Start: cap, End: cap + len("واشنطن"), Type: news.EntityPlace, Text: "واشنطن"})
	for _, e := range resolve.Resolve(text, mentions) {
		fmt.Printf("%s: %s role=%q of=%q in=%q metonymy=%v\n", e.Text, e.Canonical, e.Role, e.Of, e.In, e.Metonymy)
	}
	// Output:
	// ماثيو تولر: ماثيو تولر role="سفير" of="الولايات المتحدة" in="العراق" metonymy=false
	// واشنطن: الولايات المتحدة role="" of="" in="" metonymy=true
}

func ExampleCanonicalOf() {
	for _, name := range []string{"أمريكا", "الأميركية", "الناتو", "الرئيس الأميركي جو بايدن"} {
		c, known := resolve.CanonicalOf(name)
		fmt.Println(name, "→", c, known)
	}
	// Output:
	// أمريكا → الولايات المتحدة true
	// الأميركية → الولايات المتحدة true
	// الناتو → حلف شمال الأطلسي true
	// الرئيس الأميركي جو بايدن → جو بايدن true
}

func ExampleAliases() {
	fmt.Println(resolve.Aliases("حلف شمال الأطلسي"))
	// Output:
	// [حلف شمال الأطلسي الناتو حلف الناتو الحلف الأطلسي]
}
