package report

import (
	"strings"
	"unicode"

	"github.com/taqrir/taqrir/internal/arabic"
)

// A report is asked for in words: «تقرير عن مباحثات العراق وامريكا»,
// «ماذا قال الوزير عن الاتفاق؟», «آخر أخبار الفيضانات». The words that only
// frame the request are not part of the topic: a search that required
// تقرير in every article would read one article instead of the coverage.
// RequestTopic takes them off; search itself keeps every word the user
// typed.

// Request framing, compared by arabic.Fold. verbs frame a request wherever
// they open it; nouns frame it only when a preposition or another framing
// word follows («تقرير عن X», not «تقرير المخابرات»), except the always
// framing ones; preps are dropped right after a framing word.
var (
	framingOpeners = foldedPhrases(`ماذا قال|ماذا قالت|ماذا يقول|ماذا تقول|ماذا قالوا|ماذا حدث في|ماذا يحدث في|ما الذي حدث في|ما هي|ما هو|ما الذي|ما آخر|ما اخر|ما جديد|أريد|اريد|أعطني|اعطني|أعطنا|اعرض|اعرض لي|اكتب|لخص|لخّص|ابحث عن|أخبرني عن|اخبرني عن|حدثني عن|كل شيء عن|كل ما يتعلق ب`)
	framingNouns   = foldedPhrases(`تقرير|تقريرا|تقريراً|ملخص|ملخصا|خلاصة|معلومات|موجز|نبذة`)
	framingAlways  = foldedPhrases(`آخر أخبار|اخر اخبار|آخر الأخبار|اخر الاخبار|آخر المستجدات|آخر التطورات|أحدث أخبار|مستجدات|تطورات|أخبار|اخبار|آخر|اخر`)
	framingPreps   = foldedPhrases(`عن|حول|بشأن|بشان|حيال|في|على|ل`)
)

func foldedPhrases(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, "|") {
		var words []string
		for _, w := range strings.Fields(p) {
			words = append(words, arabic.Fold(w))
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

// RequestTopic returns the topic a report request asks about and the words
// it dropped as framing, in order. A query written in the search syntax
// (quotes, -exclusions, OR, a trailing *) is returned as it is: its author
// chose every word.
func RequestTopic(q string) (topic string, dropped []string) {
	q = strings.TrimSpace(q)
	if q == "" || strings.ContainsAny(q, `"«»*|`) || strings.Contains(q, " OR ") || strings.HasPrefix(q, "-") || strings.Contains(q, " -") {
		return q, nil
	}
	words := strings.Fields(strings.TrimRightFunc(q, func(r rune) bool { return r == '؟' || r == '?' || r == '.' || unicode.IsSpace(r) }))
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = arabic.Fold(strings.Trim(w, "،,:؛;"))
	}
	i := 0
	framed := false
	for i < len(words) {
		if n := prefixMatch(folded[i:], framingOpeners); n > 0 {
			dropped, i, framed = append(dropped, words[i:i+n]...), i+n, true
			continue
		}
		if n := prefixMatch(folded[i:], framingAlways); n > 0 && i+n < len(words) {
			dropped, i, framed = append(dropped, words[i:i+n]...), i+n, true
			continue
		}
		if n := prefixMatch(folded[i:], framingNouns); n > 0 && i+n < len(words) &&
			(prefixMatch(folded[i+n:], framingPreps) > 0 || prefixMatch(folded[i+n:], framingAlways) > 0) {
			dropped, i, framed = append(dropped, words[i:i+n]...), i+n, true
			continue
		}
		if n := prefixMatch(folded[i:], framingPreps); framed && n > 0 && i+n < len(words) {
			dropped, i = append(dropped, words[i:i+n]...), i+n
			continue
		}
		break
	}
	if i == len(words) {
		return q, nil // all framing: nothing else to search for, keep what was typed
	}
	return strings.Join(words[i:], " "), dropped
}

// prefixMatch returns the length of the longest phrase that words open with.
func prefixMatch(words []string, phrases [][]string) int {
	best := 0
	for _, p := range phrases {
		if len(p) <= best || len(p) > len(words) {
			continue
		}
		ok := true
		for j, w := range p {
			if words[j] != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(p)
		}
	}
	return best
}
