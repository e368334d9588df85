package timex_test

import (
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/facts/timex"
)

func ExampleExtract() {
	published := time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC)
	text := "قال الوزير أمس إن الاتفاق الموقع في 15 مارس/آذار 2021 يسري لمدة ثلاثة أشهر، وإن الجولة المقبلة تعقد الاثنين المقبل."
	for _, d := range timex.Extract(text, published) {
		fmt.Printf("%s → %s (%s)\n", d.Text, d.Value, d.Granularity)
	}
	// Without a publication date, relative expressions stay unresolved.
	for _, d := range timex.Extract("قال الوزير أمس", time.Time{}) {
		fmt.Printf("%s → %q unresolved=%v\n", d.Text, d.Value, d.Unresolved)
	}
	// Output:
	// أمس → 2021-04-06 (day)
	// 15 مارس/آذار 2021 → 2021-03-15 (day)
	// ثلاثة أشهر → P3M (duration)
	// الاثنين المقبل → 2021-04-12 (day)
	// أمس → "" unresolved=true
}

func ExampleSpans() {
	fmt.Println(timex.Spans("قتل 25 شخصا في 2020 بحسب تقرير 7/4/2021"))
	// Output:
	// [[24 28] [49 57]]
}
