package arabic

import "strconv"

// Noun is a countable Arabic noun in the forms a number governs: One
// after 1 and after a round hundred or more (1 مقال، 100 مقال، 101 مقال),
// Two after 2 (2 مقالان: the dual), Few after 3 to 10 (the plural, 3
// مقالات) and Many after 11 to 99 (the singular in the accusative with
// tanween, 11 مقالاً). The rule goes by n mod 100, as numerals are read.
type Noun struct {
	One, Two, Few, Many string
}

// Nouns a report and the command line count.
var (
	NounArticle  = Noun{"مقال", "مقالان", "مقالات", "مقالاً"}
	NounMention  = Noun{"إشارة", "إشارتان", "إشارات", "إشارةً"}
	NounSource   = Noun{"مصدر", "مصدران", "مصادر", "مصدراً"}
	NounCopy     = Noun{"نسخة", "نسختان", "نسخ", "نسخةً"}
	NounOutlet   = Noun{"وسيلة", "وسيلتان", "وسائل", "وسيلةً"}
	NounEvent    = Noun{"حدث", "حدثان", "أحداث", "حدثاً"}
	NounItem     = Noun{"بند", "بندان", "بنود", "بنداً"}
	NounSentence = Noun{"جملة", "جملتان", "جمل", "جملةً"}
)

// Form returns the form of the noun that follows the number n.
func (w Noun) Form(n int) string {
	if n < 0 {
		n = -n
	}
	switch m := n % 100; {
	case m == 2:
		return w.Two
	case m >= 3 && m <= 10:
		return w.Few
	case m >= 11:
		return w.Many
	}
	return w.One
}

// Count writes n in digits followed by the noun in the form n governs:
// Count(2, NounCopy) is "2 نسختان", Count(11, NounArticle) "11 مقالاً".
func Count(n int, w Noun) string {
	return strconv.Itoa(n) + " " + w.Form(n)
}

// CountEnglish writes n and an English noun in the number n takes, for
// what taqrir prints in English: 1 contradiction, 2 contradictions (many
// is the plural, "" for one+"s"). Count is the Arabic rule; both live here
// so every printed count goes through one file.
func CountEnglish(n int, one, many string) string {
	if many == "" {
		many = one + "s"
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
