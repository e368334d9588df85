package resolve

import (
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// GenericBody reports a name made of a generic body or institution and
// adjectives that say only what kind it is (القوات المسلحة، القوات
// الخاصة، البنك المركزي، الوكالة الوطنية): the name does not say whose
// body it is. A bare generic noun (الجيش) is one too.
func GenericBody(name string) bool {
	loadLexicon()
	words := strings.Fields(arabic.Fold(name))
	if len(words) == 0 {
		return false
	}
	head, ok := strings.CutPrefix(words[0], "ال")
	if !ok {
		return false // قوات سوريا الديمقراطية names whose
	}
	if !genericBodies[head] && !orgHeads[head] {
		return false
	}
	for _, w := range words[1:] {
		if !genericQuals[w] {
			return false
		}
	}
	return len(words) > 1 || genericBodies[head]
}

// IsPlatform reports a social platform or messaging service (تويتر،
// فيسبوك): where something was posted, the medium, not an actor.
func IsPlatform(name string) bool {
	loadLexicon()
	f := arabic.Fold(strings.Join(strings.Fields(name), ""))
	for _, p := range []string{"", "ال"} {
		if rest, ok := strings.CutPrefix(f, p); ok && platforms[rest] {
			return true
		}
	}
	return false
}

// WithoutGlue returns an organisation's name without the words the tagger
// glued to its end that say how it stands to another (شركة أوتوستراد
// التابعة → شركة أوتوستراد); ok is false when nothing is glued or nothing
// would remain.
func WithoutGlue(name string) (rest string, ok bool) {
	loadLexicon()
	words := strings.Fields(name)
	n := len(words)
	for n > 1 && glueWords[arabic.Fold(words[n-1])] {
		n--
	}
	if n == len(words) || n == 0 {
		return "", false
	}
	return strings.Join(words[:n], " "), true
}

// WithoutCountryAdjective returns a place's name without the country's
// adjective that follows it (جنوة الإيطالية → جنوة، مدينة نيس الفرنسية →
// مدينة نيس), with the country; ok is false when the name does not end
// with one, or is nothing else.
func WithoutCountryAdjective(name string) (rest, country string, ok bool) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return "", "", false
	}
	last := words[len(words)-1]
	if !strings.HasPrefix(arabic.Fold(last), "ال") {
		return "", "", false // كوريا الشمالية ends with an adjective too, but not a country's
	}
	c, isAdj := CountryOf(last)
	if !isAdj || !adjective(last) || arabic.Fold(c) == arabic.Fold(last) {
		// المملكة العربية السعودية ends with the country's own name
		return "", "", false
	}
	return strings.Join(words[:len(words)-1], " "), c, true
}

// OperationHead reports a word that stands before the name of a military
// or police operation (عملية غصن الزيتون): what follows names an
// operation, not a person, body or place.
func OperationHead(word string) bool {
	loadLexicon()
	return operationHeads[arabic.Fold(strings.Trim(word, "«»\"'()"))]
}

// IsCity reports whether name is a city the gazetteer knows (by any of its
// names): two cities are two places, where a district and its city, or a
// village the gazetteer does not know, may be one.
func IsCity(name string) bool {
	e := bestEntry(arabic.Normalize(name))
	return e != nil && e.Kind == gazetteer.City
}
