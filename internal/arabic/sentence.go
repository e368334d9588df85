package arabic

import (
	"unicode"
	"unicode/utf8"
)

// MaxSentenceBytes is the longest sentence Sentences returns. A span with
// no sentence end longer than this (some 600 words; news sentences, even
// comma-chained ones, stay well under 2 KB) is cut at the last space before
// the bound, so that the fact stages, which work sentence by sentence, cost
// memory in proportion to a bounded sentence rather than to a whole item
// written without a full stop.
const MaxSentenceBytes = 4096

// sentenceCut returns where to cut a sentence starting at s that runs past
// limit: after the last space at or before limit, else at the last rune
// boundary at or before it (one giant word), never at s itself.
func sentenceCut(text string, s, limit int) int {
	for i := limit; i > s; i-- {
		if c := text[i-1]; c == ' ' || c == '\t' {
			return i
		}
	}
	for i := limit; i > s; i-- {
		if utf8.RuneStart(text[i]) {
			return i
		}
	}
	return limit
}

// Sentences splits news text into sentences at . ! ? ؟ ؛ … and at line
// breaks (a paragraph always ends a sentence). It does not split inside
// numbers (3.5, 12.3.2020), after single-letter initials and abbreviations
// (د. أ.د. م. ص.ب. U.S. Dr. Mr.), or inside «…» “…” "…" quotes; a quote
// that ends with a terminator ends the sentence after its closing mark,
// unless a comma follows («…»، قال الوزير). Offsets are into text and Text
// is trimmed of surrounding space and invisible marks. A sentence longer
// than MaxSentenceBytes is cut into pieces at spaces.
func Sentences(text string) []Sentence {
	out, _ := sentences(text)
	return out
}

// sentences is Sentences, and whether a sentence over MaxSentenceBytes was
// cut in pieces.
func sentences(text string) (out []Sentence, cutAny bool) {
	emit := func(s, e int) {
		for e-s > MaxSentenceBytes {
			cutAny = true
			cut := sentenceCut(text, s, s+MaxSentenceBytes)
			if a, b := trimSpan(text, s, cut); a < b {
				out = append(out, Sentence{Start: a, End: b, Text: text[a:b]})
			}
			s = cut
		}
		s, e = trimSpan(text, s, e)
		if s < e {
			out = append(out, Sentence{Start: s, End: e, Text: text[s:e]})
		}
	}
	segStart := 0
	depth := 0         // «» and “” nesting
	asciiOpen := false // inside "…"
	lastSig := rune(0) // last non-space rune, to see if a quote closed on a terminator
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		next := i + n
		switch {
		case r == '\n' || r == '\u2029':
			emit(segStart, i)
			segStart, depth, asciiOpen = next, 0, false
		case r == '«' || r == '“':
			depth++
		case r == '»' || r == '”' || (r == '"' && asciiOpen):
			if r == '"' {
				asciiOpen = false
			} else if depth > 0 {
				depth--
			}
			if depth == 0 && !asciiOpen && isTerminator(lastSig) {
				j := skipClosers(text, next)
				if !commaFollows(text, j) {
					emit(segStart, j)
					segStart = j
					next = j
				}
			}
		case r == '"':
			asciiOpen = true
		case isTerminator(r) && depth == 0 && !asciiOpen:
			if r == '.' && !isSentenceDot(text, i) {
				break
			}
			j := skipClosers(text, next)
			emit(segStart, j)
			segStart = j
			next = j
		}
		if !unicode.IsSpace(r) && !isInvisible(r) {
			lastSig = r
		}
		i = next
	}
	emit(segStart, len(text))
	return out, cutAny
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '؛', '…':
		return true
	}
	return false
}

// skipClosers extends a sentence end over further terminators (?! ...) and
// closing brackets and quotes that belong to it.
func skipClosers(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isTerminator(r) || r == ')' || r == ']' || r == '»' || r == '”' {
			i += n
			continue
		}
		break
	}
	return i
}

// commaFollows reports whether the next visible rune after i is a comma,
// so a quotation closed on a full stop is still mid-sentence.
func commaFollows(text string, i int) bool {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			return false
		}
		if unicode.IsSpace(r) || isInvisible(r) {
			i += n
			continue
		}
		return r == ',' || r == '،'
	}
	return false
}

// isSentenceDot decides whether the full stop at text[i] ends a sentence.
func isSentenceDot(text string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	if unicode.IsDigit(prev) && unicode.IsDigit(next) {
		return false // 3.5, 12.3.2020
	}
	if next != utf8.RuneError && (unicode.IsDigit(next) || (unicode.IsLetter(next) && !isArabicLetter(next))) {
		return false // example.com, e.g, a dot glued to the next Latin word
	}
	// The word before the dot.
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		j -= n
	}
	word := text[j:i]
	if word == "" {
		return true
	}
	if utf8.RuneCountInString(word) == 1 {
		return false // an initial or an Arabic abbreviation: د. م. ص.ب.
	}
	return !latinAbbrevs()[word] // lexicon/abbreviations.tsv
}

// trimSpan narrows [s,e) past surrounding space, control and invisible runes.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !(unicode.IsSpace(r) || isInvisible(r) || unicode.IsControl(r)) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !(unicode.IsSpace(r) || isInvisible(r) || unicode.IsControl(r)) {
			break
		}
		e -= n
	}
	return s, e
}
