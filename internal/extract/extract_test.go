package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

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
		{"json in windows-1256", source.FormatJSONL, "{\"title\":\"\xc7\xe1\xce\xc8\xd1\",\"text\":\"0\"}", "invalid UTF-8 at byte 10"},
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
	f.Add(cp1256(f, "source: صدى الخليج\n\nعنوان الخبر\n"+strings.Repeat("قال المتحدث إن الوفد وصل إلى الدوحة اليوم. ", 3)), false)
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
		// Text in a legacy code page is decoded: the article is UTF-8
		// whatever the input was.
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body()) {
			t.Fatalf("invalid UTF-8 out of input %q", data)
		}
		if (res.Encoding != "") == utf8.Valid(data) {
			t.Fatalf("encoding %q for input %q (valid UTF-8: %v)", res.Encoding, data, utf8.Valid(data))
		}
	})
}

// cp1256 encodes s in windows-1256, as old Arabic sites and files are.
func cp1256(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	arabic := "url: https://a.example/1\nsource: صدى الخليج\n\nمحادثات الدوحة تستأنف\n" +
		"استؤنفت اليوم المحادثات في الدوحة بين الوفدين، وقال الوسيط إن الجولة المقبلة ستكون حاسمة."
	iso, err := charmap.ISO8859_6.NewEncoder().Bytes([]byte("قال الوزير في بيان اليوم إن المحادثات مع الوفد ستستأنف بعد عودته من الدوحة"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      []byte
		want    string // the decoded text, or the error it names
		wantEnc string
	}{
		{"utf-8 as is", []byte(arabic), arabic, ""},
		{"windows-1256", cp1256(t, arabic), arabic, "windows-1256"},
		{"iso-8859-6", iso, "قال الوزير في بيان اليوم إن المحادثات مع الوفد ستستأنف بعد عودته من الدوحة", "iso-8859-6"},
		{"too little Arabic to tell", []byte("caf\xe9 \xc7\xe1\xd3\xe1\xc7\xe3"), "invalid UTF-8 at byte 3", ""},
		{"latin-1 text", []byte(strings.Repeat("d\xe9j\xe0 vu, \xe9t\xe9 ", 10)), "invalid UTF-8 at byte 1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := DecodeText(tt.in)
			if err != nil {
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %v, want one naming %q", err, tt.want)
				}
				return
			}
			if got != tt.want || enc != tt.wantEnc {
				t.Errorf("DecodeText = %q, %q; want %q, %q", got, enc, tt.want, tt.wantEnc)
			}
		})
	}
	// Through Item, a windows-1256 file is the same article as its UTF-8
	// original, with the encoding said.
	want, err := Item(source.FormatText, []byte(arabic))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Item(source.FormatText, cp1256(t, arabic))
	if err != nil {
		t.Fatal(err)
	}
	if got.Article.ID != want.Article.ID || got.Article.Body() != want.Article.Body() || got.Encoding != "windows-1256" {
		t.Errorf("windows-1256 item: id %s body %q encoding %q; want id %s body %q", got.Article.ID, got.Article.Body(), got.Encoding, want.Article.ID, want.Article.Body())
	}
	if got.Note() == "" || want.Note() != "" {
		t.Errorf("notes: %q for windows-1256, %q for UTF-8", got.Note(), want.Note())
	}
}

// TestItemLimits: a JSONL line opening with a byte-order mark is read, and
// an HTML item larger than the default page limit, which the user's
// --max-page-bytes let through, is not refused as too large.
func TestItemLimits(t *testing.T) {
	res, err := Item(source.FormatJSONL, []byte("\ufeff"+`{"title":"عنوان","text":"نص الخبر كاملا هنا.","url":"https://a.example/1"}`))
	if err != nil || res.Article.Title != "عنوان" {
		t.Errorf("JSONL line with a BOM: %v, title %q", err, res.Article.Title)
	}
	big := bytes.Repeat([]byte{0x01, 0x02, 0x03, 0x04}, DefaultMaxPageBytes/4+1) // not HTML: refused fast after the size check
	if _, err := ItemMeta(source.FormatHTML, big, PageMeta{}); errors.Is(err, ErrPageTooLarge) {
		t.Errorf("an item the source admitted is refused by the default page limit: %v", err)
	}
	if _, err := HTML(big, PageMeta{}); !errors.Is(err, ErrPageTooLarge) {
		t.Errorf("HTML without options keeps the default limit: %v", err)
	}
}

// contentHashByFields is ContentHash as first written: the words of
// each part joined by one space, hashed. Stored articles carry hashes made
// this way, so ContentHash must give the same.
func contentHashByFields(title, body string) string {
	h := sha256.New()
	h.Write([]byte(strings.Join(strings.Fields(title), " ")))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(body), " ")))
	return hex.EncodeToString(h.Sum(nil))
}

var contentHashSeeds = [][2]string{
	{"", ""},
	{"عنوان الخبر", "قال الوزير\n\nإن الاجتماع عقد"},
	{"  عنوان \t الخبر  ", "\u00a0سطر\u2003أول\u3000\n\n\n سطر ثان  "},
	{"title", "\xff\xfe bad\x80utf8 \xe2\x80 "},
	{" \n\t", "   "},
	{"a\u0085b", "x\u200by\u00a0z"},
}

func TestContentHashAsFields(t *testing.T) {
	for _, c := range contentHashSeeds {
		if got, want := ContentHash(c[0], c[1]), contentHashByFields(c[0], c[1]); got != want {
			t.Errorf("ContentHash(%q, %q) = %s, want %s", c[0], c[1], got, want)
		}
	}
}

func FuzzContentHash(f *testing.F) {
	for _, c := range contentHashSeeds {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		if got, want := ContentHash(title, body), contentHashByFields(title, body); got != want {
			t.Fatalf("ContentHash(%q, %q) = %s, want %s", title, body, got, want)
		}
	})
}
