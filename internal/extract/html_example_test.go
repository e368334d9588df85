package extract_test

import (
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/extract"
)

const page = `<html lang="ar"><head><title>المطر يعود إلى العاصمة | صدى الخليج</title>
<meta property="article:published_time" content="2025-03-14T09:30:00+03:00"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/local">محليات</a></nav>
<article><h1>المطر يعود إلى العاصمة</h1>
<figure><img src="rain.jpg" alt=""><figcaption>أمطار غزيرة على وسط المدينة</figcaption></figure>
<p>هطلت أمطار غزيرة صباح اليوم على العاصمة بعد انقطاع دام أكثر من شهرين، وسط توقعات باستمرارها حتى نهاية الأسبوع.</p>
<p><strong>اقرأ أيضا:</strong> <a href="/x">السدود تسجل أدنى منسوب منذ عقد</a></p>
<p>ودعت الأرصاد الجوية السائقين إلى الحذر على الطرق السريعة، خاصة في ساعات الصباح الأولى.</p>
</article></body></html>`

func ExampleHTML() {
	res, err := extract.HTML([]byte(page), extract.PageMeta{URL: "https://sada.example/local/rain"})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := res.Article
	fmt.Println(a.Title, "|", a.Source, "|", a.Published.Format("2006-01-02"), "|", a.Language)
	fmt.Println(len(a.Paragraphs), "paragraphs; caption:", a.Captions[0])
	for _, r := range res.Removed {
		fmt.Println("removed", r.Kind+":", r.Text)
	}
	// Output:
	// المطر يعود إلى العاصمة | صدى الخليج | 2025-03-14 | ar
	// 2 paragraphs; caption: أمطار غزيرة على وسط المدينة
	// removed related: اقرأ أيضا: السدود تسجل أدنى منسوب منذ عقد
	// removed caption: أمطار غزيرة على وسط المدينة
	// removed headline: المطر يعود إلى العاصمة
}

func ExampleHTMLWith() {
	_, err := extract.HTMLWith([]byte(page), extract.PageMeta{}, extract.HTMLOptions{MaxBytes: 512})
	fmt.Println(errors.Is(err, extract.ErrPageTooLarge))
	_, err = extract.HTML([]byte("\x89PNG\r\n\x1a\n"), extract.PageMeta{})
	fmt.Println(err)
	// Output:
	// true
	// extract: not an HTML page: the data is a PNG image
}

func ExampleFindDate() {
	for _, s := range []string{"الاثنين ١٥ آذار ٢٠٢١", "نشر في: 2021/03/15 - 10:30", "3 رمضان 1442 هـ"} {
		d, ok := extract.FindDate(s)
		fmt.Println(d.Format("2006-01-02 15:04"), ok)
	}
	// Output:
	// 2021-03-15 00:00 true
	// 2021-03-15 10:30 true
	// 0001-01-01 00:00 false
}
