package clean_test

import (
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/clean"
)

func ExampleArticle() {
	title := "فرق الإنقاذ تواصل البحث عن ناجين"
	body := strings.Join([]string{
		"فرق الإنقاذ تواصل البحث عن ناجين",
		"أنطاكيا - (أ ف ب) - واصلت فرق الإنقاذ البحث عن ناجين تحت الأنقاض لليوم الثالث.",
		"رجال الإنقاذ في أنطاكيا (فرانس برس)رجال الإنقاذ في أنطاكيا (فرانس برس)",
		"?",
		"اقرأ أيضا",
		"زلزال يضرب جنوب تركيا",
		"وأعلنت الحكومة حالة الطوارئ في عشر ولايات.",
	}, "\n")
	r := clean.Article(title, body)
	fmt.Println(r.Body)
	fmt.Println("captions:", r.Captions)
	fmt.Println("credits:", r.Credits)
	for _, rm := range r.Removed {
		fmt.Printf("%s: %s\n", rm.Reason, rm.Text)
	}
	// Output:
	// أنطاكيا - (أ ف ب) - واصلت فرق الإنقاذ البحث عن ناجين تحت الأنقاض لليوم الثالث.
	//
	// وأعلنت الحكومة حالة الطوارئ في عشر ولايات.
	// captions: [رجال الإنقاذ في أنطاكيا]
	// credits: [فرانس برس]
	// repeated-title: فرق الإنقاذ تواصل البحث عن ناجين
	// caption: رجال الإنقاذ في أنطاكيا (فرانس برس)
	// duplicate-caption: رجال الإنقاذ في أنطاكيا (فرانس برس)
	// punctuation-only: ?
	// teaser-label: اقرأ أيضا
	// related-headline: زلزال يضرب جنوب تركيا
}
