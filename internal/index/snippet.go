package index

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
)

// snippetBytes is about how much text a snippet shows (about 150 Arabic
// letters, two bytes each, with their spaces).
const snippetBytes = 300

// Snippet is the stretch of body around the first words whose key mark
// accepts (a word's key, its other reading or the derivational key of
// either: the terms the index holds for it), HTML-escaped, those words in
// <mark>; without such a word (the match was in the title or a caption),
// the opening. Every search backend cuts its hits' snippets with it. The
// body is analysed a paragraph at a time and only as far as the snippet
// reaches: a hit's snippet usually ends in its first paragraphs.
func Snippet(body string, mark func(key string) bool) string {
	var marks []span
	to := -1 // the snippet's end, once the first mark sets it
	for off := 0; off < len(body) && (to < 0 || off < to); {
		n := strings.IndexByte(body[off:], '\n')
		if n < 0 {
			n = len(body) - off
		}
		arabic.EachTermAlt(body[off:off+n], func(start, end int, key, alt string, stop bool) {
			if stop || key == "" {
				return
			}
			if !mark(key) && (alt == "" || !mark(alt)) && !markDerived(mark, key) && (alt == "" || !markDerived(mark, alt)) {
				return
			}
			marks = append(marks, span{off + start, off + end})
			if to < 0 {
				_, to = snippetWindow(body, off+start)
			}
		})
		off += n + 1
	}
	return renderSnippet(body, marks)
}

// span is a marked word's byte range in a body.
type span struct{ start, end int }

// snippetWindow is the stretch of body a snippet shows when its first
// marked word starts at first: from a third of the snippet before it, at
// word boundaries.
func snippetWindow(body string, first int) (from, to int) {
	from = wordStart(body, max(0, first-snippetBytes/3))
	return from, wordEnd(body, min(len(body), from+snippetBytes))
}

// renderSnippet writes the snippet of body for its marked words, in order:
// the window around the first, HTML-escaped, the marks inside it in
// <mark>; without marks, the opening.
func renderSnippet(body string, marks []span) string {
	if len(marks) == 0 {
		return html.EscapeString(Excerpt(body, 200))
	}
	from, to := snippetWindow(body, marks[0].start)
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	at := from
	for _, m := range marks {
		if m.start < at || m.end > to {
			continue
		}
		b.WriteString(html.EscapeString(body[at:m.start]))
		b.WriteString("<mark>" + html.EscapeString(body[m.start:m.end]) + "</mark>")
		at = m.end
	}
	b.WriteString(html.EscapeString(body[at:to]))
	if to < len(body) {
		b.WriteString(" …")
	}
	return b.String()
}

// markDerived reports whether mark accepts the derivational key of key.
func markDerived(mark func(string) bool, key string) bool {
	d := arabic.DerivKey(key)
	return d != "" && d != key && mark(d)
}

// wordStart moves i back to the start of its word.
func wordStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for i > 0 && s[i-1] != ' ' && s[i-1] != '\n' {
		i--
	}
	return i
}

// wordEnd moves i on to the end of its word.
func wordEnd(s string, i int) int {
	for i < len(s) && s[i] != ' ' && s[i] != '\n' {
		i++
	}
	return i
}

// marker returns whether an analysed key is one the query looks for, to
// mark in snippets: each word's key, other reading and derivational keys
// (with synonyms, its synonyms' and nearest neighbours' keys), the keys of
// each phrase's words, and any key starting with a prefix asked for.
// Excluded words are not marked.
func (p Parsed) marker(synonyms bool) func(string) bool {
	keys := map[string]bool{}
	var prefixes []string
	for _, cl := range p.Must {
		for _, t := range cl {
			if t.Prefix {
				ps, _ := prefixKeys(t.Text)
				prefixes = append(prefixes, ps...)
				continue
			}
			ks, others := termKeys(t.Text)
			// A single word is asked with its synonyms too, a phrase's
			// words without (as termQuery asks them).
			syn := synonyms && !t.Phrase && len(ks) == 1
			for i, k := range ks {
				for _, a := range wordAlts(t.Text, k, others[i], syn) {
					keys[a.key] = true
				}
			}
		}
	}
	return func(k string) bool {
		if keys[k] {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(k, p) {
				return true
			}
		}
		return false
	}
}
