package story_test

import (
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/story"
)

func Example() {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	arts := []news.Article{
		{ID: "flood-1", Title: "فيضانات في شرق ليبيا", Published: day(24), Paragraphs: []string{
			"ارتفعت حصيلة ضحايا الفيضانات في مدينة المرج شرق ليبيا إلى 12 قتيلا بعد انهيار سد وادي الخير."}},
		{ID: "oil-1", Title: "أوبك+ تخفض الإنتاج", Published: day(30), Paragraphs: []string{
			"قرر تحالف أوبك+ خفض إنتاجه النفطي بمقدار مليوني برميل يوميا، وقفزت أسعار خام برنت بعد القرار."}},
		{ID: "flood-2", Title: "سيول المرج: 27 قتيلا", Published: day(25), Paragraphs: []string{
			"أعلنت السلطات في ليبيا أن حصيلة الفيضانات في المرج بلغت 27 قتيلا، وغمرت المياه الأحياء بعد انهيار سد وادي الخير."}},
	}
	stories, err := story.Cluster(arts, story.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, s := range stories {
		fmt.Println(s.ID, s.Size, s.First.Format("01-02"), s.Last.Format("01-02"))
	}
	// Output:
	// oil-1 1 03-30 03-30
	// flood-1 2 03-24 03-25
}

func ExampleClusterer_Add() {
	c, err := story.New(story.DefaultOptions())
	if err != nil {
		panic(err)
	}
	a := news.Article{ID: "a", Title: "هدنة في الدوحة", Paragraphs: []string{"وقع طرفا النزاع في السودان اتفاق هدنة إنسانية في الدوحة برعاية قطرية."}}
	b := news.Article{ID: "b", Title: "ترحيب بهدنة السودان", Paragraphs: []string{"رحبت الجامعة العربية باتفاق الهدنة الإنسانية في السودان الموقع في الدوحة."}}
	fmt.Println(c.Add(&a), c.Add(&b))
	// Output: a a
}
