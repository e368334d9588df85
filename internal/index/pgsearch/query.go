package pgsearch

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/index"
)

// entry is one scored key of a query: the key (or prefix) as a lexeme, the
// clause it belongs to, its weight (1, or index.SynonymBoost for a
// synonym).
type entry struct {
	lex    string
	clause int
	w      float64
	prefix bool
}

// dfQuery is the tsquery whose matches are the key's document frequency.
func (e entry) dfQuery() string {
	if e.prefix {
		return quoteLexeme(e.lex) + ":*"
	}
	return quoteLexeme(e.lex)
}

// plan is a query in SQL terms: the tsquery a match must satisfy, the
// scored keys, and per clause the number of its alternatives (keys times
// fields) for the coordination factor.
type plan struct {
	match   string
	entries []entry
	totals  []float64
	// clauses and minShould: a relaxed query matches any clause (match is
	// their disjunction) and must match at least minShould of them.
	clauses   []string
	minShould int
	// keys are the keys searched for (snippets mark the words with them);
	// prefixes the prefixes.
	keys     map[string]bool
	prefixes []string
}

// fields is the number of text fields a key is scored in (title, body,
// captions), as the alternatives of package index's term query were
// before its schema 5; the bleve index now matches a key in one text field
// and adds the title's score apart, so the two backends' scores differ
// in their coordination factor (both rank the golden suite 45/45).
const fields = 3

// mark says whether an analysed key is one the plan searches for: snippets
// mark the words with it.
func (pl *plan) mark(k string) bool {
	if pl.keys[k] {
		return true
	}
	for _, p := range pl.prefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// buildPlan turns a parsed query into a plan, as index.Build turns it into
// a bleve query: every clause must match (or, relaxed, 60% of them), no
// exclusion may; a word is its key, its other reading and its
// derivational keys, with synonyms its synonyms' keys at a lower weight; a
// phrase its keys at their positions; a prefix the keys starting with it.
func buildPlan(p index.Parsed, synonyms, relaxed bool) (*plan, error) {
	pl := &plan{keys: map[string]bool{}}
	var musts []string
	for _, cl := range p.Must {
		var alts []string
		clause := len(pl.totals)
		n0 := len(pl.entries)
		for _, t := range cl {
			q, err := pl.term(t, clause, synonyms)
			if err != nil {
				return nil, err
			}
			if q != "" {
				alts = append(alts, q)
			}
		}
		if len(alts) == 0 {
			continue
		}
		pl.totals = append(pl.totals, float64(fields*(len(pl.entries)-n0)))
		musts = append(musts, "("+strings.Join(alts, " | ")+")")
	}
	var nots []string
	for _, t := range p.MustNot {
		keep := len(pl.entries)
		q, err := pl.term(t, -1, false)
		if err != nil {
			return nil, err
		}
		pl.entries = pl.entries[:keep] // an exclusion is not scored
		if q != "" {
			nots = append(nots, "!("+q+")")
		}
	}
	if len(musts) == 0 {
		if len(p.Must) > 0 {
			return nil, &index.StopwordsError{Words: p.Stopwords()}
		}
		if len(nots) == 0 {
			return nil, index.ErrEmptyQuery
		}
	}
	if relaxed {
		pl.clauses = musts
		pl.minShould = int(math.Ceil(0.6 * float64(len(musts))))
		musts = []string{"(" + strings.Join(musts, " | ") + ")"}
	}
	pl.match = strings.Join(append(musts, nots...), " & ")
	return pl, nil
}

// term adds a word, phrase or prefix of clause to the plan and returns
// its tsquery, "" when it has no searchable token.
func (pl *plan) term(t index.Term, clause int, synonyms bool) (string, error) {
	if t.Prefix {
		return pl.prefix(t, clause)
	}
	groups := keyGroups(t.Text)
	if len(groups) == 0 {
		return "", nil
	}
	if t.Phrase || len(groups) > 1 {
		var b strings.Builder
		for i, g := range groups {
			if i > 0 {
				d := g.pos - groups[i-1].pos
				if d == 1 {
					b.WriteString(" <-> ")
				} else {
					fmt.Fprintf(&b, " <%d> ", d)
				}
			}
			b.WriteString(orLexemes(g.keys))
			for _, k := range g.keys {
				pl.add(entry{lex: k, clause: clause, w: 1})
			}
		}
		return "(" + b.String() + ")", nil
	}
	keys := groups[0].keys
	for _, k := range keys {
		pl.add(entry{lex: k, clause: clause, w: 1})
	}
	alts := slices.Clone(keys)
	if synonyms {
		for _, syn := range arabic.Synonyms(keys[0]) {
			if !slices.Contains(alts, syn) {
				alts = append(alts, syn)
				pl.add(entry{lex: syn, clause: clause, w: index.SynonymBoost})
			}
		}
	}
	return orLexemes(alts), nil
}

func (pl *plan) add(e entry) {
	pl.entries = append(pl.entries, e)
	if e.clause >= 0 {
		if e.prefix {
			pl.prefixes = append(pl.prefixes, e.lex)
		} else {
			pl.keys[e.lex] = true
		}
	}
}

// prefix is index's prefix query: the word's key and its other reading,
// each at least index.MinPrefix letters, as prefixes.
func (pl *plan) prefix(t index.Term, clause int) (string, error) {
	var prefixes []string
	n := 0
	arabic.EachTermAlt(t.Text, func(_, _ int, key, alt string, _ bool) {
		n++
		for _, k := range []string{key, alt} {
			if utf8.RuneCountInString(k) >= index.MinPrefix && !slices.Contains(prefixes, k) {
				prefixes = append(prefixes, k)
			}
		}
	})
	switch {
	case n > 1:
		return "", fmt.Errorf("%w: %q: a prefix is one word followed by * (for several words use a \"phrase\")", index.ErrBadQuery, t.Text+"*")
	case len(prefixes) == 0:
		return "", fmt.Errorf("%w: %q: a prefix needs at least %d letters before the *", index.ErrBadQuery, t.Text+"*", index.MinPrefix)
	}
	var alts []string
	for _, p := range prefixes {
		pl.add(entry{lex: p, clause: clause, w: 1, prefix: true})
		alts = append(alts, quoteLexeme(p)+":*")
	}
	return "(" + strings.Join(alts, " | ") + ")", nil
}

// group is the keys taqrir_ar stacks at one word position.
type group struct {
	pos  int
	keys []string
}

// keyGroups analyses text as the index does and returns its keys by
// position (stopwords leave a gap in the positions, as in the index).
func keyGroups(text string) []group {
	var gs []group
	for _, t := range analyzer.New().Tokenize([]byte(text)) {
		k := string(t.Term)
		if n := len(gs); n > 0 && gs[n-1].pos == t.Position {
			if !slices.Contains(gs[n-1].keys, k) {
				gs[n-1].keys = append(gs[n-1].keys, k)
			}
			continue
		}
		gs = append(gs, group{pos: t.Position, keys: []string{k}})
	}
	return gs
}

func orLexemes(ks []string) string {
	if len(ks) == 1 {
		return quoteLexeme(ks[0])
	}
	qs := make([]string, len(ks))
	for i, k := range ks {
		qs[i] = quoteLexeme(k)
	}
	return "(" + strings.Join(qs, " | ") + ")"
}

// namesQuery is the tsquery of the entity filter: any of the names, each
// a phrase of its keys (empty names are skipped; "" when none is left).
func namesQuery(names []string) string {
	var alts []string
	for _, n := range names {
		gs := keyGroups(n)
		if len(gs) == 0 {
			continue
		}
		var b strings.Builder
		for i, g := range gs {
			if i > 0 {
				if d := g.pos - gs[i-1].pos; d == 1 {
					b.WriteString(" <-> ")
				} else {
					b.WriteString(" <" + strconv.Itoa(d) + "> ")
				}
			}
			b.WriteString(orLexemes(g.keys))
		}
		alts = append(alts, "("+b.String()+")")
	}
	return strings.Join(alts, " | ")
}

// anyPlan is the plan of a retrieval question (package eval's XQuAD-R
// task): one clause, a disjunction of the keys of every word with their
// synonyms at synBoost (none when 0); coordination counts the keys
// matched, as bleve's disjunction does.
func anyPlan(text string, synBoost float64) *plan {
	pl := &plan{keys: map[string]bool{}}
	var alts []string
	seen := map[string]bool{}
	for _, t := range analyzer.New().Tokenize([]byte(text)) {
		k := string(t.Term)
		pl.add(entry{lex: k, w: 1})
		alts = append(alts, quoteLexeme(k))
		if synBoost <= 0 || seen[k] {
			continue
		}
		seen[k] = true
		for _, syn := range arabic.Synonyms(k) {
			if syn != k {
				pl.add(entry{lex: syn, w: synBoost})
				alts = append(alts, quoteLexeme(syn))
			}
		}
	}
	pl.totals = []float64{float64(len(pl.entries))}
	pl.match = strings.Join(alts, " | ")
	return pl
}
