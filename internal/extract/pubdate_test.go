package extract

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestFindDate(t *testing.T) {
	tests := []struct {
		name, in, want string // want in RFC 3339, "" for no date
	}{
		{"weekday day month year", "الاثنين 15 مارس 2021", "2021-03-15T00:00:00Z"},
		{"arabic-indic digits, levantine month", "١٥ آذار ٢٠٢١", "2021-03-15T00:00:00Z"},
		{"two-word levantine month", "3 تشرين الثاني 2020", "2020-11-03T00:00:00Z"},
		{"kanun al-awwal", "31 كانون الأول 2019", "2019-12-31T00:00:00Z"},
		{"both month names", "15 مارس/آذار 2021م", "2021-03-15T00:00:00Z"},
		{"maghreb month", "نشر في 7 جوان 2022", "2022-06-07T00:00:00Z"},
		{"moroccan month", "12 شتنبر 2023", "2023-09-12T00:00:00Z"},
		{"hamza variant", "1 ابريل 2020", "2020-04-01T00:00:00Z"},
		{"year first slashes", "2021/03/15", "2021-03-15T00:00:00Z"},
		{"with clock", "نشر في: 2021/03/15 - 10:30", "2021-03-15T10:30:00Z"},
		{"afternoon mark", "15-03-2021 04:20 م", "2021-03-15T16:20:00Z"},
		{"day first dashes", "15-03-2021", "2021-03-15T00:00:00Z"},
		{"day first dots", "05.11.2020", "2020-11-05T00:00:00Z"},
		{"month first when day first is impossible", "03/15/2021", "2021-03-15T00:00:00Z"},
		{"iso with offset", "2021-03-15T10:30:00+03:00", "2021-03-15T10:30:00+03:00"},
		{"english", "Published March 15, 2021", "2021-03-15T00:00:00Z"},
		{"hijri then gregorian", "الخميس، 3 رمضان 1442 هـ الموافق 15 أبريل 2021 م", "2021-04-15T00:00:00Z"},
		{"hijri only", "3 رمضان 1442 هـ", ""},
		{"no such day", "31 فبراير 2021", ""},
		{"month and year only", "مارس 2021", ""},
		{"number that is not a date", "ارتفع المؤشر 15 نقطة في 2021", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Errorf("FindDate(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok || got.Format(time.RFC3339) != tt.want {
				t.Errorf("FindDate(%q) = %v, %v; want %s", tt.in, got.Format(time.RFC3339), ok, tt.want)
			}
		})
	}
}

// TestPubDateOrder: structured metadata wins over text, the publication
// date over the modification date.
func TestPubDateOrder(t *testing.T) {
	const body = `<body><h1>عنوان الخبر</h1><span class="date">آخر تحديث: 20 يناير 2022</span><p>نص</p></body>`
	tests := []struct {
		name, head, body, url, want string
	}{
		{"json-ld first", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-15T10:00:00+03:00","dateModified":"2021-03-16"}</script><meta property="article:published_time" content="2020-01-01">`, body, "", "2021-03-15"},
		{"json-ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2019-01-01"},{"@type":"NewsArticle","datePublished":"2021-03-15"}]}</script>`, body, "", "2021-03-15"},
		{"meta", `<meta property="article:modified_time" content="2022-01-20"><meta property="article:published_time" content="2021-03-15T08:00:00Z">`, body, "", "2021-03-15"},
		{"time marked pubdate", ``, `<body><time datetime="2022-01-20">x</time><time itemprop="datePublished" datetime="2021-03-15">x</time><p>نص</p></body>`, "", "2021-03-15"},
		{"url", ``, `<body><p>نص</p></body>`, "https://a.example/news/2021/03/15/story", "2021-03-15"},
		{"text near the title", ``, `<body><h1>عنوان</h1><div>الاثنين ١٥ آذار ٢٠٢١</div><p>نص</p></body>`, "", "2021-03-15"},
		{"update class skipped", ``, `<body><h1>عنوان</h1><span class="date-updated">20 يناير 2022</span><span class="date">نشر في 15 مارس 2021</span><p>نص</p></body>`, "", "2021-03-15"},
		{"update text cut", ``, `<body><h1>عنوان</h1><div class="info">آخر تحديث: 20 يناير 2022</div><p>نشر في 15 مارس 2021</p></body>`, "", "2021-03-15"},
		{"nothing", ``, `<body><p>نص بلا تاريخ</p></body>`, "", "0001-01-01"},
		// The only date a page gives is its last update: that is the date.
		{"only an update line", ``, `<body><h1>عنوان</h1><div>آخر تحديث: الثلاثاء 23 آذار 2021</div><p>نص</p></body>`, "", "2021-03-23"},
		{"only an update line in a date node", ``, `<body><h1>عنوان</h1><span class="date">تم التحديث في 9 تموز 2019 - 10:30</span><p>نص</p></body>`, "", "2019-07-09"},
		{"only an update-marked time", ``, `<body><time class="updated" datetime="2020-05-04">x</time><p>نص</p></body>`, "", "2020-05-04"},
		{"only dateModified", `<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2018-06-12T09:00:00Z"}</script>`, `<body><p>نص</p></body>`, "", "2018-06-12"},
		{"only a modified meta", `<meta property="article:modified_time" content="2017-02-01">`, `<body><p>نص</p></body>`, "", "2017-02-01"},
		{"the text's date still wins over the update", ``, `<body><h1>عنوان</h1><div>آخر تحديث: 20 يناير 2022</div><div>الخرطوم - 14 يناير 2022</div><p>نص</p></body>`, "", "2022-01-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><head>" + tt.head + "</head>" + tt.body + "</html>"))
			if err != nil {
				t.Fatal(err)
			}
			u := parseURL(tt.url)
			pm := readPageMeta(doc, u)
			if got := pubDate(doc, pm, u).Format("2006-01-02"); got != tt.want {
				t.Errorf("pubDate = %s, want %s", got, tt.want)
			}
		})
	}
}

func FuzzFindDate(f *testing.F) {
	for _, s := range []string{"الاثنين 15 مارس 2021", "١٥ آذار ٢٠٢١", "2021/03/15 - 10:30 م", "3 تشرين", "31-02-2021", "2021-03-15T10:30:00+14:59", "كانون"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := FindDate(s)
		if !ok {
			if !d.IsZero() {
				t.Fatalf("no date but %v", d)
			}
			return
		}
		if d.Year() < 1990 || d.Year() > 2100 {
			t.Fatalf("FindDate(%q) = %v, outside 1990-2100", s, d)
		}
	})
}
