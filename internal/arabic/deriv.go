package arabic

import "strings"

// DerivKey returns a second key for a word whose Key is key: the key it
// shares with related forms no affix rule reaches, or "" when there is
// none. It links a derived verb to its verbal noun (masdar) and
// participle, a broken plural of lexicon/plurals.tsv to its singular (مدن →
// مدينة), and a number word of lexicon/numbers.tsv to its digits (خمسة → 5). It is
// meant for an alternative term stacked on the word, never for the word's
// own key: the verb shapes below are guesses from the letters, and a noun
// that only looks like one gets a key nobody else has or, rarely, a false
// link, which a stacked term can afford and a main key cannot.
//
// key is a Key result (folded, stemmed). Each verb shape maps to the
// past-tense stem of its form:
//
//	استفعال، يستفعل، مستفعل → استفعل  (X: استخدام، يستخدم → استخدم)
//	افتعال، انفعال → افتعل، انفعل     (VIII, VII: اعتراض، انسحاب)
//	يفتعل، مفتعل → افتعل              (VIII: يعترض، معترض → اعترض)
//	تفعيل، يفعل → فعل                 (II, I: تسجيل، يسجل → سجل)
//	فعت → فعى                         (feminine past of a verb in ى: غنت، أدت)
//
// Shapes tried on the dev split of XQuAD-R and left out because they cost
// more than they linked, or nothing: إفعال → أفعل (the broken plural أفعال
// then meets the elative أفعل: أعمار، أكبر), the hollow فاعل/فال → فعل (عام،
// دار meet عوم، دور), the imperfects of forms V and VII (يتفعل، ينفعل), a
// four-letter word after ت or ن (نهاية، تجار are more often nouns), مفعل
// → فعل (مكتب is not كتب), فعيل → فعل, and the elative أفعل → فعيل.
func DerivKey(key string) string {
	loadTables()
	if s, ok := singularKey[key]; ok {
		return s
	}
	if s, ok := digitKey[key]; ok {
		return s
	}
	// A key of Arabic letters is two bytes a letter (lead byte D8 or D9);
	// digits, Latin and mixed keys have no Arabic pattern.
	n := len(key) / 2
	if n < 3 || n > 7 || len(key)%2 != 0 {
		return ""
	}
	for i := 0; i < len(key); i += 2 {
		if key[i] < 0xD8 || key[i] > 0xD9 {
			return ""
		}
	}
	at := func(i int) string { return key[2*i : 2*i+2] }
	prefix := func() bool { // an imperfect prefix or the participle's م
		switch at(0) {
		case "ي", "ت", "ن", "م":
			return true
		}
		return false
	}
	long := func(i int) bool { // a long vowel or weak letter
		switch at(i) {
		case "ا", "و", "ي":
			return true
		}
		return false
	}
	switch n {
	case 3:
		if at(2) == "ت" && !long(1) {
			return key[:4] + "ي" // غنت، أدت → غنى، أدى
		}
	case 7:
		if strings.HasPrefix(key, "است") && at(5) == "ا" {
			return key[:10] + key[12:] // استخدام → استخدم
		}
	case 6:
		if prefix() && key[2:6] == "ست" {
			return "ا" + key[2:] // يستخدم، مستخدم → استخدم
		}
		if at(0) == "ا" && at(4) == "ا" {
			return key[:8] + key[10:] // اعتراض → اعترض
		}
	case 5:
		switch {
		case prefix() && at(2) == "ت" && at(1) != "ت":
			return "ا" + key[2:] // يعترض، معترض → اعترض
		case at(0) == "ت" && at(3) == "ي":
			return key[2:6] + key[8:] // تسجيل → سجل
		}
	case 4:
		if at(0) == "ي" {
			return key[2:] // يسجل، يلعب → سجل، لعب
		}
	}
	return ""
}

// digitKey maps the key of each number word of lexicon/numbers.tsv to its
// digits.
var digitKey map[string]string

// buildDigitKeys fills digitKey from the number groups: digits or "-"
// first, then the words.
func buildDigitKeys(numbers [][]string) {
	for _, words := range numbers {
		if len(words) < 2 || words[0] == "-" {
			continue
		}
		for _, w := range words[1:] {
			if _, k, _ := analyzeWord(w); k != "" {
				if _, ok := digitKey[k]; !ok {
					digitKey[k] = words[0]
				}
			}
		}
	}
}

// singularKey maps the key of each broken plural of lexicon/plurals.tsv to
// the key of its singular, where they differ.
var singularKey map[string]string

// buildSingularKeys fills singularKey from the plural groups: the singular
// first, then its plurals.
func buildSingularKeys(plurals [][]string) {
	for _, words := range plurals {
		if len(words) < 2 {
			continue
		}
		_, sk, _ := analyzeWord(words[0])
		for _, w := range words[1:] {
			if _, pk, _ := analyzeWord(w); pk != sk && pk != "" {
				if _, ok := singularKey[pk]; !ok {
					singularKey[pk] = sk
				}
			}
		}
	}
}
