package resolve

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// Mention is an entity mention found in the text by the tagger or the
// gazetteer: byte offsets into the text, a type (news.EntityPerson…) and
// the text as written.
type Mention struct {
	Start, End int
	Type       string
	Text       string
}

const (
	maxTitle = 10 // tokens of a title chain before a name
	maxName  = 4  // tokens of a name found after a title
)

// word is a token of the text with its match forms.
type word struct {
	start, end int
	f          string // arabic.Fold
	key        string // gazetteer.WordKey; "" for punctuation
	punct      bool
}

type resolver struct {
	text string
	toks []word
	keys []string // key of every token, for gazetteer.Match
	// starts, when not nil, holds each key's gazetteer.Starts.
	starts [][]gazetteer.Start
}

// match is gazetteer.Match(r.keys[:end], k), through the starts when
// the resolver has them.
func (r *resolver) match(end, k int) (int, []gazetteer.Entry) {
	if r.starts != nil && k >= 0 && k < end {
		return gazetteer.MatchStarts(r.keys[:end], k, r.starts[k])
	}
	return gazetteer.Match(r.keys[:end], k)
}

func newResolver(d *arabic.Doc, keys []string) *resolver {
	loadLexicon()
	raw := d.Tokens
	r := &resolver{text: d.Text, toks: make([]word, len(raw)), keys: keys}
	if keys == nil {
		r.keys = make([]string, len(raw))
	}
	for i, t := range raw {
		w := word{start: t.Start, end: t.End, f: t.Text, punct: t.Kind == arabic.KindPunct}
		if !w.punct {
			w.f = d.Folds[i]
			if keys == nil {
				r.keys[i] = gazetteer.WordKey(t.Text)
			}
			w.key = r.keys[i]
		}
		r.toks[i] = w
	}
	return r
}

// tokenRange returns the tokens [a,b) inside byte span [s,e).
func (r *resolver) tokenRange(s, e int) (int, int) {
	a := sort.Search(len(r.toks), func(i int) bool { return r.toks[i].end > s })
	b := sort.Search(len(r.toks), func(i int) bool { return r.toks[i].start >= e })
	return a, b
}

// title is what a chain of words before a name says about the person.
type title struct {
	role, of, in string
}

// roleAt returns the length in tokens of a gazetteer role starting at
// token k and the role's canonical, or 0.
func (r *resolver) roleAt(k, end int) (int, string) {
	if k >= end || r.toks[k].punct {
		return 0, ""
	}
	n, entries := r.match(end, k)
	for _, e := range entries {
		if e.Kind == gazetteer.Role {
			return n, e.Canonical
		}
	}
	if experts[r.toks[k].f] {
		return 1, arabic.Normalize(r.text[r.toks[k].start:r.toks[k].end])
	}
	return 0, ""
}

// placeAt returns the length and canonical of a country, region or city
// name starting at token k, or 0.
func (r *resolver) placeAt(k, end int) (int, string) {
	if k >= end || r.toks[k].punct {
		return 0, ""
	}
	n, entries := r.match(end, k)
	for _, e := range entries {
		switch e.Kind {
		case gazetteer.Country, gazetteer.Region, gazetteer.City:
			return n, e.Canonical
		}
	}
	return 0, ""
}

// nisbaAt reports whether token k is a country's nisba adjective with the
// article (الأميركي، العراقية), and which country.
func (r *resolver) nisbaAt(k int) (string, bool) {
	t := r.toks[k]
	if t.punct || !strings.HasPrefix(t.f, "ال") {
		return "", false
	}
	return nisbaCountry(r.text[t.start:t.end])
}

// chain parses tokens [k,end) as a title: a role, then complements (with
// loose set: any words, else none), a nisba (Of), في/إلى/لدى and a place
// (In: السفير لدى العراق، المبعوث إلى اليمن) and honorifics, in that order. It fails unless it consumes exactly [k,end).
func (r *resolver) chain(k, end int, loose bool) (title, bool) {
	var t title
	n, role := r.roleAt(k, end)
	if n == 0 && deputies[r.toks[k].f] {
		// نائب وزير الخارجية، مساعد وزير الدفاع: a deputy of a role.
		if m, base := r.roleAt(k+1, end); m > 0 {
			n, role = m+1, r.text[r.toks[k].start:r.toks[k].end]+" "+strings.TrimPrefix(base, "ال")
		}
	}
	if n == 0 {
		return t, false
	}
	// A role written with its nisba (وزير الخارجية الأميركي).
	if words := strings.Fields(role); len(words) > 1 {
		if c, ok := nisbaCountry(words[len(words)-1]); ok && strings.HasPrefix(arabic.Fold(words[len(words)-1]), "ال") {
			role = strings.Join(words[:len(words)-1], " ")
			t.of = c
		}
	}
	roleEnd := k + n
	j := k + n
	stage := 0 // 0 complements, 1 after nisba, 2 after place, 3 honorifics
	for j < end {
		w := r.toks[j]
		if w.punct {
			return t, false
		}
		if stage <= 1 && (w.f == "في" || w.f == "الي" || w.f == "لدي") {
			if pn, place := r.placeAt(j+1, end); pn > 0 {
				t.in = place
				j += 1 + pn
				stage = 2
				continue
			}
		}
		if c, ok := r.nisbaAt(j); ok && stage == 0 && t.of == "" {
			t.of = c
			j++
			stage = 1
			continue
		}
		if honorifics[w.f] {
			j++
			stage = 3
			continue
		}
		if stage == 0 && loose {
			j++
			roleEnd = j
			continue
		}
		return t, false
	}
	t.role = roleText(role, r.text[r.toks[k+n-1].end:r.toks[roleEnd-1].end])
	return t, true
}

// roleText is the role without its article: السفير → سفير, المتحدث باسم
// الوزارة → متحدث باسم الوزارة, الأمين العام → أمين عام.
func roleText(canonical, complement string) string {
	words := strings.Fields(canonical)
	if len(words) == 0 {
		return ""
	}
	strip := func(w string) string {
		if rest, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
		return w
	}
	adjective := len(words) == 2 && strings.HasPrefix(words[0], "ال") && strings.HasPrefix(words[1], "ال")
	words[0] = strip(words[0])
	if adjective {
		words[1] = strip(words[1])
	}
	out := strings.Join(words, " ")
	if c := strings.TrimSpace(complement); c != "" {
		out += " " + c
	}
	return out
}

// titleBefore finds the longest title chain that ends right before token
// nameStart, within the same clause.
func (r *resolver) titleBefore(nameStart int) (title, bool) {
	if nameStart <= 0 || nameStart > len(r.toks) || r.toks[nameStart-1].punct {
		return title{}, false
	}
	floor := max(0, nameStart-maxTitle)
	lo := nameStart - 1
	for lo > floor && !r.toks[lo-1].punct {
		lo--
	}
	for k := lo; k < nameStart; k++ {
		if t, ok := r.chain(k, nameStart, true); ok {
			return t, true
		}
	}
	return title{}, false
}
