package pgsearch

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/index"
)

// snippetBytes is about how much text a snippet shows (bleve's fragment
// is 200 characters; Arabic letters are two bytes).
const snippetBytes = 300

// snippet is the stretch of body around the first words whose keys the
// query searched for, HTML-escaped, those words in <mark>; without such a
// word (the match was in the title or a caption), the opening.
func snippet(body string, pl *plan) string {
	type span struct{ start, end int }
	var marks []span
	for _, t := range analyzer.New().Tokenize([]byte(body)) {
		k := string(t.Term)
		hit := pl.keys[k]
		for _, p := range pl.prefixes {
			hit = hit || strings.HasPrefix(k, p)
		}
		if !hit {
			continue
		}
		if n := len(marks); n > 0 && marks[n-1].start == t.Start {
			continue // another key at the same word
		}
		marks = append(marks, span{t.Start, t.End})
	}
	if len(marks) == 0 {
		return html.EscapeString(index.Excerpt(body, 200))
	}
	from := wordStart(body, max(0, marks[0].start-snippetBytes/3))
	to := wordEnd(body, min(len(body), from+snippetBytes))
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
