package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/clean"
	"github.com/taqrir/taqrir/internal/htmltext"
)

// relatedHeadings are the headings of related-story, most-read and
// teaser blocks, in fold form once init has run. A block is recognised by
// its heading whatever its class is called.
var relatedHeadings = map[string]bool{}

func init() {
	for _, h := range []string{
		"اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرا ايضا", "اقرأ كذلك", "اقرأ المزيد", "اقرأ أيضا في",
		"موضوع يهمك", "مواضيع تهمك", "قد يهمك", "قد يهمك أيضا", "ربما يهمك", "يهمك أيضا", "لا تفوتك", "لا يفوتك",
		"ذات صلة", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "موضوعات ذات صلة", "قصص ذات صلة",
		"روابط ذات صلة", "أخبار متعلقة", "مواضيع متعلقة", "مقالات متعلقة", "أخبار مشابهة", "مقالات مشابهة",
		"الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تداولاً", "الأكثر شعبية", "الأكثر تعليقا",
		"الأكثر قراءة اليوم", "الأخبار الأكثر قراءة", "شاهد أيضا", "شاهد أيضاً", "شاهد كذلك", "المزيد من الأخبار",
		"المزيد", "المزيد من", "أخبار أخرى", "آخر الأخبار", "أحدث الأخبار", "تابع أيضا", "قد يعجبك أيضا",
		"قد يعجبك", "اخترنا لك", "مختارات", "ننصحك بقراءة", "إقرأ المزيد",
		"related", "related articles", "related stories", "related news", "related posts", "related content",
		"read more", "read also", "also read", "more stories", "more from", "most read", "most popular",
		"most viewed", "you may also like", "you might also like", "recommended", "recommended for you",
		"trending", "trending now", "more news", "latest news", "see also",
	} {
		relatedHeadings[headingForm(h)] = true
	}
}

// relatedPrefixes start a related block's heading that goes on with a
// section name: "مزيد من سياسة", "المزيد من الاقتصاد", "More from Sport".
var relatedPrefixes = []string{"مزيد من", "المزيد من", "المزيد عن", "اقرا المزيد عن", "more from", "more in", "more on", "more stories from"}

// isRelatedHeading reports whether heading text s introduces a block of
// other stories.
func isRelatedHeading(s string) bool {
	f := headingForm(s)
	if relatedHeadings[f] {
		return true
	}
	if wordCount(f) > 5 {
		return false
	}
	for _, p := range relatedPrefixForms {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// relatedPrefixForms are relatedPrefixes in heading form, with the space
// that must follow them.
var relatedPrefixForms = func() []string {
	out := make([]string, len(relatedPrefixes))
	for i, p := range relatedPrefixes {
		out[i] = headingForm(p) + " "
	}
	return out
}()

// headingForm is how a heading is looked up: folded, lower-cased, without
// the punctuation and emoji around it.
func headingForm(s string) string {
	s = arabic.Fold(s)
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// widgetWords map words in a class or id to the kind of widget they name.
var widgetWords = []struct{ word, kind string }{
	{"share", clean.KindShare}, {"social", clean.KindShare}, {"addthis", clean.KindShare}, {"follow-us", clean.KindShare}, {"followus", clean.KindShare},
	{"comment", clean.KindComments}, {"disqus", clean.KindComments}, {"respond", clean.KindComments}, {"reply", clean.KindComments},
	{"footer", clean.KindFooter}, {"foot", clean.KindFooter}, {"copyright", clean.KindFooter},
	{"cookie", clean.KindCookie}, {"consent", clean.KindCookie}, {"gdpr", clean.KindCookie}, {"newsletter", clean.KindCookie},
	{"subhead", clean.KindHeadline}, {"standfirst", clean.KindHeadline}, {"sub-title", clean.KindHeadline}, {"subtitle", clean.KindHeadline},
	{"related", clean.KindRelated}, {"most-read", clean.KindRelated}, {"mostread", clean.KindRelated}, {"most_read", clean.KindRelated},
	{"outbrain", clean.KindRelated}, {"taboola", clean.KindRelated}, {"read-also", clean.KindRelated}, {"readalso", clean.KindRelated},
	{"more-news", clean.KindRelated}, {"recommend", clean.KindRelated}, {"trending", clean.KindRelated}, {"popular", clean.KindRelated},
}

// textStats are the text and link-text lengths (in runes) under each
// element, computed in one pass so that every later test is O(1).
type textStats struct {
	text, links map[*html.Node]int
	paras       map[*html.Node]int  // paragraphs of 100 runes or more under the element
	email       map[*html.Node]bool // holds an e-mail input: a newsletter or login box
	teasers     map[*html.Node]int  // paragraphs ending in an ellipsis under the element
}

func computeStats(doc *html.Node) textStats {
	st := textStats{text: map[*html.Node]int{}, links: map[*html.Node]int{}, paras: map[*html.Node]int{},
		email: map[*html.Node]bool{}, teasers: map[*html.Node]int{}}
	var walk func(n *html.Node, inLink bool) (int, int, int)
	walk = func(n *html.Node, inLink bool) (int, int, int) {
		switch n.Type {
		case html.TextNode:
			c := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			if inLink {
				return c, c, 0
			}
			return c, 0, 0
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return 0, 0, 0
			case atom.A:
				inLink = true
			}
		}
		t, l, p := 0, 0, 0
		email, teasers := false, 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			ct, cl, cp := walk(c, inLink)
			t += ct
			l += cl
			p += cp
			email = email || st.email[c]
			teasers += st.teasers[c]
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.P && t-l >= 100 {
				p++
			}
			if n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "email") {
				email = true
			}
			if n.DataAtom == atom.P && t > 0 && endsWithEllipsis(textOf(n)) {
				teasers++
			}
			if email {
				st.email[n] = true
			}
			if teasers > 0 {
				st.teasers[n] = teasers
			}
			st.text[n], st.links[n], st.paras[n] = t, l, p
		}
		return t, l, p
	}
	walk(doc, false)
	return st
}

func (st textStats) density(n *html.Node) float64 {
	if st.text[n] == 0 {
		return 0
	}
	return float64(st.links[n]) / float64(st.text[n])
}

// stripBoilerplate removes from the tree, before the main text is looked
// for, the blocks that extractors keep by mistake on news pages: related-
// story blocks known by their heading (a teaser whatever its class), and
// share, comment, cookie and related widgets known by their class or id.
// A block holding a large share of the page's text is never removed: it
// is more likely the article's wrapper than a widget.
func stripBoilerplate(doc *html.Node, removed *[]Removed) {
	st := computeStats(doc)
	body := findBody(doc)
	total := st.text[body]
	tooBig := func(n *html.Node) bool {
		return st.text[n] > 3000 || (total > 0 && st.text[n]*10 > total*4)
	}
	var drop []*html.Node
	var dropped = map[*html.Node]bool{}
	mark := func(n *html.Node, kind, why string) {
		if dropped[n] {
			return
		}
		dropped[n] = true
		drop = append(drop, n)
		if t := spacedText(n); t != "" {
			*removed = append(*removed, Removed{Kind: kind, Text: cut(t), Why: why})
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if dropped[n] {
			return // taken with a heading before it
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			case atom.Html, atom.Body, atom.Main:
			default:
				if st.email[n] && st.text[n] <= 400 && st.paras[n] < 2 && !tooBig(n) &&
					(n.DataAtom == atom.Div || n.DataAtom == atom.Aside || n.DataAtom == atom.Section || n.DataAtom == atom.Form) {
					mark(n, clean.KindCookie, "a box with an e-mail sign-up form")
					return
				}
				if cls := attr(n, "class"); strings.Contains(cls, "twitter-tweet") || strings.Contains(cls, "instagram-media") {
					// An embedded post: its text is a quoted source and
					// stays; its signature ("— name (@handle) date") goes.
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && c.DataAtom == atom.P {
							continue
						}
						if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
							continue
						}
						if c.Type == html.ElementNode || c.Type == html.TextNode {
							mark(c, clean.KindEmbed, "signature of an embedded post")
						}
					}
					return
				}
				if kind, word := widgetKind(n); kind != "" && !tooBig(n) && (kind == clean.KindComments || st.paras[n] < 2) &&
					(kind == clean.KindComments || kind == clean.KindCookie || kind == clean.KindFooter || st.text[n] < 400 || st.density(n) >= 0.5) {
					mark(n, kind, "class or id \""+word+"\"")
					return
				}
				if st.text[n] > 0 && st.text[n] <= 40 && isHeadingLike(n) {
					if isRelatedHeading(textOf(n)) {
						if b := relatedBlock(n, st, tooBig); b != nil {
							mark(b, clean.KindRelated, "heading \""+textOf(n)+"\"")
							return
						}
						// The heading alone, followed by link lists.
						mark(n, clean.KindTeaser, "heading \""+textOf(n)+"\"")
						for s := n.NextSibling; s != nil; s = s.NextSibling {
							if s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
								continue
							}
							if s.Type != html.ElementNode || st.text[s] == 0 || st.density(s) < 0.5 || tooBig(s) {
								break
							}
							mark(s, clean.KindRelated, "link list after the heading \""+textOf(n)+"\"")
						}
						return
					}
				}
				if inlineTeaser(n, st) {
					mark(n, clean.KindRelated, "teaser label before a link")
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func findBody(doc *html.Node) *html.Node {
	for n := doc; n != nil; n = nextNode(n) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return doc
}

// widgetKind names the widget an element's class or id describes.
func widgetKind(n *html.Node) (kind, word string) {
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(ci) == "" {
		return "", ""
	}
	for _, w := range widgetWords {
		if strings.Contains(ci, w.word) {
			if w.word == "foot" && strings.Contains(ci, "footnote") {
				continue
			}
			// "no-comments", "comments-count" and the like are inline
			// meta, not widgets; a comment count is tiny and harmless, but
			// "article-body has-comments" must not drop the article.
			// A standfirst ("article__subhead") is named after the
			// article it belongs to, and is no wrapper.
			if w.kind != clean.KindHeadline && (strings.Contains(ci, "article") || strings.Contains(ci, "content") ||
				strings.Contains(ci, "entry") || strings.Contains(ci, "story") || strings.Contains(ci, "post-body")) {
				if !strings.Contains(ci, w.word+"s") && !strings.Contains(ci, w.word+"-") && !strings.Contains(ci, w.word+"_") {
					continue
				}
			}
			return w.kind, w.word
		}
	}
	return "", ""
}

// isHeadingLike: an element that holds only short inline text (no block
// children), such as <h3>, <span class="title"> or <div>اقرأ أيضا</div>.
func isHeadingLike(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockAtoms[c.DataAtom] && c.DataAtom != atom.Br {
			return false
		}
	}
	return true
}

// relatedBlock returns the block a related-stories heading heads: the
// largest ancestor (up to four levels) whose text, apart from the heading,
// is mostly links.
func relatedBlock(h *html.Node, st textStats, tooBig func(*html.Node) bool) *html.Node {
	var best *html.Node
	hl := st.text[h]
	for a, i := h.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if a.Type != html.ElementNode || a.DataAtom == atom.Body || a.DataAtom == atom.Html || a.DataAtom == atom.Main || tooBig(a) {
			break
		}
		rest := st.text[a] - hl
		if rest <= 0 {
			continue
		}
		// Mostly links, or linked headlines over "…" teasers.
		d := float64(st.links[a]) / float64(rest)
		if d < 0.6 && !(d >= 0.2 && st.teasers[a] >= 1 && st.paras[a] <= st.teasers[a]) {
			break
		}
		best = a
	}
	return best
}

// inlineTeaser recognises a short paragraph that is a teaser label
// followed by a linked headline: "اقرأ أيضا: <a>…</a>".
func inlineTeaser(n *html.Node, st textStats) bool {
	if n.DataAtom != atom.P && n.DataAtom != atom.Div && n.DataAtom != atom.Li && n.DataAtom != atom.Strong && n.DataAtom != atom.H4 {
		return false
	}
	if st.text[n] == 0 || st.text[n] > 300 || st.links[n] == 0 {
		return false
	}
	t := textOf(n)
	for _, sep := range []string{":", "：", "-", "|", "»"} {
		if i := strings.Index(t, sep); i > 0 && i < 40 {
			if relatedHeadings[headingForm(t[:i])] {
				rest := utf8.RuneCountInString(t[i+len(sep):])
				return rest > 0 && float64(st.links[n])/float64(rest) >= 0.6
			}
		}
	}
	// Without punctuation: the label, then the link.
	for _, w := range []int{2, 3, 4} {
		words := strings.Fields(t)
		if len(words) > w && relatedHeadings[headingForm(strings.Join(words[:w], " "))] {
			rest := utf8.RuneCountInString(strings.Join(words[w:], " "))
			return float64(st.links[n])/float64(rest) >= 0.6
		}
	}
	return false
}

// takeCaptions moves photo captions out of the tree and returns them:
// <figcaption>, elements whose class says caption or image description,
// and a short line right after an image in a small image box. Alt text
// alone is not taken: it is written for screen readers, often empty or a
// file name, and on teaser thumbnails it is another story's headline.
func takeCaptions(doc *html.Node, removed *[]Removed) []string {
	var caps []string
	seen := map[string]bool{}
	add := func(t string) {
		t = foldSpace(t)
		k := arabic.Fold(t)
		if t == "" || seen[k] || wordCount(t) > 80 {
			return
		}
		seen[k] = true
		caps = append(caps, t)
		*removed = append(*removed, Removed{Kind: clean.KindCaption, Text: cut(t), Why: "moved to captions"})
	}
	var drop []*html.Node
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			case atom.A:
				inLink = true
			case atom.Figcaption:
				add(captionText(n))
				drop = append(drop, n)
				return
			default:
				if !inLink && isCaptionElement(n) && isCaptionBlock(n) {
					if t := captionText(n); t != "" && wordCount(t) <= 80 {
						add(t)
						drop = append(drop, n)
						return
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(doc, false)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return caps
}

// isCaptionBlock: a caption holds at most one paragraph of text.
func isCaptionBlock(n *html.Node) bool {
	ps := 0
	for d := n.FirstChild; d != nil; d = nextWithin(d, n) {
		if d.Type == html.ElementNode && (d.DataAtom == atom.P || d.DataAtom == atom.Li) {
			ps++
		}
	}
	return ps <= 1
}

func hasDescendant(n *html.Node, a atom.Atom) bool { return firstDescendant(n, a) != nil }

func firstDescendant(n *html.Node, a atom.Atom) *html.Node {
	for d := n.FirstChild; d != nil; d = nextWithin(d, n) {
		if d.Type == html.ElementNode && d.DataAtom == a {
			return d
		}
	}
	return nil
}

// nextWithin is the node after n in document order, staying inside root.
func nextWithin(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil && n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// isCaptionElement: the class names a caption or an image description
// ("caption", "wp-caption-text", "img-desc", "imgTitle", "photo-text"), or
// the element is a short line right after an image, in a box holding
// little else.
func isCaptionElement(n *html.Node) bool {
	cls := strings.ToLower(attr(n, "class"))
	if strings.Contains(cls, "caption") {
		return true
	}
	for _, img := range []string{"img", "image", "photo", "pic"} {
		if strings.Contains(cls, img) {
			for _, d := range []string{"desc", "title", "text", "info", "legend"} {
				if strings.Contains(cls, d) {
					return true
				}
			}
		}
	}
	if n.DataAtom != atom.P && n.DataAtom != atom.Span && n.DataAtom != atom.Div && n.DataAtom != atom.Small && n.DataAtom != atom.Em {
		return false
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if prev == nil || prev.Type != html.ElementNode || prev.DataAtom != atom.Img {
		return false
	}
	elems := 0
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			elems++
		}
	}
	t := textOf(n)
	if elems > 3 || wordCount(t) < 2 || wordCount(t) > 20 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r != '.' && r != '؟' && r != '!' && r != ':'
}

// captionText is the visible text of a caption: without screen-reader-only
// labels ("التعليق على الصورة،").
func captionText(n *html.Node) string {
	t := htmltext.Text(n, captionOptions)
	for _, p := range []string{"التعليق على الصورة،", "التعليق على الصورة:", "صورة:", "Caption:", "Image caption"} {
		t = strings.TrimSpace(strings.TrimPrefix(t, p))
	}
	return t
}

func endsWithEllipsis(s string) bool {
	s = strings.TrimRight(s, " ")
	return strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...")
}

// spacedText is the text of n with a space at every element boundary, for
// showing a removed widget ("شارك فيسبوك تويتر", not "شاركفيسبوكتويتر");
// words split by inline markup may come apart, which is harmless there.
func spacedText(n *html.Node) string {
	return htmltext.Text(n, htmltext.Options{Space: func(*html.Node) bool { return true }})
}

// captionOptions leave out screen-reader-only labels.
var captionOptions = htmltext.Options{Skip: func(n *html.Node) bool {
	cls := strings.ToLower(attr(n, "class"))
	return strings.Contains(cls, "sr-only") || strings.Contains(cls, "visually-hidden") || strings.Contains(cls, "screen-reader") ||
		strings.Contains(cls, "visuallyhidden") || attr(n, "aria-hidden") == "true"
}}
