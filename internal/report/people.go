package report

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

// Caps on list sections, so a report over thousands of articles stays
// readable; the most salient or most reported items are kept.
const (
	maxActors         = 40
	maxActorCitations = 5
	maxFigures        = 150
	maxSpeakers       = 60
	maxClaimsPerSpeak = 12
	titleWeight       = 3.0
	leadWeight        = 1.0
)

type actorAcc struct {
	Actor
	types    map[string]int
	aliases  map[string]int
	roles    map[string]bool
	articles map[string]bool
	sources  map[string]bool
	order    int
}

// actors groups entity mentions by canonical name, ranked by salience.
func actors(docs []*doc) []Actor {
	byName := map[string]*actorAcc{}
	var accs []*actorAcc
	// what a name is does not depend on where it stands: looked up once
	type nameFacts struct {
		name             string // entityName
		textKey, nameKey string // index.SourceKey of the text and of the name, to tell the writers
		listable         bool   // a name worth listing (resolve.Salient), or one standing for a country in context
	}
	names := map[news.Entity]nameFacts{}
	for _, d := range docs {
		inTitle := map[string]bool{}
		// The outlet and the agencies it credits are who wrote the news,
		// not actors in it.
		writers := map[string]bool{d.src: true}
		writerNames := []string{squeeze(d.a.Source)}
		for _, c := range d.a.Credits {
			writers[index.SourceKey(c)] = true
			writerNames = append(writerNames, squeeze(c))
		}
		for _, e := range d.a.Entities {
			bare := e
			bare.Start, bare.End = 0, 0
			nf, ok := names[bare]
			if !ok {
				nf = nameFacts{name: entityName(e), textKey: index.SourceKey(e.Text)}
				if nf.name != "" {
					nf.nameKey = index.SourceKey(nf.name)
					_, _, contextual := resolve.ContextualCountries(nf.name)
					nf.listable = resolve.Salient(e) || contextual
				}
				names[bare] = nf
			}
			name := nf.name
			if name == "" || !nf.listable || writers[nf.textKey] || writers[nf.nameKey] {
				continue // the outlet, its agencies, and what is no name (a bare noun, a figure)
			}
			if agencyNisba(d.body, e) || opensWriterName(d.body, e, writerNames) || namesOperation(d.body, e) {
				continue // «وكالة الأنباء الفرنسية» is an agency, «فرانس24» the outlet: not France; «عملية غصن الزيتون» an operation
			}
			acc := byName[name]
			if acc == nil {
				acc = &actorAcc{Actor: Actor{Name: name}, types: map[string]int{}, aliases: map[string]int{},
					roles: map[string]bool{}, articles: map[string]bool{}, sources: map[string]bool{}, order: len(accs)}
				byName[name] = acc
				accs = append(accs, acc)
			}
			acc.Mentions++
			acc.types[e.Type]++
			if alias := arabic.Normalize(e.Text); alias != "" && alias != name {
				acc.aliases[alias]++
			}
			if e.Role != "" {
				role := arabic.Normalize(e.Role)
				if e.Of != "" {
					role += " " + arabic.Normalize(e.Of)
				}
				acc.roles[role] = true
			}
			w := 1.0
			if si := d.sentenceAt(e.Start); si >= 0 && d.sents[si].para == 0 {
				w += leadWeight
			}
			if !inTitle[name] && mentionedIn(d.titleKeys, e.Text) {
				inTitle[name] = true
				w += titleWeight
			}
			acc.Salience += w
			if !acc.articles[d.a.ID] {
				acc.articles[d.a.ID] = true
				acc.sources[d.src] = true
				if len(acc.Citations) < maxActorCitations {
					if si := d.sentenceAt(e.Start); si >= 0 {
						acc.Citations = append(acc.Citations, d.cite(si))
					}
				}
			}
		}
		for _, c := range d.a.Claims {
			if c.Canonical == "" {
				continue
			}
			if acc := byName[arabic.Normalize(c.Canonical)]; acc != nil && len(acc.Claims) < maxClaimsPerSpeak {
				acc.Claims = append(acc.Claims, makeClaim(d, c))
			}
		}
	}
	accs = foldActors(accs)
	out := make([]Actor, 0, len(accs))
	for _, acc := range accs {
		acc.Articles = len(acc.articles)
		acc.Salience = math.Round(acc.Salience*(1+math.Log(float64(len(acc.sources))))*100) / 100
		acc.Type = topCount(acc.types)
		acc.Aliases = byCount(acc.aliases)
		acc.Roles = sortedKeys(acc.roles)
		if acc.Claims == nil {
			acc.Claims = []Claim{}
		}
		out = append(out, acc.Actor)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Salience != out[j].Salience {
			return out[i].Salience > out[j].Salience
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > maxActors {
		out = out[:maxActors]
	}
	return out
}

// agencyNisba reports a country's adjective that ends the name of a news
// agency («وكالة الأنباء الفرنسية», «وكالة الصحافة الفرنسية», «الوكالة
// الألمانية»): the agency that
// carried the news, not the country.
func agencyNisba(body string, e news.Entity) bool {
	if e.Start <= 0 || e.Start > len(body) || strings.Contains(strings.TrimSpace(e.Text), " ") {
		return false
	}
	at := e.Start
	for range 2 {
		w, from := prevWord(body, at)
		if w == "" {
			return false
		}
		switch arabic.Fold(w) {
		case "وكاله", "الوكاله", "لوكاله", "بوكاله", "الانباء", "انباء", "الصحافه", "صحافه":
			return true
		}
		at = from
	}
	return false
}

// prevWord returns the word that ends before body[at], quotes and
// parentheses around it left out, and where it starts ("" at the start).
func prevWord(body string, at int) (string, int) {
	skip := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("«»\"'“”()", r) }
	end := min(at, len(body))
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(body[:end])
		if !skip(r) {
			break
		}
		end -= n
	}
	start := end
	for start > 0 && end-start < 64 {
		r, n := utf8.DecodeLastRuneInString(body[:start])
		if skip(r) {
			break
		}
		start -= n
	}
	return body[start:end], start
}

// namesOperation reports a name right after the word for an operation
// (عملية «غصن الزيتون»): it names a military or police operation, not a
// person, body or place.
func namesOperation(body string, e news.Entity) bool {
	if e.Start <= 0 || e.Start > len(body) {
		return false
	}
	w, _ := prevWord(body, e.Start) // عملية «غصن الزيتون»: the quotes left out
	return w != "" && resolve.OperationHead(w)
}

// onlyByStem reports a one-word name, not a country's, that the text never
// wrote as such: every mention matched it through a stem or a clitic
// («ونقلت» → ينقل, a town in Oman), so the text never named it.
func onlyByStem(a *actorAcc) bool {
	if strings.Contains(a.Name, " ") || resolve.IsCountry(a.Name) {
		return false
	}
	n := 0
	for _, c := range a.aliases {
		n += c
	}
	if a.Mentions > n {
		return false // written as it is at least once
	}
	name := arabic.Fold(a.Name)
	for al := range a.aliases {
		f := arabic.Fold(al)
		for _, p := range []string{"وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", ""} {
			if rest, ok := strings.CutPrefix(f, p); ok && (rest == name || "ال"+rest == name) {
				return false
			}
		}
	}
	_, known := resolve.TypeOf(a.Name)
	return known
}

// opensWriterName reports an entity that is the start of the outlet's or
// a credited agency's name as the body writes it («فرانس24»: the tagger
// read فرانس, France's name in Arabic, and left the digits). writers are
// squeezed (squeeze).
func opensWriterName(body string, e news.Entity, writers []string) bool {
	if e.Start < 0 || e.Start >= len(body) {
		return false
	}
	name := squeeze(e.Text)
	at := ""
	for _, w := range writers {
		if len(w) > len(name) && strings.HasPrefix(w, name) {
			if at == "" {
				at = squeeze(body[e.Start:min(len(body), e.Start+80)])
			}
			if strings.HasPrefix(at, w) {
				return true
			}
		}
	}
	return false
}

// squeeze is a name folded with its spaces taken out («فرانس 24» →
// «فرانس24»), as outlets write their names either way.
func squeeze(s string) string { return strings.ReplaceAll(arabic.Fold(s), " ", "") }

// maxFolded is how many of a report's names, the most salient, foldActors
// works on.
const maxFolded = 300

// foldActors merges the names a reader takes for one actor, and drops
// what is no actor:
//   - a people, or a capital, into its country when the country is in the
//     report (روس، الأتراك، واشنطن); a people alone becomes its country;
//   - a place named with its kind (جزيرة لومبوك) into the bare name;
//   - a name that stands for a country only in context (المملكة) into the
//     one country of the report it can stand for, and only then;
//   - part of a person's or a body's name (a given name, a surname, a
//     kunya: أبو مهدي; a cut organisation name: البنك المركزي) into the one
//     longer name of the same kind in the report that opens or ends with
//     it, or the one of them named three times as often as any other —
//     never when two could be meant (كوريا), never for places (السودان is
//     no part of جنوب السودان);
//   - what remains typed MISC (an agreement, a nationality with no
//     country, an adjective phrase): a topic, not an actor; an outlet or
//     agency the text quotes, and a name the text only matched by its
//     stem, are no actors either.
func foldActors(all []*actorAcc) []*actorAcc {
	// Only the most salient names can reach the list: the rest are kept
	// as they are, which bounds the work (name lookups) on a big report.
	accs := all
	var rest []*actorAcc
	if len(all) > maxFolded {
		accs = append([]*actorAcc(nil), all...)
		sort.SliceStable(accs, func(i, j int) bool { return accs[i].Salience > accs[j].Salience })
		accs, rest = accs[:maxFolded], accs[maxFolded:]
		sort.SliceStable(accs, func(i, j int) bool { return accs[i].order < accs[j].order })
	}
	byName := map[string]*actorAcc{}
	for _, a := range accs {
		byName[a.Name] = a
	}
	types := map[*actorAcc]string{} // the type each actor has most often, kept up to date on merges
	for _, a := range accs {
		types[a] = topCount(a.types)
	}
	gone := map[*actorAcc]bool{}
	for _, a := range accs {
		if onlyByStem(a) || resolve.IsMedia(a.Name) || resolve.IsPlatform(a.Name) {
			// «ونقلت» matched the town ينقل by its stem; an outlet or agency
			// the text quotes (نقلت وكالة فرانس برس) carried the news, a
			// platform (كتب على تويتر) carried a statement
			gone[a] = true
		}
	}
	into := func(src, dst *actorAcc) {
		mergeActor(dst, src)
		gone[src] = true
		types[dst] = topCount(dst.types)
	}
	rename := func(a *actorAcc, name string) {
		a.aliases[a.Name] += a.Mentions
		delete(byName, a.Name)
		a.Name = name
		byName[name] = a
	}
	// the name without what the tagger glued to it: a word of relation
	// after an organisation (أوتوستراد التابعة), a country's adjective
	// after a place (جنوة الإيطالية); into the bare name when the report
	// has it
	for _, a := range accs {
		if gone[a] {
			continue
		}
		bare := ""
		if r, ok := resolve.WithoutGlue(a.Name); ok && types[a] != news.EntityPlace {
			bare = r
		} else if r, _, ok := resolve.WithoutCountryAdjective(a.Name); ok && types[a] == news.EntityPlace {
			bare = r
		}
		if bare = arabic.Normalize(bare); bare == "" {
			continue
		}
		if dst := byName[bare]; dst != nil && dst != a && !gone[dst] {
			into(a, dst)
		} else if dst == nil {
			rename(a, bare)
		}
	}
	for _, a := range accs {
		c, ok := resolve.CountryOf(a.Name)
		if !ok || c == a.Name {
			continue
		}
		switch dst := byName[c]; {
		case dst != nil && dst != a:
			into(a, dst)
		case types[a] == news.EntityMisc:
			// a people alone stands for its country
			a.aliases[a.Name] += a.Mentions
			a.types = map[string]int{news.EntityPlace: a.Mentions}
			types[a] = news.EntityPlace
			delete(byName, a.Name)
			a.Name = c
			byName[c] = a
		}
	}
	for _, a := range accs {
		if gone[a] {
			continue
		}
		if rest, ok := resolve.WithoutPlaceHead(a.Name); ok {
			rest = arabic.Normalize(rest)
			if dst := byName[rest]; dst != nil && dst != a && !gone[dst] {
				into(a, dst)
				// «جزيرة لومبوك» says what لومبوك is, whatever the
				// tagger read elsewhere
				dst.types = map[string]int{news.EntityPlace: dst.Mentions}
				types[dst] = news.EntityPlace
			} else if c, known := resolve.CanonicalOf(rest); known && dst == nil {
				rename(a, c) // جزيرة بالي → بالي, a place the gazetteer knows by its bare name
			}
			continue
		}
		// A name cut or glued by the analysis of clitics: the first letter
		// of a foreign name taken for the preposition ب (بيونغ يانغ →
		// يونغ يانغ, بايدن → ايدن); «للقوات» read as «لقوات», not «ل +
		// القوات»; a preposition kept in front (على سيرغي سكريبال). The
		// repaired name is taken when the report or the gazetteer has it.
		if _, known := resolve.CanonicalOf(a.Name); known {
			continue
		}
		for _, fixed := range repairs(a.Name) {
			dst := byName[fixed]
			c, known := resolve.CanonicalOf(fixed)
			if dst == nil && known {
				dst = byName[c]
			}
			if dst != nil && dst != a && !gone[dst] {
				into(a, dst)
				break
			}
			if dst == nil && known {
				rename(a, c)
				break
			}
		}
	}
	// spellings of one foreign name (برانسون / برونسون)
	for i, a := range accs {
		if gone[a] || types[a] != news.EntityPerson {
			continue
		}
		for _, b := range accs[i+1:] {
			if gone[b] || types[b] != news.EntityPerson || !sameSpelling(a.Name, b.Name) {
				continue
			}
			if b.Mentions > a.Mentions {
				into(a, b)
				break
			}
			into(b, a)
		}
	}
	// a name that stands for a country only in context (المملكة، الدولة
	// العبرية، البلاد): folded where one of its countries, and one only,
	// is in the report
	for _, a := range accs {
		if gone[a] {
			continue
		}
		cs, any, ok := resolve.ContextualCountries(a.Name)
		if !ok {
			continue
		}
		var match *actorAcc
		n := 0
		for _, b := range accs {
			if b == a || gone[b] || !resolve.IsCountry(b.Name) || !any && !slices.Contains(cs, b.Name) {
				continue
			}
			match = b
			n++
		}
		if n == 1 {
			into(a, match)
		}
	}
	// parts of names, shortest first
	order := append([]*actorAcc(nil), accs...)
	sort.SliceStable(order, func(i, j int) bool { return len(strings.Fields(order[i].Name)) < len(strings.Fields(order[j].Name)) })
	for _, a := range order {
		typ := types[a]
		if gone[a] || typ == news.EntityPlace {
			continue
		}
		words := strings.Fields(a.Name)
		var match *actorAcc
		n, second := 0, 0
		for _, b := range accs {
			if b == a || gone[b] || types[b] == news.EntityPlace {
				continue
			}
			bw := strings.Fields(b.Name)
			if len(bw) <= len(words) || typ != news.EntityMisc && types[b] != typ {
				continue
			}
			if slices.Equal(bw[:len(words)], words) || slices.Equal(bw[len(bw)-len(words):], words) {
				n++
				switch {
				case match == nil || b.Mentions > match.Mentions:
					if match != nil {
						second = match.Mentions
					}
					match = b
				case b.Mentions > second:
					second = b.Mentions
				}
			}
		}
		// one full name holds it, or one is named far more than the others
		// (كيم: كيم جونغ أون, not his sister كيم يو جونغ named twice)
		if n == 1 || n > 1 && match.Mentions >= 3*second {
			into(a, match)
		}
	}
	for _, a := range accs {
		// the type the gazetteer gives a name it knows (البيت الأبيض: ORG)
		if t, ok := resolve.TypeOf(a.Name); ok && !gone[a] && types[a] != t {
			a.types = map[string]int{t: a.Mentions}
			types[a] = t
		}
	}
	var out []*actorAcc
	for _, a := range append(accs, rest...) {
		// a contextual name left unresolved says nothing alone, nor does a
		// body named by its kind (القوات المسلحة) that no longer name in
		// the report took in
		if _, _, contextual := resolve.ContextualCountries(a.Name); !gone[a] && !contextual && types[a] != news.EntityMisc && !resolve.GenericBody(a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// repairs are the names a cut or glued name may stand for: ب restored in
// front, ل read as «لل» (لقوات المسلحة → القوات المسلحة), a leading
// preposition dropped (على سيرغي سكريبال → سيرغي سكريبال).
func repairs(name string) []string {
	out := []string{"ب" + name}
	if rest, ok := strings.CutPrefix(name, "ل"); ok && !strings.HasPrefix(rest, "ا") {
		out = append(out, "ال"+rest)
	}
	if first, rest, ok := strings.Cut(name, " "); ok && leadingPrepositions[arabic.Fold(first)] {
		out = append(out, rest)
	}
	return out
}

// leadingPrepositions (folded) are words no name opens with.
var leadingPrepositions = map[string]bool{"علي": true, "في": true, "من": true, "الي": true, "عن": true, "مع": true, "لدي": true, "ضد": true}

// sameSpelling reports two names that are one foreign name spelt two ways:
// as many words, and each pair of words the same once long vowels are
// dropped (برانسون / برونسون), or one letter apart when long (نوغروهو /
// نورغروهو).
func sameSpelling(a, b string) bool {
	wa, wb := strings.Fields(arabic.Fold(a)), strings.Fields(arabic.Fold(b))
	if len(wa) < 2 || len(wa) != len(wb) || a == b {
		return false
	}
	differ := 0
	for i := range wa {
		if wa[i] == wb[i] {
			continue
		}
		differ++
		sa, sb := skeleton(wa[i]), skeleton(wb[i])
		if sa != sb && (max(len([]rune(sa)), len([]rune(sb))) < 4 || !editDistance1(sa, sb)) {
			return false
		}
	}
	return differ > 0 && differ < len(wa) // one word at least the same, so no two people
}

// skeleton is a folded word without its long vowels and ة.
func skeleton(w string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ا', 'و', 'ي', 'ى', 'ة', 'ه':
			return -1
		}
		return r
	}, w)
}

// editDistance1 reports whether a and b are one insertion, deletion or
// substitution apart.
func editDistance1(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// mergeActor adds src's mentions, names, roles, articles, citations and
// claims to dst.
func mergeActor(dst, src *actorAcc) {
	dst.Mentions += src.Mentions
	dst.Salience += src.Salience
	for t, n := range src.types {
		dst.types[t] += n
	}
	if src.Name != dst.Name {
		dst.aliases[src.Name] += src.Mentions
	}
	for al, n := range src.aliases {
		if al != dst.Name {
			dst.aliases[al] += n
		}
	}
	for r := range src.roles {
		dst.roles[r] = true
	}
	for id := range src.articles {
		dst.articles[id] = true
	}
	for k := range src.sources {
		dst.sources[k] = true
	}
	for _, c := range src.Citations {
		if len(dst.Citations) < maxActorCitations && !hasCitation(dst.Citations, c) {
			dst.Citations = append(dst.Citations, c)
		}
	}
	for _, c := range src.Claims {
		if len(dst.Claims) < maxClaimsPerSpeak {
			dst.Claims = append(dst.Claims, c)
		}
	}
}

func entityName(e news.Entity) string {
	if e.Canonical != "" {
		return arabic.Normalize(e.Canonical)
	}
	return arabic.Normalize(e.Text)
}

// mentionedIn reports whether every content word of text has its key among
// keys (the title's).
func mentionedIn(keys map[string]bool, text string) bool {
	any := false
	all := true
	arabic.EachTerm(text, func(_, _ int, key string, stop bool) {
		if stop {
			return
		}
		any = true
		if !keys[key] {
			all = false
		}
	})
	return any && all
}

func makeClaim(d *doc, c news.Claim) Claim {
	start, end := c.SentenceStart, c.SentenceEnd
	if end <= start {
		start, end = c.Start, c.End
	}
	speaker := claimSource(c)
	return Claim{
		Speaker:   speaker,
		Text:      quote(spanText(d.body, c.Start, c.End, c.Text)),
		Cue:       c.Cue,
		Anonymous: c.Anonymous,
		Direct:    c.Direct,
		Citations: []Citation{d.citeSpan(start, end)},
	}
}

// figures lists the quantities with what they count, who gave them (when
// the sentence is an attributed claim) and when; the same figure in similar
// sentences of several articles is one item, counted per source.
func figures(docs []*doc) []Figure {
	type acc struct {
		f       *Figure
		keys    []string
		sources map[string]float64 // outlet → weight of its most central article carrying the figure
		order   int
	}
	var accs []*acc
	byVal := map[string][]*acc{}
	for _, d := range docs {
		for _, q := range d.a.Quantities {
			if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
				continue // not a figure JSON can carry
			}
			si := d.sentenceAt(q.Start)
			if si < 0 {
				continue
			}
			s := d.sents[si]
			key := strings.Join([]string{formatValue(q.Value), q.Unit}, "|")
			var a *acc
			for _, x := range byVal[key] {
				if jaccardSorted(x.keys, s.set) >= 0.5 {
					a = x
					break
				}
			}
			if a == nil {
				a = &acc{f: &Figure{
					Text: quote(spanText(d.body, q.Start, q.End, q.Text)), Value: q.Value, Unit: q.Unit,
					Counted: arabic.Normalize(q.Counted), Approximate: q.Approximate, Speaker: speakerAt(d, q.Start),
					Published: d.published, Sentence: s.text,
				}, keys: s.set, sources: map[string]float64{}, order: len(accs)}
				byVal[key] = append(byVal[key], a)
				accs = append(accs, a)
			}
			c := d.cite(si)
			if !hasCitation(a.f.Citations, c) {
				a.f.Citations = append(a.f.Citations, c)
				src := d.src
				a.sources[src] = max(a.sources[src], d.weight)
			}
		}
	}
	for _, a := range accs {
		a.f.Weight = 0
		for _, w := range a.sources {
			a.f.Weight += w
		}
		a.f.Weight = math.Round(a.f.Weight*100) / 100
	}
	if len(accs) > maxFigures {
		// the most central, then the most carried
		sort.SliceStable(accs, func(i, j int) bool {
			if accs[i].f.Weight != accs[j].f.Weight {
				return accs[i].f.Weight > accs[j].f.Weight
			}
			return len(accs[i].sources) > len(accs[j].sources)
		})
		accs = accs[:maxFigures]
		// back to publication order, in which they were built
		sort.SliceStable(accs, func(i, j int) bool { return accs[i].order < accs[j].order })
	}
	out := make([]Figure, len(accs))
	for i, a := range accs {
		a.f.Sources = len(a.sources)
		out[i] = *a.f
	}
	return out
}

// speakerAt returns who a claim covering off attributes it to, or "".
func speakerAt(d *doc, off int) string {
	for _, c := range d.a.Claims {
		start, end := c.SentenceStart, c.SentenceEnd
		if end <= start {
			start, end = c.Start, c.End
		}
		if off >= start && off < end {
			return claimSource(c)
		}
	}
	return ""
}

// claimSource names where a claim comes from: its speaker's canonical
// name, else the speaker as written, else the document it was read in
// (بحسب مسودة اطلع عليها …: a claim with a medium and no speaker).
func claimSource(c news.Claim) string {
	switch {
	case c.Canonical != "":
		return arabic.Normalize(c.Canonical)
	case c.Speaker != "":
		return arabic.Normalize(c.Speaker)
	}
	return arabic.Normalize(c.Medium)
}

// claims groups attributed statements by speaker: the canonical entity
// when the speaker is one, else the descriptor as written; anonymous
// sources are marked.
func claims(docs []*doc) []SpeakerClaims {
	type acc struct {
		sc      *SpeakerClaims
		seen    map[uint64]int       // claim text key → index in sc.Claims
		sources []map[string]float64 // per claim: outlet → weight of its most central article carrying it
	}
	var accs []*acc
	by := map[string]*acc{}
	for _, d := range docs {
		for _, c := range d.a.Claims {
			cl := makeClaim(d, c)
			if cl.Speaker == "" {
				cl.Speaker = "—"
			}
			name := cl.Speaker
			if c.Anonymous {
				name = "?" + name
			}
			a := by[name]
			if a == nil {
				a = &acc{sc: &SpeakerClaims{Speaker: cl.Speaker, Anonymous: c.Anonymous}, seen: map[uint64]int{}}
				by[name] = a
				accs = append(accs, a)
			}
			k := sentenceKey(cl.Text)
			i, ok := a.seen[k]
			if ok && k != 0 {
				// the same statement carried by another outlet
				a.sc.Claims[i].Citations = append(a.sc.Claims[i].Citations, cl.Citations...)
			} else {
				i = len(a.sc.Claims)
				a.seen[k] = i
				a.sc.Claims = append(a.sc.Claims, cl)
				a.sources = append(a.sources, map[string]float64{})
			}
			src := d.src
			a.sources[i][src] = max(a.sources[i][src], d.weight)
			a.sc.Citations = append(a.sc.Citations, cl.Citations...)
		}
	}
	for _, a := range accs {
		a.sc.Weight = 0
		for i := range a.sc.Claims {
			w := 0.0
			for _, x := range a.sources[i] {
				w += x
			}
			a.sc.Claims[i].Weight = math.Round(w*100) / 100
			a.sc.Weight += w
		}
		a.sc.Weight = math.Round(a.sc.Weight*100) / 100
		// the most central statements first (the first said first among equals)
		sort.SliceStable(a.sc.Claims, func(i, j int) bool { return a.sc.Claims[i].Weight > a.sc.Claims[j].Weight })
	}
	sort.SliceStable(accs, func(i, j int) bool {
		if accs[i].sc.Weight != accs[j].sc.Weight {
			return accs[i].sc.Weight > accs[j].sc.Weight
		}
		if len(accs[i].sc.Claims) != len(accs[j].sc.Claims) {
			return len(accs[i].sc.Claims) > len(accs[j].sc.Claims)
		}
		return accs[i].sc.Speaker < accs[j].sc.Speaker
	})
	if len(accs) > maxSpeakers {
		accs = accs[:maxSpeakers]
	}
	out := make([]SpeakerClaims, len(accs))
	for i, a := range accs {
		if len(a.sc.Claims) > maxClaimsPerSpeak {
			a.sc.Claims = a.sc.Claims[:maxClaimsPerSpeak]
		}
		out[i] = *a.sc
	}
	return out
}

func topCount(m map[string]int) string {
	best, n := "", -1
	for k, c := range m {
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	return best
}

func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
