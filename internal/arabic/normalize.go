package arabic

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the display form of s: Arabic presentation forms mapped
// back to letters by NFKC (applied to those runes only, so Latin text and
// symbols keep their exact shape), tatweel, harakat, superscript alef and
// Quranic marks removed, Arabic-Indic and Persian digits made ASCII, ٫ and
// ٬ between digits made '.' and ',', zero-width and bidi controls removed,
// whitespace runs collapsed to one space and trimmed. Hamza and all letter
// shapes are kept: this is what a reader sees, not a match key. Invalid
// UTF-8 becomes U+FFFD. When s is already normal it is returned as is,
// without allocating.
func Normalize(s string) string {
	if isNormal(s) {
		return s
	}
	return string(appendNormalize(make([]byte, 0, len(s)), s, false))
}

// Fold returns the aggressive match form of s: Normalize, then the letter
// folding of foldRune (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian
// keyboard letters → Arabic, Latin lower-cased). Hamza alone is kept. Fold
// does not strip clitics or affixes, and does not resolve name spellings
// (أميركا/أمريكا): that is Key's job, because it needs the alias lexicon.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	return string(appendNormalize(make([]byte, 0, len(s)), s, true))
}

// isNormal is the quick check: true only when Normalize(s) == s.
func isNormal(s string) bool {
	prevSpace := true // a leading space is not normal
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
			} else {
				if c <= ' ' || c == 0x7F {
					if asciiSpace[c] {
						return false
					}
				}
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if needsNormalizing(r) {
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace || len(s) == 0
}

// isFolded is the quick check: true only when Fold(s) == s.
func isFolded(s string) bool {
	if !isNormal(s) {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if foldRune(r) != r {
			return false
		}
		i += n
	}
	return true
}

var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// needsNormalizing reports whether a non-ASCII rune is changed or removed by
// Normalize (whatever its neighbours).
func needsNormalizing(r rune) bool {
	if r >= 0x0600 && r < 0x0900 {
		if arabicMark[r-0x0600] || r == tatweel || r == arabicLetterMark ||
			r == arabicDecimalSep || r == arabicThousands {
			return true
		}
		_, ok := digitValue(r)
		return ok
	}
	return isPresentationForm(r) || isInvisible(r) || unicode.IsSpace(r)
}

// appendNormalize appends the normal (or, with fold, folded) form of s.
func appendNormalize(dst []byte, s string, fold bool) []byte {
	start := len(dst)
	pendingSpace := false
	var lastRune rune // last rune written, for the digit-separator rule
	emit := func(r rune) {
		if fold {
			r = foldRune(r)
		}
		if pendingSpace && len(dst) > start {
			dst = append(dst, ' ')
		}
		pendingSpace = false
		dst = utf8.AppendRune(dst, r)
		lastRune = r
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				pendingSpace = true
			} else {
				emit(rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			emit(utf8.RuneError)
		case r == tatweel || isArabicMark(r) || isInvisible(r):
			// dropped
		case unicode.IsSpace(r):
			pendingSpace = true
		case r == arabicDecimalSep || r == arabicThousands:
			next := nextKept(s[i:])
			if isASCIIDigit(lastRune) && isAnyDigit(next) && !pendingSpace {
				if r == arabicDecimalSep {
					emit('.')
				} else {
					emit(',')
				}
			} else {
				emit(r)
			}
		case isPresentationForm(r):
			// NFKC only here: a ligature such as ﻻ becomes لا, an isolated
			// haraka form becomes space+mark and is dropped entirely.
			var buf [utf8.UTFMax]byte
			dec := norm.NFKC.String(string(buf[:utf8.EncodeRune(buf[:], r)]))
			letters := false
			for _, d := range dec {
				if d != ' ' && !isArabicMark(d) {
					letters = true
				}
			}
			if !letters {
				continue
			}
			for _, d := range dec {
				switch {
				case isArabicMark(d) || d == tatweel:
				case d == ' ':
					pendingSpace = true
				default:
					emit(d)
				}
			}
		default:
			if d, ok := digitValue(r); ok {
				emit(rune(d))
			} else {
				emit(r)
			}
		}
	}
	return dst
}

// nextKept returns the first rune of s that Normalize does not drop (marks,
// tatweel and invisibles between a separator and its digit do not count),
// so that the digit-separator rule sees what the output will hold and
// Normalize stays idempotent.
func nextKept(s string) rune {
	for _, r := range s {
		if r == tatweel || isArabicMark(r) || isInvisible(r) {
			continue
		}
		return r
	}
	return 0
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

func isAnyDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIDigit(r)
	}
	_, ok := digitValue(r)
	return ok
}

// foldTab maps U+0600..U+067F (the two-byte runes with lead byte D8 or D9)
// to their folded form: >0 the rune to write, 0 drop (marks, tatweel, ALM),
// -1 not handled by the fast path.
var foldTab = func() (t [0x80]rune) {
	for r := rune(0x0600); r < 0x0680; r++ {
		switch {
		case arabicMark[r-0x0600] || r == tatweel || r == arabicLetterMark:
			t[r-0x0600] = 0
		case r == arabicDecimalSep || r == arabicThousands:
			t[r-0x0600] = -1
		default:
			if d, ok := digitValue(r); ok {
				t[r-0x0600] = rune(d)
			} else {
				t[r-0x0600] = foldRune(r)
			}
		}
	}
	return t
}()

// appendFoldWord is Fold for one token, the hot path of EachTerm: a table
// walk over two-byte Arabic and ASCII, reporting whether the output differs
// from the input. ok is false when the token needs the general path
// (presentation forms, other scripts, invalid bytes, spaces).
func appendFoldWord(dst []byte, w string) (out []byte, changed, ok bool) {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7F {
				return dst, false, false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				changed = true
			}
			dst = append(dst, c)
			i++
			continue
		}
		if (c != 0xD8 && c != 0xD9) || i+1 >= len(w) || w[i+1]&0xC0 != 0x80 {
			return dst, false, false
		}
		r := foldTab[rune(c&0x1F)<<6|rune(w[i+1]&0x3F)-0x0600]
		switch {
		case r < 0:
			return dst, false, false
		case r == 0:
			changed = true
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
			changed = true
		default:
			b0, b1 := byte(0xC0|r>>6), byte(0x80|r&0x3F)
			if b0 != c || b1 != w[i+1] {
				changed = true
			}
			dst = append(dst, b0, b1)
		}
		i += 2
	}
	return dst, changed, true
}
