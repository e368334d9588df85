package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// Vague values, as in TIMEX3.
const (
	PastRef   = "PAST_REF"
	FutureRef = "FUTURE_REF"
)

// Extract returns the date, time and duration expressions of text in text
// order, without overlaps. Relative expressions are resolved against
// anchor, the publication date; when anchor is the zero time they are
// returned with Unresolved set and an empty Value (absolute dates are still
// resolved). Only the anchor's calendar date is used.
func Extract(text string, anchor time.Time) []news.Date {
	return ExtractDoc(arabic.Analyse(text), anchor)
}

// ExtractDoc is Extract over a text already analysed (its tokens and
// their folds are read from d).
func ExtractDoc(d *arabic.Doc, anchor time.Time) []news.Date {
	loadLexicon()
	p := newParser(d, anchor)
	var out []news.Date
	lastEnd := 0
	for i := 0; i < len(p.toks); {
		c, ok := p.bestWithClitic(i)
		if !ok {
			i++
			continue
		}
		c = p.extend(c)
		// مطلع 2019، نهاية الشهر المقبل: the part of the period is part of
		// the expression (the value stays the whole period's)
		if c.start < 0 && c.i > lastEnd && periodParts[p.f(c.i-1)] {
			switch c.gran {
			case news.GranMonth, news.GranYear, news.GranWeek:
				c.i--
			}
		}
		out = append(out, p.date(c))
		i, lastEnd = c.j, c.j
	}
	return out
}

// Spans returns the byte spans [start, end) of the expressions Extract
// finds, whatever the anchor: what another extractor (quantities) must
// leave alone.
func Spans(text string) [][2]int {
	ds := Extract(text, time.Time{})
	out := make([][2]int, len(ds))
	for i, d := range ds {
		out[i] = [2]int{d.Start, d.End}
	}
	return out
}

type tok struct {
	s, e int
	f    string // arabic.Fold of the token
	kind arabic.Kind
	n    int // value when f is 1-6 ASCII digits, else -1
	nd   int // number of digits of n
}

type parser struct {
	text      string
	toks      []tok
	anchor    time.Time // UTC midnight of the publication day
	hasAnchor bool
}

func newParser(d *arabic.Doc, anchor time.Time) *parser {
	text := d.Text
	p := &parser{text: text, toks: make([]tok, 0, len(d.Tokens))}
	if !anchor.IsZero() {
		y, m, d := anchor.Date()
		p.anchor = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		p.hasAnchor = true
	}
	chunkEnd, noisy := -1, false
	for i, t := range d.Tokens {
		f := d.Folds[i]
		if t.Start >= chunkEnd {
			chunkEnd, noisy = LatinChunk(text, t.Start)
		}
		if noisy {
			f = "\x00" // part of a URL, an e-mail or a code such as COVID-19: never a date
		}
		n, nd := -1, 0
		if t.Kind == arabic.KindNumber && len(f) <= 6 && allDigits(f) {
			n, _ = strconv.Atoi(f)
			nd = len(f)
		}
		p.toks = append(p.toks, tok{s: t.Start, e: t.End, f: f, kind: t.Kind, n: n, nd: nd})
	}
	return p
}

// LatinChunk returns the end of the whitespace-delimited chunk of text
// that starts at or before start, and whether it mixes Latin letters with
// digits or URL punctuation (COVID-19, example.com/2021, F16): the
// numbers of such a chunk are neither dates nor figures.
func LatinChunk(text string, start int) (int, bool) {
	i, j := start, start
	for i > 0 && !isSpaceByte(text[i-1]) {
		i--
	}
	for j < len(text) && !isSpaceByte(text[j]) {
		j++
	}
	chunk := text[i:j]
	latin, other := false, false
	for k := 0; k < len(chunk); k++ {
		c := chunk[k]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			latin = true
		case c >= '0' && c <= '9', c == '/', c == '@', c == '_', c == '=', c == '#', c == '.':
			other = true
		}
	}
	return j, latin && other
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ckind says what a candidate is, for composition.
type ckind uint8

const (
	ckOther   ckind = iota
	ckDay           // a day (absolute or resolved)
	ckWeekday       // a weekday (resolved to a day)
	ckTime          // a clock time alone
)

// cand is one candidate expression over tokens [i, j).
type cand struct {
	i, j       int
	start      int // byte start when a clitic is skipped; -1 for toks[i].s
	kind       ckind
	gran       string
	value      string
	rel, unres bool
	hijri      bool
	abs        bool // an absolute calendar date (not from the anchor)
	// day-month fields, for ranges that share a year (من 5 إلى 7 أبريل)
	y, m, d int
	noYear  bool
	// clock time
	hh, mi int
	zulu   bool
}

func (p *parser) f(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].f
}

// num returns the integer of token i when it is plain digits.
func (p *parser) num(i int) (int, int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].n < 0 {
		return 0, 0, false
	}
	return p.toks[i].n, p.toks[i].nd, true
}

// isYearTok reports whether token i is a four-digit year from 1000 to 2100.
func (p *parser) isYearTok(i int) bool {
	y, nd, ok := p.num(i)
	return ok && nd == 4 && y >= 1000 && y <= 2100
}

func (p *parser) isNum(i int) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == arabic.KindNumber
}

// glued reports whether token i follows token i-1 with nothing between.
func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.toks) && p.toks[i].s == p.toks[i-1].e
}

func (p *parser) date(c cand) news.Date {
	start := p.toks[c.i].s
	if c.start >= 0 {
		start = c.start
	}
	end := p.toks[c.j-1].e
	return news.Date{
		Text: p.text[start:end], Value: c.value, Granularity: c.gran,
		Start: start, End: end, Relative: c.rel, Unresolved: c.unres,
		Calendar: map[bool]string{true: "hijri"}[c.hijri],
	}
}

// bestWithClitic tries token i as written, then without a one-letter
// proclitic (وأمس، بمارس، والاثنين).
func (p *parser) bestWithClitic(i int) (cand, bool) {
	t := p.toks[i]
	if t.kind == arabic.KindNumber || vocab[t.f] {
		if c, ok := p.best(i); ok {
			return c, true
		}
	}
	if t.kind != arabic.KindArabic || len(t.f) < 6 {
		return cand{}, false
	}
	switch t.f[:2] {
	case "و", "ف", "ب", "ل":
	default:
		return cand{}, false
	}
	if !vocab[t.f[2:]] {
		return cand{}, false
	}
	orig := t.f
	p.toks[i].f = orig[2:]
	c, ok := p.best(i)
	p.toks[i].f = orig
	if !ok {
		return cand{}, false
	}
	raw := p.text[t.s:t.e]
	if !strings.HasPrefix(raw, orig[:2]) {
		return cand{}, false // a clitic we cannot locate in the original bytes
	}
	c.start = t.s + 2
	return c, true
}

type matcher func(*parser, int) (cand, bool)

var matchers = []matcher{
	(*parser).matchRange,
	(*parser).matchNumeric,
	(*parser).matchDayMonth,
	(*parser).matchMonth,
	(*parser).matchHijriMonthYear,
	(*parser).matchYear,
	(*parser).matchWeekday,
	(*parser).matchRelDay,
	(*parser).matchRelUnit,
	(*parser).matchAgo,
	(*parser).matchVague,
	(*parser).matchDuration,
	(*parser).matchTime,
}

// best returns the longest candidate starting at token i.
func (p *parser) best(i int) (cand, bool) {
	var b cand
	found := false
	for _, m := range matchers {
		c, ok := m(p, i)
		if ok && c.j > i && (!found || c.j > b.j) {
			b, found = c, true
		}
	}
	return b, found
}

// extend attaches a clock time to an adjacent day, and an explicit date to
// the weekday before it (الاثنين 5 أبريل).
func (p *parser) extend(c cand) cand {
	switch c.kind {
	case ckWeekday:
		k := c.j
		for p.f(k) == "،" || p.f(k) == "," || wDate[p.f(k)] {
			k++
		}
		if d, ok := p.absDay(k); ok {
			d.i, d.start = c.i, c.start
			c = d
		} else if d, ok := p.matchDayMonth(k); ok && d.kind == ckDay {
			// السبت 28 آذار: the written day wins over the weekday's reckoning
			d.i, d.start = c.i, c.start
			c = d
		}
	case ckTime:
		k := c.j
		for p.f(k) == wFrom || p.f(k) == "في" || p.f(k) == "،" || p.f(k) == "," {
			k++
		}
		if d, ok := p.dayAt(k); ok {
			t := c
			if pmParts[p.f(k)] && t.hh < 12 && t.value != "" {
				t.hh += 12 // الثامنة من مساء أمس
				t.value = fmt.Sprintf("T%02d:%02d", t.hh, t.mi)
				if t.zulu {
					t.value += "Z"
				}
			}
			c = d
			c.i, c.start = t.i, t.start
			return p.withTime(c, t)
		}
		return c
	}
	if c.gran == news.GranMonth && c.m > 0 && p.f(c.j) == "(" {
		// تشرين الثاني (27/11/1946): the month and its date as one
		if d, ok := p.matchNumeric(c.j + 1); ok && d.kind == ckDay && d.m == c.m && p.f(d.j) == ")" {
			d.i, d.start, d.j = c.i, c.start, d.j+1
			c = d
		}
	}
	if c.kind == ckDay || c.kind == ckWeekday {
		k := c.j
		for p.f(k) == "،" || p.f(k) == "," || p.f(k) == "في" || p.f(k) == "عند" || p.f(k) == "تمام" || wApprox[p.f(k)] {
			k++
		}
		if t, ok := p.matchTime(k); ok {
			c.j = t.j
			return p.withTime(c, t)
		}
	}
	return c
}

// dayAt matches any day expression at token k.
func (p *parser) dayAt(k int) (cand, bool) {
	var b cand
	found := false
	for _, m := range []matcher{(*parser).matchNumeric, (*parser).matchDayMonth, (*parser).matchWeekday, (*parser).matchRelDay} {
		if c, ok := m(p, k); ok && (c.kind == ckDay || c.kind == ckWeekday) && (!found || c.j > b.j) {
			b, found = c, true
		}
	}
	return b, found
}

// absDay matches an absolute day (a written date) at token k.
func (p *parser) absDay(k int) (cand, bool) {
	for _, m := range []matcher{(*parser).matchDayMonth, (*parser).matchNumeric} {
		if c, ok := m(p, k); ok && c.kind == ckDay && c.abs {
			return c, true
		}
	}
	return cand{}, false
}

// withTime gives day c the clock time of t.
func (p *parser) withTime(c, t cand) cand {
	c.kind = ckOther
	c.gran = news.GranTime
	c.j = max(c.j, t.j)
	if c.value != "" {
		c.value += t.value
	}
	return c
}

// --- resolution helpers ---

func (p *parser) dayValue(c *cand, t time.Time) {
	c.kind, c.gran = ckDay, news.GranDay
	c.y, c.m, c.d = t.Year(), int(t.Month()), t.Day()
	c.value = t.Format("2006-01-02")
}

// relative marks c as resolved against the anchor, or unresolved.
func (p *parser) relative(c *cand, gran string, resolve func(a time.Time) string) {
	c.gran, c.rel = gran, true
	if !p.hasAnchor {
		c.unres, c.value = true, ""
		return
	}
	c.value = resolve(p.anchor)
}

func validDay(y, m, d int) (time.Time, bool) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func monthValue(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

func yearValue(y int) string { return fmt.Sprintf("%04d", y) }

// nearestMonthYear picks the year of month m nearest the anchor (a tie goes
// to the past); dir -1 wants the last such month strictly before the
// anchor's month, +1 the first strictly after, 2 the anchor's year.
func nearestMonthYear(a time.Time, m, dir int) int {
	ay, am := a.Year(), int(a.Month())
	switch dir {
	case -1:
		if m < am {
			return ay
		}
		return ay - 1
	case 1:
		if m > am {
			return ay
		}
		return ay + 1
	case 2:
		return ay
	}
	diff := m - am
	switch {
	case diff > 6:
		return ay - 1
	case diff < -6:
		return ay + 1
	case diff == 6:
		return ay - 1
	}
	return ay
}

// nearestDay resolves day d of month m without a year, as nearestMonthYear.
func nearestDay(a time.Time, m, d, dir int) (time.Time, bool) {
	if dir == 2 {
		return validDay(a.Year(), m, d)
	}
	var best time.Time
	found := false
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		t, ok := validDay(y, m, d)
		if !ok {
			continue
		}
		switch {
		case dir == -1 && !t.Before(a), dir == 1 && !t.After(a):
			continue
		}
		if !found {
			best, found = t, true
			continue
		}
		db, dt := absDur(best.Sub(a)), absDur(t.Sub(a))
		if dt < db || (dt == db && t.Before(best)) {
			best = t
		}
	}
	return best, found
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// modifier reads a relative modifier at token k: -1 past, +1 next, 2 current.
func (p *parser) modifier(k int) (int, bool) {
	f := p.f(k)
	switch {
	case modPast[f]:
		return -1, true
	case modNext[f]:
		return 1, true
	case modCurrent[f]:
		return 2, true
	}
	return 0, false
}

// --- pieces ---

// month reads a Gregorian month name at k, with an optional second naming
// (مارس/آذار، مارس (آذار)، مارس - آذار). It reports whether the month is
// ambiguous when alone.
func (p *parser) month(k int) (m, j int, ambiguous, ok bool) {
	m, j, ok = p.monthName(k)
	if !ok {
		return 0, 0, false, false
	}
	ambiguous = ambiguousMonths[p.f(k)] && j == k+1
	switch p.f(j) {
	case "/", "-", "–":
		if m2, j2, ok2 := p.monthName(j + 1); ok2 && m2 == m {
			return m, j2, false, true
		}
	case "(":
		if m2, j2, ok2 := p.monthName(j + 1); ok2 && m2 == m && p.f(j2) == ")" {
			return m, j2 + 1, false, true
		}
	}
	return m, j, ambiguous, true
}

func (p *parser) monthName(k int) (int, int, bool) {
	f := p.f(k)
	if m, ok := monthWords[f]; ok {
		if m == 8 && f == monthAb && !strings.HasPrefix(p.text[p.toks[k].s:], "آ") {
			return 0, 0, false // إب (a Yemeni city), not آب
		}
		return m, k + 1, true
	}
	if f == kanun || f == tishrin || f == tishrin2 {
		base := 1 // كانون الثاني
		if f != kanun {
			base = 11 // تشرين الثاني
		}
		switch {
		case firstWords[p.f(k+1)]:
			return (base+10)%12 + 1, k + 2, true // كانون الأول 12, تشرين الأول 10
		case secondWord[p.f(k+1)]:
			return base, k + 2, true
		}
	}
	return 0, 0, false
}

var monthAb = arabic.Fold("آب")

func (p *parser) hijriMonth(k int) (int, int, bool) {
	f := p.f(k)
	if m, ok := hijriOne[f]; ok {
		return m, k + 1, true
	}
	if q, ok := hijriTwo[f]; ok {
		if m, ok := q[p.f(k+1)]; ok {
			return m, k + 2, true
		}
	}
	return 0, 0, false
}

// year reads a four-digit year at k, optionally in parentheses and
// followed by م/ميلادي; it returns the token after it.
func (p *parser) year(k int) (int, int, bool) {
	paren := p.f(k) == "("
	if paren {
		k++
	}
	y, nd, ok := p.num(k)
	if !ok || nd != 4 || y < 1000 || y > 2999 {
		return 0, 0, false
	}
	k++
	if paren {
		if p.f(k) != ")" {
			return 0, 0, false
		}
		k++
	}
	if wGregorian[p.f(k)] && !hijriMarks[p.f(k)] {
		k++
	}
	return y, k, true
}

// yearAfterMonth reads the year after a month name, written directly
// (مارس 2021) or with عام/سنة, or من العام (مايو من العام 2018).
func (p *parser) yearAfterMonth(j int) (int, int, bool) {
	if y, k, ok := p.year(j); ok {
		return y, k, true
	}
	if p.f(j) == wFrom {
		j++
	}
	if wYearCue[p.f(j)] && !wDual[p.f(j)] {
		return p.year(j + 1)
	}
	return 0, 0, false
}

// hijriYear reads a Hijri year at k: a number with هـ/هجري after it, or a
// bare number in 1300..1600 when marked is false.
func (p *parser) hijriYear(k int, needMark bool) (int, int, bool) {
	paren := p.f(k) == "("
	if paren {
		k++
	}
	y, nd, ok := p.num(k)
	if !ok || nd < 3 || nd > 4 || y < 1 || y > 1700 {
		return 0, 0, false
	}
	k++
	if paren {
		if p.f(k) != ")" {
			return 0, 0, false
		}
		k++
	}
	if hijriMarks[p.f(k)] {
		return y, k + 1, true
	}
	if needMark || y < 1300 || y > 1600 {
		return 0, 0, false
	}
	return y, k, true
}

// dayNum reads a day of the month at k: 1-31 in digits, or an ordinal word
// (السابع، الحادي عشر، الثاني والعشرين). ordinal reports the word form.
func (p *parser) dayNum(k int) (d, j int, ordinal, ok bool) {
	if n, nd, ok := p.num(k); ok && nd <= 2 && n >= 1 && n <= 31 {
		return n, k + 1, false, true
	}
	f := p.f(k)
	if u, ok := ordinalUnits[f]; ok {
		switch {
		case ordTeen[p.f(k+1)] && u < 10:
			return u + 10, k + 2, true, true
		case ordTwenty[p.f(k+1)] && u < 10:
			return u + 20, k + 2, true, true
		case ordThirty[p.f(k+1)] && u == 1:
			return 31, k + 2, true, true
		}
		if f == wHadi {
			return 0, 0, false, false
		}
		return u, k + 1, true, true
	}
	if ordTwenty[f] && f[0] != "و"[0] {
		return 20, k + 1, true, true
	}
	if ordThirty[f] && f[0] != "و"[0] {
		return 30, k + 1, true, true
	}
	return 0, 0, false, false
}

// --- matchers ---

// matchNumeric: 7/4/2021 (day first), 2021/4/7, 2021-04-07, 7.4.2021,
// 4/2021 and the year range 2019-2021.
func (p *parser) matchNumeric(i int) (cand, bool) {
	k := i
	if dayParts[p.f(k)] && !wDay[p.f(k)] && (wDay[p.f(k+1)] || p.isNum(k+1)) {
		k++ // صباح يوم 15/8/2021
	}
	cue := wDay[p.f(k)] || wDate[p.f(k)]
	if cue {
		k++
		if p.f(k) == ":" {
			k++ // بتاريخ: 2/9/2007
		}
	}
	// parentheses belong to the expression only after a cue (بتاريخ (7/4/2021))
	paren := cue && p.f(k) == "("
	if paren {
		k++
	}
	var parts []int
	var widths []int
	j := k
	if i < len(p.toks) && k < len(p.toks) && p.toks[k].kind == arabic.KindNumber && p.toks[k].n < 0 {
		// one token: 7/4/2021, 2021/4/7, 7.4.2021
		f := p.toks[k].f
		sep := ""
		switch {
		case strings.Count(f, "/") >= 1 && !strings.ContainsAny(f, ".,:"):
			sep = "/"
		case strings.Count(f, ".") == 2 && !strings.ContainsAny(f, "/,:"):
			sep = "."
		default:
			return cand{}, false
		}
		for _, s := range strings.Split(f, sep) {
			if !allDigits(s) || len(s) > 4 {
				return cand{}, false
			}
			n, _ := strconv.Atoi(s)
			parts, widths = append(parts, n), append(widths, len(s))
		}
		j = k + 1
	} else {
		// separate tokens: 2021-04-07, 21 / 4 / 1942
		n, nd, ok := p.num(k)
		if !ok {
			return cand{}, false
		}
		parts, widths = []int{n}, []int{nd}
		j = k + 1
		sep := p.f(j)
		if sep != "/" && sep != "-" {
			return cand{}, false
		}
		for len(parts) < 3 && p.f(j) == sep {
			if sep == "-" && (!p.glued(j) || !p.glued(j+1)) && !(nd == 4 && p.isYearTok(j+1)) {
				break // 1936 - 1939 may be spaced; a date with dashes may not
			}
			n, nd, ok := p.num(j + 1)
			if !ok {
				break
			}
			parts, widths = append(parts, n), append(widths, nd)
			j += 2
		}
	}
	if len(parts) == 2 && widths[0] == 4 && widths[1] == 4 {
		// a year range 2019-2021, 1936 - 1939, 1931/1932
		y1, y2 := parts[0], parts[1]
		if y1 < 1900 || y2 > 2100 || y2 <= y1 {
			return cand{}, false
		}
		if paren {
			if p.f(j) != ")" {
				return cand{}, false
			}
			j++
		}
		return cand{i: i, j: j, start: -1, gran: news.GranRange, value: yearValue(y1) + "/" + yearValue(y2), abs: true}, true
	}
	if paren {
		if p.f(j) != ")" {
			return cand{}, false
		}
		j++
	}
	c := cand{i: i, j: j, start: -1, abs: true}
	switch len(parts) {
	case 3:
		var y, m, d int
		switch {
		case widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2:
			y, m, d = parts[0], parts[1], parts[2]
		case widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2:
			d, m, y = parts[0], parts[1], parts[2]
		default:
			return cand{}, false
		}
		t, ok := validDay(y, m, d)
		if !ok || y < 1000 {
			return cand{}, false
		}
		p.dayValue(&c, t)
	case 2:
		if widths[1] != 4 || widths[0] > 2 || parts[0] < 1 || parts[0] > 12 || parts[1] < 1000 {
			return cand{}, false
		}
		c.gran, c.value = news.GranMonth, monthValue(parts[1], parts[0])
	default:
		return cand{}, false
	}
	if wGregorian[p.f(c.j)] {
		c.j++
	}
	return c, true
}

// matchDayMonth: 15 مارس 2021، ١٥ آذار، 15 من مارس/آذار 2021، السابع من
// أبريل، يوم 5 أيار، 3 رمضان 1442 هـ.
func (p *parser) matchDayMonth(i int) (cand, bool) {
	k := i
	if dayParts[p.f(k)] && !wDay[p.f(k)] {
		k++ // فجر السادس من فبراير، ليلة 14 يوليو
	}
	if wDay[p.f(k)] || wDate[p.f(k)] {
		k++
	}
	d, k, ordinal, ok := p.dayNum(k)
	if !ok {
		return cand{}, false
	}
	hasFrom := p.f(k) == wFrom
	slash := false
	switch {
	case hasFrom:
		k++
	case ordinal:
		return cand{}, false
	case p.f(k) == "/":
		k++ // 20 / شعبان / 1428
		slash = true
	}
	c := cand{i: i, start: -1}
	if m, j, _, ok := p.month(k); ok {
		if slash && p.f(j) == "/" && p.isYearTok(j+1) {
			j++
		}
		if y, j2, ok := p.yearAfterMonth(j); ok {
			t, ok := validDay(y, m, d)
			if !ok {
				return cand{}, false
			}
			c.j, c.abs = j2, true
			p.dayValue(&c, t)
			return c, true
		}
		dir := 0
		if md, ok := p.modifier(j); ok {
			dir = md
			j++
		}
		if _, ok := validDay(2000, m, d); !ok { // 2000 is a leap year
			return cand{}, false
		}
		c.j, c.m, c.d, c.noYear = j, m, d, true
		c.kind, c.gran, c.rel = ckDay, news.GranDay, true
		if !p.hasAnchor {
			c.unres = true
			return c, true
		}
		t, ok := nearestDay(p.anchor, m, d, dir)
		if !ok {
			return cand{}, false
		}
		p.dayValue(&c, t)
		return c, true
	}
	if hm, j, ok := p.hijriMonth(k); ok {
		if slash && p.f(j) == "/" {
			j++
		}
		y, j2, ok := p.hijriYear(j, false)
		if !ok || d > hijriMonthLen(y, hm) {
			return cand{}, false
		}
		c.j, c.hijri, c.abs = j2, true, true
		p.dayValue(&c, hijriDate(y, hm, d))
		return c, true
	}
	return cand{}, false
}

// matchMonth: مارس 2021، شهر مارس/آذار 2021، أبريل المقبل، في مارس.
func (p *parser) matchMonth(i int) (cand, bool) {
	k := i
	cue := monthCues[p.f(i-1)]
	if wDate[p.f(k)] {
		k++
		cue = true
	}
	if wMonth[p.f(k)] {
		k++
		cue = true
	}
	m, j, ambiguous, ok := p.month(k)
	if !ok {
		return cand{}, false
	}
	c := cand{i: i, start: -1, gran: news.GranMonth, m: m}
	if y, j2, ok := p.yearAfterMonth(j); ok {
		c.j, c.abs, c.value, c.y = j2, true, monthValue(y, m), y
		return c, true
	}
	c.noYear = true
	dir := 0
	if md, ok := p.modifier(j); ok {
		dir = md
		j++
	} else if ambiguous && !cue {
		// آب (10/8/1945): the date in parentheses confirms the month
		d, ok := p.matchNumeric(j + 1)
		if p.f(j) != "(" || !ok || d.kind != ckDay || d.m != m || p.f(d.j) != ")" {
			return cand{}, false
		}
	}
	c.j = j
	p.relative(&c, news.GranMonth, func(a time.Time) string {
		return monthValue(nearestMonthYear(a, m, dir), m)
	})
	return c, true
}

// matchHijriMonthYear: رمضان 1442، ربيع الأول 1443 هـ (a Gregorian range).
func (p *parser) matchHijriMonthYear(i int) (cand, bool) {
	k := i
	if wMonth[p.f(k)] {
		k++
	}
	m, j, ok := p.hijriMonth(k)
	if !ok {
		return cand{}, false
	}
	y, j2, ok := p.hijriYear(j, false)
	if !ok {
		return cand{}, false
	}
	a, b := hijriMonthRange(y, m)
	return cand{i: i, j: j2, start: -1, gran: news.GranRange, hijri: true, abs: true,
		value: a.Format("2006-01-02") + "/" + b.Format("2006-01-02")}, true
}

// matchYear: عام 2020، سنة (1935) م، العام 2020، في 2020، 2020م، 1442هـ،
// عامي 2019 و2021، عام 2019-2021.
func (p *parser) matchYear(i int) (cand, bool) {
	k := i
	cue := wYearCue[p.f(k)] || wDate[p.f(k)]
	dual := wDual[p.f(k)]
	if cue {
		k++
	}
	c := cand{i: i, start: -1, abs: true}
	// Hijri year: 1442هـ، 1442 هجرية
	if y, j, ok := p.hijriYear(k, true); ok {
		a, b := hijriYearRange(y)
		c.j, c.gran, c.hijri = j, news.GranRange, true
		c.value = a.Format("2006-01-02") + "/" + b.Format("2006-01-02")
		return c, true
	}
	if cue {
		if r, ok := p.matchNumeric(k); ok && r.gran == news.GranRange {
			r.i = i
			return r, true
		}
	}
	y, j, ok := p.year(k)
	if !ok {
		return cand{}, false
	}
	if !cue {
		marked := j > k+1 && wGregorian[p.f(j-1)]
		inParens := p.f(i-1) == "(" && p.f(j) == ")" // سوريا ولبنان (1948)
		if !(yearCues[p.f(i-1)] || marked || inParens) || y < 1900 || y > 2100 {
			return cand{}, false
		}
	}
	if dual && p.f(j) == wAnd {
		if y2, j2, ok := p.year(j + 1); ok && y2 > y {
			c.j, c.gran, c.value = j2, news.GranRange, yearValue(y)+"/"+yearValue(y2)
			return c, true
		}
	}
	c.j, c.gran, c.value = j, news.GranYear, yearValue(y)
	return c, true
}

// matchRange: من 5 إلى 7 أبريل، بين 5 و7 أبريل، من مارس إلى مايو 2021،
// بين عامي 2019 و2021.
func (p *parser) matchRange(i int) (cand, bool) {
	f := p.f(i)
	if f != wFrom && f != wBetween {
		return cand{}, false
	}
	connector := func(k int) bool {
		if f == wBetween {
			return p.f(k) == wAnd
		}
		return wTo[p.f(k)] || p.f(k) == "-"
	}
	// من 5 إلى 7 أبريل 2021
	if d1, nd, ok := p.num(i + 1); ok && nd <= 2 && d1 >= 1 && connector(i+2) {
		if c2, ok := p.matchDayMonth(i + 3); ok && c2.kind == ckDay && !c2.unres {
			if t1, ok := validDay(c2.y, c2.m, d1); ok && t1.Before(time.Date(c2.y, time.Month(c2.m), c2.d, 0, 0, 0, 0, time.UTC)) {
				c := c2
				c.i, c.start, c.kind, c.gran = i, -1, ckOther, news.GranRange
				c.value = t1.Format("2006-01-02") + "/" + c2.value
				return c, true
			}
		}
		return cand{}, false
	}
	if f == wBetween && wDual[p.f(i+1)] {
		if c, ok := p.matchYear(i + 1); ok && c.gran == news.GranRange {
			c.i = i
			return c, true
		}
	}
	c1, ok := p.rangeEnd(i+1, true)
	if !ok || !connector(c1.j) {
		return cand{}, false
	}
	c2, ok := p.rangeEnd(c1.j+1, c1.gran == news.GranYear)
	if !ok {
		return cand{}, false
	}
	if c1.noYear && c2.kind == ckDay && c2.abs {
		if t, ok := validDay(c2.y, c1.m, c1.d); ok {
			p.dayValue(&c1, t)
			c1.unres, c1.rel = false, false
		}
	}
	if c1.noYear && c1.gran == news.GranMonth && c2.gran == news.GranMonth && c2.abs && c2.y > 0 {
		c1.value, c1.unres, c1.rel = monthValue(c2.y, c1.m), false, false
	}
	if c1.gran != c2.gran && !(c1.kind == ckDay && c2.kind == ckDay) {
		return cand{}, false
	}
	c := cand{i: i, j: c2.j, start: -1, gran: news.GranRange, rel: c1.rel || c2.rel, abs: c1.abs && c2.abs}
	if c1.unres || c2.unres || c1.value == "" || c2.value == "" {
		c.unres, c.rel = true, true
	} else {
		if c2.value < c1.value {
			return cand{}, false
		}
		c.value = c1.value + "/" + c2.value
	}
	return c, true
}

// rangeEnd matches one end of a range: a day, a month or a year (a bare
// four-digit year when bareYear).
func (p *parser) rangeEnd(k int, bareYear bool) (cand, bool) {
	var b cand
	found := false
	for _, m := range []matcher{(*parser).matchNumeric, (*parser).matchDayMonth, (*parser).matchMonth, (*parser).matchYear} {
		if c, ok := m(p, k); ok && c.gran != news.GranRange && (!found || c.j > b.j) {
			b, found = c, true
		}
	}
	if !found && bareYear {
		if y, j, ok := p.year(k); ok && y >= 1900 && y <= 2100 {
			return cand{i: k, j: j, start: -1, gran: news.GranYear, value: yearValue(y), abs: true}, true
		}
	}
	return b, found
}

// dayPart skips a part of the day (صباح، مساء، يوم) before a day word.
func (p *parser) dayPart(k int) int {
	if dayParts[p.f(k)] {
		return k + 1
	}
	return k
}

// matchWeekday: الاثنين، يوم الاثنين، مساء الاثنين، الاثنين الماضي/المقبل.
func (p *parser) matchWeekday(i int) (cand, bool) {
	k := p.dayPart(i)
	wd, ok := weekdays[p.f(k)]
	if !ok {
		return cand{}, false
	}
	// الاثنين is also "the two": بين الاثنين، كلا الاثنين، الاثنين معا
	if k == i && (p.f(i-1) == wBetween || p.f(i-1) == wBoth || p.f(k+1) == wTogether) {
		return cand{}, false
	}
	k++
	dir := 0
	if md, ok := p.modifier(k); ok && md != 2 {
		dir = md
		k++
	} else if p.futureBefore(i) {
		// ستباشر اللجنة عملها الأربعاء: a future verb points the bare
		// weekday forward, to the next one after publication.
		dir = 1
	}
	c := cand{i: i, j: k, start: -1}
	p.relative(&c, news.GranDay, func(a time.Time) string {
		aw := int(a.Weekday())
		var t time.Time
		switch dir {
		case 1:
			n := (wd - aw + 7) % 7
			if n == 0 {
				n = 7
			}
			t = a.AddDate(0, 0, n)
		default:
			n := (aw - wd + 7) % 7
			if n == 0 && dir == -1 {
				n = 7
			}
			t = a.AddDate(0, 0, -n)
		}
		c.y, c.m, c.d = t.Year(), int(t.Month()), t.Day()
		return t.Format("2006-01-02")
	})
	c.kind = ckWeekday
	return c, true
}

// futureBefore reports whether the clause before token i holds a future
// marker: سوف, من المقرر, or a verb with the future prefix س (سيعقد،
// وستباشر، فسنعلن). It looks back at most six words and stops at a
// sentence or clause break.
func (p *parser) futureBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		t := p.toks[k]
		if t.kind == arabic.KindPunct {
			return false
		}
		if t.f == "سوف" || t.f == "المقرر" || t.f == "المرتقب" {
			return true
		}
		if isFutureVerb(t.f) {
			return true
		}
	}
	return false
}

// notFuture are folded word beginnings that look like س + an imperfect
// prefix but are nouns (سياسة، سيارة، سنة، ستة…).
var notFuture = []string{"سيما", "سياس", "سيار", "سيد", "سيطر", "سيول", "سيناء", "سينما", "سيف", "سير", "سيل", "سيء", "سيئ",
	"ستار", "ستة", "سته", "ستين", "ستو", "ستر", "سنه", "سنة", "سنو", "سني", "سنت", "سند", "سنغ", "سنا", "سنو", "سنم", "سنب"}

// isFutureVerb reports whether a folded word is a future-tense verb: an
// optional و/ف, then س, then an imperfect prefix ي ت ن ا, then at least
// three letters, or two after ي ت ن (سيصل).
func isFutureVerb(f string) bool {
	if strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ف") {
		f = f[len("و"):]
	}
	if !strings.HasPrefix(f, "س") {
		return false
	}
	rest := f[len("س"):]
	r, size := utf8.DecodeRuneInString(rest)
	if r != 'ي' && r != 'ت' && r != 'ن' && r != 'ا' {
		return false
	}
	switch n := utf8.RuneCountInString(rest[size:]); {
	case n < 2:
		return false
	case n == 2:
		// A two-letter stem is a verb with a weak root letter dropped
		// (سيصل، ستقع، سنعد) only after ي ت ن and without a feminine
		// ending: ساعة، سيرة، سنة are nouns.
		if r == 'ا' || strings.HasSuffix(f, "ه") {
			return false
		}
	}
	for _, n := range notFuture {
		if strings.HasPrefix(f, n) {
			return false
		}
	}
	return true
}

// matchRelDay: اليوم، أمس، أمس الأول، أول أمس، غدا، بعد غد، الليلة
// الماضية، صباح اليوم، مساء أمس.
func (p *parser) matchRelDay(i int) (cand, bool) {
	k := p.dayPart(i)
	f := p.f(k)
	off, j := 0, k+1
	switch {
	case f == wYesterday:
		off = -1
		if firstWords[p.f(k+1)] {
			off, j = -2, k+2
		}
	case f == wAwwal && p.f(k+1) == wYesterday:
		off, j = -2, k+2
	case f == wToday:
		next := p.f(k + 1)
		if k == i && strings.HasPrefix(next, "ال") && !isWeekday(next) {
			return cand{}, false // اليوم العالمي، اليوم التالي
		}
	case wTomorrow[f]:
		off = 1
	case f == wAfter && (p.f(k+1) == wGhad || p.f(k+1) == wGhadan) && k == i:
		off, j = 2, k+2
	case wNight[f]:
		if md, ok := p.modifier(k + 1); ok && md != 2 {
			off, j = md, k+2
		}
	default:
		return cand{}, false
	}
	// أمس الأحد، صباح اليوم الأربعاء، غدا الخميس: the weekday names the same day
	if k := j; isWeekday(p.f(k)) || (p.f(k) == "،" && isWeekday(p.f(k+1))) {
		if p.f(k) == "،" {
			k++
		}
		j = k + 1
	}
	c := cand{i: i, j: j, start: -1}
	p.relative(&c, news.GranDay, func(a time.Time) string {
		t := a.AddDate(0, 0, off)
		c.y, c.m, c.d = t.Year(), int(t.Month()), t.Day()
		return t.Format("2006-01-02")
	})
	c.kind = ckDay
	return c, true
}

func isWeekday(f string) bool { _, ok := weekdays[f]; return ok }

// matchRelUnit: الأسبوع الماضي، الشهر المقبل، العام الجاري، هذا العام.
func (p *parser) matchRelUnit(i int) (cand, bool) {
	k := i
	this := wThis[p.f(k)]
	if this {
		k++
	}
	f := p.f(k)
	var u unit
	switch {
	case defWeek[f]:
		u = uWeek
	case defMonth[f]:
		u = uMonth
	case defYear[f]:
		u = uYear
		if !this && publicNouns[p.f(i-1)] {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	k++
	dir := 2
	if !this {
		md, ok := p.modifier(k)
		if !ok {
			return cand{}, false
		}
		dir = md
		k++
	}
	n := dir
	if n == 2 {
		n = 0
	}
	c := cand{i: i, j: k, start: -1}
	switch u {
	case uWeek:
		p.relative(&c, news.GranWeek, func(a time.Time) string { return weekValue(a.AddDate(0, 0, 7*n)) })
	case uMonth:
		p.relative(&c, news.GranMonth, func(a time.Time) string {
			t := time.Date(a.Year(), a.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
			return monthValue(t.Year(), int(t.Month()))
		})
	case uYear:
		p.relative(&c, news.GranYear, func(a time.Time) string { return yearValue(a.Year() + n) })
	}
	return c, true
}

// count reads a count of units at k: digits, a number word (خمسة، خمسة
// عشر، خمسة وعشرين) or nothing; n is 0 when there is none.
func (p *parser) count(k int) (n, j int) {
	if v, nd, ok := p.num(k); ok && nd <= 4 {
		return v, k + 1
	}
	v, ok := countWords[p.f(k)]
	if !ok {
		return 0, k
	}
	j = k + 1
	if v < 10 && (p.f(j) == wAshr || p.f(j) == wAshra) {
		return v + 10, j + 1 // خمسة عشر
	}
	// ثلاثمائة وخمسة وستون: each part joined by و is smaller than the last
	last := v
	for strings.HasPrefix(p.f(j), "و") {
		t, ok := countWords[p.f(j)[2:]]
		// Arabic order: hundreds, then units, then tens (ثلاثمائة وخمسة وستون)
		if !ok || !((last >= 100 && t < 100) || (last < 10 && t >= 20 && t < 100)) {
			break
		}
		v, last = v+t, t
		j++
	}
	return v, j
}

// unitAt reads a unit word with its count at k (ثلاثة أيام، يومين، 48 ساعة).
// explicit reports a written count (not a singular or dual noun alone).
func (p *parser) unitAt(k int) (u unit, n, j int, explicit, ok bool) {
	n, j = p.count(k)
	uw, ok := unitWords[p.f(j)]
	if !ok {
		return 0, 0, 0, false, false
	}
	if n > 0 {
		if uw.count == 2 || (uw.count == 1 && n >= 3 && n <= 10) {
			return 0, 0, 0, false, false // ثلاثة يومين، 9 عام: not a count of units
		}
		return uw.u, n, j + 1, true, true
	}
	if uw.count == 0 {
		return uw.u, 0, j + 1, false, true // a plural without a count: vague
	}
	return uw.u, uw.count, j + 1, false, true
}

// matchAgo: قبل يومين، قبل ثلاثة أيام، منذ أسبوعين، بعد شهرين، منذ أسابيع.
func (p *parser) matchAgo(i int) (cand, bool) {
	f := p.f(i)
	sign := 0
	switch {
	case wAgo[f]:
		sign = -1
	case f == wAfter:
		sign = 1
	default:
		return cand{}, false
	}
	k := i + 1
	if wApprox[p.f(k)] {
		k++
	}
	if wSome[p.f(k)] {
		if uw, ok := unitWords[p.f(k+1)]; ok && uw.count == 0 {
			return p.vague(i, k+2, sign), true
		}
		return cand{}, false
	}
	u, n, j, _, ok := p.unitAt(k)
	if !ok || u == uMinute {
		return cand{}, false
	}
	if n == 0 {
		return p.vague(i, j, sign), true
	}
	if twelfths, end, ok := p.unitFraction(u, j); ok {
		// منذ عامين ونصف: the fraction belongs to the span; the date is
		// reckoned at the unit's granularity from the whole units.
		if next := p.f(end); next == wFrom || next == wOn {
			return cand{i: k, j: end, start: -1, gran: news.GranDuration, value: fractionValue(u, n, twelfths)}, true
		}
		j = end
	}
	// قبل يومين من الهجوم: counted from an event, not from publication.
	if next := p.f(j); next == wFrom && p.f(j+1) == wNow {
		j += 2 // بعد ثلاثة أيام من الآن
	} else if next == wFrom || next == wOn {
		c := cand{i: k, j: j, start: -1, gran: news.GranDuration, value: durationValue(u, n)}
		return c, true
	}
	if f == wSince && u == uHour {
		return cand{}, false
	}
	c := cand{i: i, j: j, start: -1}
	n *= sign
	switch u {
	case uDay, uWeek, uHour:
		days := n
		if u == uWeek {
			days = 7 * n
		}
		if u == uHour {
			days = 0
		}
		p.relative(&c, news.GranDay, func(a time.Time) string { return a.AddDate(0, 0, days).Format("2006-01-02") })
	case uMonth:
		p.relative(&c, news.GranMonth, func(a time.Time) string {
			t := time.Date(a.Year(), a.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
			return monthValue(t.Year(), int(t.Month()))
		})
	case uYear, uDecade:
		if u == uDecade {
			n *= 10
		}
		p.relative(&c, news.GranYear, func(a time.Time) string { return yearValue(a.Year() + n) })
	}
	return c, true
}

func (p *parser) vague(i, j, sign int) cand {
	v := PastRef
	if sign > 0 {
		v = FutureRef
	}
	return cand{i: i, j: j, start: -1, gran: news.GranVague, value: v}
}

// matchVague: الأيام الأخيرة، الأسابيع الماضية، السنوات القليلة الماضية،
// الأيام المقبلة.
func (p *parser) matchVague(i int) (cand, bool) {
	f := p.f(i)
	if !vaguePlurals[f] || !strings.HasPrefix(f, "ال") {
		return cand{}, false
	}
	k := i + 1
	if p.f(k) == wFew {
		k++
		if modPast[p.f(k)] || modNext[p.f(k)] {
			k++
		}
		return p.vague(i, k, map[bool]int{true: 1, false: -1}[modNext[p.f(k-1)]]), true
	}
	switch {
	case modRecent[p.f(k)]:
		return p.vague(i, k+1, -1), true
	case modNext[p.f(k)]:
		return p.vague(i, k+1, 1), true
	}
	return cand{}, false
}

// unitFraction reads the fraction that may follow a unit word ending at
// token j: ونصف، وربع، وثلث, then optionally the unit again in the
// definite (ساعتين ونصف الساعة، يومين ونصف اليوم). It returns the fraction
// in twelfths of the unit and the token after it.
func (p *parser) unitFraction(u unit, j int) (twelfths, end int, ok bool) {
	twelfths, ok = wUnitFraction[p.f(j)]
	if !ok {
		return 0, 0, false
	}
	end = j + 1
	if rest, def := strings.CutPrefix(p.f(end), "ال"); def {
		if uw, same := unitWords[rest]; same && uw.u == u && uw.count == 1 {
			end++
		}
	}
	return twelfths, end, true
}

// fractionValue is the ISO 8601 duration of n units and twelfths/12 of
// one more, written with the next smaller unit where the fraction is a
// whole number of it (PT2H30M, P2DT12H, P1Y6M), else as a decimal of the
// unit (P2.5M).
func fractionValue(u unit, n, twelfths int) string {
	switch u {
	case uHour:
		return fmt.Sprintf("PT%dH%dM", n, 5*twelfths)
	case uMinute:
		return fmt.Sprintf("PT%dM%dS", n, 5*twelfths)
	case uDay:
		return fmt.Sprintf("P%dDT%dH", n, 2*twelfths)
	case uWeek:
		hours := 7 * 2 * twelfths // a twelfth of a week is 14 hours
		return fmt.Sprintf("P%dDT%dH", 7*n+hours/24, hours%24)
	case uYear, uDecade:
		months := 12*n + twelfths
		if u == uDecade {
			months = 120*n + 10*twelfths
		}
		if months%12 == 0 {
			return fmt.Sprintf("P%dY", months/12)
		}
		return fmt.Sprintf("P%dY%dM", months/12, months%12)
	}
	// A month has no whole number of days: a decimal of the month.
	v := strconv.FormatFloat(float64(n)+float64(twelfths)/12, 'f', 2, 64)
	return "P" + strings.TrimRight(strings.TrimRight(v, "0"), ".") + "M"
}

func durationValue(u unit, n int) string {
	switch u {
	case uDay:
		return fmt.Sprintf("P%dD", n)
	case uWeek:
		return fmt.Sprintf("P%dW", n)
	case uMonth:
		return fmt.Sprintf("P%dM", n)
	case uYear:
		return fmt.Sprintf("P%dY", n)
	case uDecade:
		return fmt.Sprintf("P%dY", 10*n)
	case uHour:
		return fmt.Sprintf("PT%dH", n)
	case uMinute:
		return fmt.Sprintf("PT%dM", n)
	}
	return ""
}

// matchDuration: (لمدة) ثلاثة أشهر، (خلال) 48 ساعة، (على مدى) عامين. The
// cue is not part of the span; without a cue the count must be written.
func (p *parser) matchDuration(i int) (cand, bool) {
	cue := durationCues[p.f(i-1)] || (p.f(i-2) == wOn && (p.f(i-1) == wMada || p.f(i-1) == wMadar))
	u, n, j, explicit, ok := p.unitAt(i)
	if !ok || n == 0 {
		return cand{}, false
	}
	if twelfths, end, ok := p.unitFraction(u, j); ok {
		// ساعة ونصف، يومين ونصف اليوم: the fraction makes the count
		// explicit, and is part of the value.
		return cand{i: i, j: end, start: -1, gran: news.GranDuration, value: fractionValue(u, n, twelfths)}, true
	}
	if !explicit && !cue {
		return cand{}, false
	}
	if !explicit && u == uDay && n == 1 && !cue {
		return cand{}, false
	}
	return cand{i: i, j: j, start: -1, gran: news.GranDuration, value: durationValue(u, n)}, true
}

// matchTime: الساعة العاشرة صباحا، الساعة 10:30، 10:30 مساء، الثانية عشرة
// ظهرا بتوقيت غرينتش.
func (p *parser) matchTime(i int) (cand, bool) {
	k := i
	if p.f(k) == wSharp {
		k++
	}
	hasHour := wHour[p.f(k)]
	if hasHour {
		k++
	}
	hh, mi := -1, 0
	if k < len(p.toks) && p.toks[k].kind == arabic.KindNumber {
		f := p.toks[k].f
		if h, m, ok := strings.Cut(f, ":"); ok {
			hv, err1 := strconv.Atoi(h)
			mv, err2 := strconv.Atoi(m)
			if err1 != nil || err2 != nil || len(h) > 2 || len(m) != 2 {
				return cand{}, false
			}
			hh, mi = hv, mv
		} else if n, nd, ok := p.num(k); ok && nd <= 2 {
			hh = n
		}
		k++
	} else if h, ok := hourWords[p.f(k)]; ok && hasHour {
		hh = h
		k++
		if (h == 1 || h == 2) && (p.f(k) == wAshra || p.f(k) == wAshr) {
			hh += 10
			k++
		}
	}
	if hh < 0 || hh > 24 || mi > 59 {
		return cand{}, false
	}
	bare := !hasHour
	switch {
	case wHalf[p.f(k)]:
		mi, k = 30, k+1
	case wQuarter[p.f(k)]:
		mi, k = 15, k+1
	case wThird[p.f(k)]:
		mi, k = 20, k+1
	case wToQuarter[p.f(k)] && wQuarterAcc[p.f(k+1)] && hh > 0:
		hh, mi, k = hh-1, 45, k+2
	}
	marked := false
	if shift, ok := periodWords[p.f(k)]; ok {
		marked = true
		if shift == 12 && hh < 12 && !(p.f(k) == wAtNight && hh < 5) {
			hh += 12
		}
		if shift == -1 && hh == 12 {
			hh = 0
		}
		k++
	}
	c := cand{i: i, start: -1, kind: ckTime, gran: news.GranTime}
	if wTZ[p.f(k)] {
		marked = true
		k++
		switch {
		case wGMT[p.f(k)]:
			c.zulu = true
			k++
		case p.f(k) == wLocal:
			k++
		case k < len(p.toks) && p.toks[k].kind == arabic.KindArabic:
			k++
			if p.f(k) == wMukarrama {
				k++
			}
		}
	} else if strings.EqualFold(p.f(k), "gmt") || wGMT[p.f(k)] {
		marked, c.zulu = true, true
		k++
	}
	if bare && !marked {
		return cand{}, false
	}
	if bare && hh == 24 {
		return cand{}, false
	}
	c.j, c.hh, c.mi = k, hh, mi
	c.value = fmt.Sprintf("T%02d:%02d", hh, mi)
	if c.zulu {
		c.value += "Z"
	}
	return c, true
}
