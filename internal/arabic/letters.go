package arabic

import "unicode"

// Arabic code points the package treats specially, named so the folding
// rules read as Arabic rather than as hex.
const (
	hamza            = '\u0621' // ء
	alefMadda        = '\u0622' // آ
	alefHamzaAbove   = '\u0623' // أ
	wawHamza         = '\u0624' // ؤ
	alefHamzaBelow   = '\u0625' // إ
	yehHamza         = '\u0626' // ئ
	alef             = '\u0627' // ا
	tehMarbuta       = '\u0629' // ة
	teh              = '\u062A' // ت
	tatweel          = '\u0640' // ـ
	heh              = '\u0647' // ه
	waw              = '\u0648' // و
	alefMaksura      = '\u0649' // ى
	yeh              = '\u064A' // ي
	superscriptAlef  = '\u0670' // ٰ (a mark, removed with the harakat)
	alefWasla        = '\u0671' // ٱ
	peh              = '\u067E' // پ, Persian P in transliterated names
	veh              = '\u06A4' // ڤ, V in transliterated names
	keheh            = '\u06A9' // ک, Persian kaf from Persian keyboards
	farsiYeh         = '\u06CC' // ی, Persian yeh from Persian keyboards
	hehGoal          = '\u06C1' // ہ
	hehYehAbove      = '\u06C0' // ۀ
	tehMarbutaGoal   = '\u06C3' // ۃ
	ae               = '\u06D5' // ە
	kaf              = '\u0643' // ك
	feh              = '\u0641' // ف
	beh              = '\u0628' // ب
	arabicDecimalSep = '\u066B' // ٫
	arabicThousands  = '\u066C' // ٬
	arabicLetterMark = '\u061C' // ALM, a bidi control
	zwnj             = '\u200C'
	zwj              = '\u200D'
	bom              = '\uFEFF'
)

// arabicMark[r-0x0600] reports whether r is a non-spacing mark (category Mn)
// in the Arabic, Arabic Supplement and Arabic Extended blocks: harakat,
// shadda, sukun, superscript alef and the Quranic annotation signs; or a
// format character there (Cf: the number signs U+0600..U+0605 and the end
// of ayah ۝), which only decorates the text around it. It is computed from
// the Unicode tables rather than typed by hand so a new Unicode version
// brings new marks with it.
var arabicMark = func() (t [0x0900 - 0x0600]bool) {
	for r := rune(0x0600); r < 0x0900; r++ {
		t[r-0x0600] = unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r)
	}
	return t
}()

// isArabicMark reports whether r is a removable Arabic mark.
func isArabicMark(r rune) bool {
	if r >= 0x0600 && r < 0x0900 {
		return arabicMark[r-0x0600]
	}
	// Marks encoded in the presentation-form blocks (e.g. U+FE20 ranges are
	// generic combining half marks, not Arabic) are handled by NFKC.
	return false
}

// isPresentationForm reports whether r is an Arabic presentation form
// (ligatures and contextual shapes from legacy encodings, e.g. ﻻ ﺑ), which
// NFKC maps back to ordinary letters.
func isPresentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC)
}

// isInvisible reports whether r is a zero-width or bidi control that must
// vanish from normalised text and never start or end a token: ZWNJ, ZWJ,
// LRM, RLM, ALM, the bidi embeddings and isolates, word joiner, BOM and the
// soft hyphen.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2069, r == bom, r == arabicLetterMark, r == 0x00AD:
		return true
	}
	return false
}

// digitValue returns the ASCII digit for an Arabic-Indic or Persian digit.
func digitValue(r rune) (byte, bool) {
	switch {
	case r >= '\u0660' && r <= '\u0669':
		return byte('0' + r - '\u0660'), true
	case r >= '\u06F0' && r <= '\u06F9':
		return byte('0' + r - '\u06F0'), true
	}
	return 0, false
}

// isArabicLetter reports whether r is a letter of the Arabic script
// (tatweel included: it only stretches a word, never separates one).
func isArabicLetter(r rune) bool {
	if r >= 0x0621 && r <= 0x064A {
		return true
	}
	if r < 0x0600 {
		return false
	}
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// foldRune maps a normalised rune to its match form: the hamza-seated alef
// forms to bare alef, alef maksura to yeh, teh marbuta to heh, hamza on
// waw/yeh to the seat letter, Persian-keyboard letters to their Arabic
// twins, and Latin to lower case. Hamza alone (ء) is kept: dropping it would
// merge ماء with the stopword ما and بدء with بد.
func foldRune(r rune) rune {
	switch r {
	case alefMadda, alefHamzaAbove, alefHamzaBelow, alefWasla:
		return alef
	case alefMaksura, yehHamza, farsiYeh:
		return yeh
	case tehMarbuta, hehGoal, hehYehAbove, tehMarbutaGoal, ae:
		return heh
	case wawHamza:
		return waw
	case keheh:
		return kaf
	case veh:
		return feh
	case peh:
		return beh
	}
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0x0600 && r < 0x0700 {
		return r
	}
	return unicode.ToLower(r)
}
