package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// templateTags are the elements the page template writes.
var templateTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`html head meta title style body header h1 h2 p main section ul ol li span a path
		figure figcaption svg line text circle g rect strong div table thead tbody tr th td bdi nav details summary i`) {
		templateTags[t] = true
	}
}

// foreignTag returns the first element of page the template does not write.
func foreignTag(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if !templateTags[string(name)] {
				return string(name)
			}
		}
	}
}

// FuzzRender feeds arbitrary article text and dates through every renderer:
// no error, no panic, valid UTF-8 out, and no markup from the text survives
// into the HTML.
func FuzzRender(f *testing.F) {
	f.Add("وقّع الطرفان <script>alert(1)</script>", "2025-03-14", "صدى")
	f.Add("\x00\xff", "2025-W99", "")
	f.Add("]] ) * _ ` # |", "2025-03-01/2025-02-01", "<b>")
	f.Fuzz(func(t *testing.T, text, date, source string) {
		r := sampleReport()
		r.Query = text
		r.Summary[0].Text = text
		r.Timeline[0].Date = date
		r.Timeline[0].Text = text
		r.Coverage.Cells[0].Source = source
		r.Coverage.Sources[0].Key = source
		r.Coverage.Days[0].Key = date
		r.Coverage.Cells[0].Day = date
		r.Contradictions[0].Values[0].Value = date
		r.Summary[0].Citations[0].Source = source
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Write(&buf, format, r); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if utf8.ValidString(text) && utf8.ValidString(date) && utf8.ValidString(source) && !utf8.Valid(buf.Bytes()) {
				t.Fatalf("%s: invalid UTF-8 out of valid input", format)
			}
			if format == "html" {
				if tag := foreignTag(buf.Bytes()); tag != "" {
					t.Fatalf("html: element <%s> that the template does not write: markup from the input survived", tag)
				}
			}
		}
	})
}
