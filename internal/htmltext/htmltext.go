package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options say how Lines and Text read a tree. The zero value reads every
// text node as one run of text.
type Options struct {
	// Break reports elements whose start and end end a line (Lines) or
	// put a space (Text).
	Break func(n *html.Node) bool
	// Space reports elements whose start and end put a space without
	// ending a line: table cells, or every element when a widget's words
	// must not run together.
	Space func(n *html.Node) bool
	// Skip reports more elements to leave out, with everything under them
	// (screen-reader-only labels, say), besides scripts and styles.
	Skip func(n *html.Node) bool
}

// Atom is n's atom; elements created by other code with a name but no atom
// (go-trafilatura's) are looked up by name.
func Atom(n *html.Node) atom.Atom {
	if n.DataAtom == 0 && n.Type == html.ElementNode {
		return atom.Lookup([]byte(n.Data))
	}
	return n.DataAtom
}

// skipped reports the elements whose text is never read.
func skipped(n *html.Node) bool {
	switch Atom(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	}
	return false
}

// Lines returns the text under n line by line: a line ends at every
// element opt.Break reports, whitespace is folded inside a line, and empty
// lines are dropped. n itself is always read, even when it is a script.
func Lines(n *html.Node, opt Options) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			out = append(out, s)
		}
		b.Reset()
	}
	walk(n, opt, &b, flush)
	flush()
	return out
}

// Text returns the text under n on one line, whitespace folded; elements
// opt.Break reports put a space. n itself is always read, even when it is
// a script.
func Text(n *html.Node, opt Options) string {
	var b strings.Builder
	walk(n, opt, &b, func() { b.WriteByte(' ') })
	return strings.Join(strings.Fields(b.String()), " ")
}

// walk writes the text under root to b, calling brk at line breaks. It
// keeps its own stack, so a deep tree costs heap, not goroutine stack.
func walk(root *html.Node, opt Options, b *strings.Builder, brk func()) {
	type frame struct {
		n     *html.Node
		leave bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.leave {
			after(n, opt, b, brk)
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			continue
		case html.ElementNode:
			if n != root && (skipped(n) || opt.Skip != nil && opt.Skip(n)) {
				continue
			}
			if opt.Break != nil && opt.Break(n) {
				brk()
			} else if opt.Space != nil && opt.Space(n) {
				b.WriteByte(' ')
			}
			stack = append(stack, frame{n: n, leave: true})
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
}

// after closes element n.
func after(n *html.Node, opt Options, b *strings.Builder, brk func()) {
	if n.Type != html.ElementNode {
		return
	}
	if opt.Break != nil && opt.Break(n) {
		brk()
	} else if opt.Space != nil && opt.Space(n) {
		b.WriteByte(' ')
	}
}
