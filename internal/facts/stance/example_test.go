package stance_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/facts/stance"
)

func ExampleDecide() {
	claim := "الشرطة: الرجل غادر المبنى حيا"
	for _, other := range []string{
		"الشرطة: الرجل قتل داخل المبنى",
		"الجيش يعلن انتهاء المناورات العسكرية في الصحراء",
	} {
		label, confidence := stance.Decide(claim, other)
		fmt.Println(label, confidence > 0.5)
	}
	// Output:
	// disagree true
	// other true
}
