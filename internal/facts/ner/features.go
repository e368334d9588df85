package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// Feature templates. The numbers are hashed with the feature's text, so
// they are part of the model format: change one and retrain.
const (
	fBias byte = iota + 1
	fWord
	fStem
	fKey
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fShape
	fPrevWord
	fNextWord
	fPrev2Word
	fNext2Word
	fPrevStem
	fNextStem
	fPrevBigram
	fNextBigram
	fGaz
	fGazPrev
	fGazNext
	fRolePrev
	fRolePrev2
	fInRole
	fSayNext
	fSayNext2
	fFirst
	fLast
	fPrevKey
	fNextKey
	fPrevShape
	fNextShape
	fRaw
	fMem
	fLex
	fLexPrev
	fLexNext
	fLexGiven
	fLexShape
	fGazLex
	fPair
	fClu   // word-cluster path prefixes (TrainOptions.Clusters; experimental, off in the shipped model)
	fMined // name slots mined from unlabeled news (TrainOptions.Mined; experimental)
)

// tokInfo is what the features need to know about one token.
type tokInfo struct {
	fold, stem, key, wkey string
	shape                 string
	gaz                   []string // gazetteer tags over the token: "B-LOC", "I-ORG.media", …
	role, inRole          bool     // a role phrase ends just before / covers the token
	mem                   []string // what the rest of the document tagged this word (docMemory)
	lex                   string   // how the training data tagged this word (lexName of its class)
	given                 bool     // a gazetteer given name starts at the token
	// noWord leaves out the word's own identity features (training only:
	// see dropWords).
	noWord bool
	// w is the token's word-cache entry when the tagger's cache analysed
	// it (analyseCached); nil otherwise. With w set the word's own fields
	// here (fold … lex, clu … wide) stay empty: the cached scores read
	// them from w, and features, which reads them, is the other path.
	w *wordEntry
	// bigPrev and bigNext are the token's bigram feature hashes when the
	// word cache analysed it (bigrams), read by emitCached.
	bigPrev, bigNext uint64
	// The features learnt from unlabeled text (wordFeats; all empty
	// without them): the word's cluster path, the path of the word
	// without its leading clitics when that differs, its mined name-slot
	// features, and whether the tokens two away read their paths too.
	clu, cluS string
	mined     []string
	wide      bool
}

// wordFeats are the features a model reads from unlabeled-text tables
// (issue 17; TrainOptions.Clusters, CluWide, CluStrip, Mined). Each is a
// function of the token alone, so the word cache can sum them.
type wordFeats struct {
	clusters func(string) string
	wide     bool // prefixes of the tokens two away too
	strip    bool // the path of the word with its leading clitics taken off
	mined    func(string) []string
}

func (wf *wordFeats) on() bool { return wf != nil && (wf.clusters != nil || wf.mined != nil) }

// cluPrefixes are the path prefix lengths the cluster features read.
var cluPrefixes = [...]int{4, 6, 10, 20}

// addClusters fills each token's unlabeled-text fields; nil leaves them empty.
func addClusters(info []tokInfo, tokens []string, wf *wordFeats) {
	if !wf.on() {
		return
	}
	for i := range info {
		info[i].clu, info[i].cluS, info[i].mined = wf.word(tokens[i])
		info[i].wide = wf.wide
	}
}

// word returns a token's cluster path, its clitic-stripped path (when
// CluStrip and it differs) and its mined features.
func (wf *wordFeats) word(tok string) (clu, cluS string, mined []string) {
	if wf.clusters != nil {
		clu = wf.clusters(tok)
		if wf.strip {
			if s := stripClitics(tok); s != "" {
				if p := wf.clusters(s); p != clu {
					cluS = p
				}
			}
		}
	}
	if wf.mined != nil {
		mined = wf.mined(tok)
	}
	return clu, cluS, mined
}

// stripClitics returns the word without its leading clitics (و or ف, then
// ب ل or ك; لل becomes ال), "" when it has none or the rest is short.
func stripClitics(tok string) string {
	f := arabic.Fold(tok)
	rest := f
	if r, n := utf8.DecodeRuneInString(rest); r == 'و' || r == 'ف' {
		rest = rest[n:]
	}
	if strings.HasPrefix(rest, "لل") {
		rest = "ال" + rest[len("لل"):]
	} else if r, n := utf8.DecodeRuneInString(rest); r == 'ب' || r == 'ل' || r == 'ك' {
		if strings.HasPrefix(rest[n:], "ال") {
			rest = rest[n:]
		}
	}
	if rest == f || utf8.RuneCountInString(rest) < 3 {
		return ""
	}
	return rest
}

// cluFeatures appends the cluster-prefix features of the token at i+off.
func cluFeatures(dst []uint64, info []tokInfo, i, off int) []uint64 {
	j := i + off
	if j < 0 || j >= len(info) {
		return dst
	}
	return tokCluFeatures(dst, &info[j], off)
}

// tokCluFeatures appends the unlabeled-text features a token gives the
// token off places away (off 0: its own, with the stripped path and the
// mined features).
func tokCluFeatures(dst []uint64, tj *tokInfo, off int) []uint64 {
	dst = prefixFeatures(dst, tj.clu, byte('1'+off))
	if off == 0 {
		dst = prefixFeatures(dst, tj.cluS, 's')
		for _, m := range tj.mined {
			dst = append(dst, h1(fMined, m))
		}
	}
	return dst
}

// prefixFeatures appends the prefix features of cluster path c under tag t.
func prefixFeatures(dst []uint64, c string, t byte) []uint64 {
	if c == "" {
		return dst
	}
	tag := [2]byte{t, 0}
	for k, n := range cluPrefixes {
		if k > 0 && cluPrefixes[k-1] >= len(c) {
			break
		}
		tag[1] = byte('a' + k)
		dst = append(dst, h2(fClu, string(tag[:]), c[:min(n, len(c))]))
	}
	return dst
}

// speech verbs that follow a speaker's name (قال فلان / فلان قال).
var sayWords = map[string]bool{}

func init() {
	for _, w := range []string{"قال", "وقال", "اعلن", "واعلن", "اكد", "واكد", "اضاف", "واضاف", "صرح", "وصرح",
		"ذكر", "وذكر", "اوضح", "واوضح", "اشار", "واشار", "قالت", "وقالت", "اعلنت", "واعلنت", "اكدت", "واكدت",
		"اضافت", "واضافت", "ذكرت", "وذكرت", "اوضحت", "واوضحت", "اشارت", "واشارت", "دعا", "ودعا", "طالب", "وطالب",
		"نفى", "ونفى", "نفي", "ونفي", "اعتبر", "واعتبر", "يقول", "تقول", "بحسب", "حسب", "لدى", "الى", "في", "من", "عن"} {
		sayWords[w] = true
	}
}

// shapeOf classifies a token by script and length.
func shapeOf(tok, fold string) string {
	r, _ := utf8.DecodeRuneInString(tok)
	n := utf8.RuneCountInString(fold)
	var s string
	switch {
	case r >= '0' && r <= '9' || r >= '٠' && r <= '٩':
		s = "D"
	case r >= 'A' && r <= 'Z':
		s = "LU"
	case r >= 'a' && r <= 'z':
		s = "L"
	case r >= 0x0600 && r <= 0x06FF:
		s = "A"
	default:
		s = "P"
	}
	switch {
	case n <= 1:
		s += "1"
	case n <= 3:
		s += "3"
	case n <= 6:
		s += "6"
	default:
		s += "9"
	}
	return s
}

// analyse fills the token infos of one sentence; lex is the training
// lexicon the lexicon features read (nil: none), skip the gazetteer
// entries left out (nil: none).
func analyse(tokens []string, lex map[string]uint8, skip gazFilter) []tokInfo {
	info := make([]tokInfo, len(tokens))
	wkeys := make([]string, len(tokens))
	for i, t := range tokens {
		ti := &info[i]
		ti.fold = arabic.Fold(t)
		ti.stem = arabic.Stem(t)
		ti.key = arabic.Key(t)
		ti.wkey = gazetteer.WordKey(t)
		ti.shape = shapeOf(t, ti.fold)
		wkeys[i] = ti.wkey
		if lex != nil {
			ti.lex = lexName(lex, ti.key)
		}
	}
	gazetteerInfo(info, wkeys, nil, skip)
	return info
}

// gazetteerInfo fills the gazetteer fields of a sentence's token infos
// from the tokens' gazetteer word keys and, when not nil, each key's
// gazetteer.Starts.
func gazetteerInfo(info []tokInfo, wkeys []string, starts [][]gazetteer.Start, skip gazFilter) {
	for i := range info {
		if wkeys[i] == "" || starts != nil && len(starts[i]) == 0 {
			continue // no gazetteer name starts here
		}
		var n int
		var ents []gazetteer.Entry
		if starts != nil {
			n, ents = gazetteer.MatchStarts(wkeys, i, starts[i])
		} else {
			n, ents = gazetteer.Match(wkeys, i)
		}
		if n == 0 {
			continue
		}
		for _, e := range ents {
			if skip.skips(e) {
				continue
			}
			if e.Kind == gazetteer.GivenName {
				info[i].gaz = append(info[i].gaz, "given")
				info[i].given = true
				continue
			}
			if e.Kind == gazetteer.Role {
				for j := i; j < i+n; j++ {
					info[j].inRole = true
				}
				if i+n < len(info) {
					info[i+n].role = true
				}
				continue
			}
			info[i].gaz = append(info[i].gaz, "B-"+e.Type, "B-"+e.Type+"."+e.Kind.String())
			for j := i + 1; j < i+n; j++ {
				info[j].gaz = append(info[j].gaz, "I-"+e.Type)
			}
		}
	}
}

// hasher builds FNV-1a hashes of (template, text...) without allocating.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func h1(t byte, s string) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(t)
	h *= fnvPrime
	return hstr(h, s)
}

func h2(t byte, a, b string) uint64 {
	return hstr(h2a(t, a), b)
}

// h2a is h2's state after its first string: h2(t, a, b) is
// hstr(h2a(t, a), b), so a word's share is hashed once, not per pair.
func h2a(t byte, a string) uint64 {
	h := h1(t, a)
	h ^= 0xff
	h *= fnvPrime
	return h
}

// prefix and suffix of n runes (the whole word when shorter).
func prefix(s string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return "", false
		}
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	return s[:i], i < len(s)
}

func suffix(s string, n int) (string, bool) {
	i := len(s)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return "", false
		}
		_, sz := utf8.DecodeLastRuneInString(s[:i])
		i -= sz
	}
	return s[i:], i > 0
}

// features appends the hashed features of token i to dst.
func features(dst []uint64, tokens []string, info []tokInfo, i int) []uint64 {
	ti := &info[i]
	dst = append(dst, h1(fBias, ""), h1(fShape, ti.shape))
	if ti.clu != "" || ti.cluS != "" || ti.mined != nil || i > 0 && info[i-1].clu != "" || i+1 < len(info) && info[i+1].clu != "" || ti.wide {
		for off := -1; off <= 1; off++ {
			dst = cluFeatures(dst, info, i, off)
		}
		if ti.wide {
			dst = cluFeatures(dst, info, i, -2)
			dst = cluFeatures(dst, info, i, 2)
		}
	}
	if !ti.noWord {
		dst = append(dst, h1(fWord, ti.fold), h1(fStem, ti.stem), h1(fKey, ti.key))
	}
	if ti.fold != tokens[i] && !ti.noWord {
		dst = append(dst, h1(fRaw, tokens[i]))
	}
	for _, m := range ti.mem {
		dst = append(dst, h1(fMem, m))
	}
	for n, t := range [3]byte{fPre1, fPre2, fPre3} {
		if p, ok := prefix(ti.fold, n+1); ok {
			dst = append(dst, h1(t, p))
		}
	}
	for n, t := range [3]byte{fSuf1, fSuf2, fSuf3} {
		if p, ok := suffix(ti.fold, n+1); ok {
			dst = append(dst, h1(t, p))
		}
	}
	const bos, eos = "<s>", "</s>"
	prev, next, prev2, next2 := bos, eos, bos, eos
	prevStem, nextStem, prevKey, nextKey, prevShape, nextShape := bos, eos, bos, eos, bos, eos
	if i > 0 {
		p := &info[i-1]
		prev, prevStem, prevKey, prevShape = p.fold, p.stem, p.key, p.shape
	}
	if i > 1 {
		prev2 = info[i-2].fold
	}
	if i+1 < len(info) {
		n := &info[i+1]
		next, nextStem, nextKey, nextShape = n.fold, n.stem, n.key, n.shape
	}
	if i+2 < len(info) {
		next2 = info[i+2].fold
	}
	dst = append(dst,
		h1(fPrevWord, prev), h1(fNextWord, next), h1(fPrev2Word, prev2), h1(fNext2Word, next2),
		h1(fPrevStem, prevStem), h1(fNextStem, nextStem), h1(fPrevKey, prevKey), h1(fNextKey, nextKey),
		h2(fPrevBigram, prev, ti.fold), h2(fNextBigram, ti.fold, next),
		h2(fPrevShape, prevShape, ti.shape), h2(fNextShape, ti.shape, nextShape),
	)
	for _, g := range ti.gaz {
		dst = append(dst, h1(fGaz, g))
		if ti.lex != "" {
			dst = append(dst, h2(fGazLex, g, ti.lex))
		}
	}
	if i > 0 {
		for _, g := range info[i-1].gaz {
			dst = append(dst, h1(fGazPrev, g))
		}
	}
	if i+1 < len(info) {
		for _, g := range info[i+1].gaz {
			dst = append(dst, h1(fGazNext, g))
		}
	}
	if ti.role {
		dst = append(dst, h1(fRolePrev, ""))
	}
	if i > 0 && info[i-1].role {
		dst = append(dst, h1(fRolePrev2, ""))
	}
	if ti.inRole {
		dst = append(dst, h1(fInRole, ""))
	}
	if i+1 < len(info) && sayWords[info[i+1].fold] {
		dst = append(dst, h1(fSayNext, info[i+1].fold))
	}
	if i+2 < len(info) && sayWords[info[i+2].fold] {
		dst = append(dst, h1(fSayNext2, ""))
	}
	if ti.lex != "" {
		pl, nl := bos, eos
		if i > 0 {
			pl = info[i-1].lex
		}
		if i+1 < len(info) {
			nl = info[i+1].lex
		}
		pg := i > 0 && info[i-1].given
		dst = append(dst, h1(fLex, ti.lex), h1(fLexPrev, pl), h1(fLexNext, nl),
			h2(fLexShape, ti.lex, ti.shape), h2(fLexGiven, ti.lex, boolStr(pg, ti.given)))
	}
	if i == 0 {
		dst = append(dst, h1(fFirst, ""))
	}
	if i == len(info)-1 {
		dst = append(dst, h1(fLast, ""))
	}
	return dst
}

// docWindow is how many sentences on each side make a token's document
// context for the memory features (news files seldom mark where one
// article ends, so a window stands in for the document).
const docWindow = 10

// memKey is the key a word is remembered by across a document: its
// arabic.Key (clitics and inflection stripped, spelling variants joined),
// for Arabic words of three letters or more that are not stopwords. A
// word with a nisba ending keeps it apart (Key joins السويدي to السويد,
// but ANERcorp tags the adjective MISC and the country LOC, and one must
// not vote for the other).
func memKey(tok string) string {
	return memKeyOf(tok, arabic.Key(tok), arabic.Fold(tok))
}

// memKeyOf is memKey given the word's arabic.Key and arabic.Fold (the
// tagger passes those analyse already made).
func memKeyOf(tok, key, fold string) string {
	if utf8.RuneCountInString(tok) < 3 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(tok)
	if r < 0x0600 || r > 0x06FF || arabic.IsStopword(tok) {
		return ""
	}
	if key != "" && nisbaEnding(fold) {
		return key + "+ي"
	}
	return key
}

// nisbaEnding reports whether a folded word ends like a nisba adjective
// or its plural or dual (ي، يه، يين، يون، يات، يان).
func nisbaEnding(f string) bool {
	for _, s := range [...]string{"ي", "يه", "يين", "يون", "يات", "يان"} {
		if strings.HasSuffix(f, s) {
			return true
		}
	}
	return false
}

// docMemory returns, for every token of every sentence, the memory
// features: how the other sentences within docWindow tagged words of the
// same key. tags are a first pass's tag indexes.
func docMemory(sents [][]string, tags [][]int) [][][]string {
	keys := make([][]string, len(sents))
	for j, s := range sents {
		keys[j] = make([]string, len(s))
		for i, t := range s {
			keys[j][i] = memKey(t)
		}
	}
	return memoryOf(keys, tags)
}

// memoryOf is docMemory given each token's memKey. The feature slices it
// returns are shared (memValues) and must not be modified.
func memoryOf(keys [][]string, tags [][]int) [][][]string {
	// Each distinct key is numbered once, so the counting below indexes
	// slices instead of building a map per sentence.
	ids := make([][]int32, len(keys))
	index := map[string]int32{}
	for j, ks := range keys {
		ids[j] = make([]int32, len(ks))
		for i, k := range ks {
			if k == "" {
				ids[j][i] = -1
				continue
			}
			id, ok := index[k]
			if !ok {
				id = int32(len(index))
				index[k] = id
			}
			ids[j][i] = id
		}
	}
	counts := make([][5]int, len(index))
	stamp := make([]int, len(index)) // j+1 while sentence j's keys are counted
	out := make([][][]string, len(keys))
	for j := range keys {
		some := false
		for _, id := range ids[j] {
			if id >= 0 {
				stamp[id], counts[id], some = j+1, [5]int{}, true
			}
		}
		if !some {
			continue
		}
		for o := max(0, j-docWindow); o < min(len(keys), j+docWindow+1); o++ {
			if o == j {
				continue
			}
			for i, id := range ids[o] {
				if id >= 0 && stamp[id] == j+1 && i < len(tags[o]) {
					counts[id][(tags[o][i]+1)/2]++ // 0 for O, 1..4 for PERS LOC ORG MISC
				}
			}
		}
		out[j] = make([][]string, len(keys[j]))
		for i, id := range ids[j] {
			if id < 0 {
				continue
			}
			c := &counts[id]
			best := 0
			for t := 1; t < 5; t++ {
				if c[t] > c[best] || best == 0 && c[t] > 0 {
					best = t
				}
			}
			switch {
			case best == 0 && c[0] > 0:
				out[j][i] = memValues[0][0]
			case best > 0:
				strength := 0
				if c[best] > c[0] {
					strength = 1
				}
				out[j][i] = memValues[best][strength]
			}
		}
	}
	return out
}

// memValues are the memory features memoryOf gives: [0][0] is {"O"},
// [t][0] {type, type-} and [t][1] {type, type+} for t 1..4 (PERS LOC ORG
// MISC).
var memValues = func() (v [5][2][]string) {
	v[0][0] = []string{"O"}
	for t := 1; t < 5; t++ {
		typ := Tags[2*t][2:]
		v[t][0] = []string{typ, typ + "-"}
		v[t][1] = []string{typ, typ + "+"}
	}
	return v
}()

func boolStr(a, b bool) string {
	switch {
	case a && b:
		return "pg+g"
	case a:
		return "pg"
	case b:
		return "g"
	}
	return "-"
}

// The lexicon: how often the training data tagged a word (by its
// arabic.Key) as each type. A word's class is a feature, so the model learns
// how far to trust a known word and how to read an unknown one (an unknown
// word after a given name is a family name). While training, each
// sentence's lexicon is counted from the other folds only, so unknown words
// are as frequent there as on unseen text.
const (
	lexUnseen uint8 = iota // not in the lexicon (never stored)
	lexO1                  // seen once, never an entity
	lexO                   // seen 2+ times, never an entity
	lexWeak                // an entity type, but mostly O: + type
	lexStrong              // mostly an entity: + type
)

// lexInside marks a class whose type the word mostly takes inside a
// span rather than at its start (الدولي in البنك الدولي, المتحدة), so the
// lexicon tells span boundaries as well as types.
const lexInside uint8 = 1 << 6

// lexCounts counts, per word key, each of the nine tags.
type lexCounts map[string]*[nTags]uint32

func (c lexCounts) add(tokens [][]string, gold [][]int) {
	for si, toks := range tokens {
		for i, t := range toks {
			k := arabic.Key(t)
			if k == "" {
				continue
			}
			n := c[k]
			if n == nil {
				n = new([nTags]uint32)
				c[k] = n
			}
			n[gold[si][i]]++
		}
	}
}

// classes turns counts into the stored lexicon: code = class<<3 | type
// (type 1..4 for PERS LOC ORG MISC, 0 for none), plus lexInside.
func (c lexCounts) classes() map[string]uint8 {
	out := make(map[string]uint8, len(c))
	for k, tags := range c {
		var n [5]uint32
		n[0] = tags[0]
		for t := 1; t < 5; t++ {
			n[t] = tags[2*t-1] + tags[2*t]
		}
		best := 1
		for t := 2; t < 5; t++ {
			if n[t] > n[best] {
				best = t
			}
		}
		var in uint8
		if tags[2*best] > tags[2*best-1] {
			in = lexInside
		}
		ent := n[1] + n[2] + n[3] + n[4]
		switch {
		case ent == 0 && n[0] == 1:
			out[k] = lexO1 << 3
		case ent == 0:
			out[k] = lexO << 3
		case ent < n[0]:
			out[k] = lexWeak<<3 | uint8(best) | in
		default:
			out[k] = lexStrong<<3 | uint8(best) | in
		}
	}
	return out
}

var lexNames = func() map[uint8]string {
	out := map[uint8]string{lexO1 << 3: "O1", lexO << 3: "O"}
	for t := 1; t < 5; t++ {
		typ := Tags[2*t][2:]
		out[lexWeak<<3|uint8(t)] = "w" + typ
		out[lexStrong<<3|uint8(t)] = "S" + typ
		out[lexWeak<<3|uint8(t)|lexInside] = "w" + typ + "i"
		out[lexStrong<<3|uint8(t)|lexInside] = "S" + typ + "i"
	}
	return out
}()

// lexName is the feature text of a word key's lexicon class.
func lexName(lex map[string]uint8, key string) string {
	if key == "" {
		return "P"
	}
	c, ok := lex[key]
	if !ok {
		return "U"
	}
	return lexNames[c]
}

// pairFeatures appends the hashed pair features of token i: properties of
// the token that are scored with the previous tag and the token's tag
// together, so the model can learn, say, that a word opening with the
// conjunction و after a name usually starts a new entity (بري وموسى) or
// none, and seldom continues it. pairBucket turns each into a bucket for
// one previous tag.
func pairFeatures(dst []uint64, tokens []string, info []tokInfo, i int) []uint64 {
	ti := &info[i]
	dst = append(dst, h1(fPair, "bias"), h1(fPair, "s"+ti.shape))
	if r, _ := utf8.DecodeRuneInString(ti.fold); r == waw && utf8.RuneCountInString(ti.fold) >= 3 {
		dst = append(dst, h1(fPair, "waw"))
	}
	if ti.lex != "" {
		dst = append(dst, h1(fPair, "l"+ti.lex))
	}
	for _, g := range ti.gaz {
		dst = append(dst, h1(fPair, "g"+g))
	}
	if isNisba(tokens[i]) {
		dst = append(dst, h1(fPair, "nisba"))
	}
	if ti.role {
		dst = append(dst, h1(fPair, "role"))
	}
	if sayWords[ti.fold] {
		dst = append(dst, h1(fPair, "say"))
	}
	return dst
}

const waw = 'و'

// pairBucket is the bucket of pair feature f after previous tag p (start
// at the sentence start).
func pairBucket(f uint64, p int) uint64 {
	h := f ^ uint64(p+1)*0x9e3779b97f4a7c15
	h ^= h >> 29
	h *= fnvPrime
	return h ^ h>>32
}

// gazFilter holds gazetteer entries ("kind\tphrase key") the features
// ignore; see TrainOptions.ExcludeGazetteer. Nil ignores nothing.
type gazFilter map[string]bool

// newGazFilter reads entries written "kind\tname" as in the TSV files; the
// name is matched by its gazetteer.Phrase key, so any spelling of the
// entry's canonical name does.
func newGazFilter(entries []string) gazFilter {
	if len(entries) == 0 {
		return nil
	}
	f := make(gazFilter, len(entries))
	for _, e := range entries {
		kind, name, _ := strings.Cut(e, "\t")
		f[kind+"\t"+gazetteer.Phrase(name)] = true
	}
	return f
}

// skips reports whether the filter leaves the gazetteer entry e out.
func (f gazFilter) skips(e gazetteer.Entry) bool {
	return f != nil && f[e.Kind.String()+"\t"+gazetteer.Phrase(e.Canonical)]
}
