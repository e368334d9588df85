package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Removed is one segment of the scraped text that the cleaner removed or
// moved out of the body, with the reason (a code listed in the package
// documentation).
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"` // a Reason* code: the rule that took it
	Kind   string `json:"kind"`   // the Kind* the reason belongs to (see KindOf)
}

// Result is a cleaned article. Slices are never nil, so they encode as []
// in JSON.
type Result struct {
	Title      string    `json:"title"`
	Body       string    `json:"body"`       // paragraphs joined with "\n\n"
	Paragraphs []string  `json:"paragraphs"` // in text order
	Captions   []string  `json:"captions"`   // photo captions, moved out of the body, credit stripped
	Credits    []string  `json:"credits"`    // agency credits found, deduplicated, normalised names
	Removed    []Removed `json:"removed"`    // every removed or moved segment, in text order
}

// Article cleans one scraped article. body is the raw text (paragraphs on
// lines; blank lines allowed). Any input is accepted: invalid UTF-8 bytes,
// control and invisible characters are dropped, and whitespace inside a
// line is collapsed; the words are never changed.
func Article(title, body string) Result {
	c := &cleaner{
		res: Result{
			Title:      normalizeLine(strings.ReplaceAll(strings.ReplaceAll(title, "\n", " "), "\r", " ")),
			Paragraphs: []string{},
			Captions:   []string{},
			Credits:    []string{},
			Removed:    []Removed{},
		},
		lines:    splitLines(body),
		seen:     map[string]bool{},
		captions: map[string]bool{},
		credits:  map[string]bool{},
	}
	if c.res.Title != "" {
		c.titleKey = repeatKey(c.res.Title)
	}
	for i := 0; i < len(c.lines); {
		i = c.step(i)
	}
	c.res.Body = strings.Join(c.res.Paragraphs, "\n\n")
	c.res.Removed = c.removedList()
	return c.res
}

type cleaner struct {
	res      Result
	lines    []string
	titleKey string
	seen     map[string]bool // repeatKey of kept paragraphs
	captions map[string]bool // repeatKey of captions
	credits  map[string]bool
	full     [][]Removed // filled chunks of removal records, see remove
}

func (c *cleaner) remove(text, reason string) {
	if len(c.res.Removed) == cap(c.res.Removed) && cap(c.res.Removed) >= removedChunk {
		// Hostile input (millions of icon lines) makes millions of
		// records; filling fixed chunks and joining them once at the end
		// avoids copying the whole record list at every growth.
		c.full = append(c.full, c.res.Removed)
		c.res.Removed = make([]Removed, 0, removedChunk)
	}
	c.res.Removed = append(c.res.Removed, Removed{Text: text, Reason: reason, Kind: KindOf(reason)})
}

// removedChunk is the size of the chunks Removed is collected in once it
// grows large.
const removedChunk = 1 << 16

// removedList returns all the removal records in text order.
func (c *cleaner) removedList() []Removed {
	if len(c.full) == 0 {
		return c.res.Removed
	}
	n := len(c.res.Removed)
	for _, f := range c.full {
		n += len(f)
	}
	all := make([]Removed, 0, n)
	for _, f := range c.full {
		all = append(all, f...)
	}
	return append(all, c.res.Removed...)
}

func (c *cleaner) addCredits(names []string) {
	for _, n := range names {
		if !c.credits[n] {
			c.credits[n] = true
			c.res.Credits = append(c.res.Credits, n)
		}
	}
}

// step handles the line at i, and the lines after it that belong with it,
// and returns the index of the next line to handle.
func (c *cleaner) step(i int) int {
	l := c.lines[i]
	if punctuationOnly(l) {
		c.remove(l, ReasonPunctuationOnly)
		return i + 1
	}
	if kind, ok := lineLabel(l); ok {
		c.remove(l, ReasonTeaserLabel)
		return c.teaserBlock(i+1, kind, "")
	}
	if kind, headline, ok := inlineLabel(l); ok {
		c.remove(l, ReasonTeaserLabel)
		return c.teaserBlock(i+1, kind, headline)
	}
	if shareLinks(l) {
		c.remove(l, ReasonShareLinks)
		return i + 1
	}
	if endsWithEllipsis(l) && c.isTeaser(i) {
		c.remove(l, ReasonTruncatedTeaser)
		return c.relatedHeadlines(i+1, 0, 1, "")
	}
	if teaser, rest, headline, ok := gluedTeaser(l); ok {
		c.remove(teaser, ReasonTruncatedTeaser)
		c.remove(rest, ReasonRelatedHeadline)
		return c.relatedHeadlines(i+1, 0, 1, headline)
	}
	if _, ok := labelledDouble(l); ok {
		c.remove(l, ReasonRelatedHeadline)
		return i + 1
	}
	if c.caption(l) {
		return i + 1
	}
	if capt, rest, ok := gluedCaption(l); ok && c.caption(capt) {
		// «… جو بايدن خلال كلمته (رويترز)بايدن يقول …»: the caption and
		// its credit apart, the paragraph whole from its first letter
		c.paragraph(rest)
		return i + 1
	}
	c.paragraph(l)
	return i + 1
}

// minGluedCaptionWords is the fewest words a caption glued before a
// paragraph must have: fewer, and «القاهرة (رويترز)» is a dateline.
const minGluedCaptionWords = 3

// gluedCaption splits a line that opens with a photo caption and its
// agency credit glued to the paragraph that follows, with no space after
// the credit: «الرئيس جو بايدن خلال كلمته (رويترز)بايدن يقول إن …». The
// caption is returned with its credit, rest is the paragraph. A dateline
// («واشنطن، الولايات المتحدة (CNN)— قال») is no caption: it has a dash
// after the credit, or too few words before it.
func gluedCaption(l string) (capt, rest string, ok bool) {
	for from := 0; from < len(l); {
		close := strings.IndexByte(l[from:], ')')
		if close < 0 {
			return "", "", false
		}
		close += from
		from = close + 1
		r, _ := utf8.DecodeRuneInString(l[close+1:])
		if !unicode.IsLetter(r) {
			continue // a space or a dash after the credit: no glue
		}
		head, tail := l[:close+1], strings.TrimSpace(l[close+1:])
		text, _, credited := splitTrailingCredit(head)
		if !credited || wordCount(text, minGluedCaptionWords) < minGluedCaptionWords || !captionText(text) {
			continue
		}
		if wordCount(tail, 4) < 4 {
			return "", "", false // a short tail is no paragraph
		}
		return head, tail, true
	}
	return "", "", false
}

// teaserBlock removes what a teaser label introduces, starting at line j:
// truncated teasers and related headlines. headline is a headline already
// seen on the label's own line, or "".
func (c *cleaner) teaserBlock(j int, kind labelKind, headline string) int {
	switch kind {
	case labelOne:
		return c.relatedHeadlines(j, 1, 1, headline)
	case labelList:
		return c.relatedHeadlines(j, 10, 10, headline)
	}
	return j
}

// relatedHeadlines removes, from line j on, up to maxTeasers truncated
// teasers and up to maxHeadlines distinct related headlines, each however
// many times it is repeated (on its own line or glued on one line), and
// returns the first line it did not take. A headline already counted may
// be passed in as first.
func (c *cleaner) relatedHeadlines(j, maxTeasers, maxHeadlines int, first string) int {
	teasers, headlines, last := 0, 0, ""
	if first != "" {
		headlines, last = 1, repeatKey(first)
	}
	for ; j < len(c.lines); j++ {
		l := c.lines[j]
		if punctuationOnly(l) {
			c.remove(l, ReasonPunctuationOnly)
			continue
		}
		if _, ok := lineLabel(l); ok || shareLinks(l) {
			return j // the next block; step labels it
		}
		if _, _, ok := inlineLabel(l); ok {
			return j
		}
		if endsWithEllipsis(l) {
			if teasers >= maxTeasers || wordCount(l, maxTeaserWords) > maxTeaserWords {
				return j
			}
			teasers++
			c.remove(l, ReasonTruncatedTeaser)
			continue
		}
		h := headlineOf(l)
		if h == "" {
			return j
		}
		k := repeatKey(h)
		if r := lastRune(h); (r == '؟' || r == '?') && k != last && h == l && !c.repeatedNext(j, h) {
			// A lone question could be the article asking; only a question
			// printed twice is surely a headline.
			return j
		}
		if k != last {
			if headlines >= maxHeadlines {
				return j
			}
			headlines++
			last = k
		}
		c.remove(l, ReasonRelatedHeadline)
	}
	return j
}

// gluedTeaser recognises a truncated teaser with its related headline glued
// on after the ellipsis, on one line: "…بسبب الجفاف وتراجع…الأهوار تواجه
// خطر الجفافالأهوار تواجه خطر الجفاف". It returns the teaser (up to and
// including the ellipsis), the rest of the line and the headline once. The
// rest must be a headline printed twice (body text is not), or a headline
// sharing two words with a teaser of at most 40 words.
func gluedTeaser(l string) (teaser, rest, headline string, ok bool) {
	cut, width := strings.LastIndex(l, "…"), len("…")
	if dots := strings.LastIndex(l, "..."); dots > cut {
		cut, width = dots, 3
	}
	if cut <= 0 || cut+width >= len(l) {
		return "", "", "", false
	}
	teaser, rest = strings.TrimSpace(l[:cut+width]), strings.TrimSpace(l[cut+width:])
	if teaser == "" || rest == "" || wordCount(teaser, maxTeaserWords) > maxTeaserWords {
		return "", "", "", false
	}
	if a, _, ok := gluedDouble(rest, 2); ok && headlineLike(a) {
		return teaser, rest, a, true
	}
	if headlineLike(rest) && sharedWords(teaser, rest) >= 2 && wordCount(teaser, 41) <= 40 {
		return teaser, rest, rest, true
	}
	return "", "", "", false
}

// headlineOf returns the headline a line holds (once, if the line is a
// headline glued twice), or "" if the line does not look like a headline.
func headlineOf(l string) string {
	if a, _, ok := gluedDouble(l, 2); ok && headlineLike(a) {
		return a
	}
	if headlineLike(l) {
		return l
	}
	return ""
}

// isTeaser decides whether the line at i, which ends in an ellipsis, is the
// truncated teaser of a related story rather than a paragraph that trails
// off. It must be followed by a headline-like line, and then either that
// headline is printed twice (the strongest sign: body text is not) or it
// shares words with the teaser and the teaser is short; a teaser that opens
// like a continuing paragraph needs both.
func (c *cleaner) isTeaser(i int) bool {
	j := c.nextContent(i + 1)
	if j >= len(c.lines) {
		return false
	}
	h := headlineOf(c.lines[j])
	if h == "" {
		return false
	}
	score := 0
	if h != c.lines[j] || c.repeatedNext(j, h) {
		score += 2 // printed twice
	}
	if sharedWords(c.lines[i], h) >= 2 {
		score++
	}
	if wordCount(c.lines[i], maxTeaserWords) <= 40 {
		score++
	}
	if opensParagraph(c.lines[i]) {
		// A teaser is the opening of another story, and openings do not
		// start with "وقال": this is more likely our own paragraph
		// trailing off before a crosshead.
		score--
	}
	return score >= 2
}

// repeatedNext reports whether the headline h on line j is printed again on
// the next line.
func (c *cleaner) repeatedNext(j int, h string) bool {
	k := c.nextContent(j + 1)
	return k < len(c.lines) && repeatKey(c.lines[k]) == repeatKey(h)
}

// nextContent returns the index of the first line from j on that is not
// punctuation only.
func (c *cleaner) nextContent(j int) int {
	for j < len(c.lines) && punctuationOnly(c.lines[j]) {
		j++
	}
	return j
}

// sharedWords counts the content words of headline (three letters or
// more, in fold form) that also appear in teaser. A related headline
// restates its own story's opening, so it shares words with the teaser.
func sharedWords(teaser, headline string) int {
	if len(teaser) > 4000 {
		return 0 // not a teaser-sized line; skip the work
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(fold(teaser)) {
		words[strings.TrimFunc(w, labelTrim)] = true
	}
	n := 0
	for _, w := range strings.Fields(fold(headline)) {
		w = strings.TrimFunc(w, labelTrim)
		if len([]rune(w)) >= 3 && words[w] {
			n++
			words[w] = false // count each word once
		}
	}
	return n
}

// maxCaptionWords bounds a caption printed once; a longer line ending in a
// credit is more likely a paragraph.
const maxCaptionWords = 25

// caption moves a photo caption out of the body, and reports whether l was
// one (or was a credit alone). A caption is a line printed twice and glued,
// "X (credit)X (credit)" or "XX", or a short line that ends in an agency
// credit and does not close like a sentence.
func (c *cleaner) caption(l string) bool {
	if a, b, ok := gluedDouble(l, 1); ok {
		text, names, credited := splitTrailingCredit(a)
		if !credited {
			text = a
			if wordCount(a, 3) < 3 {
				return false // "نعم نعم" is speech, not a caption
			}
		}
		if text == "" {
			c.remove(a, ReasonCreditLine)
			c.remove(b, ReasonCreditLine)
			c.addCredits(names)
			return true
		}
		if !captionText(text) {
			// A paragraph printed twice: keep it once.
			c.paragraph(a)
			c.remove(b, ReasonRepeatedParagraph)
			return true
		}
		c.addCaption(a, text)
		c.remove(b, ReasonDuplicateCaption)
		if _, more, ok := splitTrailingCredit(b); ok {
			names = append(names, more...)
		}
		c.addCredits(names)
		return true
	}
	text, names, ok := splitTrailingCredit(l)
	if !ok {
		return false
	}
	if text == "" {
		c.remove(l, ReasonCreditLine)
		c.addCredits(names)
		return true
	}
	// "XX (credit)": the copies glued, the credit printed once.
	if a, _, ok := gluedDouble(text, 1); ok && captionText(a) {
		// a is a prefix of text, which is a prefix of l.
		c.addCaption(a, a)
		c.remove(strings.TrimSpace(l[len(a):]), ReasonDuplicateCaption)
		c.addCredits(names)
		return true
	}
	if !captionText(text) {
		return false
	}
	c.addCaption(l, text)
	c.addCredits(names)
	return true
}

// captionText reports text shaped like a photo caption: a short phrase that
// neither closes like a sentence nor opens like a paragraph ("وقال ...").
func captionText(text string) bool {
	n := wordCount(text, maxCaptionWords)
	return n >= 2 && n <= maxCaptionWords && !sentenceEnd(lastRune(text)) &&
		!endsWithEllipsis(text) && !opensParagraph(text)
}

// addCaption records a caption, segment being the text as it stood in the
// body and text the caption without its credit.
func (c *cleaner) addCaption(segment, text string) {
	k := repeatKey(text)
	if c.captions[k] {
		c.remove(segment, ReasonDuplicateCaption)
		return
	}
	c.captions[k] = true
	c.res.Captions = append(c.res.Captions, text)
	c.remove(segment, ReasonCaption)
}

// paragraph keeps l as a paragraph unless it repeats the title (before the
// first paragraph) or an earlier paragraph, and records the credits of a
// dateline or a sign-off.
func (c *cleaner) paragraph(l string) {
	k := repeatKey(l)
	if len(c.res.Paragraphs) == 0 && c.titleKey != "" && k == c.titleKey {
		c.remove(l, ReasonRepeatedTitle)
		return
	}
	if c.seen[k] {
		c.remove(l, ReasonRepeatedParagraph)
		return
	}
	if c.captions[k] {
		// A caption printed again without its credit, away from the photo.
		c.remove(l, ReasonDuplicateCaption)
		return
	}
	c.seen[k] = true
	if len(c.res.Paragraphs) == 0 {
		c.addCredits(datelineCredits(l))
	}
	c.addCredits(signoffCredits(l))
	c.res.Paragraphs = append(c.res.Paragraphs, l)
}
