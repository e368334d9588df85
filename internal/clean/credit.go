package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// agencies maps the spellings of a credit, in creditKey form, to the one
// name taqrir records for it. Arabic outlets abbreviate agencies with
// spaced or dotted initials ("أ ف ب", "أ.ف.ب"), and creditKey removes both,
// so "افب" covers every spacing. The list is ours, built from how Arabic
// news sites credit wire copy and photos.
var agencies = map[string]string{}

func init() {
	for name, spellings := range map[string][]string{
		"فرانس برس":   {"فرانس برس", "وكالة فرانس برس", "أ ف ب", "الفرنسية", "AFP"},
		"رويترز":      {"رويترز", "وكالة رويترز", "Reuters"},
		"أسوشيتد برس": {"أسوشيتد برس", "أسوشييتد برس", "أسوشيتيد برس", "الأسوشيتد برس", "أ ب", "AP", "Associated Press"},
		"د ب أ":       {"د ب أ", "الألمانية", "وكالة الأنباء الألمانية", "DPA"},
		"الأناضول":    {"الأناضول", "وكالة الأناضول", "Anadolu"},
		"وام":         {"وام", "WAM"},
		"واس":         {"واس", "SPA"},
		"قنا":         {"قنا", "QNA"},
		"كونا":        {"كونا", "KUNA"},
		"سانا":        {"سانا", "SANA"},
		"أ ش أ":       {"أ ش أ", "MENA"},
		"شينخوا":      {"شينخوا", "Xinhua"},
		"بترا":        {"بترا", "Petra"},
		"وفا":         {"وفا", "WAFA"},
		"إرنا":        {"إرنا", "IRNA"},
		"الأوروبية":   {"الأوروبية", "إي بي إيه", "EPA"},
		"غيتي":        {"غيتي", "جيتي", "غيتي إيمجز", "جيتي إيمجز", "Getty Images", "Getty"},
		"الجزيرة":     {"الجزيرة"},
	} {
		for _, s := range spellings {
			agencies[creditKey(s)] = name
		}
	}
}

// creditDecorations are words that share the parentheses with an agency
// name without being one: "(صورة: رويترز)", "(أ ف ب - أرشيفية)".
var creditDecorations = map[string]bool{}

func init() {
	for _, s := range []string{"صورة", "الصورة", "صور", "تصوير", "أرشيف", "أرشيفية", "صورة أرشيفية", "المصدر", "خاص", "photo", "file"} {
		creditDecorations[creditKey(s)] = true
	}
}

// creditKey folds a credit spelling so that spacing, dots and hamza do not
// matter: "أ.ف.ب", "أ ف ب" and "ا ف ب" all become "افب".
func creditKey(s string) string {
	f := fold(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' || r == '·' {
			return -1
		}
		return r
	}, f)
}

// maxCreditLen bounds what is looked up as a credit, so a long parenthesised
// aside in a paragraph is never scanned as one.
const maxCreditLen = 80

// parseCredit reads the inside of a credit's parentheses (or a bare credit
// in a dateline) and returns the agency names in it. It returns nil unless
// every part is an agency or a known decoration and at least one is an
// agency: "(رويترز/أرشيفية)" is a credit, "(بحسب مصادر رويترز)" is not.
func parseCredit(s string) []string {
	if len(s) == 0 || len(s) > maxCreditLen {
		return nil
	}
	var names []string
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '/', '-', '–', '—', '،', ',', '|', ':', '+', '&', '\\':
			return true
		}
		return false
	})
	for _, p := range parts {
		k := creditKey(p)
		if k == "" {
			continue
		}
		if name, ok := agencies[k]; ok {
			names = append(names, name)
			continue
		}
		if !creditDecorations[k] {
			return nil
		}
	}
	return names
}

// splitTrailingCredit splits "text (credit)" into text and the agency names
// of the credit. ok is false when s does not end in a parenthesised credit.
func splitTrailingCredit(s string) (text string, names []string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return s, nil, false
	}
	open := strings.LastIndexByte(s, '(')
	if open < 0 || len(s)-open > maxCreditLen+2 {
		return s, nil, false
	}
	names = parseCredit(s[open+1 : len(s)-1])
	if names == nil {
		return s, nil, false
	}
	return strings.TrimSpace(s[:open]), names, true
}

// datelineSeparator reports the marks that end a dateline's place and
// credit: "القاهرة - (رويترز) - قال", "بيروت - أ ف ب: ...".
func datelineSeparator(r rune) bool {
	return r == '-' || r == '–' || r == '—' || r == ':'
}

// maxDatelineWords bounds the place (and date) before a dateline credit:
// "واشنطن، 12 مارس (رويترز) -" has three words; a sentence has more.
const maxDatelineWords = 6

// datelineCredits returns the agency credit of a dateline that opens p, as
// in "القاهرة - (رويترز) - قال ..." or "بيروت - أ ف ب: ...". The text is
// not changed: the dateline belongs to the article.
func datelineCredits(p string) []string {
	head := p
	if len(head) > 200 {
		head = head[:200] // byte cut is safe: only ASCII marks are searched
	}
	// Form 1: a parenthesised credit after a short place.
	if open := strings.IndexByte(head, '('); open > 0 {
		before := head[:open]
		if end := strings.IndexByte(head[open:], ')'); end > 0 &&
			wordCount(before, maxDatelineWords) <= maxDatelineWords && !strings.ContainsAny(before, ".!؟?") {
			after := strings.TrimLeft(head[open+end+1:], " ")
			if r, _ := utf8.DecodeRuneInString(after); datelineSeparator(r) {
				if names := parseCredit(head[open+1 : open+end]); names != nil {
					return names
				}
			}
		}
	}
	// Form 2: a bare credit between two separators: "بيروت - أ ف ب: ...".
	a := strings.IndexFunc(head, datelineSeparator)
	if a <= 0 {
		return nil
	}
	place := head[:a]
	if n := wordCount(place, maxDatelineWords); n == 0 || n > maxDatelineWords || strings.ContainsAny(place, ".!؟?") {
		return nil
	}
	rest := head[a:]
	rest = strings.TrimLeftFunc(rest, func(r rune) bool { return datelineSeparator(r) || r == ' ' })
	b := strings.IndexFunc(rest, datelineSeparator)
	if b <= 0 || b > maxCreditLen {
		return nil
	}
	cand := strings.TrimSpace(rest[:b])
	cand = strings.TrimSuffix(strings.TrimPrefix(cand, "("), ")")
	return parseCredit(cand)
}

// signoffCredits returns the credit that closes a paragraph after its last
// sentence, "... ستستمر. (رويترز)". The paragraph keeps it.
func signoffCredits(p string) []string {
	text, names, ok := splitTrailingCredit(p)
	if !ok || text == "" || !sentenceEnd(lastRune(text)) {
		return nil
	}
	return names
}
