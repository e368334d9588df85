package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestPageSource(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"og:site_name", `<head><meta property="og:site_name" content="صدى الخليج"><title>عنوان طويل للخبر هنا - موقع آخر</title></head>`, "صدى الخليج"},
		{"json-ld publisher", `<head><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"الوادي اليوم"}}</script></head>`, "الوادي اليوم"},
		{"title suffix", `<head><title>المنتخب يتأهل إلى نهائي البطولة بعد فوز مثير | سكاي نيوز عربية</title></head>`, "سكاي نيوز عربية"},
		{"logo, newspaper word dropped", `<body><div class="logo"><img src="l.gif" alt="جريدة الوطن"></div></body>`, "الوطن"},
		{"copyright line with ل", `<body><div>جميع الحقوق محفوظة لكووورة © 2021</div></body>`, "كووورة"},
		{"copyright keeps digits in a name", `<body><span>جميع الحقوق محفوظة عربي21 2021</span></body>`, "عربي21"},
		{"colon prefix confirmed by the footer", `<head><title>بوابة الأهرام : البنك المركزي يبقي أسعار الفائدة دون تغيير</title></head><body><p>جميع حقوق النشر محفوظة لمؤسسة الأهرام 2021</p></body>`, "بوابة الأهرام"},
		{"colon prefix alone is not a source", `<head><title>دراسة: المشي نصف ساعة يوميا يخفض خطر الإصابة</title></head>`, ""},
		{"nothing", `<body><p>نص</p></body>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := readPageMeta(doc, nil).source; got != tt.want {
				t.Errorf("source = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPageTitleAndByline(t *testing.T) {
	tests := []struct {
		name, page, title, byline string
	}{
		{"h1 confirmed by og:title", `<head><meta property="og:title" content="عنوان الخبر الكامل | الموقع"><title>x</title></head><body><h1>عنوان الخبر الكامل</h1></body>`, "عنوان الخبر الكامل", ""},
		{"site suffix cut from <title>", `<head><title>زلزال بقوة ست درجات يضرب الساحل - صدى الخليج</title></head>`, "زلزال بقوة ست درجات يضرب الساحل", ""},
		{"byline prefix", `<body><h1>عنوان</h1><span class="author">بقلم: سلمى ناصر</span></body>`, "عنوان", "سلمى ناصر"},
		{"byline place", `<body><h1>عنوان</h1><span class="byline">لندن: نادية الشمري</span></body>`, "عنوان", "نادية الشمري"},
		{"byline that is the outlet", `<head><meta property="og:site_name" content="سكاي نيوز عربية"></head><body><h1>عنوان</h1><div class="author">سكاي نيوز عربية - أبوظبي</div></body>`, "عنوان", ""},
		{"author meta that is a URL", `<head><meta name="author" content="https://facebook.com/x"></head><body><h1>عنوان</h1></body>`, "عنوان", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			pm := readPageMeta(doc, nil)
			if pm.title != tt.title || pm.byline != tt.byline {
				t.Errorf("title %q byline %q, want %q %q", pm.title, pm.byline, tt.title, tt.byline)
			}
		})
	}
}
