package ner

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// The word cache: what the tagger knows about a token from its text alone,
// computed once per distinct token and kept (bounded) across documents.
// News repeats its words, and most of a token's features depend on one
// word only: its own identity (word, stem, key, affixes, shape, lexicon
// class) and its identity as a neighbour (previous or next word, stem and
// key). Each of those features costs a read at a random place of the
// 38 MB weight table; the cache holds their sums per tag instead, so a
// token reads one entry per word of its window plus the features that
// depend on two words or on the context (bigrams, gazetteer, memory).
// Sums of integers do not depend on their order, so the scores, and the
// tags, are exactly those of features and pairFeatures (the test
// TestWordCacheScoresAsFeatures checks it on the training data).

// wordCacheSize bounds the entries kept. Each shard keeps two
// generations: a word found in the old one moves to the current one, and
// when the current one is full the old one is dropped, so the words in use
// stay (news vocabulary is Zipfian: 65k distinct tokens cover 97% of the
// tokens of 5,000 ant-news articles).
const (
	wordShards    = 16
	wordCacheSize = 1 << 16
)

// wordEntry is one distinct token's analysis and score parts.
type wordEntry struct {
	tok                               string // the token (owned)
	fold, stem, key, wkey, shape, lex string
	starts                            []gazetteer.Start // gazetteer.Starts(wkey)
	memKey                            string            // memKeyOf the token
	say                               bool              // sayWords[fold]
	raw                               bool              // fold != token: the raw-word feature fires
	// Per model slot (0: the first pass, 1: the document pass).
	self        [2][nTags]int32 // bias, shape, word, stem, key, raw, affixes, lexicon class and class×shape
	asPrev      [2][nTags]int32 // previous word, stem, key
	asPrev2     [2][nTags]int32 // word two before
	asNext      [2][nTags]int32 // next word, stem, key; a speech verb next
	asNext2     [2][nTags]int32 // word two after; a speech verb two after
	pairs       [2]*pairRow     // the pair features of the token alone (bias, shape, و, class, nisba, speech verb)
	nisba, wawP bool
	// shapeIdx and lexIdx index shape and lex in shapeList and lexList,
	// for the tables of smallRows.
	shapeIdx, lexIdx uint8
	// prevBig and nextBig are h2a(fPrevBigram, fold) and
	// h2a(fNextBigram, fold): the word's share of the bigram features
	// that read it first (see bigrams).
	prevBig, nextBig uint64
	// the unlabeled-text fields of tokInfo (Model.wf); their features
	// are in the sums above: each is a function of the token alone
	clu, cluS string
	mined     []string
}

// The features of a token that pair it with a neighbour's shape or
// lexicon class, or that hold a constant (the sentence's edges), take
// their values from small sets: their rows are summed once per model into
// smallRows and read from there, rather than from random places of the
// weight table on every token.
var (
	shapeList = func() []string {
		out := []string{"<s>", "</s>"}
		for _, a := range []string{"D", "LU", "L", "A", "P"} {
			for _, n := range []string{"1", "3", "6", "9"} {
				out = append(out, a+n)
			}
		}
		return out
	}()
	lexList = func() []string {
		out := []string{"<s>", "</s>", "U", "P"}
		for c := range 256 {
			if n, ok := lexNames[uint8(c)]; ok {
				out = append(out, n)
			}
		}
		return out
	}()
	shapeIndex = indexOf(shapeList)
	lexIndex   = indexOf(lexList)
	// memList are the values memoryOf gives a memory feature.
	memList = func() []string {
		out := []string{"O"}
		for t := 1; t < 5; t++ {
			typ := Tags[2*t][2:]
			out = append(out, typ, typ+"+", typ+"-")
		}
		return out
	}()
)

func indexOf(list []string) map[string]uint8 {
	m := make(map[string]uint8, len(list))
	for i, s := range list {
		m[s] = uint8(i)
	}
	return m
}

const (
	nShapes = 22 // len(shapeList)
	nLexes  = 44 // at least len(lexList)
	given4  = 4  // the values of boolStr
)

// smallRows are one model's summed rows of the features of small value
// sets (see shapeList).
type smallRows struct {
	prevShape [nShapes][nShapes][nTags]int32 // [previous][token]
	nextShape [nShapes][nShapes][nTags]int32 // [token][next]
	lexPrev   [nLexes][nTags]int32           // by the previous word's class
	lexNext   [nLexes][nTags]int32           // by the next word's class
	lexGiven  [nLexes][given4][nTags]int32   // by the token's class, boolStr
	bosPrev   [nTags]int32                   // previous word, stem and key at the start
	bosPrev2  [nTags]int32
	eosNext   [nTags]int32
	eosNext2  [nTags]int32
	first     [nTags]int32
	last      [nTags]int32
	mem       map[string]*[nTags]int32
}

var givenStrs = [given4]string{"-", "g", "pg", "pg+g"}

// givenIdx is the index in givenStrs of boolStr(a, b).
func givenIdx(a, b bool) int {
	switch {
	case a && b:
		return 3
	case a:
		return 2
	case b:
		return 1
	}
	return 0
}

// newSmallRows sums m's rows of the small-set features.
func newSmallRows(m *Model) *smallRows {
	r := &smallRows{mem: map[string]*[nTags]int32{}}
	mask := m.mask()
	if uint64(len(m.W)) < (mask+1)*nTags {
		return r // a model without its weights (tests of other parts)
	}
	add := func(dst *[nTags]int32, f uint64) {
		b := (f & mask) * nTags
		for k, v := range m.W[b : b+nTags] {
			dst[k] += int32(v)
		}
	}
	for a, sa := range shapeList {
		for b, sb := range shapeList {
			add(&r.prevShape[a][b], h2(fPrevShape, sa, sb))
			add(&r.nextShape[a][b], h2(fNextShape, sa, sb))
		}
	}
	for a, la := range lexList {
		add(&r.lexPrev[a], h1(fLexPrev, la))
		add(&r.lexNext[a], h1(fLexNext, la))
		for g, gs := range givenStrs {
			add(&r.lexGiven[a][g], h2(fLexGiven, la, gs))
		}
	}
	const bos, eos = "<s>", "</s>"
	add(&r.bosPrev, h1(fPrevWord, bos))
	add(&r.bosPrev, h1(fPrevStem, bos))
	add(&r.bosPrev, h1(fPrevKey, bos))
	add(&r.bosPrev2, h1(fPrev2Word, bos))
	add(&r.eosNext, h1(fNextWord, eos))
	add(&r.eosNext, h1(fNextStem, eos))
	add(&r.eosNext, h1(fNextKey, eos))
	add(&r.eosNext2, h1(fNext2Word, eos))
	add(&r.first, h1(fFirst, ""))
	add(&r.last, h1(fLast, ""))
	for _, v := range memList {
		row := new([nTags]int32)
		add(row, h1(fMem, v))
		r.mem[v] = row
	}
	return r
}

type wordShard struct {
	mu       sync.Mutex
	cur, old map[string]*wordEntry
}

type wordCache struct {
	seed   maphash.Seed
	small  [2]*smallRows // per model slot
	shards [wordShards]wordShard
	// intrinsic pair sums, shared by all words of one combination
	pairMu sync.Mutex
	pairs  map[pairKey]*pairRow
}

type pairKey struct {
	slot              int
	shape, lex        string
	waw, nisba, sayed bool
}

func newWordCache() *wordCache {
	c := &wordCache{seed: maphash.MakeSeed(), pairs: map[pairKey]*pairRow{}}
	for i := range c.shards {
		c.shards[i].cur = map[string]*wordEntry{}
	}
	return c
}

// slot returns the cache slot of model m, or -1 when the tagger was not
// made for m (a model in training): such a model takes the plain path.
func (t *Tagger) slot(m *Model) int {
	switch {
	case t.words == nil:
		return -1
	case m == t.m:
		return 0
	case m == t.m.Doc && m != nil:
		return 1
	}
	return -1
}

// word returns the cache entry of token tok.
func (t *Tagger) word(tok string) *wordEntry {
	c := t.words
	sh := &c.shards[maphash.String(c.seed, tok)%wordShards]
	sh.mu.Lock()
	e := sh.cur[tok]
	if e == nil {
		if e = sh.old[tok]; e != nil {
			sh.put(e.tok, e)
		}
	}
	sh.mu.Unlock()
	if e != nil {
		return e
	}
	tok = strings.Clone(tok) // not the article's text, which the cache must not keep
	e = t.newWord(tok)
	sh.mu.Lock()
	sh.put(e.tok, e)
	sh.mu.Unlock()
	return e
}

// put adds an entry to the current generation, starting a new one when it
// is full.
func (sh *wordShard) put(tok string, e *wordEntry) {
	if len(sh.cur) >= wordCacheSize/wordShards/2 {
		sh.old, sh.cur = sh.cur, make(map[string]*wordEntry, len(sh.cur))
	}
	sh.cur[tok] = e
}

// newWord analyses tok (owned: not a piece of a larger text) and sums its
// score parts under each model.
func (t *Tagger) newWord(tok string) *wordEntry {
	e := &wordEntry{
		tok:  tok,
		fold: strings.Clone(arabic.Fold(tok)),
		stem: strings.Clone(arabic.Stem(tok)),
		key:  strings.Clone(arabic.Key(tok)),
		wkey: strings.Clone(gazetteer.WordKey(tok)),
	}
	e.prevBig, e.nextBig = h2a(fPrevBigram, e.fold), h2a(fNextBigram, e.fold)
	e.shape = shapeOf(tok, e.fold)
	e.shapeIdx = shapeIndex[e.shape]
	e.memKey = memKeyOf(tok, e.key, e.fold)
	if e.wkey != "" {
		e.starts = gazetteer.Starts(e.wkey)
	}
	if t.m.Lex != nil {
		e.lex = lexName(t.m.Lex, e.key)
		e.lexIdx = lexIndex[e.lex]
	}
	if wf := t.m.wf; wf.on() {
		e.clu, e.cluS, e.mined = wf.word(tok)
	}
	e.say = sayWords[e.fold]
	e.raw = e.fold != tok
	e.nisba = isNisba(tok)
	if r, _ := utf8.DecodeRuneInString(e.fold); r == waw && utf8.RuneCountInString(e.fold) >= 3 {
		e.wawP = true
	}
	// The word's features, as in features and in the same conditions,
	// each with the row it is summed into; hashed once for both models.
	const (
		dSelf = iota
		dPrev
		dPrev2
		dNext
		dNext2
	)
	type wordFeat struct {
		h   uint64
		dst uint8
	}
	var arr [48]wordFeat
	fs := arr[:0]
	add := func(dst uint8, h uint64) { fs = append(fs, wordFeat{h, dst}) }
	add(dSelf, h1(fBias, ""))
	add(dSelf, h1(fShape, e.shape))
	add(dSelf, h1(fWord, e.fold))
	add(dSelf, h1(fStem, e.stem))
	add(dSelf, h1(fKey, e.key))
	if e.raw {
		add(dSelf, h1(fRaw, tok))
	}
	for n, tp := range [3]byte{fPre1, fPre2, fPre3} {
		if p, ok := prefix(e.fold, n+1); ok {
			add(dSelf, h1(tp, p))
		}
	}
	for n, tp := range [3]byte{fSuf1, fSuf2, fSuf3} {
		if p, ok := suffix(e.fold, n+1); ok {
			add(dSelf, h1(tp, p))
		}
	}
	if e.lex != "" {
		add(dSelf, h1(fLex, e.lex))
		add(dSelf, h2(fLexShape, e.lex, e.shape))
	}
	if wf := t.m.wf; wf.on() {
		ti := tokInfo{clu: e.clu, cluS: e.cluS, mined: e.mined}
		offsets := []int{0, -1, 1, -2, 2}
		dsts := []uint8{dSelf, dPrev, dNext, dPrev2, dNext2}
		if !wf.wide {
			offsets = offsets[:3]
		}
		for j, off := range offsets {
			for _, f := range tokCluFeatures(nil, &ti, off) {
				add(dsts[j], f)
			}
		}
	}
	add(dPrev, h1(fPrevWord, e.fold))
	add(dPrev, h1(fPrevStem, e.stem))
	add(dPrev, h1(fPrevKey, e.key))
	add(dPrev2, h1(fPrev2Word, e.fold))
	add(dNext, h1(fNextWord, e.fold))
	add(dNext, h1(fNextStem, e.stem))
	add(dNext, h1(fNextKey, e.key))
	if e.say {
		add(dNext, h1(fSayNext, e.fold))
	}
	add(dNext2, h1(fNext2Word, e.fold))
	if e.say {
		add(dNext2, h1(fSayNext2, ""))
	}
	models := [2]*Model{t.m, t.m.Doc}
	for s, m := range models {
		if m == nil {
			continue
		}
		mask := m.mask()
		rows := [...]*[nTags]int32{dSelf: &e.self[s], dPrev: &e.asPrev[s], dPrev2: &e.asPrev2[s], dNext: &e.asNext[s], dNext2: &e.asNext2[s]}
		for _, f := range fs {
			b := (f.h & mask) * nTags
			w, d := m.W[b:b+nTags:b+nTags], rows[f.dst]
			for k := range d {
				d[k] += int32(w[k])
			}
		}
		e.pairs[s] = t.intrinsicPairs(s, m, e)
	}
	return e
}

// intrinsicPairs returns the summed pair rows of the pair features that
// depend on the token alone (as pairFeatures, without gazetteer and role).
func (t *Tagger) intrinsicPairs(slot int, m *Model, e *wordEntry) *pairRow {
	k := pairKey{slot: slot, shape: e.shape, lex: e.lex, waw: e.wawP, nisba: e.nisba, sayed: e.say}
	c := t.words
	c.pairMu.Lock()
	r := c.pairs[k]
	c.pairMu.Unlock()
	if r != nil {
		return r
	}
	r = new(pairRow)
	fs := []uint64{h1(fPair, "bias"), h1(fPair, "s"+e.shape)}
	if e.wawP {
		fs = append(fs, h1(fPair, "waw"))
	}
	if e.lex != "" {
		fs = append(fs, h1(fPair, "l"+e.lex))
	}
	if e.nisba {
		fs = append(fs, h1(fPair, "nisba"))
	}
	if e.say {
		fs = append(fs, h1(fPair, "say"))
	}
	for _, f := range fs {
		pr := t.pairRow(m, f)
		for j := range r {
			r[j] += pr[j]
		}
	}
	c.pairMu.Lock()
	c.pairs[k] = r
	c.pairMu.Unlock()
	return r
}

// analyseCached is analyse(tokens, t.m.Lex, t.m.skipGaz) with the
// word-level analysis read from the cache; each info keeps its entry.
func (t *Tagger) analyseCached(tokens []string) []tokInfo {
	info := make([]tokInfo, len(tokens))
	wkeys := make([]string, len(tokens))
	starts := make([][]gazetteer.Start, len(tokens))
	for i, tok := range tokens {
		e := t.word(tok)
		starts[i] = e.starts
		ti := &info[i]
		ti.w = e // the scores read the word's analysis from e
		wkeys[i] = e.wkey
	}
	gazetteerInfo(info, wkeys, starts, t.m.skipGaz)
	bigrams(info)
	return info
}

// bosBigram and eosFold are the sentence edges' parts of the bigram
// features (see features).
var bosBigram = h2a(fPrevBigram, "<s>")

const eosFold = "</s>"

// bigrams sets each token's bigram feature hashes, the same under both
// models, from the word cache's shares: the previous word and this one,
// this word and the next.
func bigrams(info []tokInfo) {
	prev := bosBigram
	for i := range info {
		e := info[i].w
		info[i].bigPrev = hstr(prev, e.fold)
		next := eosFold
		if i+1 < len(info) {
			next = info[i+1].w.fold
		}
		info[i].bigNext = hstr(e.nextBig, next)
		prev = e.prevBig
	}
}

// emitCached writes the emission scores of each token of one run (info
// from analyseCached) under model slot s into emit, as features would;
// sr holds the model's small-set rows.
func emitCached(m *Model, sr *smallRows, s int, info []tokInfo, emit []int32) {
	mask := m.mask()
	add := func(row *[nTags]int32, f uint64) {
		b := (f & mask) * nTags
		ws := m.W[b : b+nTags : b+nTags]
		for k := range row {
			row[k] += int32(ws[k])
		}
	}
	addRow := func(row, r *[nTags]int32) {
		for k := range row {
			row[k] += r[k]
		}
	}
	const bosIdx, eosIdx = 0, 1 // in shapeList and lexList
	n := len(info)
	// The bigram rows first, in a loop of their own: they are the reads
	// from random places of the weight table, and with nothing between
	// them the processor has several in flight at once.
	for i := range info {
		b1 := (info[i].bigPrev & mask) * nTags
		b2 := (info[i].bigNext & mask) * nTags
		w1, w2 := m.W[b1:b1+nTags:b1+nTags], m.W[b2:b2+nTags:b2+nTags]
		out := emit[i*nTags : i*nTags+nTags : i*nTags+nTags]
		for k := range out {
			out[k] = int32(w1[k]) + int32(w2[k])
		}
	}
	for i := range info {
		ti := &info[i]
		e := ti.w
		row := e.self[s]
		addRow(&row, (*[nTags]int32)(emit[i*nTags:]))
		for _, mm := range ti.mem {
			if r := sr.mem[mm]; r != nil {
				addRow(&row, r)
			} else {
				add(&row, h1(fMem, mm))
			}
		}
		prevShape, nextShape := uint8(bosIdx), uint8(eosIdx)
		if i > 0 {
			p := info[i-1].w
			prevShape = p.shapeIdx
			addRow(&row, &p.asPrev[s])
		} else {
			addRow(&row, &sr.bosPrev)
		}
		if i > 1 {
			addRow(&row, &info[i-2].w.asPrev2[s])
		} else {
			addRow(&row, &sr.bosPrev2)
		}
		if i+1 < n {
			x := info[i+1].w
			nextShape = x.shapeIdx
			addRow(&row, &x.asNext[s])
		} else {
			addRow(&row, &sr.eosNext)
		}
		if i+2 < n {
			addRow(&row, &info[i+2].w.asNext2[s])
		} else {
			addRow(&row, &sr.eosNext2)
		}
		addRow(&row, &sr.prevShape[prevShape][e.shapeIdx])
		addRow(&row, &sr.nextShape[e.shapeIdx][nextShape])
		for _, g := range ti.gaz {
			add(&row, h1(fGaz, g))
			if e.lex != "" {
				add(&row, h2(fGazLex, g, e.lex))
			}
		}
		if i > 0 {
			for _, g := range info[i-1].gaz {
				add(&row, h1(fGazPrev, g))
			}
		}
		if i+1 < n {
			for _, g := range info[i+1].gaz {
				add(&row, h1(fGazNext, g))
			}
		}
		if ti.role {
			add(&row, h1(fRolePrev, ""))
		}
		if i > 0 && info[i-1].role {
			add(&row, h1(fRolePrev2, ""))
		}
		if ti.inRole {
			add(&row, h1(fInRole, ""))
		}
		if e.lex != "" {
			pl, nl := uint8(bosIdx), uint8(eosIdx)
			if i > 0 {
				pl = info[i-1].w.lexIdx
			}
			if i+1 < n {
				nl = info[i+1].w.lexIdx
			}
			pg := i > 0 && info[i-1].given
			addRow(&row, &sr.lexPrev[pl])
			addRow(&row, &sr.lexNext[nl])
			addRow(&row, &sr.lexGiven[e.lexIdx][givenIdx(pg, ti.given)])
		}
		if i == 0 {
			addRow(&row, &sr.first)
		}
		if i == n-1 {
			addRow(&row, &sr.last)
		}
		copy(emit[i*nTags:], row[:])
	}
}

// transCached writes the transition scores of each token of one run
// under model slot s (as pairFeatures would) into tr.
func (t *Tagger) transCached(m *Model, s int, info []tokInfo, tr []int32) {
	const tsize = (nTags + 1) * nTags
	for i := range info {
		ti := &info[i]
		row := (*pairRow)(tr[i*tsize : (i+1)*tsize])
		base := ti.w.pairs[s]
		for k := range row {
			row[k] = int32(m.T[k]) + base[k]
		}
		for _, g := range ti.gaz {
			pr := t.pairRow(m, h1(fPair, "g"+g))
			for k := range row {
				row[k] += pr[k]
			}
		}
		if ti.role {
			pr := t.pairRow(m, h1(fPair, "role"))
			for k := range row {
				row[k] += pr[k]
			}
		}
	}
}

// viterbiTable is viterbi over int32 scores with the transitions as a
// table (tr[i*tsize+p*nTags+c], as tagRun lays them out), reusing the
// work's buffers; it finds the same path, ties broken the same way.
func viterbiTable(w *work, emit, tr []int32, n int) []int {
	if n == 0 {
		return w.path[:0]
	}
	const (
		neg   = -1 << 30
		tsize = (nTags + 1) * nTags
	)
	if cap(w.score) < n*nTags {
		w.score = make([]int32, n*nTags)
		w.back = make([]uint8, n*nTags)
	}
	score, back := w.score[:n*nTags], w.back[:n*nTags]
	clear(back)
	for t := 0; t < nTags; t++ {
		if allowedTable[start][t] {
			score[t] = emit[t] + tr[start*nTags+t]
		} else {
			score[t] = neg
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*nTags : i*nTags : i*nTags]
		row := tr[i*tsize : (i+1)*tsize : (i+1)*tsize]
		for t := 0; t < nTags; t++ {
			best, arg := int32(neg), 0
			for p := 0; p < nTags; p++ {
				if !allowedTable[p][t] || prev[p] <= neg {
					continue
				}
				if s := prev[p] + row[p*nTags+t]; s > best {
					best, arg = s, p
				}
			}
			if best <= neg {
				score[i*nTags+t] = neg
				continue
			}
			score[i*nTags+t] = best + emit[i*nTags+t]
			back[i*nTags+t] = uint8(arg)
		}
	}
	best, arg := int32(neg), 0
	for t := 0; t < nTags; t++ {
		if s := score[(n-1)*nTags+t]; s > best {
			best, arg = s, t
		}
	}
	out := w.path[:0]
	for range n {
		out = append(out, 0)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i*nTags+arg])
	}
	return out
}

// allowedTable is allowed for every previous tag (start included) and tag.
var allowedTable = func() (a [nTags + 1][nTags]bool) {
	for p := range a {
		for c := range a[p] {
			a[p][c] = allowed(p, c)
		}
	}
	return a
}()
