package extract

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/taqrir/taqrir/internal/source"
)

// Canonical (WHATWG) names of the encodings detection chooses between.
const (
	encUTF8       = "utf-8"
	encWindows256 = "windows-1256"
	encISO88596   = "iso-8859-6"
	encWindows252 = "windows-1252"
)

// decodePage returns the page as UTF-8 and the name of the encoding it was
// read in, and how that was decided ("bom", "http", "meta", "detected").
// The order is the one browsers use (BOM, the HTTP header, a <meta> in the
// first bytes), then our own detection for undeclared pages: valid UTF-8
// is UTF-8; otherwise the Arabic single-byte encodings are scored by how
// Arabic the decoded words look.
func decodePage(data []byte, contentType string) (text, enc, how string) {
	text, enc, how, _ = decodePageMixed(data, contentType)
	return text, enc, how
}

// decodePageMixed is decodePage with what Repair did to the page: a page
// read as UTF-8 is read run by run (a pasted windows-1256 paragraph is
// decoded as such) and its mojibake words are repaired.
func decodePageMixed(data []byte, contentType string) (text, enc, how string, mx Mixed) {
	text, enc, how, mx = decodePageRaw(data, contentType)
	text, n := repairMojibake(text)
	mx.Mojibake += n
	return text, enc, how, mx
}

func decodePageRaw(data []byte, contentType string) (text, enc, how string, mx Mixed) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		text, mx = readUTF8(data[3:])
		return text, encUTF8, "bom", mx
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data), "utf-16le", "bom", mx
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data), "utf-16be", "bom", mx
	}
	if name := charsetParam(contentType); name != "" {
		if e, canon, ok := lookupEncoding(name); ok {
			return decodeDeclared(data, e, canon, "http")
		}
	}
	if name := metaCharset(data); name != "" {
		if e, canon, ok := lookupEncoding(name); ok {
			return decodeDeclared(data, e, canon, "meta")
		}
	}
	t, e, mx := detect(data)
	return t, e, "detected", mx
}

// readUTF8 reads text that is UTF-8, perhaps with passages in another
// encoding (see decodeMixed).
func readUTF8(data []byte) (string, Mixed) {
	if utf8.Valid(data) {
		return string(data), Mixed{}
	}
	return decodeMixed(data)
}

// DecodeText returns a text item (a .txt file) as UTF-8 and, when it was
// not UTF-8, the name of the encoding it was read in. A text file declares
// no charset, so it is what an undeclared page is: UTF-8 when valid, else
// whichever Arabic code page (windows-1256, ISO-8859-6) reads as Arabic
// (see detectArabic). Bytes that are neither are an error naming the first
// bad byte.
func DecodeText(data []byte) (text, enc string, err error) {
	text, enc, _, err = decodeText(data)
	return text, enc, err
}

// decodeText is DecodeText with what Repair did: UTF-8 with passages in a
// legacy code page is read run by run, and mojibake words are repaired.
func decodeText(data []byte) (text, enc string, mx Mixed, err error) {
	switch {
	case utf8.Valid(data):
		text = string(data)
	case mixedUTF8(data):
		text, mx = decodeMixed(data)
	default:
		t, e, ok := detectArabic(data)
		if !ok {
			return "", "", mx, fmt.Errorf("invalid UTF-8 at byte %d, and not Arabic in windows-1256 or ISO-8859-6; convert the file to UTF-8 (e.g. iconv -f ENCODING -t utf-8)", source.FirstInvalid(data))
		}
		text, enc = t, e
	}
	text, n := repairMojibake(text)
	mx.Mojibake += n
	return text, enc, mx, nil
}

// decodeDeclared decodes with a declared encoding, unless the declaration
// is plainly wrong: a single-byte encoding over valid multi-byte UTF-8,
// "UTF-8" over bytes that are not UTF-8, or a Latin
// encoding over bytes that read as Arabic in windows-1256 or ISO-8859-6
// (old Arabic sites often declared iso-8859-1 and relied on the reader's
// browser setting).
func decodeDeclared(data []byte, e encoding.Encoding, canon, how string) (string, string, string, Mixed) {
	if canon != encUTF8 && !strings.HasPrefix(canon, "utf-16") && utf8.Valid(data) && multiByteRuns(data) >= 20 {
		// Text in a single-byte code page is almost never valid UTF-8
		// with multi-byte letters in it: the declaration is stale (a
		// server default, a template copied from an old site).
		return string(data), encUTF8, "detected", Mixed{}
	}
	switch {
	case canon == encUTF8:
		if utf8.Valid(data) || mixedUTF8(data) {
			t, mx := readUTF8(data)
			return t, encUTF8, how, mx
		}
		t, enc, mx := detect(data)
		return t, enc, "detected", mx
	case canon == encWindows252 || canon == "iso-8859-1" || canon == "us-ascii":
		if t, enc, ok := detectArabic(data); ok {
			return t, enc, "detected", Mixed{}
		}
	case strings.HasPrefix(canon, "utf-16"):
		// A page that says UTF-16 in a <meta> but got here without a BOM
		// was not read as UTF-16 by any browser either.
		if how == "meta" {
			t, enc, mx := detect(data)
			return t, enc, "detected", mx
		}
	}
	return decodeWith(e, data), canon, how, Mixed{}
}

func lookupEncoding(label string) (encoding.Encoding, string, bool) {
	e, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil || e == nil {
		return nil, "", false
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil, "", false
	}
	return e, strings.ToLower(name), true
}

func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Tolerate "text/html; charset=windows-1256;" and similar.
		i := strings.Index(strings.ToLower(contentType), "charset=")
		if i < 0 {
			return ""
		}
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return params["charset"]
}

// metaPrescanBytes is how far into the page a <meta charset> is looked for
// (browsers look at 1024 bytes; pages with long comments or inline styles
// before their meta are common enough to look further).
const metaPrescanBytes = 8192

// metaCharset finds the charset a <meta charset> or <meta http-equiv
// content-type> near the top of the page declares.
func metaCharset(data []byte) string {
	if len(data) > metaPrescanBytes {
		data = data[:metaPrescanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, content string
			var httpEquiv bool
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					charset = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				}
				if !more {
					break
				}
			}
			if charset != "" {
				return charset
			}
			if httpEquiv && content != "" {
				if c := charsetParam(content); c != "" {
					return c
				}
			}
		}
	}
}

// detect decodes a page with no usable declaration.
func detect(data []byte) (string, string, Mixed) {
	if utf8.Valid(data) || mixedUTF8(data) {
		t, mx := readUTF8(data)
		return t, encUTF8, mx
	}
	if t, enc, ok := detectArabic(data); ok {
		return t, enc, Mixed{}
	}
	return decodeWith(charmap.Windows1252, data), encWindows252, Mixed{}
}

// detectArabic decodes data in windows-1256 and in ISO-8859-6 and keeps the
// one whose text looks Arabic: the better score of the two, if it is
// convincingly Arabic at all.
func detectArabic(data []byte) (string, string, bool) {
	sample := data
	if len(sample) > 256<<10 {
		sample = sample[:256<<10]
	}
	wt := decodeWith(charmap.Windows1256, sample)
	it := decodeWith(charmap.ISO8859_6, sample)
	ws, is := arabicScore(wt), arabicScore(it)
	switch {
	case ws >= is && ws > 0:
		if len(sample) < len(data) {
			wt = decodeWith(charmap.Windows1256, data)
		}
		return wt, encWindows256, true
	case is > ws && is > 0:
		if len(sample) < len(data) {
			it = decodeWith(charmap.ISO8859_6, data)
		}
		return it, encISO88596, true
	}
	return "", "", false
}

// commonArabic are frequent function words; a correct decoding of Arabic
// text is full of them, a wrong one (the other code page) has almost none.
var commonArabic = map[string]bool{
	"في": true, "من": true, "على": true, "إلى": true, "الى": true, "أن": true, "ان": true,
	"عن": true, "مع": true, "التي": true, "الذي": true, "هذا": true, "هذه": true, "كان": true,
	"قال": true, "وقال": true, "بين": true, "بعد": true, "قبل": true, "أو": true, "لا": true,
	"ما": true, "كما": true, "حيث": true, "وفي": true, "إن": true, "خلال": true, "منذ": true,
	"ذلك": true, "عام": true, "اليوم": true, "حتى": true, "عند": true, "لم": true, "قد": true,
}

// arabicScore rates how Arabic a decoding reads: common words and "ال"
// prefixes count for it; replacement characters (bytes the code page
// leaves undefined) and Latin letters glued to Arabic ones count against.
// A score of 0 or less means "not Arabic".
func arabicScore(s string) int {
	score, arabicLetters := 0, 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == '='
	}) {
		hasArabic, hasLatinHigh, bad := false, false, false
		for _, r := range w {
			switch {
			case r == utf8.RuneError:
				bad = true
			case r >= 0x0621 && r <= 0x064A:
				hasArabic = true
				arabicLetters++
			case r >= 0xC0 && r <= 0x24F:
				hasLatinHigh = true
			}
		}
		switch {
		case bad:
			score -= 2
		case hasArabic && hasLatinHigh:
			score -= 2
		case commonArabic[w]:
			score += 3
		case hasArabic && strings.HasPrefix(w, "ال"):
			score++
		}
	}
	if arabicLetters < 20 {
		return 0
	}
	return score
}

func decodeWith(e encoding.Encoding, data []byte) string {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return toValidUTF8(data)
	}
	return toValidUTF8(out)
}

func toValidUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// multiByteRuns counts the multi-byte UTF-8 sequences in data (up to 1000).
func multiByteRuns(data []byte) int {
	n := 0
	for i := 0; i < len(data) && n < 1000; {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := utf8.DecodeRune(data[i:])
		if w > 1 {
			n++
		}
		i += w
	}
	return n
}
