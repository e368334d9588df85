package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mixed says what Repair did to a text that was not cleanly one encoding: a
// page declared UTF-8 with a paragraph pasted from a windows-1256 document,
// or UTF-8 Arabic that went once through a legacy code page and back
// (mojibake: «ط§ظ„» or «Ø§Ù„» for «ال»). Mojibake that lost bytes on
// the way (a code page with no character for 81 gave U+FFFD) cannot be
// undone and is left as it is.
type Mixed struct {
	Legacy    int    // runs of non-UTF-8 bytes read as Arabic in a legacy code page
	LegacyEnc string // that code page (the last one used)
	Mojibake  int    // mojibake words turned back into the Arabic they were
	Replaced  int    // bytes neither UTF-8 nor Arabic in a code page: replaced by U+FFFD
}

// Note is what the user should be told, or "" when nothing was done.
func (m Mixed) Note() string {
	var parts []string
	if m.Legacy > 0 {
		parts = append(parts, fmt.Sprintf("%d passage(s) not in UTF-8 read as %s", m.Legacy, m.LegacyEnc))
	}
	if m.Mojibake > 0 {
		parts = append(parts, fmt.Sprintf("%d mojibake word(s) (UTF-8 read as a legacy code page) repaired", m.Mojibake))
	}
	if m.Replaced > 0 {
		parts = append(parts, fmt.Sprintf("%d byte(s) neither UTF-8 nor Arabic in windows-1256 or ISO-8859-6 replaced by U+FFFD: its words will not be found; check the source's encoding", m.Replaced))
	}
	if len(parts) == 0 {
		return ""
	}
	return "mixed encodings: " + strings.Join(parts, "; ")
}

// Repair reads data as UTF-8 paragraph by paragraph and repairs what is
// certain: a run of bytes that are not UTF-8 and read as Arabic in
// windows-1256 (or ISO-8859-6) is decoded so; a mojibake word that
// round-trips (its characters are the windows-1256, windows-1252 or
// Latin-1 reading of UTF-8 Arabic) is turned back. Other invalid bytes
// become U+FFFD and are counted, for a warning. The result is valid UTF-8;
// a valid text without mojibake comes back unchanged.
func Repair(data []byte) (string, Mixed) {
	var mx Mixed
	text := string(data)
	if !utf8.Valid(data) {
		text, mx = decodeMixed(data)
	}
	text, n := repairMojibake(text)
	mx.Mojibake += n
	return text, mx
}

// mixedUTF8 reports whether invalid data is UTF-8 with other bytes in it (a
// truncated file, a stray Latin-1 byte, a pasted paragraph in a legacy code
// page) rather than a legacy code page with a few accidental UTF-8 pairs:
// at least 20 valid multi-byte sequences, and at least one for every four
// invalid bytes.
func mixedUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			invalid++
			i++
			continue
		}
		valid++
		i += n
	}
	return valid >= 20 && valid*4 >= invalid
}

// decodeMixed decodes invalid UTF-8 run by run, in one pass. A run is a
// stretch from an invalid byte to the last invalid byte before the next
// valid sequence (ASCII reads the same in every code page concerned, so
// where the run ends inside it does not matter). A valid two-byte sequence
// between two invalid bytes is taken as part of the run: legacy Arabic text
// forms such pairs by chance (ا، is C7 A1, a valid UTF-8 pair).
func decodeMixed(data []byte) (string, Mixed) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	var mx Mixed
	pos := 0 // data[:pos] is written
	inRun, lastInvalid := false, false
	runStart, runEnd := 0, 0
	flush := func() {
		b.Write(data[pos:runStart])
		run := data[runStart:runEnd]
		if t, enc, ok := legacyArabic(run); ok {
			b.WriteString(t)
			mx.Legacy++
			mx.LegacyEnc = enc
		} else {
			t := strings.ToValidUTF8(string(run), "\uFFFD")
			b.WriteString(t)
			mx.Replaced += strings.Count(t, "\uFFFD") - strings.Count(string(run), "\uFFFD")
		}
		pos = runEnd
		inRun = false
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if !inRun {
				inRun, runStart = true, i
			}
			runEnd = i + 1 // a valid pair just before is now inside the run
			lastInvalid = true
			i++
			continue
		}
		if inRun {
			if n == 2 && lastInvalid {
				// Pending: in the run if an invalid byte follows it.
				lastInvalid = false
				i += n
				continue
			}
			flush()
		}
		lastInvalid = false
		i += n
	}
	if inRun {
		flush()
	}
	b.Write(data[pos:])
	out := b.String()
	if !utf8.ValidString(out) { // cannot happen, but never return bad UTF-8
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out, mx
}

// legacyArabic decodes a run of non-UTF-8 bytes in windows-1256, else
// ISO-8859-6, when the result is certainly Arabic: at least three Arabic
// letters, and nine in ten of its non-ASCII characters Arabic letters,
// marks or punctuation.
func legacyArabic(run []byte) (string, string, bool) {
	if t := decodeWith(charmap.Windows1256, run); arabicRun(t) {
		return t, encWindows256, true
	}
	if t := decodeWith(charmap.ISO8859_6, run); arabicRun(t) {
		return t, encISO88596, true
	}
	return "", "", false
}

func arabicRun(t string) bool {
	letters, high, arabic := 0, 0, 0
	for _, r := range t {
		if r < utf8.RuneSelf {
			continue
		}
		high++
		switch {
		case r == utf8.RuneError:
			return false
		case r >= 0x0621 && r <= 0x064A:
			letters++
			arabic++
		case r >= 0x0600 && r <= 0x06FF, r == 0x00A0, r == 0x200C, r == 0x200D:
			arabic++
		}
	}
	return letters >= 3 && arabic*10 >= high*9
}

// Mojibake: UTF-8 Arabic letters are two bytes, a lead D8–DB and a
// continuation 80–BF. Read in windows-1256, the leads are ط ظ ع غ; read in
// windows-1252 or Latin-1 they are Ø Ù Ú Û. A word made only of such
// characters whose bytes in that code page are valid UTF-8 Arabic was
// Arabic: it is turned back. A word of three letters or more is certain
// (real text never alternates those leads with continuation characters
// for six characters); shorter ones (و, في) are repaired only in a
// paragraph where a certain one was found.
const minCertainLetters = 3

// mojibakePages are the code pages mojibake comes through, in the order
// they are tried.
var mojibakePages = []func(rune) (byte, bool){
	func(r rune) (byte, bool) { return charmap.Windows1256.EncodeRune(r) },
	// windows-1252 as browsers read it: the five bytes it leaves undefined
	// (81 8D 8F 90 9D) become U+0081… as in Latin-1, which this covers.
	func(r rune) (byte, bool) {
		if r >= 0x80 && r <= 0x9F {
			return byte(r), true
		}
		return charmap.Windows1252.EncodeRune(r)
	},
}

// repairMojibake repairs the mojibake words of text, paragraph (line) by
// paragraph, and returns how many it repaired.
func repairMojibake(text string) (string, int) {
	if !mayHaveMojibake(text) {
		return text, 0
	}
	var b strings.Builder
	b.Grow(len(text))
	total := 0
	for rest := text; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		fixed, n := repairLine(line)
		b.WriteString(fixed)
		total += n
	}
	return b.String(), total
}

// mayHaveMojibake is the fast path: mojibake of Arabic always has one of
// the lead characters ط ظ ع غ or Ø Ù Ú Û.
func mayHaveMojibake(s string) bool {
	return strings.ContainsAny(s, "طظعغØÙÚÛ")
}

// word is a maximal run of characters that one code page maps to bytes
// 0x80 and above.
type mojiWord struct {
	start, end int
	fixed      string
	letters    int
}

func repairLine(line string) (string, int) {
	if !mayHaveMojibake(line) {
		return line, 0
	}
	var words []mojiWord
	certain := false
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if r < 0x80 {
			i += n
			continue
		}
		if !mojibakeStart(line, i, r, n) {
			// Skip the rest of the run of non-ASCII characters: a word
			// of clean Arabic costs one look at its first two letters.
			for i += n; i < len(line); {
				r2, n2 := utf8.DecodeRuneInString(line[i:])
				if r2 < 0x80 || mojibakeStart(line, i, r2, n2) {
					break
				}
				i += n2
			}
			continue
		}
		w, ok, end := mojibakeAt(line, i)
		if !ok {
			// The whole run is no mojibake (Arabic words are runs of
			// windows-1256 characters too): skip it, so a long run is
			// read once, not once per character.
			i = max(end, i+n)
			continue
		}
		if w.letters >= minCertainLetters {
			certain = true
		}
		words = append(words, w)
		i = w.end
	}
	if !certain {
		return line, 0
	}
	var b strings.Builder
	pos, n := 0, 0
	for _, w := range words {
		b.WriteString(line[pos:w.start])
		b.WriteString(w.fixed)
		pos = w.end
		n++
	}
	b.WriteString(line[pos:])
	return b.String(), n
}

// mojibakeStart reports whether the character r (n bytes) at i can open a
// mojibake word: it is what a UTF-8 lead byte reads as (ط ظ ع غ in
// windows-1256, Ø Ù Ú Û in windows-1252; â for the three-byte
// punctuation) and the next character is no letter of the Arabic alphabet
// (a continuation byte never reads as one).
func mojibakeStart(line string, i int, r rune, n int) bool {
	switch r {
	case 'ط', 'ظ', 'ع', 'غ', 'Ø', 'Ù', 'Ú', 'Û', 'â':
	default:
		return false
	}
	next, _ := utf8.DecodeRuneInString(line[i+n:])
	return next >= 0x80 && next != utf8.RuneError && (next < 0x0621 || next > 0x064A)
}

// mojibakeAt tries each code page on the run of characters at i and
// returns the first whose bytes are UTF-8 Arabic; far is the farthest any
// code page's run reached.
func mojibakeAt(line string, i int) (w mojiWord, ok bool, far int) {
	far = i
	for _, enc := range mojibakePages {
		var buf []byte
		end := i
		for end < len(line) {
			r, n := utf8.DecodeRuneInString(line[end:])
			if r < 0x80 || r == utf8.RuneError {
				break
			}
			c, ok := enc(r)
			if !ok || c < 0x80 {
				break
			}
			buf = append(buf, c)
			end += n
		}
		far = max(far, end)
		if len(buf) < 2 || !utf8.Valid(buf) {
			continue
		}
		letters, arabic := 0, true
		for _, r := range string(buf) {
			switch {
			case r >= 0x0621 && r <= 0x064A:
				letters++
			case r >= 0x0600 && r <= 0x06FF, r >= 0x2000 && r <= 0x206F, r == 0x00A0, r == 0x00AB, r == 0x00BB:
			default:
				arabic = false
			}
		}
		if arabic && letters > 0 {
			return mojiWord{start: i, end: end, fixed: string(buf), letters: letters}, true, far
		}
	}
	return mojiWord{}, false, far
}
