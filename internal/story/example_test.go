package story_test

import (
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/story"
)

func ExampleCluster() {
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

func ExampleClusterer_Stories() {
	c, err := story.New(story.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, a := range []news.Article{
		{ID: "a", Title: "هدنة في الدوحة", Source: "صدى الخليج", Published: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
			Paragraphs: []string{"وقع طرفا النزاع في السودان اتفاق هدنة إنسانية في الدوحة برعاية قطرية."},
			Facts:      news.Facts{Entities: []news.Entity{{Text: "السودان", Canonical: "السودان", Type: news.EntityPlace}}}},
		{ID: "b", Title: "ترحيب بهدنة السودان", Source: "بوابة الرافدين", Published: time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC),
			Paragraphs: []string{"رحبت الجامعة العربية باتفاق الهدنة الإنسانية في السودان الموقع في الدوحة."},
			Facts:      news.Facts{Entities: []news.Entity{{Text: "السودان", Canonical: "السودان", Type: news.EntityPlace}}}},
	} {
		c.Add(&a)
	}
	for _, s := range c.Stories() {
		fmt.Println(s.ID, s.Size, s.Entities[0].Name, s.Entities[0].Articles)
		for _, r := range s.Articles {
			fmt.Println(" ", r.Published.Format("2006-01-02"), r.Source)
		}
	}
	// Output:
	// a 2 السودان 2
	//   2025-03-14 صدى الخليج
	//   2025-03-17 بوابة الرافدين
}
