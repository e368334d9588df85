package resolve

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
	"github.com/taqrir/taqrir/internal/news"
)

// Resolve returns the entities of one article's text from its mentions:
// each with a canonical name, persons with the role their title gives,
// capitals used for their government marked as metonymy. It also adds the
// persons a title introduces that the mentions missed, and later short
// mentions (the surname) of a person named in full. Mentions outside the
// text or overlapping an earlier, longer one are dropped. The result is
// sorted by offset.
func Resolve(text string, mentions []Mention) []news.Entity {
	return ResolveDoc(arabic.Analyse(text), nil, nil, mentions)
}

// ResolveDoc is Resolve over a text already analysed: its tokens and
// their folds are read from d; keys, when not nil, holds
// gazetteer.WordKey of each token of d ("" for punctuation), and starts,
// when not nil, each key's gazetteer.Starts, as the caller has them.
func ResolveDoc(d *arabic.Doc, keys []string, starts [][]gazetteer.Start, mentions []Mention) []news.Entity {
	loadLexicon()
	text := d.Text
	r := newResolver(d, keys)
	if keys != nil {
		r.starts = starts
	}
	ms := r.affiliations(r.joinNames(cleanMentions(text, mentions)))
	ms = append(ms, r.titledPersons(ms)...)
	sortMentions(ms)
	out := make([]news.Entity, 0, len(ms))
	for _, m := range ms {
		if r.commonWordNotName(m) || r.verbNotPlace(m) || (BareHead(m.Text) || numberPhrase(m.Text)) && bestEntry(m.Text) == nil {
			continue // سلطنة alone, بنسبة 2.1: no name
		}
		e := news.Entity{Text: text[m.Start:m.End], Type: m.Type, Start: m.Start, End: m.End}
		if e.Type == news.EntityPerson {
			// A place or body the tagger took for a person (قالت بكين):
			// the gazetteer knows the whole mention as a place or an
			// organisation and not as a person's name.
			if g := bestEntry(e.Text); g != nil && g.Type != "" && g.Type != news.EntityPerson && !r.givenNameText(e.Text) {
				e.Type = g.Type
			}
		}
		if e.Type == news.EntityPerson {
			r.person(&e)
		} else {
			r.named(&e)
			e.Type = typeOf(e)
		}
		if e.Canonical == "" {
			e.Canonical = arabic.Normalize(e.Text)
		}
		if e.Type == news.EntityMisc && !Salient(e) {
			continue // عربية: an adjective with nothing it names
		}
		out = append(out, e)
	}
	r.surnamesMistyped(out)
	mergePersons(out)
	out = append(out, r.surnames(out)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// wordOrName are organisations whose one-word name is also a frequent
// verb or noun (فتح "opened", أمل "hope"): a one-word mention of them is
// kept only where the movement is meant: after حركة or تنظيم, or next to
// حماس (ANERcorp's news is full of "حماس وفتح").
var wordOrName = map[string]bool{"فتح": true, "امل": true}

func (r *resolver) commonWordNotName(m Mention) bool {
	a, b := r.tokenRange(m.Start, m.End)
	if b-a != 1 {
		return false
	}
	f := r.toks[a].f
	if strings.HasPrefix(f, "و") && wordOrName[f[len("و"):]] {
		f = f[len("و"):]
	}
	if !wordOrName[f] {
		return false
	}
	if a > 0 && (r.toks[a-1].f == "حركه" || r.toks[a-1].f == "تنظيم") {
		return false
	}
	for k := max(0, a-3); k < min(len(r.toks), b+3); k++ {
		if k != a && strings.HasSuffix(r.toks[k].f, "حماس") {
			return false
		}
	}
	return true
}

// verbNotPlace reports a one-word place or body that reads as a verb in
// the present tense (ي، ت or ن and three letters) and is used as one: a
// definite noun, its object or subject, follows it and no preposition
// comes before it («ينقل الجرحى»: a verb, though Yanqul is a town). A
// place after a preposition (في يافا) or before anything else stays.
func (r *resolver) verbNotPlace(m Mention) bool {
	if m.Type != news.EntityPlace && m.Type != news.EntityOrg {
		return false
	}
	a, b := r.tokenRange(m.Start, m.End)
	if b-a != 1 || b >= len(r.toks) {
		return false
	}
	f := []rune(r.toks[a].f)
	if len(f) != 4 || f[0] != 'ي' && f[0] != 'ت' && f[0] != 'ن' {
		return false
	}
	if !strings.HasPrefix(r.toks[b].f, "ال") || r.toks[b].punct {
		return false
	}
	if a > 0 && prepositions[r.toks[a-1].f] {
		return false
	}
	return true
}

// prepositions (folded) before which a word is a noun, not a verb.
var prepositions = map[string]bool{"في": true, "من": true, "الي": true, "علي": true, "عن": true, "مع": true, "بين": true, "مدينه": true, "بلده": true, "قريه": true, "منطقه": true}

// cleanMentions keeps the mentions that lie inside text on rune
// boundaries, sorted, dropping any that overlaps one already kept (longer
// first at the same start).
func cleanMentions(text string, in []Mention) []Mention {
	var ms []Mention
	for _, m := range in {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End ||
			!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			continue
		}
		if letters(text[m.Start:m.End]) < 2 {
			continue // no name is one letter: أ of "أ ف ب", a stray initial
		}
		switch m.Type {
		case news.EntityPerson, news.EntityOrg, news.EntityPlace, news.EntityMisc:
		default:
			m.Type = news.EntityMisc
		}
		m.Text = text[m.Start:m.End]
		ms = append(ms, m)
	}
	sortMentions(ms)
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// person fills a person's canonical name (the name without any title) and
// the role, Of and In its title gives, whether the title is inside the
// mention or right before it.
func (r *resolver) person(e *news.Entity) {
	a, b := r.tokenRange(e.Start, e.End)
	// A verb the tagger took into the name (وترى بن عمار) is not part of it.
	for a < b-1 && !r.toks[a].punct && (inSet(r.toks[a].f, notNames) || inSet(r.toks[a].f, politicalVerbs)) {
		a++
		e.Start = r.toks[a].start
		e.Text = r.text[e.Start:e.End]
	}
	if a >= b {
		return
	}
	nameStart := a
	var t title
	// A nisba the tagger took into the name (القطري سالم الكواري) belongs
	// to the title before it.
	for nameStart < b-1 && !r.toks[nameStart].punct {
		c, ok := r.nisbaAt(nameStart)
		if !ok {
			break
		}
		t.of = c
		nameStart++
	}
	for j := b - 1; j > nameStart; j-- {
		if nameStart > a {
			break
		}
		if tt, ok := r.chain(a, j, true); ok {
			t, nameStart = tt, j
			break
		}
	}
	if before, ok := r.titleBefore(a); ok && (nameStart == a || t.role == "") {
		if t.role == "" {
			t.role = before.role
		}
		if t.of == "" {
			t.of = before.of
		}
		if t.in == "" {
			t.in = before.in
		}
	}
	e.Role, e.Of, e.In = t.role, t.of, t.in
	start := max(r.toks[nameStart].start, e.Start)
	e.Canonical = arabic.Normalize(r.text[start:e.End])
	for _, g := range gazetteer.LookupAll(e.Canonical) {
		if g.Kind == gazetteer.Person {
			e.Canonical = g.Canonical
			break
		}
	}
}

// named fills the canonical of a place, organisation or other name: the
// gazetteer's, a nisba's country, and for a capital used as a political
// agent its country with Metonymy set.
func (r *resolver) named(e *news.Entity) {
	best := bestEntry(e.Text)
	a, b := r.tokenRange(e.Start, e.End)
	if best == nil && b-a >= 2 {
		// وزارة الخارجية العمانية as one mention: the ministry and its country.
		if country, ok := r.nisbaAt(b - 1); ok {
			if inner := bestEntry(r.text[r.toks[a].start:r.toks[b-2].end]); inner != nil && national(inner.Kind) {
				e.Canonical, e.Of = ofCountry(inner.Canonical, country), country
				return
			}
		}
	}
	if best != nil {
		e.Canonical = best.Canonical
		// وزارة الخارجية + العمانية: a national body is told apart by its country.
		if national(best.Kind) && b < len(r.toks) {
			if country, ok := r.nisbaAt(b); ok {
				e.Canonical, e.Of = ofCountry(best.Canonical, country), country
			}
		}
		if country, ok := getTables().capitals[gazetteer.Phrase(best.Canonical)]; ok && best.Kind == gazetteer.City {
			if a, b := r.tokenRange(e.Start, e.End); a < b && r.politicalAgent(a, b) {
				e.Canonical, e.Metonymy = country, true
			}
		}
		return
	}
	if !strings.ContainsAny(strings.TrimSpace(e.Text), " \n") {
		if c, ok := nisbaCountry(e.Text); ok {
			e.Canonical = c
		} else if c, ok := nisbaRegion(e.Text); ok {
			e.Canonical = c // أوروبية → أوروبا
		}
	}
}

// typeOf is the type of a resolved place, body or other name: a country
// is a place whatever the tagger called the mention (القطرية, the nisba,
// tagged other; مصر tagged an organisation), and a mention the tagger
// could only call "other" takes the type of the gazetteer entity its
// canonical names (الأممي → الأمم المتحدة, an organisation).
func typeOf(e news.Entity) string {
	var known *gazetteer.Entry
	for _, g := range gazetteer.LookupAll(e.Canonical) {
		if g.Kind == gazetteer.Role || g.Kind == gazetteer.GivenName || g.Type == "" || g.Canonical != e.Canonical {
			continue
		}
		if g.Kind == gazetteer.Country {
			return news.EntityPlace
		}
		if known == nil {
			known = &g
		}
	}
	if known != nil && e.Type == news.EntityMisc {
		return known.Type
	}
	return e.Type
}

// bestEntry returns the gazetteer entry a name stands for, a country
// first when the name is ambiguous (عمان), or nil.
func bestEntry(name string) *gazetteer.Entry {
	entries := gazetteer.LookupAll(name)
	var best *gazetteer.Entry
	for i := range entries {
		if entries[i].Kind == gazetteer.Role || entries[i].Kind == gazetteer.GivenName {
			continue
		}
		if best == nil || (entries[i].Kind == gazetteer.Country && best.Kind != gazetteer.Country) {
			best = &entries[i]
		}
	}
	return best
}

// national reports a kind of body every country has its own of.
func national(k gazetteer.Kind) bool { return k == gazetteer.Ministry }

// ofCountry is the canonical of a national body of a country:
// "وزارة الخارجية (عمان)", the same whatever the nisba's gender or spelling.
func ofCountry(body, country string) string { return body + " (" + country + ")" }

// politicalAgent reports whether the name at tokens [a,b) acts as a
// government: subject of a political verb before or after it (أعلنت
// واشنطن، طهران ترفض), after a political noun (موقف موسكو), or one side of
// "بين واشنطن وطهران".
func (r *resolver) politicalAgent(a, b int) bool {
	if a > 0 {
		prev := r.toks[a-1]
		if !prev.punct && (inSet(prev.f, politicalVerbs) || inSet(prev.f, politicalNouns)) {
			return true
		}
		if prev.f == "بين" && b < len(r.toks) && strings.HasPrefix(r.toks[b].f, "و") && r.isCapital(b, true) {
			return true
		}
		if a > 1 && strings.HasPrefix(r.toks[a].f, "و") && r.toks[a-2].f == "بين" && r.isCapital(a-1, false) {
			return true
		}
	}
	if b < len(r.toks) && !r.toks[b].punct && inSet(r.toks[b].f, politicalVerbs) {
		return true
	}
	return false
}

// isCapital reports whether token k is a capital of the table (optionally
// after a و).
func (r *resolver) isCapital(k int, conj bool) bool {
	key := r.toks[k].key
	if conj {
		key = gazetteer.WordKey(strings.TrimPrefix(r.toks[k].f, "و"))
	}
	_, ok := getTables().capitals[key]
	return ok
}

// inSet looks a folded word up with and without a leading و or ف.
func inSet(f string, set map[string]bool) bool {
	if set[f] {
		return true
	}
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(f, p); ok && set[rest] {
			return true
		}
	}
	return false
}

// mergePersons gives a short person mention (a surname, or a variant
// spelling) the canonical of the full name it is a suffix of, preferring
// the nearest full name before it.
func mergePersons(es []news.Entity) {
	type full struct {
		i    int
		keys []string
	}
	var fulls []full
	for i, e := range es {
		if e.Type == news.EntityPerson {
			if k := strings.Fields(gazetteer.Phrase(e.Canonical)); len(k) >= 2 {
				fulls = append(fulls, full{i, k})
			}
		}
	}
	for i := range es {
		e := &es[i]
		if e.Type != news.EntityPerson {
			continue
		}
		keys := strings.Fields(gazetteer.Phrase(e.Canonical))
		if len(keys) == 0 {
			continue
		}
		best := -1
		for _, f := range fulls {
			if f.i == i || len(f.keys) < len(keys) || !suffix(f.keys, keys) {
				continue
			}
			if len(f.keys) == len(keys) && f.i > i {
				continue // the same name: the first spelling wins
			}
			if best < 0 || (f.i < i && (best > i || f.i > best)) {
				best = f.i
			}
		}
		if best >= 0 && es[best].Canonical != e.Canonical {
			e.Canonical = es[best].Canonical
		}
	}
}

func suffix(long, short []string) bool {
	off := len(long) - len(short)
	for i, k := range short {
		if long[off+i] != k {
			return false
		}
	}
	return true
}

// surnamesMistyped retypes a later one-word mention that the tagger took
// for a body or a place but is the surname of a person named in full
// before it, and that the gazetteer does not know (… سلمى العبدالله …
// وأكدت العبدالله): a person, with the full name's canonical.
func (r *resolver) surnamesMistyped(es []news.Entity) {
	byKey := surnameKeys(es)
	if len(byKey) == 0 {
		return
	}
	first := map[string]int{} // where each full name is first given
	for _, e := range es {
		if e.Type == news.EntityPerson {
			if _, ok := first[e.Canonical]; !ok {
				first[e.Canonical] = e.Start
			}
		}
	}
	for i := range es {
		e := &es[i]
		if e.Type == news.EntityPerson || strings.ContainsAny(e.Text, " \n") || bestEntry(e.Text) != nil {
			continue
		}
		canon, ok := byKey[gazetteer.WordKey(e.Text)]
		if ok && first[canon] < e.Start {
			e.Type, e.Canonical, e.Of, e.Metonymy = news.EntityPerson, canon, "", false
		}
	}
}

// surnameKeys maps the key of the last word of each person's full name
// (two words or more) to that name's canonical; surnames that are
// stopwords, too short or another kind of gazetteer name are left out.
func surnameKeys(es []news.Entity) map[string]string {
	byKey := map[string]string{}
	for _, e := range es {
		if e.Type != news.EntityPerson {
			continue
		}
		keys := strings.Fields(gazetteer.Phrase(e.Canonical))
		if len(keys) < 2 {
			continue
		}
		last := keys[len(keys)-1]
		words := strings.Fields(e.Canonical)
		lastWord := words[len(words)-1]
		if utf8.RuneCountInString(last) < 3 || arabic.IsStopword(lastWord) {
			continue
		}
		if g, ok := gazetteer.Lookup(lastWord); ok && g.Kind != gazetteer.Person {
			continue
		}
		if _, seen := byKey[last]; !seen {
			byKey[last] = e.Canonical
		}
	}
	return byKey
}

// surnames finds later bare mentions of the surname of a person named in
// full (…جو بايدن … وأضاف بايدن) that the mentions missed.
func (r *resolver) surnames(es []news.Entity) []news.Entity {
	byKey := surnameKeys(es)
	if len(byKey) == 0 {
		return nil
	}
	covered := func(s, e int) bool {
		i := sort.Search(len(es), func(i int) bool { return es[i].End > s })
		return i < len(es) && es[i].Start < e
	}
	var out []news.Entity
	for k, t := range r.toks {
		if t.punct || t.key == "" {
			continue
		}
		for _, v := range gazetteer.Variants(t.key) {
			canon, ok := byKey[v]
			if !ok {
				continue
			}
			start := t.start
			if v != t.key {
				start = r.cliticEnd(k, v)
			}
			if start < 0 || covered(start, t.end) || r.followsName(k) {
				break
			}
			out = append(out, news.Entity{Text: r.text[start:t.end], Type: news.EntityPerson, Canonical: canon, Start: start, End: t.end})
			break
		}
	}
	return out
}

// followsName reports whether token k directly follows another unknown
// capitalised-like word that could be a first name of a different person:
// we only link a surname that stands alone or after a title.
func (r *resolver) followsName(k int) bool {
	if k == 0 || r.toks[k-1].punct {
		return false
	}
	p := r.toks[k-1]
	if arabic.IsStopword(r.text[p.start:p.end]) || strings.HasPrefix(p.f, "ال") || inSet(p.f, notNames) {
		return false
	}
	if n, _ := r.roleAt(k-1, k); n > 0 {
		return false
	}
	// A verb cue or other word before the surname: "وأضاف بايدن".
	return !isLikelyVerb(p.f)
}

// isLikelyVerb is a cheap test for a perfect or imperfect verb form with
// a conjunction (وأضاف، وقال، ويرى, فأكد): what stands before a bare
// surname used as a subject.
func isLikelyVerb(f string) bool {
	if inSet(f, notNames) || inSet(f, politicalVerbs) {
		return true
	}
	return strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ف")
}

// cliticEnd returns the byte offset inside token k after the clitic
// letters whose removal gives key v, or -1.
func (r *resolver) cliticEnd(k int, v string) int {
	t := r.toks[k]
	s := t.start
	for n := 0; n < 2 && s < t.end; n++ {
		_, size := utf8.DecodeRuneInString(r.text[s:t.end])
		s += size
		rest := r.text[s:t.end]
		if gazetteer.WordKey(rest) == v || gazetteer.WordKey("ا"+rest) == v {
			return s
		}
	}
	return -1
}

// titledPersons finds persons the mentions missed that a title
// introduces: a role, optionally a nisba and في with a place, then one to
// four name words that end at a clause boundary (or follow a nisba or
// place, which mark the title as complete).
func (r *resolver) titledPersons(ms []Mention) []Mention {
	cover := make([]string, len(r.toks)) // type of the mention covering each token
	for _, m := range ms {
		a, b := r.tokenRange(m.Start, m.End)
		for k := a; k < b; k++ {
			cover[k] = m.Type
		}
	}
	var out []Mention
	for k := 0; k < len(r.toks); k++ {
		if cover[k] != "" {
			continue
		}
		n, _ := r.roleAt(k, len(r.toks))
		if n == 0 {
			continue
		}
		j := k + n
		marked := false
		if j < len(r.toks) {
			if _, ok := r.nisbaAt(j); ok {
				j++
				marked = true
			}
		}
		if j+1 < len(r.toks) && (r.toks[j].f == "في" || r.toks[j].f == "الي" || r.toks[j].f == "لدي") {
			if pn, _ := r.placeAt(j+1, len(r.toks)); pn > 0 {
				j += 1 + pn
				marked = true
			}
		}
		for j < len(r.toks) && honorifics[r.toks[j].f] {
			j++
		}
		s := j
		for j < len(r.toks) && j-s < maxName && cover[j] == "" && r.nameWord(j, j == s) {
			j++
		}
		if j == s || (j < len(r.toks) && cover[j] == news.EntityPerson) {
			continue
		}
		if !marked && (!r.boundary(j) || !r.givenName(s)) {
			continue
		}
		start, end := r.toks[s].start, r.toks[j-1].end
		out = append(out, Mention{Start: start, End: end, Type: news.EntityPerson, Text: r.text[start:end]})
		for x := s; x < j; x++ {
			cover[x] = news.EntityPerson
		}
		k = j - 1
	}
	return out
}

// givenName reports whether token k is a given name or starts a person
// name the gazetteer knows.
func (r *resolver) givenName(k int) bool {
	n, entries := r.match(len(r.keys), k)
	if n == 0 {
		return false
	}
	for _, e := range entries {
		if e.Kind == gazetteer.GivenName || e.Kind == gazetteer.Person {
			return true
		}
	}
	return false
}

// givenNameText reports whether a one-word text is a given name.
func (r *resolver) givenNameText(s string) bool {
	for _, e := range gazetteer.LookupAll(s) {
		if e.Kind == gazetteer.GivenName || e.Kind == gazetteer.Person {
			return true
		}
	}
	return false
}

// joinNames merges a person mention that is a lone given name with the
// person mention right after it (علي + رضا نجفي) and
// extends a person mention over given names right before it that the
// tagger left out (الطاهر عبد الرحيم), removing any mention they absorb.
func (r *resolver) joinNames(ms []Mention) []Mention {
	var out []Mention
	for _, m := range ms {
		if m.Type == news.EntityPerson {
			a, _ := r.tokenRange(m.Start, m.End)
			for a > 0 && !r.toks[a-1].punct && r.givenName(a-1) && r.toks[a-1].start >= lastEnd(out) {
				a--
				m.Start = r.toks[a].start
			}
			if n := len(out); n > 0 && out[n-1].Type == news.EntityPerson && strings.TrimSpace(r.text[out[n-1].End:m.Start]) == "" && r.loneGivenName(out[n-1]) {
				m.Start = out[n-1].Start
				out = out[:n-1]
			}
			for n := len(out); n > 0 && out[n-1].End > m.Start; n = len(out) {
				out = out[:n-1] // a mention the extension swallowed
			}
			m.Text = r.text[m.Start:m.End]
		}
		out = append(out, m)
	}
	return out
}

// loneGivenName reports whether a mention is one given name alone (علي),
// which the next person mention continues.
func (r *resolver) loneGivenName(m Mention) bool {
	a, b := r.tokenRange(m.Start, m.End)
	return b == a+1 && r.givenName(a)
}

func lastEnd(ms []Mention) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].End
}

// nameWord reports whether token k can be part of a person's name after a
// title.
func (r *resolver) nameWord(k int, first bool) bool {
	t := r.toks[k]
	if t.punct {
		return false
	}
	c, _ := utf8.DecodeRuneInString(t.f)
	if !unicode.Is(unicode.Arabic, c) {
		return false
	}
	raw := r.text[t.start:t.end]
	if arabic.IsStopword(raw) || inSet(t.f, notNames) || isMarker(t.f) {
		return false
	}
	for _, p := range []string{"لل", "بال", "وال", "فال", "كال", "لـ"} {
		if strings.HasPrefix(t.f, p) {
			return false
		}
	}
	if first && strings.HasPrefix(t.f, "ال") {
		return false
	}
	if n, _ := r.roleAt(k, len(r.toks)); n > 0 {
		return false
	}
	if _, ok := r.nisbaAt(k); ok {
		return false
	}
	if n, _ := r.placeAt(k, len(r.toks)); n > 0 {
		return false
	}
	return true
}

// boundary reports whether a name may end before token k.
func (r *resolver) boundary(k int) bool {
	if k >= len(r.toks) {
		return true
	}
	t := r.toks[k]
	return t.punct || isMarker(t.f) || arabic.IsStopword(r.text[t.start:t.end]) || strings.HasPrefix(t.f, "لل")
}

// isMarker: إن، أن، بأن with an optional pronoun.
func isMarker(f string) bool {
	for _, p := range []string{"بان", "ان"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			switch rest {
			case "", "ه", "ها", "هم":
				return true
			}
		}
	}
	return false
}
