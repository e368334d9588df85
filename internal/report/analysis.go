package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

// term is one word or number of an article body.
type term struct {
	start, end int
	key        string
	stop       bool
	number     bool
}

// sent is one sentence of an article body.
type sent struct {
	start, end int
	text       string
	para       int      // paragraph index
	pos        int      // sentence index in the article
	t0, t1     int      // its terms are doc.terms[t0:t1]
	keys       []string // content keys: not stopwords, not numbers
	set        []string // keys sorted, each once (for jaccardSorted)
	dupKey     uint64   // equal for copies of the same sentence
}

// doc is one article prepared for the report.
type doc struct {
	a          *news.Article
	rank       int // order of relevance (0 = best)
	body       string
	terms      []term
	sents      []sent
	group      string // duplicate group id (the id of the group's first article)
	src        string // index.SourceKey of the outlet, which sections count sources by
	published  string // RFC 3339 or ""
	day        string // 2025-03-14 or "unknown"
	titleKeys  map[string]bool
	weight     float64 // how central to what was asked (centrality.go)
	peripheral bool    // set aside: no timeline entry, figure, claim, actor or contradiction
}

func prepare(a *news.Article, rank int) *doc { return prepareWith(a, rank, nil) }

// prepareWith is prepare analysing through tc (nil: without a cache).
func prepareWith(a *news.Article, rank int, tc *arabic.TermCache) *doc {
	d := &doc{a: a, rank: rank, body: a.Body(), group: a.ID, day: "unknown", src: index.SourceKey(a.Source)}
	if a.HasPublished() {
		d.published = a.Published.Format(time.RFC3339)
		d.day = a.Published.Format("2006-01-02")
	}
	// About one term per 10 bytes of Arabic news (two-byte letters, five
	// a word): sized once instead of grown by doubling.
	d.terms = make([]term, 0, len(d.body)/9+8)
	tc.EachTerm(d.body, func(start, end int, key string, stop bool) {
		d.terms = append(d.terms, term{start: start, end: end, key: key, stop: stop, number: isNumberKey(key)})
	})
	d.titleKeys = map[string]bool{}
	tc.EachTerm(a.Title, func(_, _ int, key string, stop bool) {
		if !stop && !isNumberKey(key) {
			d.titleKeys[key] = true
		}
	})
	paraEnds := paragraphEnds(a.Paragraphs)
	ti := 0
	for i, s := range arabic.Sentences(d.body) {
		st := sent{start: s.Start, end: s.End, text: s.Text, pos: i}
		for st.para < len(paraEnds)-1 && s.Start >= paraEnds[st.para] {
			st.para++
		}
		for ti < len(d.terms) && d.terms[ti].start < s.Start {
			ti++
		}
		st.t0 = ti
		for ti < len(d.terms) && d.terms[ti].end <= s.End {
			ti++
		}
		st.t1 = ti
		for _, t := range d.terms[st.t0:st.t1] {
			if !t.stop && !t.number && t.key != "" {
				st.keys = append(st.keys, t.key)
			}
		}
		st.set = slices.Compact(slices.Sorted(slices.Values(st.keys)))
		st.dupKey = termsKey(d.terms[st.t0:st.t1])
		d.sents = append(d.sents, st)
	}
	return d
}

// paragraphEnds returns the byte offset in Body() where each paragraph ends.
func paragraphEnds(paras []string) []int {
	ends := make([]int, len(paras))
	off := 0
	for i, p := range paras {
		off += len(p)
		ends[i] = off
		off += 2 // "\n\n"
	}
	return ends
}

func isNumberKey(k string) bool { return k != "" && k[0] >= '0' && k[0] <= '9' }

// sentenceAt returns the index of the sentence holding byte offset off, or -1.
func (d *doc) sentenceAt(off int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > off })
	if i < len(d.sents) && d.sents[i].start <= off {
		return i
	}
	// Between sentences (a blank line): take the next one.
	if i < len(d.sents) {
		return i
	}
	return -1
}

// cite returns the citation of sentence i.
func (d *doc) cite(i int) Citation {
	s := d.sents[i]
	return d.citeSpan(s.start, s.end)
}

// citeSpan cites an arbitrary span of the body (used for claims spread
// over several sentences).
func (d *doc) citeSpan(start, end int) Citation {
	start, end = clampSpan(start, end, len(d.body))
	return Citation{
		ArticleID: d.a.ID,
		Source:    d.a.Source,
		Published: d.published,
		Start:     start,
		End:       end,
		Sentence:  strings.TrimSpace(d.body[start:end]),
		URL:       d.a.URL,
	}
}

// clampSpan makes a span from untrusted facts safe to slice with.
func clampSpan(start, end, n int) (int, int) {
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	return start, end
}

// window returns the content keys of up to before terms before and after
// terms after the span [start, end) inside sentence si. It stops at the
// sentence's ends and at another number, whose own context that is
// ("تراجع إلى 12.8 في المئة مقابل 14.1 في المئة": مقابل belongs to 14.1).
func (d *doc) window(si, start, end, before, after int) []string {
	s := d.sents[si]
	var out []string
	i := s.t0
	for i < s.t1 && d.terms[i].end <= start {
		i++
	}
	for j, n := i-1, 0; j >= s.t0 && n < before; j-- {
		t := d.terms[j]
		if t.number {
			break
		}
		if !t.stop {
			out = append(out, t.key)
			n++
		}
	}
	for i < s.t1 && d.terms[i].start < end {
		i++
	}
	for j, n := i, 0; j < s.t1 && n < after; j++ {
		t := d.terms[j]
		if t.number {
			break
		}
		if !t.stop {
			out = append(out, t.key)
			n++
		}
	}
	return out
}

// termsKey hashes the keys of a sentence's words and numbers (FNV-1a), so
// copies of one sentence meet whatever their spelling, punctuation or
// diacritics: the same identity as sentenceKey, from terms already made.
func termsKey(ts []term) uint64 {
	if len(ts) == 0 {
		return 0
	}
	h := keyHashStart
	for _, t := range ts {
		h = keyHash(h, t.key)
	}
	return max(h, 1)
}

// keyHashStart and keyHash are the FNV-1a hash of keys joined by spaces,
// fed one key at a time.
const keyHashStart = uint64(14695981039346656037)

func keyHash(h uint64, key string) uint64 {
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	h ^= ' '
	return h * 1099511628211
}
