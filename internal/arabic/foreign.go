package arabic

import (
	"unicode/utf8"
)

// Transliterated foreign names have no fixed Arabic spelling: a vowel may or
// may not be written as a long letter (زيلينسكي/زيلنسكي، ديفيس/ديفس), and
// a foreign consonant Arabic lacks is written with whichever neighbour the
// writer hears (g as غ or ج, s/z as س ز ص, t as ت or ط). Folding those
// differences away in ordinary Arabic words would merge roots (كبير/كبر،
// صيف/سيف), so the fold applies only to a stem that carries evidence of
// not being Arabic at all:
//
//   - two labials side by side inside the word (مب، بم، فم، مف، بف، فب):
//     Arabic roots avoid adjacent consonants of one place of articulation
//     (the OCP restriction Greenberg described), and no pattern puts them
//     together except م before the root at the start (مبادرة), so
//     سيمبسون، ديسمبر، أولمبي are borrowings;
//   - the Slavic ending -ski written سك(ي) after a consonant (زيلنسكي،
//     دوستويفسكي), never an Arabic ending (تماسك and تمسك have ا or م
//     before it);
//   - a long و or ي right after the first letter followed by one consonant
//     and another long vowel (ديفيس، بيلوسي، غوتيريش، روبيو): Arabic has
//     that shape only with a weak first root letter after the prefixes م،
//     ت and ا (موضوع، ميدان، توقيع، تيسير، إيجاب، إيمان), which are left
//     alone unless they carry a third long vowel.
//
// The fold (foreignFold) then keeps the first letter, drops the long
// vowels inside the word, and maps each group of letters writers swap for
// one foreign sound to one letter.

// looksForeign reports whether a folded stem is likely a transliterated
// foreign word by the criteria above.
func looksForeign(stem string) bool {
	var buf [24]rune
	r := buf[:0]
	for _, c := range stem {
		if len(r) == len(buf) {
			return false
		}
		if c < 0x0621 || c > 0x064A {
			return false // not a folded Arabic word
		}
		r = append(r, c)
	}
	n := len(r)
	if n < 4 {
		return false
	}
	for i := 1; i+1 < n; i++ {
		if isLabial(r[i]) && isLabial(r[i+1]) && r[i] != r[i+1] {
			return true
		}
	}
	if n >= 5 && r[n-2] == 'س' && r[n-1] == kaf && r[n-3] != alef && r[n-3] != 'م' && !isLong(r[n-3]) {
		return true
	}
	if n >= 5 && (r[1] == waw || r[1] == yeh) && !isLong(r[2]) && r[2] != hamza && isLong(r[3]) {
		if n == 5 && r[3] == alef && r[4] == 'ن' {
			// فَعَلان of a hollow root, or a plural of that shape: the و/ي
			// is a root consonant (طيران، دوران، نيران، جيران), not a vowel.
			return false
		}
		if r[0] != 'م' && r[0] != teh && r[0] != alef {
			return true
		}
		long := 0
		for _, c := range r[1:] {
			if isLong(c) {
				long++
			}
		}
		return long >= 3
	}
	return false
}

func isLabial(r rune) bool { return r == beh || r == feh || r == 'م' }

func isLong(r rune) bool { return r == alef || r == waw || r == yeh }

// foreignFold returns the spelling-independent key of a stem that
// looksForeign: the first letter (itself mapped), then the consonants with
// long vowels dropped and each swap group mapped to one letter, doubled
// letters written once.
func foreignFold(stem string) string {
	b := make([]byte, 0, len(stem))
	first := true
	var prev rune
	for i, c := range stem {
		last := i+utf8.RuneLen(c) == len(stem)
		if !first && !last && (isLong(c) || c == hamza) {
			continue
		}
		c = foreignSound(c, last)
		if c == prev {
			continue
		}
		b = utf8.AppendRune(b, c)
		prev = c
		first = false
	}
	return string(b)
}

// foreignSound maps letters that transliterations of one foreign sound use
// interchangeably: g (غ ج), k/q (ك ق), t (ت ط), s (س ص ث), z (ز ذ ظ), d (د
// ض); at the end of a word s and z and sh alternate too (ديفيس/ديفيز،
// غوتيريش/غوتيريس).
func foreignSound(c rune, last bool) rune {
	switch c {
	case 'غ':
		return 'ج'
	case 'ق':
		return kaf
	case 'ط':
		return teh
	case 'ص', 'ث':
		return 'س'
	case 'ذ', 'ظ':
		if last {
			return 'س'
		}
		return 'ز'
	case 'ض':
		return 'د'
	case 'ز', 'ش':
		if last {
			return 'س'
		}
	}
	return c
}
