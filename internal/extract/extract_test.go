package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/source"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Fields
	}{
		{"headers", "url: https://a.example/x\nsource: صدى الخليج\npublished: 2025-03-14\nbyline: سلمى ناصر\n\nالعنوان\nالفقرة الأولى\n\nالثانية",
			Fields{URL: "https://a.example/x", Source: "صدى الخليج", Published: "2025-03-14", Byline: "سلمى ناصر", Title: "العنوان", Text: "الفقرة الأولى\n\nالثانية"}},
		{"no headers", "\n\nالعنوان\nالنص", Fields{Title: "العنوان", Text: "النص"}},
		{"arabic colon title is not a header", "عاجل: زلزال يضرب\nالنص", Fields{Title: "عاجل: زلزال يضرب", Text: "النص"}},
		{"crlf and bom", "\uFEFFsource: x\r\n\r\nعنوان\r\nنص", Fields{Source: "x", Title: "عنوان", Text: "نص"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ParseText = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestItemErrors(t *testing.T) {
	tests := []struct {
		name   string
		format source.Format
		in     string
		want   string
	}{
		{"malformed json", source.FormatJSONL, `{"title": "x", `, "malformed JSON"},
		{"json array", source.FormatJSONL, `[1,2]`, "malformed JSON"},
		{"two values", source.FormatJSONL, `{"title":"a","text":"b"} {}`, "more than one value"},
		{"wrong type", source.FormatJSONL, `{"title": 5, "text": "x"}`, `field "title": want a string`},
		{"no title", source.FormatJSONL, `{"text": "نص"}`, "no title"},
		{"no body", source.FormatJSONL, `{"title": "عنوان"}`, "no body text"},
		{"bad date", source.FormatJSONL, `{"title": "عنوان", "text": "نص الخبر.", "published": "أمس"}`, `cannot read date "أمس"`},
		{"txt title only", source.FormatText, "عنوان وحده", "no body text: a text page is its title on the first line and the body on the lines after it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Item(tt.format, []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Item(%q) error = %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestItemBuildsArticle(t *testing.T) {
	in := `{"url":"https://www.sada.example/news/1?utm_source=x","title":"محادثات في الدوحة","text":"الدوحة - (رويترز) - بدأت اليوم المحادثات.\nوقال المتحدث إن الجولة مهمة.","published":"2025-03-14T09:30:00+03:00","source":"صدى الخليج"}`
	res, err := Item(source.FormatJSONL, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	a := res.Article
	if a.CanonicalURL != "https://sada.example/news/1" {
		t.Errorf("canonical = %q", a.CanonicalURL)
	}
	if a.Language != "ar" || a.Source != "صدى الخليج" || len(a.Paragraphs) != 2 {
		t.Errorf("article = %+v", a)
	}
	if want := time.Date(2025, 3, 14, 6, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published = %v, want %v", a.Published, want)
	}
	// Same canonical URL → same id whatever else differs.
	in2 := strings.Replace(in, "https://www.sada.example/news/1?utm_source=x", "http://sada.example/news/1/", 1)
	in2 = strings.Replace(in2, "الجولة مهمة", "الجولة حاسمة", 1)
	res2, err := Item(source.FormatJSONL, []byte(in2))
	if err != nil {
		t.Fatal(err)
	}
	if res2.Article.ID != a.ID {
		t.Errorf("same canonical URL, ids %s and %s", a.ID, res2.Article.ID)
	}
	if res2.ContentHash == res.ContentHash {
		t.Error("different text, same content hash")
	}
	// Same content without a URL, in the other format → same content hash.
	txt := "published: 2025-03-14\n\nمحادثات في الدوحة\nالدوحة - (رويترز) - بدأت اليوم المحادثات.\n\n\nوقال المتحدث إن الجولة مهمة."
	res3, err := Item(source.FormatText, []byte(txt))
	if err != nil {
		t.Fatal(err)
	}
	if res3.ContentHash != res.ContentHash {
		t.Error("same title and body in .txt and .jsonl hash differently")
	}
	if res3.Article.Source != "" || res3.Article.ID == "" {
		t.Errorf("txt article without url: %+v", res3.Article)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2025-03-14", "2025-03-14T09:30:00+03:00", "2025-03-14 09:30", "Fri, 14 Mar 2025 09:30:00 +0300", "2025-03-14T09:30:00"} {
		d, err := ParseDate(s)
		if err != nil || d.Year() != 2025 || d.Month() != 3 {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	if d, err := ParseDate(""); err != nil || !d.IsZero() {
		t.Errorf("empty date = %v, %v; want zero, nil", d, err)
	}
}

func FuzzItem(f *testing.F) {
	f.Add([]byte("url: https://a.example/x\n\nعنوان\nنص"), false)
	f.Add([]byte(`{"title":"x","text":"y","published":"2025-01-01"}`), true)
	f.Add([]byte("\xff\xfe"), true)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		format := source.FormatText
		if jsonl {
			format = source.FormatJSONL
		}
		res, err := Item(format, data)
		if err != nil {
			return
		}
		a := res.Article
		if a.ID == "" || a.Title == "" || len(a.Paragraphs) == 0 {
			t.Fatalf("incomplete article from %q: %+v", data, a)
		}
		if utf8.Valid(data) && (!utf8.ValidString(a.Title) || !utf8.ValidString(a.Body())) {
			t.Fatalf("invalid UTF-8 out of valid input %q", data)
		}
	})
}
