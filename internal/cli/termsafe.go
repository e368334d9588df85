package cli

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// termSafe makes a string from untrusted input (a title, a source, a URL,
// a file name) safe to print as text: control characters (an escape
// sequence that would recolour or clear the terminal, a newline that would
// forge a "stored …" line, a carriage return) and the bidi controls that
// reorder what follows (embeddings, overrides, isolates) are written as
// visible escapes (\x1b, \n, \u202e; a byte that is not UTF-8 as \x9b). Arabic letters, marks and the
// directional marks LRM/RLM pass unchanged; JSON output never goes
// through here (it is exact).
func termSafe(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i]) // a stray byte: some terminals read 0x9b as CSI
			i++
			continue
		}
		i += size
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports the runes termSafe escapes.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
