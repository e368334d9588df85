package extract

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/forPelevin/gomoji"
	distiller "github.com/markusmobius/go-domdistiller"
	"golang.org/x/net/html"
)

// TestEmojiAndLanguageStandIns guards start-up time as
// TestDateParserIsReplaced does. go-trafilatura links gomoji (to clean the
// author names of its metadata) and whatlanggo (to name the language of
// its metadata), whose package initialisation builds tables at every start
// of every command (0.98 MB and 0.35 MB); taqrir reads neither field
// (bylines and the language are extract's own), so go.mod replaces both
// with our stand-ins (replace/gomoji, replace/whatlanggo, see their
// README.md). It links go-domdistiller too, for a last fallback candidate
// that go-trafilatura asks for only when it and go-readability both found
// less than 250 characters (never on a page we score), and whose range
// tables cost 7–8 ms at every start: replace/go-domdistiller distils
// nothing. This fails if a real package comes back into the binary, and
// checks what the stand-ins do.
func TestEmojiAndLanguageStandIns(t *testing.T) {
	if _, err := exec.LookPath("go"); err == nil {
		out, err := exec.Command("go", "list", "-deps", "-f",
			`{{with .Module}}{{if or (eq .Path "github.com/forPelevin/gomoji") (eq .Path "github.com/RadhiFadlillah/whatlanggo") (eq .Path "github.com/markusmobius/go-domdistiller")}}{{$.ImportPath}} => {{with .Replace}}{{.Path}}{{end}}{{"\n"}}{{end}}{{end}}`,
			"github.com/taqrir/taqrir/cmd/taqrir").Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		got := strings.TrimSpace(string(out))
		want := "github.com/RadhiFadlillah/whatlanggo => ./replace/whatlanggo\ngithub.com/forPelevin/gomoji => ./replace/gomoji\n" +
			"github.com/markusmobius/go-domdistiller => ./replace/go-domdistiller"
		if got != want {
			t.Errorf("gomoji, whatlanggo and go-domdistiller packages linked into taqrir:\n%s\nwant only the stand-ins:\n%s", got, want)
		}
	}
	doc, err := html.Parse(strings.NewReader("<html><body><article><p>" + strings.Repeat("نص قصير. ", 10) + "</p></article></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if r, err := distiller.Apply(doc, &distiller.Options{SkipPagination: true}); r != nil || err == nil {
		t.Errorf("go-domdistiller stand-in: Apply = %v, %v; want no candidate and an error", r, err)
	}
	if l := whatlanggo.DetectLang("هذا نص عربي طويل بما يكفي لتعرف لغته"); l.Iso6391() != "" {
		t.Errorf("whatlanggo stand-in: %q, want no language", l.Iso6391())
	}
	for _, c := range []struct{ in, want string }{
		{"أحمد محمد 😀", "أحمد محمد "},
		{"👍🏽 Jane Doe", " Jane Doe"},
		{"سارة 🇵🇸 علي", "سارة  علي"},                  // a flag: two regional indicators
		{"👨\u200d👩\u200d👧 family", " family"},         // joined by ZWJ
		{"x 1\ufe0f\u20e3 y ❤\ufe0f z ⭐", "x  y  z "}, // keycap, emoji presentation, a star
		{"می\u200cخواهم", "می\u200cخواهم"},            // ZWNJ between Persian letters stays
		{"ن\u200dس", "ن\u200dس"},                      // so does a ZWJ between letters
		{"© 2024 كاتب", "© 2024 كاتب"},                // © without emoji presentation is text
		{"\u200b اسم \ufe0e", " اسم "},                // invisible ends trimmed, spaces kept
		{"", ""},
	} {
		if got := gomoji.RemoveEmojis(c.in); got != c.want {
			t.Errorf("RemoveEmojis(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
