package facts_test

import (
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/facts"
)

func ExampleExtract() {
	body := "أعلنت واشنطن الثلاثاء فرض عقوبات جديدة.\n\n" +
		"وقال السفير الأميركي في العراق ماثيو تولر إن \"الحوار هو الطريق الوحيد\"."
	f := facts.Extract(body, time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC))
	for _, e := range f.Entities {
		if e.Metonymy || e.Role != "" {
			fmt.Printf("%s → %s role=%q of=%q in=%q metonymy=%v\n", e.Text, e.Canonical, e.Role, e.Of, e.In, e.Metonymy)
		}
	}
	for _, d := range f.Dates {
		fmt.Println(d.Text, d.Value)
	}
	for _, c := range f.Claims {
		fmt.Printf("%s (%s): %s\n", c.Canonical, c.Cue, c.Text)
	}
	// Output:
	// واشنطن → الولايات المتحدة role="" of="" in="" metonymy=true
	// ماثيو تولر → ماثيو تولر role="سفير" of="الولايات المتحدة" in="العراق" metonymy=false
	// الثلاثاء 2025-03-11
	// ماثيو تولر (وقال): الحوار هو الطريق الوحيد
}
