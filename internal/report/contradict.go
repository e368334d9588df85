package report

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// monthNames are the month names of both naming sets and the Maghreb's.
const monthNames = `يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
	كانون الثاني الأول شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت`

// Words of a date expression itself, left out of the context of a date.
var dateWords = keySet(monthNames + `
	السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة يوم مساء صباح ليلة ظهر عام سنة شهر أسبوع أمس
	اليوم غدا الماضي المقبل الجاري`)

// Counted nouns of a running toll: a later, lower figure is suspicious.
var (
	deathWords   = keySet(`قتيل قتلى قتل مقتل وفاة وفيات ضحية ضحايا متوفى حتف مصرع جثة جثث`)
	injuredWords = keySet(`جريح جرحى مصاب مصابين إصابة`)
	missingWords = keySet(`مفقود مفقودين`)
	personWords  = keySet(`شخص أشخاص فرد أفراد مواطن مواطنين`)
	// Words read as a counted noun that name nothing («ثمانية آخرين»).
	vagueUnits = keySet(`آخر آخرين آخرون أخرى أخريات`)
)

func keySet(words string) *wordSet { return &wordSet{words: words} }

// wordSet is a set of word keys built on first use, so that loading the
// package does not analyse words (nor build the analysis tables) in every
// process that never writes a report.
type wordSet struct {
	once  sync.Once
	words string
	m     map[string]bool
}

func (s *wordSet) has(k string) bool {
	s.once.Do(func() {
		s.m = map[string]bool{}
		for _, w := range strings.Fields(s.words) {
			if k := arabic.Key(w); k != "" {
				s.m[k] = true
			}
		}
	})
	return s.m[k]
}

// mention is one dated or counted statement considered for contradictions.
type mention struct {
	d       *doc
	si      int
	value   string  // normalised value: TIMEX, or the number
	num     float64 // for figures
	approx  bool
	unit    string // comparison class of a figure's unit
	text    string // as written
	ctx     []string
	events  []string
	speaker string
	named   bool          // the speaker is a named entity, not a descriptor or anonymous
	months  []string      // periods the sentence names (YYYY-MM, or YYYY)
	ev      *eventMention // the event a date is given for
	tol     float64       // tolerance(num, approx), once computed (tolOK)
	tolOK   bool
}

// tolerance is the mention's tolerance, computed once: figures are
// compared pairwise, and roundingUnit is not cheap.
func (m *mention) tolerance() float64 {
	if !m.tolOK {
		m.tol, m.tolOK = tolerance(m.num, m.approx), true
	}
	return m.tol
}

// Figures are of the same thing when their contexts share at least
// minShared words and minJaccard of all their words, and neither is more
// than maxRatio times the other (220 thousand barrels is Iraq's share of a
// 2 million cut, not a rival figure for it).
const (
	minShared  = 3
	minJaccard = 0.15
	maxRatio   = 3
)

func sameThing(a, b *mention) bool {
	lo, hi := math.Abs(a.num), math.Abs(b.num)
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi > maxRatio*lo {
		return false
	}
	// Both context lists hold each key once (appendUnique), so the
	// Jaccard index follows from the overlap without building sets.
	inter := overlap(a.ctx, b.ctx)
	if inter < minShared {
		return false
	}
	return float64(inter)/float64(len(a.ctx)+len(b.ctx)-inter) >= minJaccard
}

// sentenceMonths lists the months (or years) the dates of sentence si name.
func sentenceMonths(d *doc, si int) []string {
	s := d.sents[si]
	var out []string
	for _, dt := range d.a.Dates {
		if dt.Start < s.start || dt.Start >= s.end || dt.Value == "" || dt.Unresolved {
			continue
		}
		v, _, _ := strings.Cut(dt.Value, "/")
		switch {
		case len(v) >= 7 && v[4] == '-' && v[5] != 'W':
			out = appendUnique(out, v[:7])
		case len(v) >= 4:
			out = appendUnique(out, v[:4])
		}
	}
	return out
}

// samePeriod reports whether two sentences can be about the same period:
// either names none, or they share a month (a year covers its months).
func samePeriod(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
				return true
			}
		}
	}
	return false
}

// contradictions finds the same fact given different values: the date of
// one event (inside one article or across articles), and the number of one
// counted thing on the same day (or a running toll that falls in a later
// report). Each value keeps its citations; none is called right.
func contradictions(docs []*doc) []Contradiction {
	out := dateContradictions(docs)
	out = append(out, placeContradictions(docs)...)
	out = append(out, figureContradictions(docs)...)
	out = append(out, accountContradictions(docs)...)
	return out
}

// dateContradictions finds one event given two dates that cannot both be
// its date: the events the articles' sentences name (events.go: trigger
// class and participants, or inside one article the same class about the
// same thing), each with the explicit date nearest its trigger.
func dateContradictions(docs []*doc) []Contradiction {
	var ms []eventMention
	for _, d := range docs {
		if d.group != d.a.ID {
			continue // a copy says what its original says
		}
		for _, m := range d.eventMentions() {
			if m.hasDate && contradictableDate(m.date) {
				ms = append(ms, m)
			}
		}
	}
	first, _ := firstPublished(docs)
	buckets := map[string][]*mention{}
	for gi, g := range groupEvents(ms) {
		if len(g) < 2 {
			continue
		}
		key := strconv.Itoa(gi)
		for _, em := range g {
			d, dt := em.d, em.date
			m := &mention{d: d, si: em.si, value: dt.Value, unit: dt.Granularity, ev: em,
				text: quote(spanText(d.body, dt.Start, dt.End, dt.Text)), speaker: speakerAt(d, dt.Start)}
			m.events = []string{em.class}
			for _, k := range d.window(em.si, dt.Start, dt.End, 10, 6) {
				if !dateWords.has(k) && !isTrigger(k) {
					m.ctx = appendUnique(m.ctx, k)
				}
			}
			buckets[key] = append(buckets[key], m)
		}
	}
	conflict := func(a, b *mention) (bool, float64) {
		if a.d == b.d && a.si == b.si || !datesConflict(a.ev.date, b.ev.date) {
			return false, 0
		}
		return true, dateConfidence(a, b, first)
	}
	out := groupConflicts(buckets, conflict, func(ms []*mention) string { return KindDate })
	for i := range out {
		// One event is given two dates, rarely more: a chain of many is
		// several events of one kind joined through their participants.
		if n := len(out[i].Values); n > 2 {
			out[i].Confidence = clamp01(out[i].Confidence - 0.15*float64(n-2))
		}
	}
	return dropRepeats(out)
}

// dropRepeats keeps one of contradictions citing the same sentences (a
// signing read as an agreement and as a truce), the more confident.
func dropRepeats(cs []Contradiction) []Contradiction {
	key := func(c Contradiction) string {
		var ks []string
		for _, x := range c.Citations {
			ks = append(ks, x.ArticleID+":"+strconv.Itoa(x.Start))
		}
		sort.Strings(ks)
		return strings.Join(ks, " ")
	}
	at := map[string]int{}
	var out []Contradiction
	for _, c := range cs {
		k := key(c)
		if i, ok := at[k]; ok {
			if c.Confidence > out[i].Confidence {
				out[i] = c
			}
			continue
		}
		at[k] = len(out)
		out = append(out, c)
	}
	return out
}

// contradictableDate is a date two sources can be said to disagree on: a
// day, month or year written with its numbers («15 مارس», «ديسمبر 2020»),
// not a relative date (الثلاثاء، أمس) resolved by our arithmetic against a
// publication date and possibly a week off, nor «قبل 30 عاما».
func contradictableDate(dt news.Date) bool {
	switch dt.Granularity {
	case news.GranDay, news.GranMonth, news.GranYear:
	default:
		return false
	}
	if dt.Value == "" || dt.Unresolved || !hasDigit(dt.Text) {
		return false
	}
	if !dt.Relative {
		return true
	}
	// a relative date is ours only when it names its month and day, the
	// year inferred («15 مارس»); «منذ 6 أسابيع» is our arithmetic
	named := false
	arabic.EachTerm(dt.Text, func(_, _ int, key string, _ bool) {
		named = named || monthWords.has(key)
	})
	return named && dt.Granularity == news.GranDay
}

// monthWords are the month names (monthNames) as keys.
var monthWords = keySet(monthNames)

// dateConfidence weighs how sure the report is that two dates given for
// one event contradict each other. The weights were set on the real-news
// dev stories (eval realnews), where the false ones were different events
// of one kind years apart (two poisonings, 2006 and 2018; a jailing and a
// swap) and history recalled in passing.
func dateConfidence(a, b *mention, first time.Time) float64 {
	c := 0.4
	switch {
	case overlap(a.ev.people, b.ev.people) > 0:
		c += 0.3
	case overlap(a.ev.others, b.ev.others) >= 2:
		c += 0.15
	}
	if a.d == b.d {
		c += 0.15 // one writer gives two dates for one event
	}
	if triggers().once[a.ev.class] {
		c += 0.15 // a killing, a completion, a resignation happens once: two dates cannot both be right
	}
	if a.ev.date.Granularity == news.GranDay && b.ev.date.Granularity == news.GranDay {
		c += 0.1
	}
	if datesIn(a.d, a.si) > 1 || datesIn(b.d, b.si) > 1 {
		c -= 0.15 // a sentence with several dates: which one the event has is a guess
	}
	as, _, _ := dateSpan(a.ev.date.Value, a.ev.date.Granularity)
	bs, _, _ := dateSpan(b.ev.date.Value, b.ev.date.Granularity)
	if y := as.Year() - bs.Year(); y >= 2 || y <= -2 {
		c -= 0.4 // years apart: more likely two events of one kind
	}
	if !first.IsZero() && a.d != b.d {
		old := first.AddDate(0, -1, 0)
		if as.Before(old) && bs.Before(old) {
			c -= 0.2 // history recalled in passing, not the story's own event
		}
	}
	return clamp01(c)
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

// datesIn counts the calendar dates of d's sentence si.
func datesIn(d *doc, si int) int {
	s := d.sents[si]
	n := 0
	for _, dt := range d.a.Dates {
		if dt.Start >= s.start && dt.End <= s.end && timelineDate(dt) {
			n++
		}
	}
	return n
}

func figureContradictions(docs []*doc) []Contradiction {
	byUnit := map[string][]*mention{}
	for _, d := range docs {
		if d.group != d.a.ID {
			continue
		}
		for _, q := range d.a.Quantities {
			if q.Unit == "" || math.IsNaN(q.Value) || math.IsInf(q.Value, 0) || vagueUnits.has(arabic.Key(q.Unit)) {
				continue
			}
			si := d.sentenceAt(q.Start)
			if si < 0 {
				continue
			}
			m := &mention{d: d, si: si, num: q.Value, value: formatValue(q.Value) + " " + q.Unit, approx: q.Approximate,
				text: quote(spanText(d.body, q.Start, q.End, q.Text)), speaker: speakerAt(d, q.Start), named: namedSpeakerAt(d, q.Start)}
			unitKeys := map[string]bool{arabic.Key(q.Unit): true}
			arabic.EachTerm(q.Counted, func(_, _ int, k string, stop bool) { unitKeys[k] = true })
			win := d.window(si, q.Start, q.End, 10, 6)
			m.unit = unitClass(q.Unit, win)
			m.months = sentenceMonths(d, si)
			for _, k := range win {
				if !unitKeys[k] && !deathWords.has(k) && !personWords.has(k) {
					m.ctx = appendUnique(m.ctx, k)
				}
			}
			byUnit[m.unit] = append(byUnit[m.unit], m)
		}
	}
	conflict := func(a, b *mention) (bool, float64) {
		if a.d == b.d && (a.si == b.si || !a.named || !b.named || a.speaker == b.speaker) {
			// one article gives one count, or a count and its update; two
			// named sources in it giving two counts are a dispute to show
			return false, 0
		}
		if compatible(a, b) || !sameThing(a, b) {
			return false, 0
		}
		if a.d.day == b.d.day && a.d.day != "unknown" {
			// The same day: the same fact only if the sentences speak of
			// the same period (March's inflation, not the 2026 target).
			if !samePeriod(a.months, b.months) {
				return false, 0
			}
			return true, figureConfidence(a, b, false)
		}
		if runningCount(a.unit) && decreases(a, b) {
			return true, figureConfidence(a, b, true)
		}
		return false, 0
	}
	kind := func(ms []*mention) string {
		speakers := map[string]bool{}
		days := map[string]bool{}
		named := true
		for _, m := range ms {
			speakers[m.speaker] = true
			days[m.d.day] = true
			named = named && m.named
		}
		switch {
		case len(days) > 1:
			return KindDecrease
		case named && len(speakers) > 1:
			// each value is a named party's claim: a dispute to show,
			// not an error to flag
			return KindDisputed
		}
		return KindFigure
	}
	out := groupConflicts(byUnit, conflict, kind)
	for i := range out {
		out[i].Subject = unitLabel(out[i].Values[0].Text) + out[i].Subject
	}
	return out
}

// figureConfidence weighs how sure the report is that two figures count
// one thing and disagree. Tolls (the dead, the injured, the missing) of
// one event are what sources most often report differently; a percentage
// or an amount in a busy story (a currency's fall through a day, a
// quake's magnitude and an aftershock's) more often counts two things.
// The weights were set on the real-news dev stories (eval realnews).
func figureConfidence(a, b *mention, decrease bool) float64 {
	c := 0.2
	switch {
	case runningCount(a.unit):
		c = 0.5
	case personWords.has(a.unit):
		c = 0.35
	}
	if decrease {
		c -= 0.1 // a later, lower toll may be a correction, or another count
	}
	if ea, eb := sentenceEvents(a), sentenceEvents(b); len(ea) > 0 && overlap(ea, eb) > 0 {
		c += 0.15 // both sentences name the same kind of event
	}
	inter := overlap(a.ctx, b.ctx)
	c += min(0.2, 0.5*float64(inter)/float64(len(a.ctx)+len(b.ctx)-inter))
	if a.named && b.named && a.speaker != b.speaker {
		c += 0.1 // two named parties: a dispute
	}
	lo, hi := math.Abs(a.num), math.Abs(b.num)
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi >= 2*lo {
		c -= 0.15 // twice as many: often a part and a whole
	}
	return clamp01(c)
}

// sentenceEvents lists the event classes m's sentence names.
func sentenceEvents(m *mention) []string {
	lex := triggers()
	s := m.d.sents[m.si]
	terms := m.d.terms[s.t0:s.t1]
	var out []string
	for i := range terms {
		if class, _ := lex.match(terms, i); class != "" {
			out = appendUnique(out, class)
		}
	}
	return out
}

// unitLabel names what a figure counts, for the subject of a contradiction.
func unitLabel(text string) string {
	var k string
	arabic.EachTerm(text, func(_, _ int, key string, stop bool) {
		if !stop && !isNumberKey(key) {
			k = key
		}
	})
	switch {
	case deathWords.has(k):
		return "عدد القتلى: "
	case injuredWords.has(k):
		return "عدد الجرحى: "
	case missingWords.has(k):
		return "عدد المفقودين: "
	}
	return ""
}

// unitClass maps the counted nouns of a toll onto one class, so «41 قتيلا»
// and «عدد القتلى بلغ 38 شخصا» compare; other units compare by their key.
func unitClass(unit string, window []string) string {
	k := arabic.Key(unit)
	if k == "" { // a symbol such as %
		k = unit
	}
	switch {
	case deathWords.has(k):
		return "deaths"
	case injuredWords.has(k):
		return "injured"
	case missingWords.has(k):
		return "missing"
	case personWords.has(k):
		for _, w := range window {
			switch {
			case deathWords.has(w):
				return "deaths"
			case injuredWords.has(w):
				return "injured"
			case missingWords.has(w):
				return "missing"
			}
		}
	}
	return k
}

func runningCount(class string) bool {
	return class == "deaths" || class == "injured" || class == "missing"
}

// decreases reports whether the later of two dated reports gives the lower
// running count.
func decreases(a, b *mention) bool {
	if !a.d.a.HasPublished() || !b.d.a.HasPublished() {
		return false
	}
	if b.d.a.Published.Before(a.d.a.Published) {
		a, b = b, a
	}
	return b.num < a.num && b.d.a.Published.Sub(a.d.a.Published) > time.Hour
}

// compatible reports whether two figures can both be true: equal (an exact
// figure spans 0.5% either way, for rounding), or within the range an
// approximate figure allows (نحو 20 covers 22, not 35). An approximate
// figure spans half its rounding unit or 5%, whichever is wider.
func compatible(a, b *mention) bool {
	return math.Abs(a.num-b.num) <= a.tolerance()+b.tolerance()
}

func tolerance(v float64, approx bool) float64 {
	v = math.Abs(v)
	if !approx {
		return v * 0.005
	}
	return max(roundingUnit(v)/2, v*0.05)
}

// roundingUnit is the place of the last non-zero digit of v: 20 → 10,
// 58000 → 1000, 2.5 → 0.1.
func roundingUnit(v float64) float64 {
	if v == 0 {
		return 1
	}
	u := math.Pow(10, math.Floor(math.Log10(v)))
	for i := 0; i < 12 && math.Abs(v/u-math.Round(v/u)) > 1e-9; i++ {
		u /= 10
	}
	return u
}

// groupConflicts compares the mentions of each bucket pairwise and joins
// conflicting pairs into contradictions (a mention in two conflicts joins
// them). Buckets are capped so a huge report stays quadratic in a constant.
func groupConflicts(buckets map[string][]*mention, conflict func(a, b *mention) (bool, float64), kind func([]*mention) string) []Contradiction {
	const maxBucket = 400
	parent := map[*mention]*mention{}
	var find func(m *mention) *mention
	find = func(m *mention) *mention {
		p, ok := parent[m]
		if !ok || p == m {
			parent[m] = m
			return m
		}
		r := find(p)
		parent[m] = r
		return r
	}
	var order []*mention
	seen := map[*mention]bool{}
	pairConf := map[*mention]float64{} // the highest confidence of a conflict the mention is in
	within := map[*mention]bool{}      // in a conflict with a mention of its own article
	keys := make([]string, 0, len(buckets))
	for k := range buckets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ms := buckets[k]
		if len(ms) > maxBucket {
			ms = ms[:maxBucket]
		}
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				ok, conf := conflict(ms[i], ms[j])
				if !ok {
					continue
				}
				pairConf[ms[i]] = max(pairConf[ms[i]], conf)
				pairConf[ms[j]] = max(pairConf[ms[j]], conf)
				if ms[i].d == ms[j].d {
					within[ms[i]], within[ms[j]] = true, true
				}
				for _, m := range []*mention{ms[i], ms[j]} {
					if !seen[m] {
						seen[m] = true
						order = append(order, m)
					}
				}
				ra, rb := find(ms[i]), find(ms[j])
				if ra != rb {
					parent[rb] = ra
				}
			}
		}
	}
	comps := map[*mention][]*mention{}
	var roots []*mention
	for _, m := range order {
		r := find(m)
		if comps[r] == nil {
			roots = append(roots, r)
		}
		comps[r] = append(comps[r], m)
	}
	out := []Contradiction{}
	for _, r := range roots {
		ms := comps[r]
		c := Contradiction{Kind: kind(ms), Subject: subject(ms)}
		byValue := map[string]int{}
		for _, m := range ms {
			c.Confidence = max(c.Confidence, pairConf[m])
			c.WithinArticle = c.WithinArticle || within[m]
			cite := m.d.cite(m.si)
			i, ok := byValue[m.value]
			if !ok {
				i = len(c.Values)
				byValue[m.value] = i
				c.Values = append(c.Values, Value{Value: m.value, Text: m.text, Speaker: m.speaker})
			}
			if !hasCitation(c.Values[i].Citations, cite) {
				c.Values[i].Citations = append(c.Values[i].Citations, cite)
				c.Citations = append(c.Citations, cite)
			}
		}
		if len(c.Values) > 1 {
			out = append(out, c)
		}
	}
	return out
}

// subject names what the contradiction is about: the words, as the first
// source wrote them, whose keys every mention's context shares (or most).
func subject(ms []*mention) string {
	count := map[string]int{}
	for _, m := range ms {
		for _, k := range appendUnique(append([]string{}, m.events...), m.ctx...) {
			count[k]++
		}
	}
	first := ms[0]
	s := first.d.sents[first.si]
	var words []string
	used := map[string]bool{}
	for _, t := range first.d.terms[s.t0:s.t1] {
		if count[t.key] >= 2 && !used[t.key] && !t.stop && !t.number {
			used[t.key] = true
			words = append(words, first.d.body[t.start:t.end])
		}
	}
	if len(words) == 0 {
		return s.text
	}
	return strings.Join(words, " ")
}

func overlap(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

func appendUnique(list []string, keys ...string) []string {
outer:
	for _, k := range keys {
		for _, x := range list {
			if x == k {
				continue outer
			}
		}
		list = append(list, k)
	}
	return list
}

// formatValue prints a figure without a trailing .0 or exponent.
func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '٠' && r <= '٩' {
			return true
		}
	}
	return false
}

// namedSpeakerAt reports whether a claim covering off is attributed to a
// named entity (not a descriptor such as «مصادر» and not anonymous).
func namedSpeakerAt(d *doc, off int) bool {
	for _, c := range d.a.Claims {
		start, end := c.SentenceStart, c.SentenceEnd
		if end <= start {
			start, end = c.Start, c.End
		}
		if off >= start && off < end {
			return c.Canonical != "" && !c.Anonymous
		}
	}
	return false
}
