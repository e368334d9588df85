package stance

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// maxWords bounds the words of a statement that are read: a pair is two
// sentences or headlines, and a longer text would only cost time.
const maxWords = 80

// side is one statement as the features see it.
type side struct {
	keys  []string            // content words' keys, in order, each once
	forms map[string]struct{} // every form a content word may be matched by
	neg   []string            // negation cues, by key
	nums  []string            // numbers (digits, number words as digits)
	poles []uint16            // opposition*2+pole of each lexicon word
	aims  []aim               // each pole with the content words next to it
	ents  []string            // canonical names of gazetteer entities
	grams map[string]struct{} // letter trigrams of content words
	words int
	quest bool
}

// aim is a pole of an opposition and a word near it: what rose or fell,
// who agreed or refused.
type aim struct {
	code uint16
	key  string
}

// aimWindow is how many content words after (or, when there are none,
// before) a pole word it is taken to be about.
const aimWindow = 2

// aimsOf returns the content words the pole word i is about: up to
// aimWindow words after it (ارتفاع أسعار النفط), or when another pole word
// or the end comes first, up to aimWindow words before it (النفط يرتفع),
// never reaching past another pole word.
func aimsOf(poles [][]uint16, i int) []int {
	var out []int
	for j := i + 1; j < len(poles) && j <= i+aimWindow && len(poles[j]) == 0; j++ {
		out = append(out, j)
	}
	if len(out) > 0 {
		return out
	}
	for j := i - 1; j >= 0 && j >= i-aimWindow && len(poles[j]) == 0; j-- {
		out = append(out, j)
	}
	return out
}

// lexicons are the word lists keyed the way text is: built once.
type lexicons struct {
	neg   map[string]struct{}
	poles map[string][]uint16
}

var (
	lexOnce sync.Once
	lex     lexicons
)

func getLex() *lexicons {
	lexOnce.Do(func() {
		lex.neg = map[string]struct{}{}
		for _, w := range negationCues {
			for _, f := range formsOf(arabic.Key(w)) {
				lex.neg[f] = struct{}{}
			}
			lex.neg[arabic.Fold(w)] = struct{}{}
		}
		lex.poles = map[string][]uint16{}
		for o, pair := range oppositions {
			for p, words := range pair {
				code := uint16(o*2 + p)
				for _, w := range words {
					for _, tok := range arabic.Analyze(w) {
						if tok.Key == "" {
							continue
						}
						for _, f := range formsOf(tok.Key) {
							if !slices.Contains(lex.poles[f], code) {
								lex.poles[f] = append(lex.poles[f], code)
							}
						}
					}
				}
			}
		}
	})
	return &lex
}

// formsOf returns the forms a word with key k is matched by: the key, its
// derived key (masdar, singular, digits); for a word that may be an
// imperfect verb, the key without its prefix letter (يتراجع → تراجع) and
// with it turned into alef (ينخفض → انخفض); and for a word that may carry
// a clitic the stemmer kept (لأفضل، بقطاع), the word without it. The
// extra forms may be wrong readings: they only widen matching between two
// statements, never a key that is stored.
func formsOf(k string) []string {
	out := []string{k}
	if d := arabic.DerivKey(k); d != "" && d != k {
		out = append(out, d)
	}
	if utf8.RuneCountInString(k) >= 4 {
		r, n := utf8.DecodeRuneInString(k)
		switch r {
		case 'ي', 'ت', 'ن':
			out = append(out, k[n:], "ا"+k[n:])
		case 'ل', 'ب', 'و', 'ف', 'ك':
			// A clitic the stemmer kept (لافضل، بقطاع): the word without it.
			rest := k[n:]
			if r == 'ل' && strings.HasPrefix(rest, "ا") {
				out = append(out, rest)
			} else {
				out = append(out, rest, "ال"+rest)
			}
			if rk := arabic.Key(rest); rk != rest {
				out = append(out, rk)
			}
		}
	}
	return out
}

// analyse reads one statement.
func analyse(text string) side {
	lx := getLex()
	s := side{forms: map[string]struct{}{}, grams: map[string]struct{}{}}
	toks := arabic.Analyze(text)
	var wordKeys, content []string
	var contentPoles [][]uint16
	for _, t := range toks {
		if t.Kind == arabic.KindPunct {
			if strings.ContainsRune(t.Text, '؟') || strings.ContainsRune(t.Text, '?') {
				s.quest = true
			}
			continue
		}
		if s.words == maxWords {
			break
		}
		s.words++
		wordKeys = append(wordKeys, gazetteer.WordKey(t.Text))
		if _, ok := lx.neg[t.Key]; ok {
			s.neg = append(s.neg, t.Key)
		} else if _, ok := lx.neg[arabic.Fold(t.Text)]; ok {
			s.neg = append(s.neg, t.Key)
		}
		if t.Key == "هل" {
			s.quest = true
		}
		if t.Kind == arabic.KindNumber {
			s.nums = append(s.nums, t.Key)
			s.forms[t.Key] = struct{}{}
			continue
		}
		if t.Stop || t.Key == "" {
			continue
		}
		if !slices.Contains(s.keys, t.Key) {
			s.keys = append(s.keys, t.Key)
		}
		var codes []uint16
		for _, f := range formsOf(t.Key) {
			s.forms[f] = struct{}{}
			for _, c := range lx.poles[f] {
				if !slices.Contains(codes, c) {
					codes = append(codes, c)
				}
				if !slices.Contains(s.poles, c) {
					s.poles = append(s.poles, c)
				}
			}
		}
		content = append(content, t.Key)
		contentPoles = append(contentPoles, codes)
		if d := arabic.DerivKey(t.Key); d != "" && d[0] >= '0' && d[0] <= '9' {
			s.nums = append(s.nums, d)
		}
		grams(s.grams, t.Key)
		for _, e := range gazetteer.LookupAll(t.Key) {
			if e.Type != "" && !slices.Contains(s.ents, e.Canonical) {
				s.ents = append(s.ents, e.Canonical)
			}
		}
	}
	for i, codes := range contentPoles {
		for _, j := range aimsOf(contentPoles, i) {
			for _, c := range codes {
				if x := (aim{c, content[j]}); !slices.Contains(s.aims, x) {
					s.aims = append(s.aims, x)
				}
			}
		}
	}
	for i := 0; i < len(wordKeys); {
		n, es := gazetteer.Match(wordKeys, i)
		if n == 0 {
			i++
			continue
		}
		for _, e := range es {
			if e.Type != "" && !slices.Contains(s.ents, e.Canonical) {
				s.ents = append(s.ents, e.Canonical)
			}
		}
		i += n
	}
	slices.Sort(s.nums)
	s.nums = slices.Compact(s.nums)
	return s
}

// grams adds the letter trigrams of a word, its edges marked.
func grams(set map[string]struct{}, w string) {
	r := []rune("^" + w + "$")
	for i := 0; i+3 <= len(r); i++ {
		set[string(r[i:i+3])] = struct{}{}
	}
}

// matched reports whether a word of one side with key k is matched by the
// other side: by a form or a news synonym.
func matched(k string, other *side) bool {
	for _, f := range formsOf(k) {
		if _, ok := other.forms[f]; ok {
			return true
		}
	}
	for _, syn := range arabic.Synonyms(k) {
		if _, ok := other.forms[syn]; ok {
			return true
		}
	}
	return false
}

// pairInfo is what the features of a pair are computed from, kept apart
// so the baseline and the tests can read it.
type pairInfo struct {
	ua, ub     []string // content keys of each side the other lacks
	na, nb     int      // content keys of each side
	covA, covB float64  // share of each side's keys the other matches
	dice, tri  float64
}

func compare(a, b *side) pairInfo {
	var p pairInfo
	p.na, p.nb = len(a.keys), len(b.keys)
	for _, k := range a.keys {
		if !matched(k, b) {
			p.ua = append(p.ua, k)
		}
	}
	for _, k := range b.keys {
		if !matched(k, a) {
			p.ub = append(p.ub, k)
		}
	}
	ma, mb := p.na-len(p.ua), p.nb-len(p.ub)
	if p.na > 0 {
		p.covA = float64(ma) / float64(p.na)
	}
	if p.nb > 0 {
		p.covB = float64(mb) / float64(p.nb)
	}
	if p.na+p.nb > 0 {
		p.dice = float64(ma+mb) / float64(p.na+p.nb)
	}
	inter := 0
	for g := range a.grams {
		if _, ok := b.grams[g]; ok {
			inter++
		}
	}
	if u := len(a.grams) + len(b.grams) - inter; u > 0 {
		p.tri = float64(inter) / float64(u)
	}
	return p
}

// feat is one hashed feature and its value.
type feat struct {
	idx uint32
	val float32
}

// featurizer hashes feature names into a table of 1<<bits buckets.
type featurizer struct {
	mask uint64
	out  []feat
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (z *featurizer) add(val float64, parts ...string) {
	h := uint64(fnvOffset)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= fnvPrime
		}
		h ^= 0xff
		h *= fnvPrime
	}
	z.out = append(z.out, feat{uint32(h & z.mask), float32(val)})
}

func (z *featurizer) on(parts ...string) { z.add(1, parts...) }

// bin returns the decile of x in [0,1] as a digit, "X" for exactly 1.
func bin(x float64, n int) string {
	if x >= 1 {
		return "X"
	}
	i := int(x * float64(n))
	if i < 0 {
		i = 0
	}
	return string(rune('0' + i))
}

// count buckets a count: 0 1 2 3 4 5-6 7-9 10+.
func count(n int) string {
	switch {
	case n <= 4:
		return string(rune('0' + n))
	case n <= 6:
		return "5"
	case n <= 9:
		return "7"
	}
	return "A"
}

// level is a coarse overlap level for crossing with other features.
func level(dice float64) string {
	switch {
	case dice < 0.2:
		return "L0"
	case dice < 0.45:
		return "L1"
	case dice < 0.7:
		return "L2"
	}
	return "L3"
}

// maxSwaps bounds the word pairs of a pair taken as swap features.
const maxSwaps = 8

// features appends the hashed features of a pair to z. mined holds the
// word pairs counted as swapping in contradicting training pairs (nil
// while those are being counted). The features are symmetric: swapping a
// and b gives the same set.
func features(z *featurizer, a, b *side, mined map[[2]string]struct{}) pairInfo {
	p := compare(a, b)
	lv := level(p.dice)
	z.on("bias")
	cmin, cmax := min(p.covA, p.covB), max(p.covA, p.covB)
	z.on("dice", bin(p.dice, 10))
	z.on("cmin", bin(cmin, 10))
	z.on("cmax", bin(cmax, 10))
	z.on("tri", bin(p.tri, 10))
	z.add(p.dice, "DICE")
	z.add(cmin, "CMIN")
	z.add(cmax, "CMAX")
	z.add(p.tri, "TRI")
	ua, ub := len(p.ua), len(p.ub)
	z.on("umin", count(min(ua, ub)))
	z.on("umax", count(max(ua, ub)))
	z.on("uu", count(min(ua, ub, 4)), count(min(max(ua, ub), 4)))
	if a.words > 0 && b.words > 0 {
		r := float64(min(a.words, b.words)) / float64(max(a.words, b.words))
		z.on("len", bin(r, 5))
	}

	// Unmatched words that are near spellings of each other (خساير and
	// خسارة, سكارليت and سكارلين): likely the same word.
	near := nearPairs(p.ua, p.ub)
	z.on("near", count(min(near, 3)))
	z.on("near", count(min(near, 3)), count(min(max(ua, ub)-near, 4)))

	// Negation on one side and not the other.
	neg := negation(a, b)
	z.on("neg", neg)
	z.on("neg", neg, lv)

	// Words of opposite sense.
	opp, same, which := opposites(a, b)
	for _, o := range which {
		z.on("oppo", string(rune('a'+o)))
	}
	z.on("opp", count(min(opp, 3)))
	z.on("opp", count(min(opp, 3)), lv)
	z.on("opp", count(min(opp, 3)), neg)
	z.on("same", count(min(same, 3)))
	ac := aimClashes(a, b) + aimClashes(b, a)
	z.on("aim", count(min(ac, 3)))
	z.on("aim", count(min(ac, 3)), lv)

	// Word pairs that swap in contradicting training pairs.
	nm := 0
	if mined != nil {
		for _, x := range p.ua {
			for _, y := range p.ub {
				if _, ok := mined[swapKey(x, y)]; ok {
					nm++
				}
			}
		}
	}
	z.on("mined", count(min(nm, 3)))
	z.on("mined", count(min(nm, 3)), lv)
	md, ma := 0, 0
	if mined != nil {
		for _, l := range [][]string{p.ua, p.ub} {
			for _, x := range l {
				if _, ok := mined[[2]string{x, markDisagree}]; ok {
					md++
				}
				if _, ok := mined[[2]string{x, markAgree}]; ok {
					ma++
				}
			}
		}
	}
	z.on("mark!", count(min(md, 3)))
	z.on("mark!", count(min(md, 3)), lv)
	z.on("mark=", count(min(ma, 3)))
	z.on("mark=", count(min(ma, 3)), lv)

	num := numbers(a, b)
	z.on("num", num)
	z.on("num", num, lv)

	ent := entities(a, b)
	z.on("ent", ent)
	z.on("ent", ent, lv)

	if a.quest || b.quest {
		q := "q1"
		if a.quest && b.quest {
			q = "q2"
		}
		z.on("q", q)
	}

	// The words each side has that the other lacks, and the pairs of them.
	for _, k := range p.ua {
		z.on("d", featKey(k))
	}
	for _, k := range p.ub {
		z.on("d", featKey(k))
	}
	for i, x := range p.ua {
		if i == maxSwaps {
			break
		}
		for j, y := range p.ub {
			if j == maxSwaps {
				break
			}
			k := swapKey(featKey(x), featKey(y))
			z.on("sw", k[0], k[1])
		}
	}
	return p
}

// swapKey orders a word pair so (x, y) and (y, x) meet.
func swapKey(x, y string) [2]string {
	if y < x {
		x, y = y, x
	}
	return [2]string{x, y}
}

// unmatchedCount counts the items of xs not in ys.
func unmatchedCount(xs, ys []string) int {
	n := 0
	for _, x := range xs {
		if !slices.Contains(ys, x) {
			n++
		}
	}
	return n
}

// softmax turns scores into probabilities in place.
func softmax(s *[nLabels]float64) {
	m := math.Inf(-1)
	for _, v := range s {
		m = max(m, v)
	}
	sum := 0.0
	for i, v := range s {
		s[i] = math.Exp(v - m)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}

// negation says whether a negation cue is on neither side (N0), on one
// side only (N1), or different cues on both (N2).
func negation(a, b *side) string {
	negA, negB := unmatchedCount(a.neg, b.neg), unmatchedCount(b.neg, a.neg)
	switch {
	case negA > 0 && negB > 0:
		return "N2"
	case negA+negB > 0:
		return "N1"
	}
	return "N0"
}

// opposites counts the poles of an opposition one side has and the other
// has only the opposite of (opp, each side counted), the poles both share
// (same), and which oppositions clash, once for each clashing pole of a.
func opposites(a, b *side) (opp, same int, which []int) {
	for _, c := range a.poles {
		if slices.Contains(b.poles, c^1) && !slices.Contains(b.poles, c) {
			opp++
			which = append(which, int(c/2))
		} else if slices.Contains(b.poles, c) {
			same++
		}
	}
	for _, c := range b.poles {
		if slices.Contains(a.poles, c^1) && !slices.Contains(a.poles, c) {
			opp++
		}
	}
	return opp, same, which
}

// numbers compares the figures of two sides: none, one (only one side
// has any), same, diff (one side's are a subset of the other's) or clash
// (each side has a figure the other lacks).
func numbers(a, b *side) string {
	switch {
	case len(a.nums) > 0 && len(b.nums) > 0 && slices.Equal(a.nums, b.nums):
		return "same"
	case len(a.nums) > 0 && len(b.nums) > 0:
		if unmatchedCount(a.nums, b.nums) > 0 && unmatchedCount(b.nums, a.nums) > 0 {
			return "clash"
		}
		return "diff"
	case len(a.nums)+len(b.nums) > 0:
		return "one"
	}
	return "none"
}

// entities compares the named places, people and bodies of two sides:
// E0 none, Esame the same, E1 one side has one more, Eswap each side has
// one the other lacks.
func entities(a, b *side) string {
	ea, eb := unmatchedCount(a.ents, b.ents), unmatchedCount(b.ents, a.ents)
	switch {
	case ea > 0 && eb > 0:
		return "Eswap"
	case ea+eb > 0:
		return "E1"
	case len(a.ents) > 0:
		return "Esame"
	}
	return "E0"
}

// aimClashes counts the words a says went one way (rose, agreed) that b
// says went the opposite way and never the same way.
func aimClashes(a, b *side) int {
	n := 0
	for _, x := range a.aims {
		if slices.Contains(b.aims, aim{x.code ^ 1, x.key}) && !slices.Contains(b.aims, x) {
			n++
		}
	}
	return n
}

// featKey is the form a word's identity features use: its derived key
// when it has one (يرتفع and ارتفاع share ارتفع), else its key.
func featKey(k string) string {
	if d := arabic.DerivKey(k); d != "" {
		return d
	}
	return k
}

// nearPairs counts the words of xs that have a near spelling in ys: letter
// bigram Dice of at least 0.6, both at least three letters.
func nearPairs(xs, ys []string) int {
	n := 0
	for _, x := range xs {
		for _, y := range ys {
			if bigramDice(x, y) >= 0.6 {
				n++
				break
			}
		}
	}
	return n
}

func bigramDice(x, y string) float64 {
	rx, ry := []rune(x), []rune(y)
	if len(rx) < 3 || len(ry) < 3 {
		return 0
	}
	in := 0
	used := make([]bool, len(ry)-1)
	for i := 0; i+1 < len(rx); i++ {
		for j := 0; j+1 < len(ry); j++ {
			if !used[j] && rx[i] == ry[j] && rx[i+1] == ry[j+1] {
				used[j] = true
				in++
				break
			}
		}
	}
	return 2 * float64(in) / float64(len(rx)-1+len(ry)-1)
}
