package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// BareHead reports whether a one-word name is only a generic noun: a kind
// of place, institution or body (سلطنة، السد، مركز، الجيش) with an
// optional article or clitic.
func BareHead(name string) bool {
	loadLexicon()
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \n") {
		return false
	}
	f := arabic.Fold(name)
	for _, p := range []string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", ""} {
		if rest, ok := strings.CutPrefix(f, p); ok && (placeHeads[rest] || orgHeads[rest] || genericBodies[rest]) {
			return true
		}
	}
	return false
}

// WithoutPlaceHead returns a place name without the word that says what
// kind of place it is (جزيرة لومبوك → لومبوك, مدينة الموصل → الموصل), so
// a report can take the two for one place; ok is false when the name does
// not open with such a word or is nothing else.
func WithoutPlaceHead(name string) (rest string, ok bool) {
	loadLexicon()
	head, rest, found := strings.Cut(strings.TrimSpace(name), " ")
	rest = strings.TrimSpace(rest)
	if !found || rest == "" {
		return "", false
	}
	f := arabic.Fold(head)
	for _, p := range []string{"وال", "بال", "ال", ""} {
		if h, ok := strings.CutPrefix(f, p); ok && placeHeads[h] {
			return rest, true
		}
	}
	return "", false
}

// Salient reports whether an entity is a name worth listing as what
// articles are about: not a phrase around a number (بنسبة 2.1), not a bare
// generic noun (سلطنة، السد، مركز), not a one-word adjective that
// resolution left without a referent (عربية، الإقليمية).
func Salient(e news.Entity) bool {
	loadLexicon()
	name := strings.TrimSpace(e.Canonical)
	if name == "" {
		name = strings.TrimSpace(e.Text)
	}
	if letters(name) < 2 || BareHead(name) {
		return false
	}
	if numberPhrase(name) {
		return false
	}
	if !strings.ContainsAny(name, " \n") && e.Type == news.EntityMisc && bestEntry(name) == nil && adjective(name) {
		return false
	}
	return true
}

// numberPhrase reports a name made of a number and the word that
// introduces it (بنسبة 2.1، بـ132): a figure the tagger took for a name.
func numberPhrase(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || strings.IndexFunc(name, unicode.IsDigit) < 0 {
		return false
	}
	first := arabic.Fold(words[0])
	for _, p := range []string{"ب", "ل", "ك"} {
		if rest, ok := strings.CutPrefix(first, p); ok && (utf8.RuneCountInString(rest) >= 3 || strings.IndexFunc(rest, unicode.IsDigit) >= 0) && bestEntry(words[0]) == nil {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	return unicode.IsDigit(r) // 2.1 بالمئة
}

// adjective reports a word with a relative adjective's ending (عربية،
// الأوروبي، خليجيون).
func adjective(word string) bool {
	f := arabic.Fold(word)
	if utf8.RuneCountInString(f) < 4 {
		return false
	}
	for _, suf := range []string{"يه", "ي", "يون", "يين", "يات"} {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}
