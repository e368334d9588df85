package report

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/sparse"
)

// Summary tuning. A candidate sentence has between minWords and maxWords
// words; MMR trades centrality (lambda) against redundancy with what is
// already chosen, and never takes a sentence this similar to a chosen one.
const (
	minWords      = 7
	maxWords      = 70
	mmrLambda     = 0.7
	maxRedundancy = 0.5
	centroidKeys  = 120
	mmrCandidates = 400
	leadBonus     = 0.15
	outletsBonus  = 0.04
)

// vec is a sparse, L2-normalised tf-idf vector.
type vec = sparse.Vec

// candidate is one distinct sentence with every copy of it.
type candidate struct {
	d       *doc
	si      int
	copies  []Citation
	sources map[string]bool
	v       vec
	score   float64
}

// summarize picks k sentences, extractive: centroid relevance over tf-idf
// vectors of the content keys, MMR against redundancy, copies of a sentence
// merged (counted as outlets), and the result in reading order (article
// date, then position in the article).
func summarize(docs []*doc, k int) []Sentence {
	idf := keyIDF(docs)
	byKey := map[uint64]*candidate{}
	var cands []*candidate
	for _, d := range docs {
		for si, s := range d.sents {
			if !summaryWorthy(d, si) {
				continue
			}
			if c, ok := byKey[s.dupKey]; ok && s.dupKey != 0 {
				c.copies = append(c.copies, d.cite(si))
				c.sources[d.src] = true
				continue
			}
			c := &candidate{d: d, si: si, copies: []Citation{d.cite(si)}, sources: map[string]bool{d.a.Source: true}}
			c.v = vec{}
			for _, key := range s.keys {
				w, ok := idf[key]
				if !ok { // only in a duplicate article
					w = math.Log(1 + float64(len(docs)))
				}
				c.v[key] += w
			}
			c.v.Normalize()
			byKey[s.dupKey] = c
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return []Sentence{}
	}
	// The centroid: the heaviest keys of the whole set.
	sum := vec{}
	for _, c := range cands {
		w := float64(len(c.sources))
		for key, x := range c.v {
			sum[key] += x * w
		}
	}
	centroid := topKeys(sum, centroidKeys)
	for _, c := range cands {
		c.score = c.v.Dot(centroid)
		switch c.d.sents[c.si].pos {
		case 0:
			c.score += leadBonus
		case 1:
			c.score += leadBonus / 2
		}
		c.score += outletsBonus * math.Log(float64(len(c.sources)))
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) > mmrCandidates {
		cands = cands[:mmrCandidates]
	}
	var chosen []*candidate
	used := make([]bool, len(cands))
	for len(chosen) < k {
		best, bestVal := -1, math.Inf(-1)
		for i, c := range cands {
			if used[i] {
				continue
			}
			red := 0.0
			for _, ch := range chosen {
				red = max(red, c.v.Dot(ch.v))
			}
			if red > maxRedundancy {
				continue
			}
			if val := mmrLambda*c.score - (1-mmrLambda)*red; val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, cands[best])
	}
	sort.SliceStable(chosen, func(i, j int) bool {
		a, b := chosen[i], chosen[j]
		if a.d != b.d {
			return docBefore(a.d, b.d)
		}
		return a.si < b.si
	})
	out := make([]Sentence, 0, len(chosen))
	for _, c := range chosen {
		text, dateline := stripDateline(c.d.sents[c.si].text)
		out = append(out, Sentence{Text: text, Dateline: dateline, Outlets: len(c.sources), Citations: c.copies})
	}
	return out
}

// summaryWorthy rejects what reads badly out of context: very short or very
// long sentences, questions, teasers cut with an ellipsis or a colon.
func summaryWorthy(d *doc, si int) bool {
	s := d.sents[si]
	words := s.t1 - s.t0
	if words < minWords || words > maxWords || len(s.keys) < 4 {
		return false
	}
	t := strings.TrimSpace(s.text)
	for _, suf := range []string{"…", "...", "؟", "?", ":"} {
		if strings.HasSuffix(t, suf) {
			return false
		}
	}
	return true
}

// keyIDF is the inverse document frequency of each content key over the
// distinct articles.
func keyIDF(docs []*doc) map[string]float64 {
	df := map[string]int{}
	n := 0
	seen := map[string]bool{}
	for _, d := range docs {
		if d.group != d.a.ID {
			continue
		}
		n++
		clear(seen)
		for _, s := range d.sents {
			for _, k := range s.keys {
				if !seen[k] {
					seen[k] = true
					df[k]++
				}
			}
		}
	}
	idf := make(map[string]float64, len(df))
	for k, c := range df {
		idf[k] = math.Log(1 + float64(n)/float64(c))
	}
	return idf
}

func topKeys(v vec, n int) vec {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if v[keys[i]] != v[keys[j]] {
			return v[keys[i]] > v[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	out := make(vec, len(keys))
	for _, k := range keys {
		out[k] = v[k]
	}
	return out.Normalize()
}

// datelineRes match a dateline opening a story, in the forms outlets
// print: a place, a dash and an agency in parentheses or before a colon
// ("الدوحة - (رويترز) - ", "لندن - بي بي سي: "); a place, maybe its
// country, and the outlet in parentheses, then one or two dashes ("دبي،
// الإمارات العربية المتحدة (CNN) – ", "لندن، المملكة المتحدة (CNN)-- ");
// the outlet alone in parentheses ("(رويترز) - "). They are compiled on
// first use, not at package init (every command links this package).
var datelineRes = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`^[^-–—:()«»"]{2,30}\s[-–—]\s(?:\([^()]{1,30}\)\s?[-–—:]\s?|[^-–—:()]{1,20}:\s)`),
		regexp.MustCompile(`^(?:[^\s.:؛()«»"–—-]+[،,]?\s+){1,6}\([^()]{1,30}\)\s*(?:[-–—]{1,2}|:)\s*`),
		regexp.MustCompile(`^\s*\([^()]{1,30}\)\s*[-–—]{1,2}\s*`),
	}
})

// stripDateline splits a leading dateline from a summary sentence: it says
// who filed the story and where, not what happened, so the summary shows
// the rest and keeps the dateline apart (Sentence.Dateline). The citation
// still spans the whole sentence. A sentence with little left after the
// dateline keeps it.
func stripDateline(s string) (text, dateline string) {
	for _, re := range datelineRes() {
		if loc := re.FindStringIndex(s); loc != nil && len(s)-loc[1] > 40 && outletTag(s[:loc[1]]) {
			return s[loc[1]:], strings.TrimSpace(s[:loc[1]])
		}
	}
	return s, ""
}

// notOutlet are words that open an aside in parentheses, not an outlet's
// name: «(بحسب الإحصاء)», «(وفق التقرير)».
var notOutlet = map[string]bool{"بحسب": true, "حسب": true, "وفق": true, "وفقا": true, "نقلا": true, "أي": true, "اي": true, "على": true, "في": true, "من": true, "عن": true, "مع": true}

// outletTag reports whether the parentheses of a dateline, if any, name an
// outlet: at most four words, not opening like an aside.
func outletTag(head string) bool {
	i, j := strings.IndexByte(head, '('), strings.IndexByte(head, ')')
	if i < 0 || j < i {
		return true
	}
	words := strings.Fields(head[i+1 : j])
	return len(words) > 0 && len(words) <= 4 && !notOutlet[words[0]]
}
