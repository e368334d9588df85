package arabic

import (
	"strings"
	"unicode/utf8"
)

// skelEntry is an alias key reached by skeleton, with the lengths in
// letters of the alias forms that have that skeleton: a stem may differ
// from them by one long vowel (ترمب/ترامب, أمريك/أميريك), not by several
// (أريادن is not أردن).
type skelEntry struct {
	key            string
	minLen, maxLen int
}

// entry is what the lexicon knows about a folded word form.
type entry struct {
	stem string // the stem this form has
	key  string // the index key (the alias key for names and countries)
	stop bool
}

// The lexicon tables, built from the word lists of lexicon/*.tsv by
// loadTables on first use and read-only after.
var (
	lexicon  map[string]*entry    // exact forms; with their suffixed forms, see knownEntry
	skeleton map[string]skelEntry // consonant skeleton of an alias form → alias key
	skelEnds [1 << 12]bool        // endsIndex of every skeleton: a cheap first test
	synonyms map[string][]string
)

// buildLexicon (re)builds every lexicon table from w. Stopwords come
// first, then aliases, protected words and number words: a form listed
// twice keeps the first analysis it got.
func buildLexicon(lists *wordLists) {
	lexicon = map[string]*entry{}
	resetKnown()
	skeleton = map[string]skelEntry{}
	skelEnds = [1 << 12]bool{}
	synonyms = map[string][]string{}
	singularKey = map[string]string{}
	digitKey = map[string]string{}
	for _, w := range lists.stopwords {
		f := Fold(w)
		lexicon[f] = &entry{stem: f, key: f, stop: true}
	}
	ambiguous := map[string]bool{}
	for _, words := range lists.aliases {
		key := Fold(words[0])
		for _, w := range words {
			f := Fold(w)
			if _, ok := lexicon[f]; !ok {
				stem := f
				if strings.HasPrefix(f, "ال") && !strings.HasPrefix(key, "ال") {
					stem = key // العراق: the article is not part of the stem
				}
				lexicon[f] = &entry{stem: stem, key: key}
			}
			if strings.HasPrefix(f, "ال") && !strings.HasPrefix(key, "ال") {
				f = f[len("ال"):] // skeletons are matched against stems, which have no article
			}
			forms := []string{f}
			// The stem of a nisba or an -ا name (أمريكي، أمريكا → أمريك) is
			// what the stemmer leaves of an unlisted inflection; other
			// names lose root letters to the suffix rules (الأرجنتين →
			// أرجن) and would make skeletons that match ordinary words.
			if strings.HasSuffix(f, "ي") || strings.HasSuffix(f, "ا") {
				forms = append(forms, stripSuffixes(f))
			}
			for _, form := range forms {
				s := skel(form)
				if letters(s) < 4 {
					continue
				}
				if k, ok := skeleton[s]; ok && k.key != key {
					ambiguous[s] = true
				}
				n := letters(form)
				k := skeleton[s]
				if k.key == "" {
					k = skelEntry{key: key, minLen: n, maxLen: n}
				}
				k.minLen, k.maxLen = min(k.minLen, n), max(k.maxLen, n)
				skeleton[s] = k
				skelEnds[endsIndex(s)] = true
			}
		}
	}
	for s := range ambiguous {
		delete(skeleton, s)
	}
	for _, words := range lists.protected {
		stem := Fold(words[0])
		for _, w := range words {
			f := Fold(w)
			if _, ok := lexicon[f]; !ok {
				lexicon[f] = &entry{stem: stem, key: stem}
			}
		}
	}
	for _, words := range lists.numbers {
		stem := Fold(words[1])
		for _, w := range words[1:] {
			f := Fold(w)
			if _, ok := lexicon[f]; !ok {
				lexicon[f] = &entry{stem: stem, key: stem}
			}
		}
	}
	buildSingularKeys(lists.plurals)
	buildDigitKeys(lists.numbers)
	for _, words := range lists.synonyms {
		keys := make([]string, 0, len(words))
		for _, w := range words {
			_, k, _ := analyzeWord(w)
			if !contains(keys, k) {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			for _, o := range keys {
				if o != k && !contains(synonyms[k], o) {
					synonyms[k] = append(synonyms[k], o)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func lookup(w string) *entry {
	return lexicon[w]
}

// skel is the consonant skeleton used to match unlisted spellings of
// foreign names against the alias table: the first and last letters kept,
// the long vowels ا و ي and hamza dropped in between. It unifies
// أميركا/أمريكا (ير/ري) and ترمب/ترامب (inserted long vowels). It is only
// compared with alias skeletons of at least four letters, for stems within
// one letter of the alias forms, and never used as a key for ordinary
// words, so كبير and كبر do not meet through it.
func skel(w string) string {
	var buf [64]byte
	return string(appendSkel(buf[:0], w))
}

// skeletonKey returns the alias key whose skeleton w has, if the skeleton
// is long enough to trust; it does not allocate.
func skeletonKey(w string) (string, bool) {
	if letters(w) < 4 || !skelEnds[endsIndex(w)] {
		return "", false
	}
	var buf [64]byte
	s := appendSkel(buf[:0], w)
	if len(s) < 8 { // four two-byte letters
		return "", false
	}
	k, ok := skeleton[string(s)]
	if !ok {
		return "", false
	}
	if n := letters(w); n < k.minLen-1 || n > k.maxLen+1 {
		return "", false
	}
	return k.key, true
}

func appendSkel(dst []byte, w string) []byte {
	if letters(w) < 3 {
		return append(dst, w...)
	}
	first, n1 := utf8.DecodeRuneInString(w)
	last, n2 := utf8.DecodeLastRuneInString(w)
	if n1+n2 > len(w) {
		return append(dst, w...)
	}
	dst = utf8.AppendRune(dst, first)
	for _, r := range w[n1 : len(w)-n2] {
		switch r {
		case alef, waw, yeh, hamza:
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return utf8.AppendRune(dst, last)
}

// endsIndex combines the last bytes of the first and last letters of w (a
// skeleton keeps both), to reject most words before building a skeleton.
func endsIndex(w string) int {
	if len(w) < 2 {
		return 0
	}
	return int(w[1]&0x3F)<<6 | int(w[len(w)-1]&0x3F)
}
