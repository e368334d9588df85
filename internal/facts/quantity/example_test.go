package quantity_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/facts/quantity"
)

func ExampleExtract() {
	text := "قتل نحو 25 جنديا أمريكيا في 15 مارس 2021، وخصصت الحكومة 13 مليون يورو لإيواء ألفين وخمسمائة لاجئ، وارتفع التضخم 5%."
	for _, q := range quantity.Extract(text) {
		fmt.Printf("%s → %v %s approx=%v\n", q.Text, q.Value, q.Unit, q.Approximate)
	}
	// Output:
	// نحو 25 جنديا أمريكيا → 25 جندي approx=true
	// 13 مليون يورو → 1.3e+07 يورو approx=false
	// ألفين وخمسمائة لاجئ → 2500 لاجئ approx=false
	// 5% → 5 % approx=false
}

func ExampleFind() {
	// Find takes the spans to leave alone (here none) and gives the span
	// of the number itself too.
	for _, m := range quantity.Find("حوالي 12 ألف رجل", nil) {
		fmt.Printf("%q number %q\n", m.Text, "حوالي 12 ألف رجل"[m.NumberStart:m.NumberEnd])
	}
	// Output:
	// "حوالي 12 ألف رجل" number "12 ألف"
}

func ExampleIsCurrency() {
	fmt.Println(quantity.IsCurrency("دولار"), quantity.IsCurrency("جندي"))
	// Output:
	// true false
}

func ExampleIsUnit() {
	fmt.Println(quantity.IsUnit("كيلومتر"), quantity.IsUnit("دولار"), quantity.IsUnit("جندي"))
	// Output:
	// true false false
}
