package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arabic code points the cleaner treats specially.
const (
	tatweel        = '\u0640'
	alef           = '\u0627'
	alefMadda      = '\u0622'
	alefHamzaAbove = '\u0623'
	alefHamzaBelow = '\u0625'
	alefWasla      = '\u0671'
	alefMaksura    = '\u0649'
	yeh            = '\u064A'
	tehMarbuta     = '\u0629'
	heh            = '\u0647'
	ellipsis       = '\u2026'
)

// arabicMarks caches, for the Arabic block U+0600-U+06FF, which code points
// are non-spacing marks (harakat, Quranic annotation signs). It is filled
// from the Unicode category, not typed by hand; the cache only makes the
// hot path of repeatKey and fold cheap.
var arabicMarks [256]bool

func init() {
	for i := range arabicMarks {
		arabicMarks[i] = unicode.Is(unicode.Mn, rune(0x0600+i))
	}
}

// isMark reports a non-spacing mark (category Mn): harakat and the like.
func isMark(r rune) bool {
	switch {
	case r < 0x0300:
		return false
	case r >= 0x0600 && r <= 0x06FF:
		return arabicMarks[r-0x0600]
	}
	return unicode.Is(unicode.Mn, r)
}

// invisible reports format characters that scrapers leave in Arabic text
// (bidi marks from RTL layouts, byte-order marks, soft hyphens, zero-width
// spaces). They carry no words, and left in they make two copies of the
// same paragraph compare unequal, so they are dropped. ZWNJ and ZWJ stay:
// they change how words are written in some scripts.
func invisible(r rune) bool {
	switch {
	case r == '\u200B', r == '\u200E', r == '\u200F', r == '\u061C',
		r == '\uFEFF', r == '\u00AD':
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// splitLines cuts the raw body into its non-blank lines, each made valid
// UTF-8, stripped of invisible characters, with whitespace collapsed to
// single spaces. Lines that need no change are returned as substrings of
// body, so a large clean body is not copied.
func splitLines(body string) []string {
	// Sized up front: growing a slice of millions of lines by appending
	// costs more than cleaning them.
	lines := make([]string, 0, strings.Count(body, "\n")+1)
	for len(body) > 0 {
		i := strings.IndexAny(body, "\n\r")
		var line string
		if i < 0 {
			line, body = body, ""
		} else {
			line, body = body[:i], body[i+1:]
		}
		if l := normalizeLine(line); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// normalizeLine returns s as valid UTF-8 without invisible or control
// characters, whitespace runs collapsed to one space and trimmed.
func normalizeLine(s string) string {
	if lineIsNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, w := 0, 0; i < len(s); i += w {
		var r rune
		r, w = utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			// An invalid byte is dropped rather than turned into U+FFFD, so
			// what we keep is always text that was in the input.
			continue
		case invisible(r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(s[i : i+w])
	}
	return b.String()
}

// lineIsNormal is the fast path of normalizeLine: most scraped lines are
// already clean.
func lineIsNormal(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
			} else {
				prevSpace = false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r >= 0x0600 && r <= 0x06FF && r != '\u061C' {
			// Arabic block: never a space, control or invisible character.
			prevSpace = false
			i += w
			continue
		}
		if (r == utf8.RuneError && w == 1) || invisible(r) || unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
		prevSpace = false
		i += w
	}
	return true
}

// repeatKey is the form under which two paragraphs count as the same: the
// scraper may print a second copy with different spacing, tatweel or
// harakat, but never different letters. Spaces are kept (collapsed), since
// "في ظل" and "فيظل" are different words.
func repeatKey(s string) string {
	clean := true
	for _, r := range s {
		if r == tatweel || isMark(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == tatweel || isMark(r) {
			continue
		}
		b.WriteRune(r)
	}
	// Removing a mark between two spaces can leave a double space.
	return strings.Join(strings.Fields(b.String()), " ")
}

// fold is the loose form used to match short fixed phrases (labels, agency
// names): harakat and tatweel dropped, the alef forms, alef maksura and teh
// marbuta folded, Latin lower-cased, since sites spell "اقرأ أيضاً" and
// "اقرا ايضا" interchangeably.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == tatweel || isMark(r):
			continue
		case r == alefMadda || r == alefHamzaAbove || r == alefHamzaBelow || r == alefWasla:
			r = alef
		case r == alefMaksura:
			r = yeh
		case r == tehMarbuta:
			r = heh
		case r < utf8.RuneSelf:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wordCount counts space-separated tokens that hold a letter or digit (a
// lone "-" in a dateline is not a word), stopping early once past limit so
// that long lines cost nothing extra.
func wordCount(s string, limit int) int {
	n := 0
	counted := false
	for _, r := range s {
		if r == ' ' {
			counted = false
			continue
		}
		if !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			counted = true
			n++
			if n > limit {
				return n
			}
		}
	}
	return n
}

// lastRune returns the last rune of s, or 0 for "".
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// sentenceEnd reports runes that close a sentence of running text. A caption
// or headline does not end in one; a body paragraph almost always does.
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '؟', '?', '۔', ':', '،', ',', ';', '؛':
		return true
	}
	return false
}

// endsWithEllipsis reports a line cut off with "…" or "...".
func endsWithEllipsis(s string) bool {
	return strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...")
}

// punctuationOnly reports a line with no letter or digit: "?", "؟", "...",
// "|", "-", an emoji. Scrapers leave these where an icon was.
func punctuationOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
