package report

import (
	"math"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/sparse"
)

// A report is about what was asked, not about every article that names it
// once. Each article gets a weight (0–1) for how central it is:
//   - query salience: the topic's words in its title (most), its lead, or
//     only further down;
//   - closeness to the core: the cosine of its title and lead to those of
//     the most relevant articles (the query's dominant story);
//   - support: how many outlets carry the same text.
//
// Peripheral articles (the topic in neither title nor lead, and far from
// the core, while enough others are central) still count in the coverage and the list of articles, but
// give the report no timeline entry, figure, claim, actor mention or
// contradiction: a profile that names the minister once does not put the
// wars of 1973 on the timeline of his visit.
const (
	minSalience         = 0.2 // the salience of an article whose title and lead lack the topic
	peripheralCloseness = 0.3 // closeness to the core (relative to the closest) under which such an article is set aside
	minCentral          = 5   // peripheral articles are set aside only when at least this many are central
	coreSize            = 10  // the most relevant articles whose centroid is the core
)

// weighDocs sets d.weight and d.peripheral for every doc; topic is what was
// asked (the query's topic, or a story's title).
func weighDocs(docs []*doc, topic string) {
	var topicKeys []string
	arabic.EachTerm(topic, func(_, _ int, key string, stop bool) {
		if !stop && !isNumberKey(key) {
			topicKeys = appendUnique(topicKeys, key)
		}
	})
	vecs := make([]sparse.Vec, len(docs))
	for i, d := range docs {
		v := sparse.Vec{}
		for k := range d.titleKeys {
			v[k] += 3
		}
		for _, s := range d.sents {
			if s.para != 0 {
				break
			}
			for _, k := range s.keys {
				v[k]++
			}
		}
		v.Normalize()
		vecs[i] = v
	}
	// the core: the centroid of the most relevant articles
	core := sparse.Vec{}
	for i, d := range docs {
		if d.rank < coreSize {
			for k, x := range vecs[i] {
				core[k] += x
			}
		}
	}
	core.Normalize()
	closeness := make([]float64, len(docs))
	top := 0.0
	for i := range docs {
		closeness[i] = vecs[i].Dot(core)
		top = max(top, closeness[i])
	}
	outlets := map[string]map[string]bool{}
	for _, d := range docs {
		if outlets[d.group] == nil {
			outlets[d.group] = map[string]bool{}
		}
		outlets[d.group][d.src] = true
	}
	central := 0
	for i, d := range docs {
		sal := 1.0
		if len(topicKeys) > 0 {
			inTitle, inLead := 0, 0
			lead := map[string]bool{}
			for _, s := range d.sents {
				if s.para != 0 {
					break
				}
				for _, k := range s.keys {
					lead[k] = true
				}
			}
			for _, k := range topicKeys {
				if d.titleKeys[k] {
					inTitle++
				}
				if lead[k] {
					inLead++
				}
			}
			n := float64(len(topicKeys))
			sal = max(float64(inTitle)/n, 0.6*float64(inLead)/n, minSalience)
		}
		c := 1.0
		if top > 0 {
			c = closeness[i] / top
		}
		support := math.Min(1, float64(len(outlets[d.group])-1)/2)
		d.weight = 0.45*sal + 0.45*c + 0.1*support
		// set aside: the topic is neither in the title nor in the lead,
		// and the article is far from the core
		d.peripheral = sal <= minSalience && c < peripheralCloseness
		if !d.peripheral {
			central++
		}
	}
	if central < minCentral {
		for _, d := range docs {
			d.peripheral = false
		}
	}
}
