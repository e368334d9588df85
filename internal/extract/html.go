package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/clean"
	"github.com/taqrir/taqrir/internal/news"
)

// PageMeta is what is known of a page besides its bytes.
type PageMeta struct {
	URL         string // where the page was fetched from (or a WARC record's target URI)
	ContentType string // the HTTP Content-Type header, when known (it may name the charset)
}

// Errors of HTML extraction. Each is wrapped with the reason, so callers
// match them with errors.Is and show the message as it is.
var (
	// ErrNotHTML: the bytes are binary (an image, an archive, a PDF) or
	// text without any HTML markup.
	ErrNotHTML = errors.New("extract: not an HTML page")
	// ErrNoArticle: the page is HTML but holds no article text (a home
	// page of links, an empty shell filled by JavaScript, a login wall).
	ErrNoArticle = errors.New("extract: no article found")
	// ErrPageTooLarge: the page is larger than the configured limit.
	ErrPageTooLarge = errors.New("extract: page too large")
)

// DefaultMaxPageBytes is the default size limit of HTML (HTMLOptions.MaxBytes
// overrides it per call). Real article pages are well under 2 MiB; a page
// of 16 MiB or more is a dump or an attack, and parsing it would hold
// several times its size in memory.
const DefaultMaxPageBytes = 16 << 20

// HTMLOptions tune HTMLWith.
type HTMLOptions struct {
	// MaxBytes refuses larger pages with ErrPageTooLarge; 0 means
	// DefaultMaxPageBytes.
	MaxBytes int
}

// Removed is one block of the page that extraction stripped, or moved out
// of the body (a caption), with the kind of block and why it was taken.
type Removed struct {
	Kind string `json:"kind"`          // one of clean's Kind* constants: the one vocabulary of removals
	Text string `json:"text"`          // the block's text, whitespace folded (cut at 300 bytes)
	Why  string `json:"why,omitempty"` // what gave it away: a heading, a class name, a link density
}

// HTML extracts the article of an HTML page. See HTMLWith.
func HTML(data []byte, meta PageMeta) (Result, error) {
	return HTMLWith(data, meta, HTMLOptions{})
}

// HTMLWith extracts the article of an HTML page: it decodes the bytes
// (BOM, Content-Type, <meta charset>, else detection of UTF-8,
// windows-1256 and ISO-8859-6), parses them once, reads the metadata
// (title, byline, source, canonical URL, language, publication date),
// takes captions and related-story, share, comment and cookie blocks out
// of the tree, finds the main text with go-trafilatura (go-readability
// when trafilatura finds nothing), and cleans the paragraphs with package
// clean. Errors wrap ErrNotHTML, ErrNoArticle or ErrPageTooLarge.
func HTMLWith(data []byte, meta PageMeta, opts HTMLOptions) (Result, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxPageBytes
	}
	if len(data) > limit {
		return Result{}, fmt.Errorf("%w: %d bytes, over the limit of %d bytes (raise HTMLOptions.MaxBytes to accept it)", ErrPageTooLarge, len(data), limit)
	}
	if why := notHTML(data); why != "" {
		return Result{}, fmt.Errorf("%w: %s", ErrNotHTML, why)
	}
	text, _, _, mixed := decodePageMixed(data, meta.ContentType)
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Result{}, fmt.Errorf("%w: the page cannot be parsed (%v)", ErrNotHTML, err)
	}
	pageURL := parseURL(meta.URL)
	pm := readPageMeta(doc, pageURL)
	if pageURL == nil {
		pageURL = parseURL(pm.canonical)
	}
	pm.published = pubDate(doc, pm, pageURL)

	var removed []Removed
	stripBoilerplate(doc, &removed)
	captions := takeCaptions(doc, &removed)

	paras, how := mainText(doc, pageURL)
	if len(paras) == 0 {
		return Result{}, fmt.Errorf("%w: %s", ErrNoArticle, how)
	}
	paras = dropPageLines(paras, pm, &removed)
	paras = dropCaptionCopies(paras, captions, &removed)
	if len(paras) == 0 {
		return Result{}, fmt.Errorf("%w: the main text holds only date, byline and footer lines", ErrNoArticle)
	}
	title := pm.title
	if pm.weakTitle || title == "" {
		if h := headingBefore(doc, paras[0]); h != "" {
			title = h
		}
	}
	if title == "" {
		title = firstLine(paras)
	}
	cr := clean.Article(title, strings.Join(paras, "\n"))
	keepShortRepeats(paras, &cr)
	for _, r := range cr.Removed {
		removed = append(removed, Removed{Kind: r.Kind, Text: cut(r.Text), Why: r.Reason})
	}
	if len(cr.Paragraphs) == 0 {
		return Result{}, fmt.Errorf("%w: the main text was all boilerplate (%d blocks removed)", ErrNoArticle, len(removed))
	}
	a := news.Article{
		URL:          strings.TrimSpace(meta.URL),
		CanonicalURL: news.CanonicalizeURL(firstNonEmpty(pm.canonical, meta.URL)),
		Source:       pm.source,
		Title:        cr.Title,
		Byline:       pm.byline,
		Published:    pm.published,
		Paragraphs:   cr.Paragraphs,
		Captions:     mergeCaptions(captions, cr.Captions),
		Credits:      mergeCredits(pm.credits, cr.Credits),
	}
	if a.URL == "" {
		a.URL = pm.canonical
	}
	if a.Title == "" {
		a.Title = title
	}
	if a.Source == "" {
		a.Source = hostOf(a.CanonicalURL)
	}
	a.Language = pageLanguage(pm.lang, a.Title+" "+a.Body())
	a.ID = news.ComputeID(a.CanonicalURL, a.Title, a.Body())
	return Result{Article: a, ContentHash: ContentHash(a.Title, a.Body()), Cleaning: cr, Removed: removed, Mixed: mixed}, nil
}

// notHTML says why data is not an HTML page, or returns "".
func notHTML(data []byte) string {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	for _, m := range []struct{ magic, what string }{
		{"\x89PNG", "a PNG image"}, {"\xFF\xD8\xFF", "a JPEG image"}, {"GIF8", "a GIF image"},
		{"%PDF", "a PDF document"}, {"PK\x03\x04", "a ZIP archive (or an office document)"},
		{"\x1F\x8B", "gzip-compressed data (decompress it first)"}, {"RIFF", "a RIFF media file"},
		{"\x00\x00\x01\x00", "an icon"}, {"BZh", "bzip2-compressed data"}, {"\x7FELF", "an executable"},
	} {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			return "the data is " + m.what
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "the page is empty"
	}
	utf16 := bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF"))
	if !utf16 {
		ctl := 0
		for _, c := range head {
			if c == 0 {
				return "the data is binary (it holds NUL bytes)"
			}
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				ctl++
			}
		}
		if ctl*20 > len(head) {
			return fmt.Sprintf("the data is binary (%d control bytes in its first %d)", ctl, len(head))
		}
		if !bytes.Contains(data, []byte("<")) {
			return "no HTML markup in the data"
		}
	}
	return ""
}

func parseURL(s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil
	}
	return u
}

// mainText finds the main text of the (already stripped) page with
// go-trafilatura, giving it go-readability's (readeck's) result as its
// readability candidate: trafilatura compares the candidates and keeps the
// better, and we parse and walk the page once per extractor instead of
// letting trafilatura run a second readability port. When trafilatura
// fails, go-readability's text is used alone. It returns the text blocks in
// order, or none and the reason.
func mainText(doc *html.Node, pageURL *url.URL) ([]string, string) {
	topts := trafilatura.Options{
		OriginalURL:     pageURL,
		ExcludeComments: true,
		EnableFallback:  true,
		HtmlDateMode:    trafilatura.Disabled, // our pubDate reads the date
	}
	var rparas []string
	p := readability.NewParser()
	if art, err := p.ParseDocument(doc, pageURL); err == nil && art.Node != nil {
		rparas = blocks(art.Node)
		topts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: art.Node}
	}
	paras := rparas
	var terr error
	if res, err := trafilatura.ExtractDocument(doc, topts); err == nil && res.ContentNode != nil {
		// On a short page trafilatura falls back to its baseline, which
		// glues all the text into one block; go-readability's blocks then
		// keep the paragraphs apart.
		tp := blocks(res.ContentNode)
		glued := len(tp) == 1 && len(rparas) > 1 && textLen(rparas)*5 >= textLen(tp)*4
		if len(tp) > 0 && !glued {
			paras = tp
		}
	} else {
		terr = err
	}
	if len(paras) == 0 {
		why := "neither go-trafilatura nor go-readability found a block of text"
		if terr != nil {
			why += " (trafilatura: " + terr.Error() + ")"
		}
		return nil, why
	}
	if n := textLen(paras); n < minArticleChars {
		return nil, fmt.Sprintf("the main text is only %d characters, too short for an article", n)
	}
	return paras, ""
}

// minArticleChars is the least text (in runes) an article may have.
const minArticleChars = 40

func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += utf8.RuneCountInString(p)
	}
	return n
}

func firstLine(paras []string) string {
	if len(paras) == 0 {
		return ""
	}
	return paras[0]
}

// mergeCaptions appends the captions clean found in the text to those taken
// from the markup, without repeats.
func mergeCaptions(fromHTML, fromText []string) []string {
	out := make([]string, 0, len(fromHTML)+len(fromText))
	seen := map[string]bool{}
	for _, c := range append(append([]string{}, fromHTML...), fromText...) {
		k := foldSpace(c)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func cut(s string) string {
	s = foldSpace(s)
	if len(s) <= 300 {
		return s
	}
	i := 300
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// maxRepeatWords bounds the lines keepShortRepeats puts back.
const maxRepeatWords = 12

// keepShortRepeats undoes clean's removal of short repeated lines. In
// scraped plain text a repeated line is noise, but in a page's main
// content a short line printed again in its own block is content: a table
// label, a recipe's "Portion: 1 cup", a list item. Long repeated
// paragraphs stay removed.
func keepShortRepeats(paras []string, cr *clean.Result) {
	var reps []int // indexes into cr.Removed
	for i, r := range cr.Removed {
		if r.Reason == clean.ReasonRepeatedParagraph && wordCount(r.Text) <= maxRepeatWords {
			reps = append(reps, i)
		}
	}
	if len(reps) == 0 {
		return
	}
	undone := map[int]bool{}
	out := make([]string, 0, len(cr.Paragraphs)+len(reps))
	j, k := 0, 0
	for _, p := range paras {
		key := lineKey(p)
		switch {
		case j < len(cr.Paragraphs) && lineKey(cr.Paragraphs[j]) == key:
			out = append(out, cr.Paragraphs[j])
			j++
		case k < len(reps) && lineKey(cr.Removed[reps[k]].Text) == key:
			out = append(out, cr.Removed[reps[k]].Text)
			undone[reps[k]] = true
			k++
		case j+1 < len(cr.Paragraphs) && lineKey(cr.Paragraphs[j+1]) == key:
			// cleaning rewrote paragraph j (a caption or credit cut off)
			out = append(out, cr.Paragraphs[j], cr.Paragraphs[j+1])
			j += 2
		}
	}
	out = append(out, cr.Paragraphs[j:]...)
	if len(undone) == 0 {
		return
	}
	rem := cr.Removed[:0:0]
	for i, r := range cr.Removed {
		if !undone[i] {
			rem = append(rem, r)
		}
	}
	cr.Removed, cr.Paragraphs, cr.Body = rem, out, strings.Join(out, "\n\n")
}

// lineKey compares a line before and after cleaning: whitespace folded,
// invisible formatting characters dropped.
func lineKey(s string) string {
	return foldSpace(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s))
}

func mergeCredits(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	seen := map[string]bool{}
	for _, c := range append(append([]string{}, a...), b...) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// dropCaptionCopies removes a body line that repeats a caption taken from
// the markup (sites print the caption again as a paragraph under the
// photo).
func dropCaptionCopies(paras, captions []string, removed *[]Removed) []string {
	if len(captions) == 0 {
		return paras
	}
	caps := map[string]bool{}
	for _, c := range captions {
		caps[arabic.Fold(c)] = true
	}
	out := paras[:0:0]
	for _, p := range paras {
		if caps[arabic.Fold(p)] {
			*removed = append(*removed, Removed{Kind: clean.KindCaption, Text: cut(p), Why: "a caption printed again in the body"})
			continue
		}
		out = append(out, p)
	}
	return out
}
