package quantity

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/timex"
	"github.com/taqrir/taqrir/internal/news"
)

// Match is a quantity with the span of its number alone (without the
// approximation words before it or the unit after it), for scoring against
// annotations that mark only the number.
type Match struct {
	news.Quantity
	NumberStart, NumberEnd int
}

// Extract returns the quantities of text in text order, skipping the date
// expressions package timex finds there.
func Extract(text string) []news.Quantity {
	loadLexicon()
	ms := Find(text, timex.Spans(text))
	out := make([]news.Quantity, len(ms))
	for i, m := range ms {
		out[i] = m.Quantity
	}
	return out
}

// IsCurrency reports whether a normalised unit is a currency.
func IsCurrency(unit string) bool {
	loadLexicon()
	for _, c := range currencies {
		if c == unit {
			return true
		}
	}
	return false
}

// IsUnit reports whether a normalised unit is a unit of measurement
// (كيلومتر، طن، برميل), not a currency, a percentage or a counted noun.
func IsUnit(unit string) bool {
	loadLexicon()
	for _, u := range units {
		if u == unit {
			return true
		}
	}
	return false
}

// Find returns the quantities of text outside the byte spans skip (sorted or
// not; the dates of timex.Spans, typically), with their number spans.
func Find(text string, skip [][2]int) []Match {
	return FindDoc(arabic.Analyse(text), skip)
}

// FindDoc is Find over a text already analysed (its tokens and their
// folds are read from d).
func FindDoc(d *arabic.Doc, skip [][2]int) []Match {
	loadLexicon()
	p := newParser(d, skip)
	var out []Match
	for i := 0; i < len(p.toks); {
		m, j, ok := p.quantityAt(i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i, p.lastEnd = j, m.End
	}
	return out
}

type tok struct {
	s, e  int
	f     string
	kind  arabic.Kind
	block bool // inside a skipped span or a Latin/URL chunk
}

type parser struct {
	text    string
	toks    []tok
	lastEnd int // end of the last quantity found: a new one may not reach back over it
}

func newParser(d *arabic.Doc, skip [][2]int) *parser {
	text := d.Text
	spans := append([][2]int(nil), skip...)
	sort.Slice(spans, func(a, b int) bool { return spans[a][0] < spans[b][0] })
	p := &parser{text: text, toks: make([]tok, 0, len(d.Tokens))}
	si := 0
	chunkEnd, noisy := -1, false
	for i, t := range d.Tokens {
		for si < len(spans) && spans[si][1] <= t.Start {
			si++
		}
		block := si < len(spans) && spans[si][0] < t.End && t.Start < spans[si][1]
		if t.Start >= chunkEnd {
			chunkEnd, noisy = timex.LatinChunk(text, t.Start)
		}
		p.toks = append(p.toks, tok{s: t.Start, e: t.End, f: d.Folds[i], kind: t.Kind, block: block || noisy})
	}
	return p
}

func (p *parser) f(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].block {
		return ""
	}
	return p.toks[i].f
}

func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.toks) && p.toks[i].s == p.toks[i-1].e
}

// digitsValue parses a normalised digit token: 2,500 / 3.5 / 1,250,000 /
// 1.250.000 / 2,5. ok is false for times, dates, versions and phone-like
// strings.
func digitsValue(f string) (float64, bool) {
	if strings.ContainsAny(f, ":/") || len(f) > 18 {
		return 0, false
	}
	commas, dots := strings.Count(f, ","), strings.Count(f, ".")
	groups3 := func(s, sep string) bool {
		parts := strings.Split(s, sep)
		if len(parts[0]) > 3 {
			return false
		}
		for _, g := range parts[1:] {
			if len(g) != 3 {
				return false
			}
		}
		return true
	}
	switch {
	case commas > 0 && dots > 0:
		i := strings.LastIndexByte(f, '.')
		if i < strings.LastIndexByte(f, ',') || !groups3(f[:i], ",") {
			return 0, false
		}
		f = strings.ReplaceAll(f, ",", "")
	case commas > 0:
		if groups3(f, ",") {
			f = strings.ReplaceAll(f, ",", "")
		} else if commas == 1 {
			f = strings.Replace(f, ",", ".", 1)
		} else {
			return 0, false
		}
	case dots > 1:
		if !groups3(f, ".") {
			return 0, false // a version or a date
		}
		f = strings.ReplaceAll(f, ".", "")
	}
	digits := strings.TrimLeft(strings.SplitN(f, ".", 2)[0], "0")
	if len(f) >= 4 && f[0] == '0' && !strings.Contains(f, ".") {
		return 0, false // 0123456: a phone number or a code
	}
	if len(f) >= 8 && allDigits(f) {
		return 0, false // 920012345: counts this long are written with separators
	}
	if len(digits) > 12 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// number reads a number at token i, in digits and/or words, and returns
// its value, the token after it, and whether it is vague (عشرات، آلاف).
func (p *parser) number(i int) (v float64, j int, vague, ok bool) {
	total, cur := 0.0, 0.0
	j = i
	lastKind := wordKind(0)
	lastScale := 0.0
	started := false
	words := 0
	for j < len(p.toks) {
		f := p.f(j)
		if f == "" {
			break
		}
		and := false
		if p.toks[j].kind == arabic.KindNumber {
			if started {
				break // 1.2 مليون و20 ألف is a list, not one number
			}
			d, okd := digitsValue(f)
			if !okd {
				if !started {
					return 0, 0, false, false
				}
				break
			}
			cur += d
			started, lastKind = true, wkUnit
			j++
			continue
		}
		w := f
		if started && strings.HasPrefix(w, "و") && len(w) > 2 {
			w = w[2:]
			and = true
		}
		nw, isNum := numWords[w]
		if !isNum {
			break
		}
		switch nw.kind {
		case wkUnit, wkTen, wkHundred:
			if started && !and {
				// a unit before مئة: ثلاث مئة; 10 before عشر: خمسة عشر
				if nw.kind == wkUnit && nw.value == 10 && lastKind == wkUnit && cur > 0 && cur < 10 {
					cur += 10
					j++
					words++
					continue
				}
				if nw.kind == wkHundred && nw.value == 100 && lastKind == wkUnit && cur > 0 && cur < 10 {
					cur *= 100
					lastKind = wkHundred
					j++
					words++
					continue
				}
				goto done
			}
			if started && lastKind == wkTen && nw.kind != wkUnit {
				goto done
			}
			cur += nw.value
			lastKind = nw.kind
		case wkScale:
			if started && (and || (lastKind == wkFraction && total > 0)) {
				goto done
			}
			if !started && vagueScales[w] {
				vague = true
			}
			if cur == 0 {
				cur = nw.value / nw.mult
			} else if nw.value != nw.mult && !vagueScales[w] && !accusativeScale[w] {
				goto done // ثلاثة ألفين
			}
			total += cur * nw.mult
			cur, lastScale, lastKind = 0, nw.mult, wkScale
		case wkFraction:
			switch {
			case started && and && lastKind == wkScale:
				total += nw.value * lastScale // مليون ونصف
			case !started:
				cur = nw.value
			default:
				goto done
			}
			lastKind = wkFraction
		case wkVague:
			if started {
				goto done
			}
			vague = true
			cur = nw.value
			lastKind = wkVague
			// عشرات الآلاف، مئات الملايين
			if nx, ok := numWords[strings.TrimPrefix(p.f(j+1), "ال")]; ok && nx.kind == wkScale && strings.HasPrefix(p.f(j+1), "ال") {
				total += cur * nx.mult
				cur, lastKind, lastScale = 0, wkScale, nx.mult
				j++
				words++
			}
		}
		started = true
		words++
		j++
	}
done:
	if !started {
		return 0, 0, false, false
	}
	return total + cur, j, vague, true
}

// approxBefore returns the index of the first token of an approximation
// phrase ending just before token i, or i when there is none.
// clitic reports that its first word carried a و or ب (وحوالي، بنحو) that
// is not part of the phrase.
func (p *parser) approxBefore(i int) (a int, clitic bool) {
	for _, ph := range approxPhrases {
		n := len(ph)
		if i-n < 0 {
			continue
		}
		match, cl := true, false
		for k, w := range ph {
			f := p.f(i - n + k)
			if k == 0 && f != w && len(f) > 2 && (strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ب")) {
				f, cl = f[2:], true
			}
			if f != w {
				match = false
				break
			}
		}
		if match {
			return i - n, cl
		}
	}
	return i, false
}

// isNisba reports whether a folded word looks like a relative adjective
// (أمريكي، أمريكيا، الأمريكية، سوريين).
func isNisba(f string) bool {
	if adverbs[f] {
		return false
	}
	for _, suf := range []string{"يين", "يون", "يات", "يه", "يا", "ي"} {
		if strings.HasSuffix(f, suf) && len(f) >= len(suf)+6 {
			return true
		}
	}
	return false
}

// quantityAt reads a quantity whose number starts at token i.
func (p *parser) quantityAt(i int) (Match, int, bool) {
	t := p.toks[i]
	if t.block {
		return Match{}, 0, false
	}
	numStart := t.s
	first := t.f
	base := t.f // the token without a clitic و or ب
	if raw := p.text[t.s:t.e]; t.kind == arabic.KindArabic && len(raw) > 4 && (strings.HasPrefix(raw, "و") || strings.HasPrefix(raw, "ب")) && !strings.HasPrefix(raw, "واحد") {
		if _, ok := numWords[fold(raw[len("و"):])]; ok {
			// وثلاثة جنود، بمليون دولار: the clitic is not part of the number
			base = fold(raw[len("و"):])
			p.toks[i].f = base
			numStart = t.s + len("و")
		}
	}
	v, j, vague, ok := p.number(i)
	p.toks[i].f = first
	if !ok {
		if t.kind == arabic.KindArabic {
			return p.nounFraction(i)
		}
		return Match{}, 0, false
	}
	// a reference or an ordinal, not a figure: القرار 2254، الـ20، المادة (90)
	reference := referenceCues[p.f(i-1)] || ((p.f(i-1) == "(" || p.f(i-1) == "-") && referenceCues[p.f(i-2)]) || p.text[max(0, t.s-1):t.s] == "#"
	if reference && !countCues[p.f(i-1)] {
		return Match{}, 0, false
	}
	// 95 / 73، 1/3 written apart: a reference, a fraction or a date
	if (p.f(i-1) == "/" && p.isNumber(i-2)) || (p.f(j) == "/" && p.isNumber(j+1)) {
		return Match{}, 0, false
	}
	if i > 0 && p.toks[i-1].f == "+" && p.glued(i) {
		return Match{}, 0, false
	}
	// ص140، ملف1: digits glued to a word (other than a one-letter clitic) label it
	if t.kind == arabic.KindNumber && p.glued(i) && p.toks[i-1].kind == arabic.KindArabic && len(p.toks[i-1].f) > 2 {
		return Match{}, 0, false
	}
	// ثلاثمائة وخمسة وستون يوما: the rest of the number is inside a date
	// expression (a duration), so this is no figure of its own
	if j < len(p.toks) && p.toks[j].block && p.toks[j].kind == arabic.KindArabic && strings.HasPrefix(p.toks[j].f, "و") {
		if _, ok := numWords[p.toks[j].f[2:]]; ok {
			return Match{}, 0, false
		}
	}
	numEnd := p.toks[j-1].e
	single := j == i+1
	m := Match{NumberStart: numStart, NumberEnd: numEnd}
	m.Value = v
	m.Approximate = vague
	start := numStart
	if a, clitic := p.approxBefore(i); a < i {
		m.Approximate = true
		start = p.toks[a].s
		if clitic && (strings.HasPrefix(p.text[start:], "و") || strings.HasPrefix(p.text[start:], "ب")) {
			start += len("و")
		}
	}
	end := numEnd
	k := j
	// what the number counts
	switch f := p.f(k); {
	case percentSigns[f]:
		m.Unit, end, k = "%", p.toks[k].e, k+1
	case percentIn[f] && percentHund[p.f(k+1)]:
		m.Unit, end, k = "%", p.toks[k+1].e, k+2
	case percentBi[f]:
		m.Unit, end, k = "%", p.toks[k].e, k+1
	case currencies[f] != "":
		m.Unit, end, k = currencies[f], p.toks[k].e, k+1
		if isNisba(p.f(k)) {
			end, k = p.toks[k].e, k+1
		}
		m.Counted = p.text[p.toks[j].s:end]
	case units[f] != "":
		m.Unit, end, k = units[f], p.toks[k].e, k+1
		if unitQualifiers[p.f(k)] || (isNisba(p.f(k)) && !strings.HasPrefix(p.text[p.toks[k].s:], "ال")) {
			end, k = p.toks[k].e, k+1 // كيلومتر مربع، درجة مئوية، ميل بحري
		}
		m.Counted = p.text[p.toks[j].s:end]
	case f != "" && p.toks[k].kind == arabic.KindArabic && !notCounted[f] && !arabic.IsStopword(f) &&
		(!strings.HasPrefix(f, "ال") || vague || nounAfterFraction(p, i)) && !conjoined(f):
		if _, isNum := numWords[f]; isNum {
			break
		}
		nf := strings.TrimPrefix(f, "ال")
		if c, ok := countedNouns[nf]; ok {
			m.Unit = c
		} else if weakAlone[base] && single && !isFraction(base) {
			break // في آن واحد قال: واحد counts only a known noun
		} else {
			m.Unit = arabic.Stem(p.text[p.toks[k].s:p.toks[k].e])
		}
		end, k = p.toks[k].e, k+1
		if isNisba(p.f(k)) && !strings.HasPrefix(p.text[p.toks[k].s:], "ال") {
			end, k = p.toks[k].e, k+1
		}
		m.Counted = p.text[p.toks[j].s:end]
	}
	if m.Unit != "" && m.Unit != "%" && !p.scaled(i, j) {
		// 3 أطنان ونصف، 4 كيلومترات وربع الكيلومتر: a fraction of one
		// more unit.
		if fr, fe, ok := p.unitFraction(m.Unit, k); ok {
			m.Value += fr
			end, k = p.toks[fe-1].e, fe
		}
	}
	if approxAfter[p.f(k)] {
		m.Approximate = true
		end, k = p.toks[k].e, k+1
	}
	// ونصف، وربع with nothing counted after them close the figure before
	// (عامين ونصف): never a figure of their own.
	if base != first && isFraction(base) && m.Unit == "" {
		return Match{}, 0, false
	}
	// a lone weak word (واحد، ست، ربع) or a bare year-like number is no figure
	if single && m.Unit == "" && !m.Approximate {
		if t.kind == arabic.KindArabic && (base == wahid || base == wahida) {
			// شخص واحد، دولار أمريكي واحد: the noun comes before
			if n, ok := p.nounBefore(i); ok {
				m.Unit, m.Counted = n.unit, p.text[n.start:p.toks[i-1].e]
				m.Text, m.Start, m.End = p.text[n.start:numEnd], n.start, numEnd
				return m, j, true
			}
		}
		if t.kind == arabic.KindArabic && weakAlone[base] {
			return Match{}, 0, false
		}
		// a list number or a label: "3 ." or "6 -" opening a sentence, "مشهد 2 :"
		if t.kind == arabic.KindNumber && ((i == 0 || sentenceEnd[p.f(i-1)]) && listMarks[p.f(j)] || p.f(j) == ":") {
			return Match{}, 0, false
		}
	}
	if single && !m.Approximate && t.kind == arabic.KindNumber && v >= 1900 && v <= 2100 && v == math.Trunc(v) && !strings.ContainsAny(t.f, ",.") {
		if !known(p.f(j)) {
			return Match{}, 0, false // a year after all: 1987 صادرة
		}
	}
	// العدد 3 is an issue number, العدد 10 آلاف a count
	if reference && single && m.Unit == "" && !m.Approximate {
		return Match{}, 0, false
	}
	// (63)، [10]: a bare number in brackets is a label, a reference or a year
	if single && m.Unit == "" && !m.Approximate && ((p.f(i-1) == "(" && p.f(j) == ")") || (p.f(i-1) == "[" && p.f(j) == "]")) {
		return Match{}, 0, false
	}
	if single && t.kind == arabic.KindArabic && weakAlone[base] && m.Unit == "" {
		return Match{}, 0, false
	}
	m.Text = p.text[start:end]
	m.Start, m.End = start, end
	return m, k, true
}

// unitFraction reads ونصف، وربع، وثلث at token k after a counted unit,
// with the unit repeated in the definite after it (ونصف الساعة): the
// fraction's value and the token after it.
func (p *parser) unitFraction(unit string, k int) (float64, int, bool) {
	f := p.f(k)
	if len(f) <= 2 || !strings.HasPrefix(f, "و") || !isFraction(f[len("و"):]) {
		return 0, 0, false
	}
	fr := numWords[f[len("و"):]].value
	end := k + 1
	if rest, ok := strings.CutPrefix(p.f(end), "ال"); ok && p.unitOf(end, rest) == unit {
		end++
	}
	return fr, end, true
}

// unitOf is the unit a folded noun (token k, without ال) counts: the
// lexicon's, else its stem.
func (p *parser) unitOf(k int, f string) string {
	switch {
	case currencies[f] != "":
		return currencies[f]
	case units[f] != "":
		return units[f]
	case countedNouns[f] != "":
		return countedNouns[f]
	}
	raw := p.text[p.toks[k].s:p.toks[k].e]
	if strings.HasPrefix(f, "ال") || !strings.HasPrefix(fold(raw), "ال") {
		return arabic.Stem(raw)
	}
	return arabic.Stem(raw[len("ال"):])
}

// scaled reports whether the number at tokens [i,j) holds a scale word
// (ألف، مليون): a fraction after its noun is not a fraction of the unit.
func (p *parser) scaled(i, j int) bool {
	for k := i; k < j; k++ {
		f := strings.TrimPrefix(p.f(k), "و")
		if nw, ok := numWords[f]; ok && nw.kind == wkScale {
			return true
		}
	}
	return false
}

// nounFraction reads a unit written without a number, singular or dual,
// and a fraction after it: ساعتين ونصف الساعة (2.5)، طن ونصف (1.5)،
// كيلومترين وربع (2.25). The noun must be a unit, currency or counted noun
// of the lexicon, or a unit of time.
func (p *parser) nounFraction(i int) (Match, int, bool) {
	f := p.f(i)
	if f == "" || strings.HasPrefix(f, "ال") || p.toks[i].s < p.lastEnd {
		return Match{}, 0, false
	}
	n, singular := nounCount(f)
	if n == 0 {
		return Match{}, 0, false
	}
	unit := p.unitOf(i, singular)
	if singular != f && currencies[singular] == "" && units[singular] == "" && countedNouns[singular] == "" {
		unit = arabic.Stem(singular) // ساعتين: the stem of ساعه
	}
	fr, end, ok := p.unitFraction(unit, i+1)
	if !ok {
		return Match{}, 0, false
	}
	m := Match{NumberStart: p.toks[i].s, NumberEnd: p.toks[end-1].e}
	m.Value, m.Unit = float64(n)+fr, unit
	m.Start, m.End = p.toks[i].s, p.toks[end-1].e
	m.Text, m.Counted = p.text[m.Start:m.End], p.text[p.toks[i].s:p.toks[i].e]
	return m, end, true
}

// nounCount returns how many units a folded singular or dual noun counts
// and its singular form: 1 for طن or ساعه, 2 for طنين or ساعتين (the
// singular ساعه); 0 for a word that is neither a known unit nor a time
// unit.
func nounCount(f string) (int, string) {
	known := func(w string) bool {
		return currencies[w] != "" || units[w] != "" || countedNouns[w] != "" || timeUnits[w]
	}
	for _, suf := range []string{"ين", "ان"} {
		base, ok := strings.CutSuffix(f, suf)
		if !ok || len(base) < 4 {
			continue
		}
		if t, ok := strings.CutSuffix(base, "ت"); ok && known(t+"ه") {
			return 2, t + "ه"
		}
		if known(base) {
			return 2, base
		}
	}
	if known(f) && !plural(f) {
		return 1, f
	}
	if a, ok := strings.CutSuffix(f, "ا"); ok && known(a) && !plural(a) {
		return 1, a // accusative: يوما ونصف
	}
	return 0, ""
}

// plural reports a folded form that is not the singular of its lexicon
// entry (أطنان، ساعات).
func plural(f string) bool {
	for _, m := range []map[string]string{currencies, units, countedNouns} {
		if c := m[f]; c != "" {
			return fold(c) != f
		}
	}
	return !timeUnits[f]
}

// conjoined reports a word that is و plus a function word, an
// approximation or a number (وأكثر، وفي، وخمسة): the start of the next
// clause, never a counted noun.
func conjoined(f string) bool {
	if !strings.HasPrefix(f, "و") || len(f) <= 2 {
		return false
	}
	rest := f[2:]
	if _, ok := numWords[rest]; ok {
		return true
	}
	for _, ph := range approxPhrases {
		if ph[0] == rest {
			return true
		}
	}
	return notCounted[rest] || arabic.IsStopword(rest)
}

// nounAfterFraction: a fraction takes a definite noun (نصف السكان).
func nounAfterFraction(p *parser, i int) bool {
	nw, ok := numWords[p.toks[i].f]
	return ok && nw.kind == wkFraction
}

var (
	sentenceEnd = map[string]bool{".": true, "!": true, "؟": true, "?": true, ":": true, "$#$": true, "#": true}
	listMarks   = map[string]bool{".": true, "-": true, ")": true, "–": true}
)

// known reports whether a folded word is a unit, currency, percent word or
// counted noun of the lexicon.
func known(f string) bool {
	return percentSigns[f] || percentIn[f] || percentBi[f] || currencies[f] != "" || units[f] != "" || countedNouns[f] != ""
}

func (p *parser) isNumber(k int) bool {
	return k >= 0 && k < len(p.toks) && p.toks[k].kind == arabic.KindNumber
}

func isFraction(f string) bool {
	nw, ok := numWords[f]
	return ok && nw.kind == wkFraction
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var (
	wahid  = fold("واحد")
	wahida = fold("واحدة")
)

type noun struct {
	start int
	unit  string
}

// nounBefore finds the counted noun before a post-nominal واحد at token
// i, with an optional nisba between (دولار أمريكي واحد).
func (p *parser) nounBefore(i int) (noun, bool) {
	k := i - 1
	if k < 0 || !p.glued(i) && p.toks[i].s-p.toks[k].e != 1 {
		return noun{}, false
	}
	if isNisba(p.f(k)) && k-1 >= 0 && p.toks[k-1].kind == arabic.KindArabic && !arabic.IsStopword(p.f(k-1)) {
		k--
	}
	f := p.f(k)
	if f == "" || p.toks[k].kind != arabic.KindArabic || p.toks[k].s < p.lastEnd || arabic.IsStopword(f) ||
		notCounted[f] || idiomOne[f] || idiomOne[strings.TrimPrefix(f, "ال")] {
		return noun{}, false
	}
	if _, isNum := numWords[f]; isNum {
		return noun{}, false
	}
	nf := strings.TrimPrefix(f, "ال")
	switch {
	case currencies[nf] != "":
		return noun{p.toks[k].s, currencies[nf]}, true
	case units[nf] != "":
		return noun{p.toks[k].s, units[nf]}, true
	case countedNouns[nf] != "":
		return noun{p.toks[k].s, countedNouns[nf]}, true
	}
	return noun{p.toks[k].s, arabic.Stem(p.text[p.toks[k].s:p.toks[k].e])}, true
}
