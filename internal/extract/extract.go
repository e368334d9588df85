package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/clean"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
)

// Result is an extracted article with what cleaning did to it.
type Result struct {
	Article     news.Article
	ContentHash string // hex SHA-256 of the cleaned title and body, whitespace folded
	Cleaning    clean.Result
	// Removed lists what HTML extraction stripped from the page, and why
	// (empty for the text formats, whose removals are in Cleaning).
	Removed []Removed
	// Encoding names the legacy encoding a text item was decoded from
	// ("windows-1256"); empty when it was UTF-8, and for pages, whose
	// charset is theirs to declare.
	Encoding string
	// Mixed says what was repaired in a text that was not cleanly one
	// encoding (a pasted windows-1256 paragraph, mojibake words).
	Mixed Mixed
}

// Note is what the user should be told about how the item was read (a
// legacy encoding guessed, passages in another encoding repaired or
// replaced), or "".
func (r *Result) Note() string {
	var parts []string
	for _, p := range []string{EncodingNote(r.Encoding), r.Mixed.Note()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// EncodingNote is the note for a text decoded from enc (see DecodeText):
// "" for UTF-8.
func EncodingNote(enc string) string {
	if enc == "" {
		return ""
	}
	return "not UTF-8: read as " + enc + " (detected)"
}

// Fields are the fields an input format can carry before cleaning.
type Fields struct {
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	Source       string `json:"source"`
	Title        string `json:"title"`
	Byline       string `json:"byline"`
	Published    string `json:"published"`
	Text         string `json:"text"`
}

// Item extracts an article from a raw item of a text format (or an HTML
// page whose URL and Content-Type are unknown). The error says what is
// wrong with the item; the caller prefixes the item's origin.
func Item(format source.Format, data []byte) (Result, error) {
	return ItemMeta(format, data, PageMeta{})
}

// ItemMeta is Item with what is known of the page besides its bytes: an
// HTML item goes to HTML with meta; text formats ignore it. The item's size
// was already held to the user's limit (source, --max-page-bytes), so a
// page over DefaultMaxPageBytes that the user let through is read too.
func ItemMeta(format source.Format, data []byte, meta PageMeta) (Result, error) {
	var f Fields
	var err error
	switch format {
	case source.FormatHTML:
		return HTMLWith(data, meta, HTMLOptions{MaxBytes: max(len(data), DefaultMaxPageBytes)})
	case source.FormatText:
		text, enc, mx, derr := decodeText(data)
		if derr != nil {
			return Result{}, derr
		}
		f, err = ParseText([]byte(text))
		if err == nil && f.Title != "" && strings.TrimSpace(f.Text) == "" {
			// One line only: say how a text page is read.
			err = errors.New("no body text: a text page is its title on the first line and the body on the lines after it")
		}
		if err == nil {
			res, err := FromFields(f)
			res.Encoding, res.Mixed = enc, mx
			return res, err
		}
	case source.FormatJSONL:
		// JSON is UTF-8. Source checks each line as it reads a file; an
		// item handed here straight is held to the same rule, so a legacy
		// byte is refused, not silently turned into U+FFFD.
		if err := source.Check(data); err != nil {
			return Result{}, err
		}
		f, err = ParseJSON(data)
		if err == nil {
			// What was put in the JSON may still be mojibake.
			var mx Mixed
			for _, field := range []*string{&f.Title, &f.Text, &f.Byline, &f.Source} {
				var n int
				*field, n = repairMojibake(*field)
				mx.Mojibake += n
			}
			res, err := FromFields(f)
			res.Mixed = mx
			return res, err
		}
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return Result{}, err
	}
	return FromFields(f)
}

// textHeaders are the header keys a .txt file may start with. Only these are
// taken as headers, so a first line such as "عاجل: ..." stays the title.
var textHeaders = map[string]string{
	"url": "url", "link": "url", "canonical_url": "canonical_url", "canonical": "canonical_url",
	"source": "source", "outlet": "source", "published": "published", "date": "published",
	"byline": "byline", "author": "byline", "title": "title",
}

// ParseText reads the .txt format: optional "key: value" header lines, then
// the first non-empty line is the title and the rest the body.
func ParseText(data []byte) (Fields, error) {
	var f Fields
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	i := 0
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			break
		}
		key, known := textHeaders[strings.ToLower(strings.TrimSpace(k))]
		if !known {
			break
		}
		v = strings.TrimSpace(v)
		switch key {
		case "url":
			f.URL = v
		case "canonical_url":
			f.CanonicalURL = v
		case "source":
			f.Source = v
		case "published":
			f.Published = v
		case "byline":
			f.Byline = v
		case "title":
			f.Title = v
		}
	}
	for ; f.Title == "" && i < len(lines); i++ {
		f.Title = strings.TrimSpace(lines[i])
	}
	f.Text = strings.Join(lines[i:], "\n")
	return f, nil
}

// ParseJSON reads one .jsonl object. Unknown keys are ignored; "body" and
// "content" are accepted for "text", "date" for "published".
func ParseJSON(data []byte) (Fields, error) {
	// A byte-order mark (editors write one at the start of a file, so on
	// its first line) is not JSON, but no one means it as data.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return Fields{}, fmt.Errorf("malformed JSON: %s", jsonErr(err))
	}
	if dec.More() {
		return Fields{}, errors.New("malformed JSON: more than one value on the line")
	}
	var f Fields
	get := func(dst *string, keys ...string) error {
		for _, k := range keys {
			v, ok := raw[k]
			if !ok || string(v) == "null" {
				continue
			}
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("field %q: want a string", k)
			}
			return nil
		}
		return nil
	}
	for _, g := range []struct {
		dst  *string
		keys []string
	}{
		{&f.URL, []string{"url", "link"}},
		{&f.CanonicalURL, []string{"canonical_url"}},
		{&f.Source, []string{"source", "outlet"}},
		{&f.Title, []string{"title", "headline"}},
		{&f.Byline, []string{"byline", "author"}},
		{&f.Published, []string{"published", "date"}},
		{&f.Text, []string{"text", "body", "content"}},
	} {
		if err := get(g.dst, g.keys...); err != nil {
			return Fields{}, err
		}
	}
	return f, nil
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

// FromFields cleans the text and builds the article.
func FromFields(f Fields) (Result, error) {
	title := strings.Join(strings.Fields(f.Title), " ")
	if title == "" {
		return Result{}, errors.New("no title")
	}
	if strings.TrimSpace(f.Text) == "" {
		return Result{}, errors.New("no body text")
	}
	published, err := ParseDate(f.Published)
	if err != nil {
		return Result{}, err
	}
	cr := clean.Article(title, f.Text)
	if len(cr.Paragraphs) == 0 {
		return Result{}, errors.New("no body text left after cleaning")
	}
	a := news.Article{
		URL:          strings.TrimSpace(f.URL),
		CanonicalURL: news.CanonicalizeURL(firstNonEmpty(f.CanonicalURL, f.URL)),
		Source:       strings.TrimSpace(f.Source),
		Title:        cr.Title,
		Byline:       strings.TrimSpace(f.Byline),
		Published:    published,
		Paragraphs:   cr.Paragraphs,
		Captions:     cr.Captions,
		Credits:      cr.Credits,
	}
	if a.Title == "" {
		a.Title = title
	}
	if a.Source == "" {
		a.Source = hostOf(a.CanonicalURL)
	}
	a.Language = Language(a.Title + " " + a.Body())
	a.ID = news.ComputeID(a.CanonicalURL, a.Title, a.Body())
	return Result{Article: a, ContentHash: ContentHash(a.Title, a.Body()), Cleaning: cr}, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

func hostOf(canonical string) string {
	s := strings.TrimPrefix(canonical, "https://")
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		s = s[:i]
	}
	return s
}

// ContentHash hashes title and body with whitespace folded, so the same text
// re-scraped with different line breaks is recognised as unchanged.
func ContentHash(title, body string) string {
	buf := make([]byte, 0, len(title)+1+len(body))
	buf = appendFields(buf, title)
	buf = append(buf, 0)
	buf = appendFields(buf, body)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// appendFields appends strings.Join(strings.Fields(s), " ") to buf,
// without making the words and the joined string first.
func appendFields(buf []byte, s string) []byte {
	word := false // a word has been written: the next one needs a space
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			j := i + sz
			for j < len(s) {
				r, sz := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += sz
			}
			if word {
				buf = append(buf, ' ')
			}
			buf = append(buf, s[i:j]...)
			word = true
			i = j
			continue
		}
		i += sz
	}
	return buf
}

// Language guesses "ar", "en" (any Latin-script text) or "und" from the
// share of Arabic and Latin letters.
func Language(s string) string {
	var ar, lat int
	for i, r := range s {
		if i > 20000 {
			break
		}
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			ar++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case ar == 0 && lat == 0:
		return "und"
	case ar >= lat:
		return "ar"
	default:
		return "en"
	}
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006",
	"January 2, 2006",
}

// ParseDate parses a publication date in the common machine formats. An
// empty string is an unknown date (the zero time), not an error.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("published: cannot read date %q (want e.g. 2025-03-14 or 2025-03-14T09:30:00+03:00)", s)
}
