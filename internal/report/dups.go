package report

import (
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/dedup"
	"github.com/taqrir/taqrir/internal/news"
)

// duplicateGroups links copies: it returns, for each article that copies
// an earlier one (exactly or nearly: a syndicated agency story, a
// re-publication), the id of its group's first article. docs are in
// publication order, so the first of a group is its earliest copy.
func duplicateGroups(docs []*doc) map[string]string {
	arts := make([]news.Article, len(docs))
	for i, d := range docs {
		arts[i] = *d.a
	}
	out := map[string]string{}
	for id, g := range dedup.Groups(arts) {
		if g != id {
			out[id] = g
		}
	}
	return out
}

// sentenceKey is the key under which copies of a text (a claim) meet,
// whatever their spelling; it agrees with the sentence keys of prepare.
func sentenceKey(s string) uint64 {
	h, n := keyHashStart, 0
	arabic.EachTerm(s, func(_, _ int, key string, _ bool) {
		if key != "" {
			h, n = keyHash(h, key), n+1
		}
	})
	if n == 0 {
		return 0
	}
	return max(h, 1)
}
