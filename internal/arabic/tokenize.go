package arabic

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// MaxTokenBytes is the longest word or number a token may be. A run of
// letters or digits longer than this is no word of any language (the longest
// Arabic word forms, clitics and full vocalisation included, are under 100
// bytes; a German compound under 100 letters): it is debris such as a pasted
// hash, a base64 blob or a hostile input, and it is skipped like an invalid
// byte. Without the bound a one-word 7 MB item cost over 1 GB in the
// analyser and fact stages, each of which folds, stems and copies the word.
const MaxTokenBytes = 256

// tokenCapCeiling caps the token slice Tokenize allocates up front (one
// token per 8 bytes, right for news text, up to some 2 KB of text); a longer
// text grows it at the rate its first tokens show (growTokens), so a long
// text with few tokens (one giant word) does not pay for a slice sized by
// its bytes in every stage that tokenises it.
const tokenCapCeiling = 256

// Tokenize splits text into words, numbers and punctuation, with byte
// offsets into text. It fills Start, End, Text and Kind only. Whitespace,
// control characters, zero-width and bidi marks and invalid bytes are not
// tokens; harakat, tatweel and ZWNJ inside an Arabic word stay inside it.
// A word or number longer than MaxTokenBytes is skipped.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, min(len(text)/8+1, tokenCapCeiling))
	for i := 0; i < len(text); {
		start, end, kind := nextToken(text, i)
		if kind == 0 {
			break
		}
		if len(toks) == cap(toks) {
			toks = growTokens(toks, i, len(text))
		}
		toks = append(toks, Token{Start: start, End: end, Text: text[start:end], Kind: kind})
		i = end
	}
	return toks
}

// Tokens yields the tokens Tokenize returns, one by one, without
// building the slice: for callers that only walk them (a report's
// duplicate check tokenised 2,000 articles into slices it threw away,
// a fifth of the report's allocations).
func Tokens(text string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		for i := 0; i < len(text); {
			start, end, kind := nextToken(text, i)
			if kind == 0 || !yield(Token{Start: start, End: end, Text: text[start:end], Kind: kind}) {
				return
			}
			i = end
		}
	}
}

// appendTokens appends the tokens of text to toks, their offsets moved
// by off (text is a piece of a larger text starting at off).
func appendTokens(toks []Token, text string, off int) []Token {
	for i := 0; i < len(text); {
		start, end, kind := nextToken(text, i)
		if kind == 0 {
			break
		}
		toks = append(toks, Token{Start: off + start, End: off + end, Text: text[start:end], Kind: kind})
		i = end
	}
	return toks
}

// growTokens makes room for the tokens of text[done:n] at the rate seen so
// far (plus an eighth), so a long text is sized in one or two steps instead
// of append's doublings, each of which leaves the old array as garbage.
func growTokens(toks []Token, done, n int) []Token {
	more := 16
	if done > 0 {
		more += int(float64(n-done) * float64(len(toks)) / float64(done) * 1.125)
	}
	grown := make([]Token, len(toks), len(toks)+more)
	copy(grown, toks)
	return grown
}

// class is what the scanner needs to know about a rune.
type class uint8

const (
	clsSkip   class = iota // space, control, invisible, invalid byte
	clsArabic              // Arabic-script letter (tatweel included)
	clsMark                // combining mark: joins the word it follows
	clsDigit               // any decimal digit
	clsLetter              // other alphabetic
	clsPunct               // everything else
)

// asciiClass is the byte-level fast path for ASCII.
// It is a package variable initialised by a function, not in init, so it
// is ready before any other package's initialisation can tokenise.
var asciiClass = func() (t [utf8.RuneSelf]class) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c <= ' ' || c == 0x7F:
			t[c] = clsSkip
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = clsLetter
		default:
			t[c] = clsPunct
		}
	}
	return t
}()

// classAt decodes the rune at text[i:] and classifies it.
func classAt(text string, i int) (class, rune, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiClass[c], rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && n == 1 {
		return clsSkip, r, 1
	}
	return classify(r), r, n
}

func classify(r rune) class {
	if r >= 0x0621 && r <= 0x064A { // the common Arabic letters
		return clsArabic
	}
	switch {
	case isInvisible(r):
		return clsSkip
	case isArabicMark(r) || r == superscriptAlef:
		return clsMark
	case r == tatweel:
		return clsArabic
	case (r >= 0xFC5E && r <= 0xFC63) || (r >= 0xFE70 && r <= 0xFE7F && r != 0xFE73):
		// Presentation forms of harakat alone (ﹰ ﱞ): marks, not letters.
		return clsMark
	}
	if d, ok := digitValue(r); ok {
		_ = d
		return clsDigit
	}
	switch {
	case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return clsSkip
	case unicode.IsDigit(r):
		return clsDigit
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Arabic, r) {
			return clsArabic
		}
		return clsLetter
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r):
		return clsMark
	}
	return clsPunct
}

// nextToken finds the token starting at or after i. kind is 0 at the end.
// Words and numbers longer than MaxTokenBytes are passed over.
func nextToken(text string, i int) (start, end int, kind Kind) {
	for i < len(text) {
		start, end, kind = scanToken(text, i)
		if kind == 0 || end-start <= MaxTokenBytes {
			return start, end, kind
		}
		i = end
	}
	return len(text), len(text), 0
}

// scanToken finds the token starting at or after i, whatever its length.
func scanToken(text string, i int) (start, end int, kind Kind) {
	for i < len(text) {
		cls, r, n := classAt(text, i)
		switch cls {
		case clsSkip, clsMark: // a mark with no word before it is debris
			i += n
			continue
		case clsArabic:
			if r == tatweel { // a stretch with no letter yet is debris
				i += n
				continue
			}
			return i, scanArabic(text, i+n), KindArabic
		case clsLetter:
			return i, scanLatin(text, i, r, n), KindLatin
		case clsDigit:
			return i, scanNumber(text, i+n), KindNumber
		default:
			return i, i + n, KindPunct
		}
	}
	return len(text), len(text), 0
}

// scanArabic returns the end of the Arabic word whose first rune ends at i.
// ZWNJ and ZWJ stay inside the word only when a letter follows them.
func scanArabic(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c >= 0xD8 && c <= 0xD9 && i+1 < len(text) {
			// Two-byte fast path: U+0600..U+067F.
			r := rune(c&0x1F)<<6 | rune(text[i+1]&0x3F)
			if text[i+1]&0xC0 == 0x80 && ((r >= 0x0621 && r <= 0x064A) || r == tatweel || (arabicMark[r-0x0600] && r != arabicLetterMark)) {
				i += 2
				continue
			}
		}
		cls, r, n := classAt(text, i)
		switch {
		case cls == clsArabic || cls == clsMark:
			i += n
		case r == zwnj || r == zwj:
			j := i + n
			for j < len(text) {
				c2, r2, n2 := classAt(text, j)
				if r2 == zwnj || r2 == zwj {
					j += n2
					continue
				}
				if c2 == clsArabic || c2 == clsMark {
					i = j
				}
				break
			}
			if i != j {
				return i
			}
		default:
			return i
		}
	}
	return i
}

// scanLatin returns the end of the Latin word starting at i with rune r of
// n bytes. Letters, digits and marks continue it, an apostrophe between
// letters too (O'Brien), and initials with dots (U.S., a.m.) are one token.
func scanLatin(text string, i int, r rune, n int) int {
	start := i
	i += n
	// Acronym: single letter, '.', letter, '.', ...
	if i < len(text) && text[i] == '.' {
		j := i
		letters := 1
		for j+1 < len(text) && text[j] == '.' {
			c2, _, n2 := classAt(text, j+1)
			if c2 != clsLetter {
				break
			}
			k := j + 1 + n2
			if k < len(text) {
				if c3, _, _ := classAt(text, k); c3 == clsLetter || c3 == clsDigit {
					break // a word after a dot, not an initial
				}
			}
			letters++
			j = k
		}
		if letters >= 2 {
			if j < len(text) && text[j] == '.' {
				j++
			}
			return j
		}
		return i
	}
	for i < len(text) {
		cls, r2, n2 := classAt(text, i)
		switch {
		case cls == clsLetter || cls == clsDigit || cls == clsMark:
			i += n2
		case (r2 == '\'' || r2 == '\u2019') && i > start:
			if i+n2 < len(text) {
				if c3, _, _ := classAt(text, i+n2); c3 == clsLetter {
					i += n2
					continue
				}
			}
			return i
		default:
			return i
		}
	}
	return i
}

// scanNumber returns the end of the number whose first digit ends at i.
// Separators (, . ٫ ٬ : /) stay inside only between digits, so a trailing
// comma or full stop belongs to the sentence, not the number.
func scanNumber(text string, i int) int {
	for i < len(text) {
		cls, r, n := classAt(text, i)
		if cls == clsDigit {
			i += n
			continue
		}
		switch r {
		case '.', ',', ':', '/', arabicDecimalSep, arabicThousands:
			if i+n < len(text) {
				if c2, _, _ := classAt(text, i+n); c2 == clsDigit {
					i += n
					continue
				}
			}
		}
		return i
	}
	return i
}
