package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/taqrir/taqrir/internal/arabic"
)

// monthNames maps the fold form (arabic.Fold) of every month name a news
// page may print to its month: the Gregorian names used in Egypt and the
// Gulf, the Syriac names of the Levant and Iraq, the French-derived names
// of the Maghreb, and English.
var monthNames = map[string]time.Month{}

func init() {
	for m, names := range [12][]string{
		{"يناير", "كانون الثاني", "جانفي", "January", "Jan"},
		{"فبراير", "شباط", "فيفري", "February", "Feb"},
		{"مارس", "آذار", "March", "Mar"},
		{"أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل", "April", "Apr"},
		{"مايو", "أيار", "ماي", "May"},
		{"يونيو", "يونيه", "حزيران", "جوان", "June", "Jun"},
		{"يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "July", "Jul"},
		{"أغسطس", "اغسطس", "آب", "أوت", "غشت", "August", "Aug"},
		{"سبتمبر", "أيلول", "شتنبر", "September", "Sep", "Sept"},
		{"أكتوبر", "اكتوبر", "تشرين الأول", "October", "Oct"},
		{"نوفمبر", "تشرين الثاني", "نونبر", "November", "Nov"},
		{"ديسمبر", "كانون الأول", "دجنبر", "December", "Dec"},
	} {
		for _, n := range names {
			monthNames[arabic.Fold(n)] = time.Month(m + 1)
		}
	}
}

// dateToken is one piece of a date text: a number, a word (a month name
// of two words, "كانون الثاني", is one token) or a separator.
type dateToken struct {
	num   int  // the value of a number token (-1 otherwise)
	width int  // digits in a number token
	month int  // 1-12 when the token is a month name, else 0
	sep   byte // '/', '-', '.', ',', ':' or 0
}

// FindDate finds the first calendar date written in s: "الاثنين 15 مارس
// 2021", "١٥ آذار ٢٠٢١", "15 مارس/آذار 2021م", "2021/03/15", "15-03-2021",
// "March 15, 2021", "2021-03-15T10:30:00+03:00". Numeric dates are read
// year first or day first (month first only when the day-first reading is
// impossible, as in 03/15/2021). A time of day right after the date is
// kept, in UTC+0 unless an offset is given with it. Years outside
// 1990–2100 (a Hijri year such as 1442) are not dates here.
func FindDate(s string) (time.Time, bool) {
	if len(s) > 4096 {
		s = s[:4096]
	}
	toks, tail := dateTokens(s)
	for i := range toks {
		if y, m, d, n, ok := dateAt(toks, i); ok {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if n < len(toks) {
				t = withClock(t, tail[n])
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// dateTokens splits s into date tokens; tail[i] is the text from the start
// of token i on, for reading a clock time after a date.
func dateTokens(s string) ([]dateToken, []string) {
	f := arabic.Fold(s)
	var toks []dateToken
	var tail []string
	for i := 0; i < len(f); {
		r, n := utf8.DecodeRuneInString(f[i:])
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				j++
			}
			v := -1
			if j-i <= 4 {
				v, _ = strconv.Atoi(f[i:j])
			}
			toks = append(toks, dateToken{num: v, width: j - i})
			tail = append(tail, f[i:])
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(f) {
				r2, n2 := utf8.DecodeRuneInString(f[j:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n2
			}
			w := strings.ToLower(f[i:j])
			m := monthNames[w]
			if (w == "كانون" || w == "تشرين") && j < len(f) {
				// Two-word Levantine months: the next word decides.
				rest := strings.TrimLeft(f[j:], " ")
				for _, second := range []string{"الثاني", "الاول"} {
					if strings.HasPrefix(rest, second) {
						m = monthNames[w+" "+second]
						j = len(f) - len(rest) + len(second)
						break
					}
				}
			}
			toks = append(toks, dateToken{num: -1, month: int(m)})
			tail = append(tail, f[i:])
			i = j
		case r == '/' || r == '-' || r == '.' || r == ',' || r == ':' || r == '،' || r == '\\':
			b := byte(r)
			if r == '،' {
				b = ','
			}
			if r == '\\' {
				b = '/'
			}
			toks = append(toks, dateToken{num: -1, sep: b})
			tail = append(tail, f[i:])
			i += n
		default:
			i += n
		}
	}
	return toks, tail
}

func isYear(t dateToken) bool  { return t.width == 4 && t.num >= 1990 && t.num <= 2100 }
func isDay(t dateToken) bool   { return t.width >= 1 && t.width <= 2 && t.num >= 1 && t.num <= 31 }
func isMonth(t dateToken) bool { return t.width >= 1 && t.width <= 2 && t.num >= 1 && t.num <= 12 }

// dateAt reads a date starting at token i and returns it with the index of
// the first token after it.
func dateAt(t []dateToken, i int) (y, m, d, next int, ok bool) {
	at := func(k int) dateToken {
		if k < len(t) {
			return t[k]
		}
		return dateToken{num: -1}
	}
	a := at(i)
	switch {
	case isDay(a) && at(i+1).month > 0:
		// 15 مارس 2021, 15 مارس/آذار 2021, 15 مارس، 2021
		m, k := at(i+1).month, i+2
		if at(k).sep == '/' || at(k).sep == '-' {
			if at(k+1).month > 0 {
				k += 2
			}
		} else if at(k).month > 0 {
			k++
		}
		if at(k).sep == ',' || at(k).sep == '-' {
			k++
		}
		if isYear(at(k)) && validDay(at(k).num, m, a.num) {
			return at(k).num, m, a.num, k + 1, true
		}
	case a.month > 0 && isDay(at(i+1)):
		// March 15, 2021
		k := i + 2
		if at(k).sep == ',' {
			k++
		}
		if isYear(at(k)) && validDay(at(k).num, a.month, at(i+1).num) {
			return at(k).num, a.month, at(i + 1).num, k + 1, true
		}
	case a.month > 0 && isYear(at(i+1)):
		// a month and year alone are not a publication date
	case isYear(a):
		// 2021-03-15, 2021/03/15, 2021.03.15
		s := at(i + 1).sep
		if (s == '-' || s == '/' || s == '.') && isMonth(at(i+2)) && at(i+3).sep == s && isDay(at(i+4)) &&
			validDay(a.num, at(i+2).num, at(i+4).num) {
			return a.num, at(i + 2).num, at(i + 4).num, i + 5, true
		}
	case isDay(a):
		// 15/03/2021, 15-03-2021, 15.03.2021; 03/15/2021 only when the day
		// cannot come first.
		s := at(i + 1).sep
		if (s == '-' || s == '/' || s == '.') && isDay(at(i+2)) && at(i+3).sep == s && isYear(at(i+4)) {
			y, p, q := at(i+4).num, a.num, at(i+2).num
			switch {
			case q <= 12 && validDay(y, q, p):
				return y, q, p, i + 5, true
			case p <= 12 && validDay(y, p, q):
				return y, p, q, i + 5, true
			}
		}
	}
	return 0, 0, 0, 0, false
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// clockRe reads a time of day right after a date: "10:30", "T10:30:00Z",
// "10:30:00.000+03:00", "- 10:30 م" (afternoon), "10:30 PM".
var clockRe = regexp.MustCompile(`^[\s,|t-]*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(z|[+-]\d{2}:?\d{2}|م|مساء|pm|ص|صباحا|am)?`)

// withClock adds the time of day written at the start of rest (fold form)
// to t; the zone is UTC unless an offset is written.
func withClock(t time.Time, rest string) time.Time {
	if len(rest) > 64 {
		rest = rest[:64]
	}
	m := clockRe.FindStringSubmatch(strings.ToLower(rest))
	if m == nil {
		return t
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	if h > 23 || mi > 59 || sec > 59 {
		return t
	}
	loc := time.UTC
	switch z := m[4]; {
	case z == "م" || z == "مساء" || z == "pm":
		if h < 12 {
			h += 12
		}
	case strings.HasPrefix(z, "+") || strings.HasPrefix(z, "-"):
		d := strings.ReplaceAll(z[1:], ":", "")
		oh, _ := strconv.Atoi(d[:2])
		om, _ := strconv.Atoi(d[2:])
		if oh > 14 || om > 59 {
			break
		}
		off := oh*3600 + om*60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), h, mi, sec, 0, loc)
}

// dateMetaKeys are the <meta> names and properties that carry a
// publication date, best first.
var dateMetaKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished", "publishdate", "publish-date",
	"publish_date", "pubdate", "article.published", "parsely-pub-date", "sailthru.date", "dc.date.issued",
	"dcterms.issued", "dc.date", "dcterms.created", "date", "og:published_time", "article:published",
	"published_time", "original-publish-date", "cxenseparse:recs:publishtime", "article_date_original",
}

// pubDate finds the publication date: the JSON-LD article's datePublished,
// a date <meta>, a <time datetime> (or itemprop=datePublished), a date in
// the URL, then a date written in the page near the headline. Structured
// metadata wins over text. A modification date ("آخر تحديث: …",
// dateModified, a <time> marked as an update) is taken only when the page
// gives no other date: it is then the best guess at when the article
// appeared, and far better than none. The zero time means no date at all.
func pubDate(doc *html.Node, pm *pageMeta, pageURL *url.URL) time.Time {
	t, updated := publishedOrUpdated(doc, pm, pageURL)
	if t.IsZero() {
		return updated
	}
	return t
}

// modifiedMetaKeys name a modification date in <meta>.
var modifiedMetaKeys = []string{"article:modified_time", "og:updated_time", "last-modified", "dcterms.modified", "datemodified"}

// publishedOrUpdated returns the publication date pubDate describes, and the
// first modification date seen on the way.
func publishedOrUpdated(doc *html.Node, pm *pageMeta, pageURL *url.URL) (published, updated time.Time) {
	noteUpdate := func(t time.Time) {
		if updated.IsZero() {
			updated = t
		}
	}
	for _, k := range []string{"datepublished", "datecreated", "uploaddate"} {
		if t, ok := machineDate(ldString(pm.ld, k)); ok {
			return t, updated
		}
	}
	for _, k := range dateMetaKeys {
		if t, ok := machineDate(pm.metas[k]); ok {
			return t, updated
		}
	}
	if t, ok := machineDate(ldString(pm.ld, "datemodified")); ok {
		noteUpdate(t)
	}
	for _, k := range modifiedMetaKeys {
		if t, ok := machineDate(pm.metas[strings.ToLower(k)]); ok {
			noteUpdate(t)
		}
	}
	// A <time> marked as the publication date, then any <time>.
	var firstTime time.Time
	for _, n := range pm.times {
		v := firstNonEmpty(attr(n, "datetime"), attr(n, "content"))
		t, ok := machineDate(v)
		if !ok {
			t, ok = FindDate(textOf(n))
		}
		if !ok {
			continue
		}
		if isUpdateMark(attr(n, "class") + " " + attr(n, "itemprop") + " " + attr(n, "id")) {
			noteUpdate(t)
			continue
		}
		marked := attr(n, "pubdate") != "" || strings.EqualFold(attr(n, "itemprop"), "datepublished") ||
			strings.Contains(strings.ToLower(attr(n, "class")), "publish")
		if marked {
			return t, updated
		}
		if firstTime.IsZero() {
			firstTime = t
		}
	}
	if !firstTime.IsZero() {
		return firstTime, updated
	}
	if pageURL != nil {
		if t, ok := urlDate(pageURL.Path); ok {
			return t, updated
		}
	}
	if pm.canonical != "" {
		if u := parseURL(pm.canonical); u != nil {
			if t, ok := urlDate(u.Path); ok {
				return t, updated
			}
		}
	}
	for _, n := range pm.dateNodes {
		s := textOf(n)
		if len(s) > 200 {
			continue
		}
		if isUpdateMark(attr(n, "class") + " " + attr(n, "id")) {
			if t, ok := FindDate(s); ok {
				noteUpdate(t)
			}
			continue
		}
		if t, ok := FindDate(beforeUpdate(s)); ok {
			return t, updated
		}
		if t, ok := FindDate(s); ok {
			noteUpdate(t)
		}
	}
	t, u := textDateNearTitle(doc, pm)
	if !u.IsZero() {
		noteUpdate(u)
	}
	return t, updated
}

// machineDate reads a date attribute or meta value: the machine layouts of
// ParseDate, else FindDate on the text (Arabic digits, "15/03/2021").
func machineDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	if t, err := ParseDate(s); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
		return t, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 10 && len(s) <= 13 {
		// A Unix timestamp, in seconds or milliseconds.
		if len(s) == 13 {
			n /= 1000
		}
		if t := time.Unix(n, 0).UTC(); t.Year() >= 1990 && t.Year() <= 2100 {
			return t, true
		}
	}
	return FindDate(s)
}

// urlDateRe finds /2021/03/15/, /2021-03-15, /20210315/ in a URL path.
var urlDateRe = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

func urlDate(path string) (time.Time, bool) {
	m := urlDateRe.FindStringSubmatch(path)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if !validDay(y, mo, d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}

// textDateNearTitle looks for a date written in the first text after the
// headline (where the byline and dateline are), else at the top of the
// body; it also returns the first modification date it read on the way.
func textDateNearTitle(doc *html.Node, pm *pageMeta) (found, updated time.Time) {
	start := doc
	if len(pm.h1s) > 0 {
		start = pm.h1s[0]
	}
	seen := 0
	// Walk the document in order from start: its following text nodes.
	for n := start; n != nil && seen < 40 && found.IsZero(); n = nextNode(n) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			n = lastDescendant(n)
			continue
		}
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) == "" {
			continue
		}
		seen++
		if len(n.Data) <= 300 {
			if t, ok := FindDate(beforeUpdate(n.Data)); ok {
				found = t
			} else if t, ok := FindDate(n.Data); ok && updated.IsZero() {
				updated = t
			}
		}
	}
	return found, updated
}

// nextNode is the node after n in document order.
func nextNode(n *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func lastDescendant(n *html.Node) *html.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// isUpdateMark: a class, id or itemprop naming a modification date.
func isUpdateMark(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "updat") || strings.Contains(s, "modif")
}

// updateWords introduce a modification date in text.
var updateWords = []string{"آخر تحديث", "اخر تحديث", "تحديث", "تم التحديث", "عدل في", "updated", "last modified", "modified"}

// beforeUpdate cuts s before the first word that introduces a
// modification date, so "نشر: 15 مارس 2021 | آخر تحديث: 16 مارس 2021"
// yields the publication date, and "آخر تحديث: 16 مارس" none.
func beforeUpdate(s string) string {
	low := strings.ToLower(s)
	cut := len(s)
	for _, w := range updateWords {
		if i := strings.Index(low, w); i >= 0 && i < cut {
			cut = i
		}
	}
	if cut < len(low) && len(low) == len(s) {
		return s[:cut]
	}
	if cut < len(s) {
		return ""
	}
	return s
}
