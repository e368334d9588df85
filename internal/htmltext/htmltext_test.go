package htmltext

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func parse(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var paragraphs = Options{Break: func(n *html.Node) bool {
	return n.DataAtom == atom.P || n.DataAtom == atom.Br || n.DataAtom == atom.Li
}}

func TestLines(t *testing.T) {
	tests := []struct {
		name, in string
		opt      Options
		want     []string
	}{
		{"paragraphs and breaks", "<p>قال   الوزير</p><p>وأضاف<br>أن الاتفاق قريب</p>", paragraphs, []string{"قال الوزير", "وأضاف", "أن الاتفاق قريب"}},
		{"inline markup joins words", "<p>ال<b>وزير</b> قال</p>", paragraphs, []string{"الوزير قال"}},
		{"scripts, styles, noscript, template left out", "<p>نص<script>x()</script><style>p{}</style><noscript>n</noscript><template>t</template> تام</p>", paragraphs, []string{"نص تام"}},
		{"skip option", `<p>صورة <span class="sr">مخفي</span>ظاهرة</p>`, Options{Skip: func(n *html.Node) bool { return n.Data == "span" }}, []string{"صورة ظاهرة"}},
		{"space option", "<table><tr><td>أ</td><td>ب</td></tr></table>", Options{Space: func(n *html.Node) bool { return n.DataAtom == atom.Td }}, []string{"أ ب"}},
		{"no breaks: one line", "<p>أ</p><p>ب</p>", Options{}, []string{"أب"}},
		{"entities decoded", "<p>&laquo;نعم&raquo; &amp; لا</p>", paragraphs, []string{"«نعم» & لا"}},
		{"empty", "", paragraphs, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Lines(parse(t, tt.in), tt.opt)); diff != "" {
				t.Errorf("Lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTextPutsSpacesAtBreaks(t *testing.T) {
	if got, want := Text(parse(t, "<p>أ</p><p>ب</p>"), paragraphs), "أ ب"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestRootScriptIsRead(t *testing.T) {
	doc := parse(t, `<script type="application/ld+json">{"a": 1}</script><p>x</p>`)
	var script *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.DataAtom == atom.Script {
			script = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if got := Text(script, Options{}); got != `{"a": 1}` {
		t.Errorf("the root script's text = %q", got)
	}
	if got := Text(doc, Options{}); got != "x" {
		t.Errorf("a script below the root is read: %q", got)
	}
}

// TestDeepTree: the walk keeps its own stack, so a tree as deep as the
// parser builds costs no recursion.
func TestDeepTree(t *testing.T) {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	n := root
	for range 200_000 {
		c := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span}
		n.AppendChild(c)
		n = c
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: "عميق"})
	if got := Text(root, Options{}); got != "عميق" {
		t.Errorf("Text of a 200,000-deep tree = %q", got)
	}
}

func FuzzLines(f *testing.F) {
	for _, s := range []string{"<p>أ</p>", "<table><td>x", "<script>", "<<p>>&#0;", "<template><p>a</template>b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, l := range Lines(doc, paragraphs) {
			if l == "" || l != strings.Join(strings.Fields(l), " ") {
				t.Fatalf("line %q is empty or not folded", l)
			}
		}
		_ = Text(doc, Options{Space: func(*html.Node) bool { return true }})
	})
}

func ExampleLines() {
	doc, _ := html.Parse(strings.NewReader(`<p>قال الوزير «نعم»</p><script>track()</script><p>وأضاف<br>أن الاتفاق قريب</p>`))
	for _, l := range Lines(doc, Options{Break: func(n *html.Node) bool { return n.DataAtom == atom.P || n.DataAtom == atom.Br }}) {
		fmt.Println(l)
	}
	// Output:
	// قال الوزير «نعم»
	// وأضاف
	// أن الاتفاق قريب
}
