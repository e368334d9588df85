package clean

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// flatten is the test's own reading of "the same text after whitespace
// normalisation": invalid bytes and invisible formatting characters gone,
// every space, line break or control character a single space. Anything
// the cleaner outputs must be found in flatten(input).
func flatten(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case r == '\u200B', r == '\u200E', r == '\u200F', r == '\u061C', r == '\uFEFF', r == '\u00AD',
			r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzArticle(f *testing.F) {
	f.Add("عنوان", lines(para1, "?", "اقرأ أيضا", teaser, headline, headline, para2, para2))
	f.Add("", "رجال الإنقاذ (فرانس برس)رجال الإنقاذ (فرانس برس)\nالقاهرة - (رويترز) - قال")
	f.Add("ab", "ab\nab ab\n(رويترز)(رويترز)\n...\n\xff\xfe\r\n\u200f")
	f.Add("", "بيروت - أ ف ب: ناقلة نفطناقلة نفط (رويترز)\nالأكثر قراءة\nهل؟\nهل؟")
	f.Fuzz(func(t *testing.T, title, body string) {
		got := Article(title, body)
		in := flatten(body)
		check := func(what, s string) {
			if !utf8.ValidString(s) {
				t.Fatalf("%s %q is not valid UTF-8", what, s)
			}
			if s == "" {
				t.Fatalf("empty %s", what)
			}
			if !strings.Contains(in, s) {
				t.Fatalf("%s %q is not in the input %q", what, s, in)
			}
		}
		for _, p := range got.Paragraphs {
			check("paragraph", p)
		}
		for _, p := range got.Captions {
			check("caption", p)
		}
		for _, r := range got.Removed {
			check("removed "+r.Reason, r.Text)
		}
		if !utf8.ValidString(got.Title) || !strings.Contains(flatten(title), got.Title) {
			t.Fatalf("title %q not from %q", got.Title, title)
		}
		if got.Body != strings.Join(got.Paragraphs, "\n\n") {
			t.Fatalf("body is not the paragraphs joined")
		}
		if got.Paragraphs == nil || got.Captions == nil || got.Credits == nil || got.Removed == nil {
			t.Fatalf("nil slice in %+v", got)
		}
		// Nothing vanishes silently: every non-blank line is kept, moved or
		// removed, so the output covers at least as many words as the input.
		words := 0
		for _, s := range got.Paragraphs {
			words += len(strings.Fields(s))
		}
		for _, r := range got.Removed {
			words += len(strings.Fields(r.Text))
		}
		if want := len(strings.Fields(in)); words < want {
			t.Fatalf("output accounts for %d words, input has %d", words, want)
		}
	})
}
