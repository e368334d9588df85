package server

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/news"
)

// FuzzSnippetHTML: whatever the highlighter hands over, the snippet put in
// a page has no tag but balanced <mark>s, and says the same text.
func FuzzSnippetHTML(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark> c", "<mark><mark>x</mark>", "</mark>y<mark>", `<script>alert(1)</script>`, "&lt;b&gt; &amp;", "<mark>غير</mark> مغلق <mark>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(snippetHTML(s))
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("snippetHTML(%q) = %q: a tag other than <mark>", s, out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("snippetHTML(%q) = %q: unbalanced marks", s, out)
		}
		// NUL is shown as U+FFFD, as html/template does.
		want := strings.ReplaceAll(html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)), "\x00", "\uFFFD")
		if utf8.ValidString(s) && html.UnescapeString(rest) != want {
			t.Fatalf("snippetHTML(%q) changed the text: %q", s, rest)
		}
	})
}

// FuzzMarkBody: facts with any offsets (the store's facts are read from
// untrusted text) never crash the article view, and the segments put
// together give back every paragraph.
func FuzzMarkBody(f *testing.F) {
	f.Add("قال الوزير إن الاتفاق سيوقع غدا.", "فقرة ثانية.", 0, 10, 5, 30, 3, 12)
	f.Add("a", "", -5, 100, 2, 1, 0, 0)
	f.Fuzz(func(t *testing.T, p1, p2 string, es, ee, ds, de, hs, he int) {
		a := news.Article{Paragraphs: []string{p1, p2}}
		a.Entities = []news.Entity{{Text: "x", Type: "PERS", Canonical: "x", Start: es, End: ee}}
		a.Dates = []news.Date{{Text: "y", Value: "2025", Start: ds, End: de}}
		paras := markBody(&a, hs, he)
		if len(paras) != 2 {
			t.Fatalf("%d paragraphs, want 2", len(paras))
		}
		for i, p := range paras {
			var b strings.Builder
			for _, s := range p.Segs {
				b.WriteString(s.Text)
			}
			if b.String() != a.Paragraphs[i] {
				t.Fatalf("paragraph %d comes back as %q, want %q", i, b.String(), a.Paragraphs[i])
			}
		}
	})
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/saved": "/saved", "//evil.example/": "/", "/\\evil.example": "/", "https://evil.example/": "/", "": "/", "/search?q=x": "/search?q=x", "/../etc": "/etc"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
