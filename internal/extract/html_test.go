package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/clean"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestHTMLGolden")

// htmlGolden is what TestHTMLGolden compares: the article fields HTML
// fills and the kinds of what it removed.
type htmlGolden struct {
	Title        string    `json:"title"`
	Byline       string    `json:"byline"`
	Published    time.Time `json:"published,omitzero"`
	Source       string    `json:"source"`
	URL          string    `json:"url"`
	CanonicalURL string    `json:"canonical_url"`
	Language     string    `json:"language"`
	Paragraphs   []string  `json:"paragraphs"`
	Captions     []string  `json:"captions"`
	Credits      []string  `json:"credits"`
	Removed      []string  `json:"removed"` // "kind: text"
}

func goldenOf(res Result) htmlGolden {
	a := res.Article
	g := htmlGolden{Title: a.Title, Byline: a.Byline, Published: a.Published, Source: a.Source, URL: a.URL,
		CanonicalURL: a.CanonicalURL, Language: a.Language, Paragraphs: a.Paragraphs, Captions: a.Captions, Credits: a.Credits}
	for _, r := range res.Removed {
		g.Removed = append(g.Removed, r.Kind+": "+r.Text)
	}
	return g
}

// TestHTMLGolden extracts the small pages in testdata/html and compares
// the result with NAME.golden.json (rewrite with -update and review the
// diff).
func TestHTMLGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test pages in testdata/html (%v)", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := HTML(data, PageMeta{URL: "https://www.sada.example/" + name})
			if err != nil {
				t.Fatalf("HTML(%s): %v", f, err)
			}
			got, _ := json.MarshalIndent(goldenOf(res), "", "  ")
			golden := strings.TrimSuffix(f, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if d := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); d != "" {
				t.Errorf("%s (-want +got):\n%s", golden, d)
			}
		})
	}
}

// TestHTMLLayers checks, on the Arabic test page, each layer HTML adds
// over the extractors, one named case each.
func TestHTMLLayers(t *testing.T) {
	data, err := os.ReadFile("testdata/html/ar-news.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := HTML(data, PageMeta{URL: "https://sada.example/culture/2024/book-fair"})
	if err != nil {
		t.Fatal(err)
	}
	a := res.Article
	body := a.Body()
	removedKinds := map[string]bool{}
	for _, r := range res.Removed {
		removedKinds[r.Kind] = true
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"title from og:title and h1", a.Title == "افتتاح معرض الكتاب في المدينة بمشاركة مئتي دار نشر"},
		{"JSON-LD datePublished, not the modified date", a.Published.Format(time.RFC3339) == "2024-02-18T19:45:00+03:00"},
		{"byline from JSON-LD", a.Byline == "سلمى ناصر"},
		{"source from og:site_name", a.Source == "صدى الخليج"},
		{"canonical URL from <link>, tracking dropped", a.CanonicalURL == "https://sada.example/culture/2024/book-fair"},
		{"language", a.Language == "ar"},
		{"four paragraphs", len(a.Paragraphs) == 4},
		{"figcaption kept apart", len(a.Captions) == 1 && strings.HasPrefix(a.Captions[0], "زوار يتجولون") && !strings.Contains(body, "زوار يتجولون")},
		{"related block without class removed", !strings.Contains(body, "جائزة الرواية") && !strings.Contains(body, "اقرأ أيضا")},
		{"most-read removed", !strings.Contains(body, "أسعار الذهب")},
		{"comments removed", !strings.Contains(body, "معرض رائع") && removedKinds[clean.KindComments]},
		{"cookie bar removed", !strings.Contains(body, "ملفات تعريف") && removedKinds[clean.KindCookie]},
		{"share tools removed", !strings.Contains(body, "واتساب") && removedKinds[clean.KindShare]},
		{"footer removed", !strings.Contains(body, "جميع الحقوق")},
		{"last paragraph kept", strings.HasSuffix(body, "لزيارات طلاب المدارس.")},
		{"content hash set", res.ContentHash == ContentHash(a.Title, body)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Errorf("failed; article: %+v\nremoved: %+v", a, res.Removed)
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	article := []byte(`<html><body><article><h1>عنوان الخبر هنا</h1><p>` + strings.Repeat("نص الخبر الطويل بما يكفي ليكون مقالا حقيقيا. ", 20) + `</p></article></body></html>`)
	tests := []struct {
		name string
		data []byte
		opts HTMLOptions
		want error
		msg  string
	}{
		{"png named .html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), HTMLOptions{}, ErrNotHTML, "PNG image"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), HTMLOptions{}, ErrNotHTML, "gzip"},
		{"binary with NULs", append([]byte("<html>"), make([]byte, 64)...), HTMLOptions{}, ErrNotHTML, "NUL bytes"},
		{"empty", []byte("  \n "), HTMLOptions{}, ErrNotHTML, "empty"},
		{"plain text", []byte("مجرد نص بلا أي وسوم"), HTMLOptions{}, ErrNotHTML, "no HTML markup"},
		{"no article", []byte(`<html><body><nav><a href="/">الرئيسية</a> <a href="/a">أخبار</a></nav></body></html>`), HTMLOptions{}, ErrNoArticle, "no article found"},
		{"nested too deep to parse", []byte(strings.Repeat("<div>", 600) + "<p>نص</p>"), HTMLOptions{}, ErrNotHTML, "cannot be parsed"},
		{"over the limit", article, HTMLOptions{MaxBytes: 100}, ErrPageTooLarge, "over the limit of 100 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := HTMLWith(tt.data, PageMeta{}, tt.opts)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.want, tt.msg)
			}
		})
	}
	if _, err := HTML(article, PageMeta{}); err != nil {
		t.Errorf("the same article under the default limit: %v", err)
	}
}

// TestHTMLMaxPageBytes: the default applies when no option is set, and the
// option overrides it either way.
func TestHTMLMaxPageBytes(t *testing.T) {
	page := func(n int) []byte {
		return []byte("<html><body><p>" + strings.Repeat("كلمة ", n) + "</p></body></html>")
	}
	big := page(DefaultMaxPageBytes/len("كلمة ") + 1)
	if _, err := HTML(big, PageMeta{}); !errors.Is(err, ErrPageTooLarge) {
		t.Errorf("a %d-byte page over DefaultMaxPageBytes=%d: err = %v", len(big), DefaultMaxPageBytes, err)
	}
	small := page(1000)
	if _, err := HTMLWith(small, PageMeta{}, HTMLOptions{MaxBytes: 1 << 10}); !errors.Is(err, ErrPageTooLarge) {
		t.Errorf("a %d-byte page over MaxBytes=1024: err = %v", len(small), err)
	}
	if _, err := HTML(small, PageMeta{}); err != nil {
		t.Errorf("a %d-byte page under the default: err = %v", len(small), err)
	}
}

// TestHTMLEncodings re-encodes the Arabic test page and checks that each
// encoding, declared or not, gives the same article.
func TestHTMLEncodings(t *testing.T) {
	src, err := os.ReadFile("testdata/html/ar-table-nometa.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := HTML(src, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	// The Arab code pages have no Arabic-Indic digits: write the date in
	// ASCII digits for them.
	ascii := bytes.ReplaceAll(src, []byte("١٢ آذار ٢٠١٩"), []byte("12 آذار 2019"))
	enc := func(e *charmap.Charmap, b []byte) []byte {
		out, err := e.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatalf("encoding the test page in %v: %v", e, err)
		}
		return out
	}
	withMeta := func(b []byte, cs string) []byte {
		return bytes.Replace(b, []byte("<HEAD>"), []byte(`<HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=`+cs+`">`), 1)
	}
	tests := []struct {
		name        string
		data        []byte
		contentType string
	}{
		{"windows-1256 undeclared", enc(charmap.Windows1256, ascii), ""},
		{"iso-8859-6 undeclared", enc(charmap.ISO8859_6, ascii), ""},
		{"windows-1256 in meta", withMeta(enc(charmap.Windows1256, ascii), "windows-1256"), ""},
		{"windows-1256 in HTTP header", enc(charmap.Windows1256, ascii), "text/html; charset=windows-1256"},
		{"windows-1256 declared iso-8859-1", withMeta(enc(charmap.Windows1256, ascii), "iso-8859-1"), ""},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), src...), ""},
		{"utf-8 in HTTP header, meta says windows-1256", withMeta(src, "windows-1256"), "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(tt.data, PageMeta{ContentType: tt.contentType})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want.Article.Paragraphs, got.Article.Paragraphs); d != "" {
				t.Errorf("paragraphs (-want +got):\n%s", d)
			}
			if got.Article.Title != want.Article.Title || !got.Article.Published.Equal(want.Article.Published) {
				t.Errorf("title %q published %v, want %q %v", got.Article.Title, got.Article.Published, want.Article.Title, want.Article.Published)
			}
		})
	}
}

func TestDecodePage(t *testing.T) {
	arabic := "<p>قال المتحدث باسم الوزارة إن الاجتماع الذي عقد في العاصمة كان مثمرا، وإن الطرفين اتفقا على مواصلة الحوار خلال الأسبوع المقبل من أجل التوصل إلى اتفاق.</p>"
	w1256, _ := charmap.Windows1256.NewEncoder().String(arabic)
	iso, _ := charmap.ISO8859_6.NewEncoder().String(arabic)
	latin, _ := charmap.Windows1252.NewEncoder().String("<p>Le café était fermé à cause de la grève générale.</p>")
	tests := []struct {
		name, data, contentType, wantEnc, wantHow string
	}{
		{"utf-8 undeclared", arabic, "", "utf-8", "detected"},
		{"windows-1256 undeclared", w1256, "", "windows-1256", "detected"},
		{"iso-8859-6 undeclared", iso, "", "iso-8859-6", "detected"},
		{"latin undeclared", latin, "", "windows-1252", "detected"},
		{"http header", w1256, "text/html; charset=WINDOWS-1256", "windows-1256", "http"},
		{"http header with junk", w1256, "text/html; charset=windows-1256;;", "windows-1256", "http"},
		{"meta charset", `<meta charset="windows-1256">` + w1256, "", "windows-1256", "meta"},
		{"meta http-equiv", `<meta http-equiv="content-type" content="text/html; charset=iso-8859-6">` + iso, "", "iso-8859-6", "meta"},
		{"declared utf-8 but windows-1256", `<meta charset="utf-8">` + w1256, "", "windows-1256", "detected"},
		{"declared windows-1256 but utf-8", arabic, "text/html; charset=windows-1256", "utf-8", "detected"},
		{"unknown label falls to detection", `<meta charset="x-klingon">` + w1256, "", "windows-1256", "detected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, how := decodePage([]byte(tt.data), tt.contentType)
			if enc != tt.wantEnc || how != tt.wantHow {
				t.Errorf("decodePage = %s by %s, want %s by %s", enc, how, tt.wantEnc, tt.wantHow)
			}
			if !utf8.ValidString(text) {
				t.Errorf("invalid UTF-8 out")
			}
			if strings.HasPrefix(tt.wantEnc, "windows-1256") || tt.wantEnc == "iso-8859-6" || tt.name == "utf-8 undeclared" {
				if !strings.Contains(text, "قال المتحدث باسم الوزارة") {
					t.Errorf("Arabic text not decoded: %.80q", text)
				}
			}
		})
	}
}

// FuzzHTML: any bytes give an article or an error wrapping one of the
// sentinels, never a panic; an article has a title and paragraphs of
// valid UTF-8.
func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/html/*.html")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("<html><body><p>نص</p>"), "text/html; charset=windows-1256")
	f.Add([]byte("\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00"), "")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"٢٠٢١-٠٣-١٥"}]}</script>`), "")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		res, err := HTMLWith(data, PageMeta{ContentType: contentType}, HTMLOptions{MaxBytes: 1 << 20})
		if err != nil {
			if !errors.Is(err, ErrNotHTML) && !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrPageTooLarge) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		a := res.Article
		if a.Title == "" || len(a.Paragraphs) == 0 || a.ID == "" {
			t.Fatalf("incomplete article: %+v", a)
		}
		for _, s := range append(append([]string{a.Title, a.Byline, a.Source}, a.Paragraphs...), a.Captions...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
	})
}
