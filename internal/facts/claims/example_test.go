package claims_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/facts/claims"
)

func ExampleExtract() {
	text := "وقال وزير الخارجية العراقي فؤاد حسين لصحيفة الصباح إن الحوار مستمر. " +
		"وأضاف: «لن نقبل بأي تدخل». وارتفع عدد الضحايا إلى 27 قتيلا، بحسب مصادر طبية."
	for _, c := range claims.Extract(text, nil, nil) {
		fmt.Printf("%s | %s | %s | anonymous=%v direct=%v medium=%q\n", c.Speaker, c.Cue, c.Text, c.Anonymous, c.Direct, c.Medium)
	}
	// Output:
	// وزير الخارجية العراقي فؤاد حسين | وقال | الحوار مستمر | anonymous=false direct=false medium="صحيفة الصباح"
	// وزير الخارجية العراقي فؤاد حسين | وأضاف | لن نقبل بأي تدخل | anonymous=false direct=true medium=""
	// مصادر طبية | بحسب | وارتفع عدد الضحايا إلى 27 قتيلا | anonymous=true direct=false medium=""
}
