package report

import (
	"hash/fnv"
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// duplicateGroups links copies: it returns article id → group id for
// articles whose group is another article's. Until internal/dedup's
// near-duplicate detection is wired in, it is our fallback below.
var duplicateGroups = fallbackGroups

// nearDupShare is the share of an article's sentences another article must
// carry for the two to be copies of one text (a syndicated agency story,
// a re-publication with a new headline).
const nearDupShare = 0.8

// fallbackGroups groups the docs (in publication order) by identical folded
// content, then by shared sentences: an article most of whose sentences
// (at least three) appeared in one earlier article joins that article's group.
func fallbackGroups(docs []*doc) map[string]string {
	groups := map[string]string{}
	byHash := map[uint64]string{}
	firstWith := map[uint64]int{} // sentence key → index of the first doc carrying it
	for i, d := range docs {
		h := contentHash(d.a)
		if g, ok := byHash[h]; ok {
			groups[d.a.ID] = g
			continue
		}
		byHash[h] = d.a.ID
		hits := map[int]int{}
		n := 0
		for _, s := range d.sents {
			if s.dupKey == 0 {
				continue
			}
			n++
			if j, ok := firstWith[s.dupKey]; ok && j != i {
				hits[j]++
			} else if !ok {
				firstWith[s.dupKey] = i
			}
		}
		if n >= 3 {
			for j, c := range hits {
				if float64(c) >= nearDupShare*float64(n) {
					g := docs[j].a.ID
					if gg, ok := groups[g]; ok {
						g = gg
					}
					groups[d.a.ID] = g
					break
				}
			}
		}
	}
	return groups
}

// contentHash hashes the folded title and body, so the same text with other
// whitespace, hamza or harakat is the same content.
func contentHash(a *news.Article) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(strings.Fields(arabic.Fold(a.Title)), " ")))
	h.Write([]byte{0})
	for _, p := range a.Paragraphs {
		h.Write([]byte(strings.Join(strings.Fields(arabic.Fold(p)), " ")))
		h.Write([]byte{'\n'})
	}
	return h.Sum64()
}
