package extract

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/htmltext"
)

// pageMeta is what the page says about its article outside the text.
type pageMeta struct {
	title, byline, source, canonical, lang string
	weakTitle                              bool     // the title is only <title>: maybe a site and section name
	credits                                []string // agency credits found on lines dropped from the text
	published                              time.Time

	docTitle  string            // <title>
	logo      string            // the text or alt of the site logo
	copyright string            // the footer's copyright line
	h1s       []*html.Node      // <h1> elements in order
	metas     map[string]string // lower-cased meta name/property/itemprop → first content
	ld        []map[string]any  // JSON-LD objects of article types, best first
	times     []*html.Node      // <time> elements and itemprop=datePublished elements
	dateNodes []*html.Node      // elements whose class or id names a date
}

// articleTypes are the JSON-LD @types of an article page, in order of
// preference.
var articleTypes = map[string]int{
	"newsarticle": 1, "reportagenewsarticle": 1, "analysisnewsarticle": 1, "opinionnewsarticle": 1,
	"backgroundnewsarticle": 1, "reviewnewsarticle": 1, "article": 2, "blogposting": 2,
	"livebloggposting": 2, "liveblogposting": 2, "socialmediaposting": 3, "webpage": 4,
}

// readPageMeta walks the tree once and reads the page's metadata.
func readPageMeta(doc *html.Node, pageURL *url.URL) *pageMeta {
	pm := &pageMeta{metas: map[string]string{}}
	var ldTexts []string
	var bylineNodes []*html.Node
	var walk func(n *html.Node, inBody bool)
	walk = func(n *html.Node, inBody bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				pm.lang = attr(n, "lang")
				if pm.lang == "" {
					pm.lang = attr(n, "xml:lang")
				}
			case atom.Body:
				inBody = true
			case atom.Title:
				if pm.docTitle == "" && !inBody {
					pm.docTitle = textOf(n)
				}
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if v := strings.ToLower(strings.TrimSpace(attr(n, k))); v != "" && content != "" {
						if _, ok := pm.metas[v]; !ok {
							pm.metas[v] = content
						}
					}
				}
			case atom.Link:
				if rel := strings.ToLower(attr(n, "rel")); hasToken(rel, "canonical") && pm.canonical == "" {
					pm.canonical = resolve(pageURL, attr(n, "href"))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					ldTexts = append(ldTexts, textOf(n))
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.H1:
				pm.h1s = append(pm.h1s, n)
			case atom.Time:
				pm.times = append(pm.times, n)
			}
			if ip := strings.ToLower(attr(n, "itemprop")); ip == "datepublished" && n.DataAtom != atom.Time && n.DataAtom != atom.Meta {
				pm.times = append(pm.times, n)
			}
			if inBody {
				cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
				if pm.logo == "" && strings.Contains(cls, "logo") {
					pm.logo = firstNonEmpty(textOf(n), imgAlt(n))
				}
				if n.DataAtom == atom.Img && pm.logo == "" && strings.Contains(strings.ToLower(attr(n, "src")), "logo") {
					pm.logo = attr(n, "alt")
				}
				if len(pm.dateNodes) < 30 && (strings.Contains(cls, "date") || strings.Contains(cls, "time") ||
					strings.Contains(cls, "publish") || strings.Contains(cls, "posted") || strings.Contains(cls, "تاريخ")) {
					pm.dateNodes = append(pm.dateNodes, n)
				}
				if len(bylineNodes) < 10 && (strings.Contains(cls, "byline") || strings.Contains(cls, "auth") ||
					hasToken(strings.ToLower(attr(n, "class")), "by") ||
					strings.Contains(cls, "writer") || hasToken(strings.ToLower(attr(n, "rel")), "author") ||
					strings.EqualFold(attr(n, "itemprop"), "author")) {
					bylineNodes = append(bylineNodes, n)
				}
			}
		}
		if n.Type == html.TextNode && inBody && (strings.Contains(n.Data, "©") || strings.Contains(n.Data, "محفوظة")) && wordCount(n.Data) <= 20 {
			pm.copyright = n.Data // the last one: footers come last
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody)
		}
	}
	walk(doc, false)
	pm.ld = articleLD(ldTexts)

	pm.source = firstNonEmpty(pm.metas["og:site_name"], ldString(pm.ld, "publisher", "name"),
		pm.metas["application-name"], pm.metas["twitter:site:name"])
	pm.source = foldSpace(pm.source)
	if pm.source == "" {
		pm.source = sourceFromPage(pm)
	}
	if pm.canonical == "" {
		pm.canonical = resolve(pageURL, firstNonEmpty(pm.metas["og:url"], ldString(pm.ld, "url"), ldString(pm.ld, "mainentityofpage", "@id")))
	}
	pm.title, pm.weakTitle = pickTitle(pm)
	pm.byline = notSource(pickByline(pm, bylineNodes), pm.source)
	return pm
}

// articleLD parses the JSON-LD blocks and returns the article objects,
// NewsArticle first. Broken JSON is skipped.
func articleLD(texts []string) []map[string]any {
	var found []map[string]any
	var rank []int
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			best := 0
			for _, t := range ldTypes(x["@type"]) {
				if r, ok := articleTypes[strings.ToLower(t)]; ok && (best == 0 || r < best) {
					best = r
				}
			}
			if best > 0 {
				found = append(found, x)
				rank = append(rank, best)
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			if m, ok := x["mainEntity"]; ok {
				visit(m, depth+1)
			}
		}
	}
	for _, t := range texts {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(t)), &v); err != nil {
			continue
		}
		visit(v, 0)
	}
	// Stable insertion sort by rank: a handful of objects at most.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && rank[j] < rank[j-1]; j-- {
			found[j], found[j-1] = found[j-1], found[j]
			rank[j], rank[j-1] = rank[j-1], rank[j]
		}
	}
	return found
}

func ldTypes(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString returns the first string found under the key path in the
// article objects (case-insensitive keys; an array takes its first element;
// a string where an object was expected is taken as is).
func ldString(objs []map[string]any, path ...string) string {
	for _, o := range objs {
		if s := ldPath(o, path); s != "" {
			return s
		}
	}
	return ""
}

func ldPath(v any, path []string) string {
	for _, k := range path {
		if a, ok := v.([]any); ok && len(a) > 0 {
			v = a[0]
		}
		m, ok := v.(map[string]any)
		if !ok {
			if s, ok := v.(string); ok {
				return strings.TrimSpace(s)
			}
			return ""
		}
		v = nil
		for mk, mv := range m {
			if strings.EqualFold(mk, k) {
				v = mv
				break
			}
		}
	}
	if a, ok := v.([]any); ok && len(a) > 0 {
		v = a[0]
	}
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// ldAuthors returns the author names of the first article object that has
// any.
func ldAuthors(objs []map[string]any) []string {
	for _, o := range objs {
		var v any
		for k, x := range o {
			if strings.EqualFold(k, "author") {
				v = x
			}
		}
		var names []string
		add := func(x any) {
			switch a := x.(type) {
			case string:
				names = append(names, a)
			case map[string]any:
				if s := ldPath(a, []string{"name"}); s != "" {
					names = append(names, s)
				}
			}
		}
		if arr, ok := v.([]any); ok {
			for _, x := range arr {
				add(x)
			}
		} else {
			add(v)
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// pickTitle chooses the headline: the <h1> that og:title, the JSON-LD
// headline or <title> confirm; else og:title or the JSON-LD headline; else
// the first <h1>; else <title>. A site name glued on with a separator is
// cut off.
func pickTitle(pm *pageMeta) (string, bool) {
	og := foldSpace(pm.metas["og:title"])
	ld := foldSpace(ldString(pm.ld, "headline"))
	tw := foldSpace(pm.metas["twitter:title"])
	doc := foldSpace(pm.docTitle)
	var firstH1 string
	for _, h := range pm.h1s {
		t := foldSpace(textOf(h))
		if t == "" || wordCount(t) > 40 {
			continue
		}
		if firstH1 == "" {
			firstH1 = t
		}
		k := arabic.Fold(t)
		for _, c := range []string{og, ld, tw, doc} {
			if c != "" && wordCount(t) >= 2 && strings.Contains(arabic.Fold(c), k) {
				return t, false
			}
		}
	}
	for _, c := range []string{og, ld, tw} {
		if c != "" {
			return stripSiteName(c, pm.source), false
		}
	}
	if firstH1 != "" {
		return firstH1, false
	}
	return stripSiteName(doc, pm.source), true
}

// titleSeparators are what sites put between headline and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " • ", " · ", " ｜ "}

// stripSiteName cuts the site name off a title: the part before the first
// or after the last separator, when it names the site or is much shorter
// than the rest.
func stripSiteName(title, site string) string {
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
			if sameName(tail, site) || (wordCount(tail) <= 4 && wordCount(head) > 2*wordCount(tail)) {
				return head
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
			if sameName(head, site) {
				return tail
			}
		}
	}
	return title
}

func sameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	fa, fb := arabic.Fold(a), arabic.Fold(b)
	return fa == fb || strings.Contains(fa, fb) || strings.Contains(fb, fa)
}

// bylinePrefixes are what precedes an author's name in a byline.
var bylinePrefixes = []string{"بقلم", "كتب", "كتبت", "كتبه", "إعداد", "اعداد", "تحرير", "بواسطة", "حوار", "أجرى الحوار", "تقرير", "متابعة", "by", "written by", "author", "الكاتب"}

// pickByline chooses the author: meta author, JSON-LD authors, then the
// text of an element marked as author or byline.
func pickByline(pm *pageMeta, nodes []*html.Node) string {
	for _, c := range []string{pm.metas["author"], pm.metas["article:author"], pm.metas["dc.creator"], pm.metas["parsely-author"]} {
		if b := cleanByline(c); b != "" {
			return b
		}
	}
	if names := ldAuthors(pm.ld); len(names) > 0 {
		var out []string
		for _, n := range names {
			if b := cleanByline(n); b != "" {
				out = append(out, b)
			}
		}
		if len(out) > 0 {
			return strings.Join(out, "، ")
		}
	}
	for _, n := range nodes {
		if b := cleanByline(textOf(n)); b != "" && wordCount(b) <= 8 {
			return b
		}
	}
	return ""
}

// cleanByline strips "بقلم:" and the like, and rejects what is not a name
// (a URL, a date, a long sentence).
func cleanByline(s string) string {
	s = foldSpace(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.Contains(s, "@") {
		return ""
	}
	for _, p := range bylinePrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			rest := strings.TrimLeft(s[len(p):], " :：-–")
			if rest != s[len(p):] || p == "by" || p == "written by" {
				s = strings.TrimSpace(rest)
				break
			}
		}
	}
	// "لندن: نادية الشمري": a place before a colon.
	if i := strings.IndexAny(s, ":："); i > 0 && wordCount(s[:i]) <= 2 {
		s = strings.TrimSpace(strings.TrimLeft(s[i:], ":："))
	}
	if _, ok := FindDate(s); ok || wordCount(s) > 12 || wordCount(s) == 0 {
		return ""
	}
	return s
}

// notSource rejects a byline that is the outlet's name ("سكاي نيوز عربية -
// أبوظبي" is a dateline, not an author).
func notSource(byline, source string) string {
	for _, part := range strings.FieldsFunc(byline, func(r rune) bool { return r == '-' || r == '|' || r == '–' || r == '/' }) {
		if sameName(strings.TrimSpace(part), source) {
			return ""
		}
	}
	return byline
}

// pageLanguage prefers what the text shows (an Arabic text under a
// template's lang="en" is Arabic), then the declared language.
func pageLanguage(declared, text string) string {
	detected := Language(text)
	declared = strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexAny(declared, "-_"); i > 0 {
		declared = declared[:i]
	}
	switch {
	case detected == "ar" || declared == "":
		return detected
	case detected == "und":
		return declared
	case declared == "ar":
		return detected // Latin text on an Arabic site
	}
	return declared
}

// attr returns the value of n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// textOf returns the text of n and its descendants, skipping scripts and
// styles below n, whitespace folded; a JSON-LD script (n itself) keeps its
// whitespace, which JSON strings may hold.
func textOf(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Script {
		var b strings.Builder // a script holds text only
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return strings.TrimSpace(b.String())
	}
	return htmltext.Text(n, textOfOptions)
}

// textOfOptions: paragraphs, divisions, list items and line breaks put a space.
var textOfOptions = htmltext.Options{Break: func(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Br, atom.P, atom.Div, atom.Li:
		return true
	}
	return false
}}

func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// blockAtoms are the elements that end a line of text.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dd: true, atom.Dt: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Figure: true, atom.Figcaption: true, atom.Main: true, atom.Aside: true,
	atom.Br: true, atom.Hr: true, atom.Body: true, atom.Caption: true, atom.Form: true, atom.Center: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Nav: true, atom.Tbody: true, atom.Thead: true,
}

// blocks returns the lines of text of an extracted content tree, one per
// block element (a table row is one line, its cells joined by spaces);
// lines that are not valid UTF-8 are dropped.
func blocks(root *html.Node) []string {
	lines := htmltext.Lines(root, blocksOptions)
	out := lines[:0]
	for _, l := range lines {
		if utf8.ValidString(l) {
			out = append(out, l)
		}
	}
	return out
}

// blocksOptions: block elements end a line, and so do the elements
// go-trafilatura writes (head, list, item, quote, lb, row); cells put a space.
var blocksOptions = htmltext.Options{
	Break: func(n *html.Node) bool {
		switch n.Data {
		case "head", "list", "item", "quote", "lb", "row":
			return true
		}
		return blockAtoms[htmltext.Atom(n)]
	},
	Space: func(n *html.Node) bool {
		a := htmltext.Atom(n)
		return a == atom.Td || a == atom.Th || n.Data == "cell"
	},
}

func imgAlt(n *html.Node) string {
	if img := firstDescendant(n, atom.Img); img != nil {
		return attr(img, "alt")
	}
	return ""
}

// sourceFromPage names the outlet when no metadata does: the logo's text;
// the short part of <title> beside the headline ("… | سكاي نيوز عربية");
// the name in the footer's copyright line ("جميع الحقوق محفوظة لكووورة ©
// 2021"); a "name: headline" title prefix only when the copyright line or
// logo confirms it (otherwise "دراسة: …" would name a source). "جريدة",
// "صحيفة", "موقع" and "مؤسسة" are dropped from the name.
func sourceFromPage(pm *pageMeta) string {
	t := foldSpace(pm.docTitle)
	var cands []string
	if s := foldSpace(pm.logo); s != "" && wordCount(s) <= 5 {
		cands = append(cands, s)
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if wordCount(tail) <= 4 && wordCount(head) > wordCount(tail) {
				cands = append(cands, tail)
			}
		}
		if i := strings.Index(t, sep); i > 0 {
			head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if wordCount(head) <= 4 && wordCount(tail) > 2*wordCount(head) {
				cands = append(cands, head)
			}
		}
	}
	copyright := copyrightName(pm.copyright)
	if i := strings.IndexAny(t, ":："); i > 0 && wordCount(t[:i]) <= 3 && wordCount(t[i:]) >= 4 {
		head := strings.TrimSpace(t[:i])
		if sharesWord(head, copyright) || sharesWord(head, pm.logo) {
			cands = append(cands, head)
		}
	}
	if copyright != "" {
		cands = append(cands, copyright)
	}
	for _, c := range cands {
		if c = outletName(c); c != "" && Language(c) == "ar" {
			return c
		}
	}
	for _, c := range cands {
		if c = outletName(c); c != "" {
			return c
		}
	}
	return ""
}

func outletName(c string) string {
	c = strings.Trim(c, " :-|.،")
	for _, p := range []string{"جريدة ", "صحيفة ", "موقع ", "مؤسسة "} {
		if strings.HasPrefix(c, p) && wordCount(c) > 1 {
			c = strings.TrimPrefix(c, p)
		}
	}
	return c
}

// copyrightName reads the outlet's name out of a copyright line: what is
// left without the rights formula, the © sign, years and punctuation, up to
// four words.
func copyrightName(line string) string {
	s := foldSpace(line)
	for _, f := range []string{"جميع حقوق النشر محفوظة", "جميع الحقوق محفوظة", "كل الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر محفوظة", "All rights reserved", "©", "(c)", "Copyright"} {
		if i := strings.Index(s, f); i >= 0 {
			rest := s[i+len(f):]
			// "محفوظة لكووورة", "محفوظة لمؤسسة الأهرام": the name follows.
			if strings.HasPrefix(strings.TrimSpace(rest), "ل") && strings.HasSuffix(f, "محفوظة") {
				rest = strings.TrimPrefix(strings.TrimSpace(rest), "ل")
			}
			s = s[:i] + " " + rest
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '|' || r == '–' {
			return ' '
		}
		return r
	}, s)
	if i := strings.IndexAny(s, ".،"); i >= 0 {
		s = s[:i]
	}
	// Years go; digits inside a name ("عربي21") stay.
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.Trim(w, "0123456789") != "" {
			words = append(words, w)
		}
	}
	s = strings.Join(words, " ")
	if wordCount(s) == 0 || wordCount(s) > 4 {
		return ""
	}
	return s
}

// sharesWord: a and b have a word of three letters or more in common (in
// fold form).
func sharesWord(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(arabic.Fold(b)) {
		words[w] = true
	}
	for _, w := range strings.Fields(arabic.Fold(a)) {
		if utf8.RuneCountInString(w) >= 3 && words[w] {
			return true
		}
	}
	return false
}
