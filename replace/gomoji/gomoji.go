// Package gomoji is taqrir's stand-in for github.com/forPelevin/gomoji, put
// in its place by the replace directive in taqrir's go.mod. It is our own
// code, written from the one function go-trafilatura v1.12.2 calls,
// RemoveEmojis, and it finds emoji by Unicode block and category, not from
// a list.
//
// Why: the real package builds a map of every emoji with its name, slug and
// group in package initialisation (0.98 MB, about 5 ms under load) at every
// start of every taqrir command. go-trafilatura calls it only to clean the
// author names of its metadata (Metadata.Author), which taqrir never reads
// (internal/extract reads bylines itself; the go-trafilatura baseline of
// `taqrir eval extraction` scores title, text and date). See README.md
// beside this file.
package gomoji

import (
	"strings"
	"unicode"
)

// RemoveEmojis returns s without its emoji, then trimmed of invisible and
// non-printing characters (and variation selectors) at both ends, as the
// real package trims. An emoji here is: a symbol (category So) of the
// pictograph blocks (U+1F000–U+1FAFF: emoticons, pictographs, transport,
// regional indicators of flags…; U+2300–U+23FF, U+2600–U+27BF,
// U+2B00–U+2BFF), a skin tone, any character given emoji presentation by
// a following U+FE0F (with it), the keycap mark U+20E3, the tag characters
// of subdivision flags, and a zero-width joiner next to one of these (one
// between Arabic or Persian letters stays).
func RemoveEmojis(s string) string {
	rs := []rune(s)
	drop := make([]bool, len(rs))
	for i, r := range rs {
		switch {
		case pictograph(r), r == 0x20E3, r >= 0xE0020 && r <= 0xE007F:
			drop[i] = true
		case r == 0xFE0F:
			drop[i] = true
			if i > 0 {
				drop[i-1] = true
			}
		}
	}
	for i, r := range rs {
		if r == 0x200D && ((i > 0 && drop[i-1]) || (i+1 < len(rs) && drop[i+1])) {
			drop[i] = true
		}
	}
	var b strings.Builder
	for i, r := range rs {
		if !drop[i] {
			b.WriteRune(r)
		}
	}
	return strings.TrimFunc(b.String(), func(r rune) bool {
		return !unicode.IsGraphic(r) || !unicode.IsPrint(r) || unicode.Is(unicode.Variation_Selector, r)
	})
}

// pictograph reports whether r is a symbol of the emoji blocks or a skin
// tone modifier.
func pictograph(r rune) bool {
	switch {
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2300 && r <= 0x23FF,
		r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF:
		return unicode.Is(unicode.So, r)
	}
	return false
}
