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

// Words that name an event a date can be given for. Two dated sentences are
// about the same event when they share one of these and at least one other
// content word near the date.
var eventWords = keySet(`مقتل قتل اغتيال هجوم انفجار تفجير توقيع اتفاق اتفاقية بناء إنجاز اكتمال افتتاح
	تدشين انتخاب انتخابات اقتراع إعلان اجتماع قمة زيارة انطلاق بدء انتهاء وفاة اعتقال سقوط انهيار اختطاف
	استقالة تعيين إطلاق تأسيس إنشاء تشييد تسليم إقرار قرار خفض رفع محادثات مباحثات مفاوضات جولة
	وقع أبرم اكتمل أنجز افتتح اغتيل انفجر`)

// Words of a date expression itself, left out of the context of a date.
var dateWords = keySet(`يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
	كانون الثاني الأول شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت
	السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة يوم مساء صباح ليلة ظهر عام سنة شهر أسبوع أمس
	اليوم غدا الماضي المقبل الجاري`)

// Counted nouns of a running toll: a later, lower figure is suspicious.
var (
	deathWords   = keySet(`قتيل قتلى قتل مقتل وفاة وفيات ضحية ضحايا متوفى حتف مصرع جثة جثث`)
	injuredWords = keySet(`جريح جرحى مصاب مصابين إصابة`)
	missingWords = keySet(`مفقود مفقودين`)
	personWords  = keySet(`شخص أشخاص فرد أفراد مواطن مواطنين`)
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
	named   bool     // the speaker is a named entity, not a descriptor or anonymous
	months  []string // periods the sentence names (YYYY-MM, or YYYY)
	tol     float64  // tolerance(num, approx), once computed (tolOK)
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
	out = append(out, figureContradictions(docs)...)
	return out
}

func dateContradictions(docs []*doc) []Contradiction {
	byEvent := map[string][]*mention{}
	for _, d := range docs {
		if d.group != d.a.ID {
			continue // a copy says what its original says
		}
		for _, dt := range d.a.Dates {
			switch dt.Granularity {
			case news.GranDay, news.GranMonth, news.GranYear:
			default:
				continue
			}
			if dt.Value == "" || dt.Unresolved || (dt.Relative && !hasDigit(dt.Text)) {
				// A relative date without numbers (الثلاثاء، أمس) is
				// resolved against the publication date and may be off by
				// a week: sources do not contradict each other through
				// our arithmetic. «15 مارس» (the year inferred) is kept.
				continue
			}
			si := d.sentenceAt(dt.Start)
			if si < 0 {
				continue
			}
			m := &mention{d: d, si: si, value: dt.Value, unit: dt.Granularity,
				text: quote(spanText(d.body, dt.Start, dt.End, dt.Text)), speaker: speakerAt(d, dt.Start)}
			for _, k := range d.window(si, dt.Start, dt.End, 10, 6) {
				if dateWords.has(k) {
					continue
				}
				if eventWords.has(k) {
					m.events = appendUnique(m.events, k)
				} else {
					m.ctx = appendUnique(m.ctx, k)
				}
			}
			for _, ev := range m.events {
				byEvent[ev] = append(byEvent[ev], m)
			}
		}
	}
	conflict := func(a, b *mention) bool {
		if a.unit != b.unit || a.value == b.value || (a.d == b.d && a.si == b.si) {
			return false
		}
		return overlap(a.ctx, b.ctx) >= 1
	}
	return groupConflicts(byEvent, conflict, func(ms []*mention) string { return KindDate })
}

func figureContradictions(docs []*doc) []Contradiction {
	byUnit := map[string][]*mention{}
	for _, d := range docs {
		if d.group != d.a.ID {
			continue
		}
		for _, q := range d.a.Quantities {
			if q.Unit == "" || math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
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
	conflict := func(a, b *mention) bool {
		if a.d == b.d || compatible(a, b) || !sameThing(a, b) {
			return false
		}
		if a.d.day == b.d.day && a.d.day != "unknown" {
			// The same day: the same fact only if the sentences speak of
			// the same period (March's inflation, not the 2026 target).
			return samePeriod(a.months, b.months)
		}
		return runningCount(a.unit) && decreases(a, b)
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
func groupConflicts(buckets map[string][]*mention, conflict func(a, b *mention) bool, kind func([]*mention) string) []Contradiction {
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
				if !conflict(ms[i], ms[j]) {
					continue
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
