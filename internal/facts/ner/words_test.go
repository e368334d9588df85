package ner

import (
	"slices"
	"testing"
)

// plainScores returns the emission and transition scores of one run the
// way training sees them: features and pairFeatures over analyse.
func plainScores(t *Tagger, m *Model, tokens []string, info []tokInfo) ([]int32, []int32) {
	const tsize = (nTags + 1) * nTags
	mask := m.mask()
	emit := make([]int32, len(tokens)*nTags)
	tr := make([]int32, len(tokens)*tsize)
	for i := range tokens {
		for _, f := range features(nil, tokens, info, i) {
			for k := range nTags {
				emit[i*nTags+k] += int32(m.W[(f&mask)*nTags+uint64(k)])
			}
		}
		for k := range tsize {
			tr[i*tsize+k] = int32(m.T[k])
		}
		for _, f := range pairFeatures(nil, tokens, info, i) {
			pr := m.pairRow(f)
			for k := range tsize {
				tr[i*tsize+k] += pr[k]
			}
		}
	}
	return emit, tr
}

// TestWordCacheScoresAsFeatures checks that the word cache gives every
// token of the training sentences (or the built-in ones) exactly the
// scores features and pairFeatures give, under both passes, memory
// features included, and that viterbiTable decodes them as viterbi does:
// the tags cannot differ.
func TestWordCacheScoresAsFeatures(t *testing.T) {
	sents := loadBench()
	if testing.Short() {
		sents = sents[:min(len(sents), 200)]
	}
	for _, m := range []*Model{Default().Model(), withFakeWords(Default().Model())} {
		testCacheScores(t, m, sents)
	}
}

// withFakeWords returns a copy of m that reads made-up unlabeled-text
// features of every kind (the shipped weights give them arbitrary but
// non-zero scores, which is all the comparison needs).
func withFakeWords(m *Model) *Model {
	path := func(s string) string {
		h := h1(0, s)
		if h%5 == 0 {
			return ""
		}
		b := make([]byte, 4+h%17)
		for i := range b {
			b[i] = '0' + byte(h>>i&1)
		}
		return string(b)
	}
	mined := func(s string) []string {
		if h := h1(1, s); h%3 != 0 {
			return []string{"r" + string(rune('0'+h%4)), "n" + string(rune('0'+h%7))}
		}
		return nil
	}
	wf := &wordFeats{clusters: path, wide: true, strip: true, mined: mined}
	cp, doc := *m, *m.Doc
	cp.wf, doc.wf = wf, wf
	cp.Doc = &doc
	return &cp
}

func testCacheScores(t *testing.T, model *Model, sents [][]string) {
	tg := New(model) // a fresh cache
	first := make([][]int, len(sents))
	for i, s := range sents {
		first[i] = tg.tag(tg.m, s, nil)
	}
	mem := docMemory(sents, first)
	for pass, m := range []*Model{tg.m, tg.m.Doc} {
		for round := range 2 { // a cold cache, then a warm one
			for si, s := range sents {
				s = s[:min(len(s), maxRun)]
				plain := analyse(s, tg.m.Lex, tg.m.skipGaz)
				addClusters(plain, s, tg.m.wf)
				fast := tg.analyseCached(s)
				if pass == 1 && mem[si] != nil {
					for i := range s {
						plain[i].mem, fast[i].mem = mem[si][i], mem[si][i]
					}
				}
				wantE, wantT := plainScores(tg, m, s, plain)
				gotE := make([]int32, len(s)*nTags)
				gotT := make([]int32, len(s)*(nTags+1)*nTags)
				emitCached(m, tg.words.small[pass], pass, fast, gotE)
				tg.transCached(m, pass, fast, gotT)
				if !slices.Equal(gotE, wantE) || !slices.Equal(gotT, wantT) {
					t.Fatalf("pass %d round %d sentence %d %q: cached scores differ from features'", pass, round, si, s)
				}
				const tsize = (nTags + 1) * nTags
				want := viterbi(wantE, func(i, p, c int) int32 { return wantT[i*tsize+p*nTags+c] }, len(s), nil)
				if got := viterbiTable(&work{}, gotE, gotT, len(s)); !slices.Equal(got, want) {
					t.Fatalf("pass %d sentence %d: viterbiTable %v, viterbi %v", pass, si, got, want)
				}
			}
		}
	}
}
