package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

//go:embed model.bin.gz
var embedded []byte

// maxRun bounds how many tokens are decoded at once: a "sentence" longer
// than this (a run-on text without punctuation) is tagged in pieces.
const maxRun = 400

// Tagger tags tokens with a trained Model. It is safe for concurrent use.
type Tagger struct {
	m    *Model
	pool sync.Pool // *work
	// pairs caches, per model (m and m.Doc), the transition weights each
	// pair feature adds after every previous tag: a handful of feature
	// values recur on every token, and reading their nine buckets from
	// the 38 MB weight table each time costs more than the rest of the
	// token's features.
	pairs map[*Model]*sync.Map // feature hash → *pairRow
	// words caches each distinct token's analysis and score parts under
	// m and m.Doc (see wordEntry).
	words *wordCache
}

// pairRow is what one pair feature adds to the transition weights, for
// each previous tag (start included) and tag.
type pairRow [(nTags + 1) * nTags]int32

type work struct {
	feats []uint64
	pairs []uint64
	emit  []int32
	trans []int32
	path  []int
	score []int32 // viterbiTable's
	back  []uint8
}

// New returns a Tagger over m.
func New(m *Model) *Tagger {
	t := &Tagger{m: m, pool: sync.Pool{New: func() any { return new(work) }}, pairs: map[*Model]*sync.Map{m: new(sync.Map)}, words: newWordCache()}
	t.words.small[0] = newSmallRows(m)
	if m.Doc != nil {
		t.pairs[m.Doc] = new(sync.Map)
		t.words.small[1] = newSmallRows(m.Doc)
	}
	return t
}

// pairRow returns the cached transition weights pair feature f adds under
// model m.
func (t *Tagger) pairRow(m *Model, f uint64) *pairRow {
	cache := t.pairs[m]
	if cache == nil { // a model this tagger was not made for: no cache
		return m.pairRow(f)
	}
	if r, ok := cache.Load(f); ok {
		return r.(*pairRow)
	}
	r, _ := cache.LoadOrStore(f, m.pairRow(f))
	return r.(*pairRow)
}

// pairRow reads the weights of pair feature f from the table.
func (m *Model) pairRow(f uint64) *pairRow {
	var r pairRow
	mask := m.mask()
	for p := 0; p <= nTags; p++ {
		b := pairBucket(f, p) & mask
		for k, v := range m.W[b*nTags : b*nTags+nTags] {
			r[p*nTags+k] = int32(v)
		}
	}
	return &r
}

var (
	defOnce sync.Once
	def     *Tagger
)

// Default returns the tagger of the embedded model, loaded once. The
// embedded model is part of the build, so a model that cannot be read is
// a build bug and panics (the package tests load it).
func Default() *Tagger {
	defOnce.Do(func() {
		m, err := ReadModel(bytes.NewReader(embedded))
		if err != nil {
			panic(fmt.Sprintf("ner: embedded model.bin.gz: %v", err))
		}
		def = New(m)
	})
	return def
}

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.m }

// Tag returns one BIO tag (one of Tags) for each token of one sentence,
// seen alone. TagDoc is better when the sentence's article is at hand.
func (t *Tagger) Tag(tokens []string) []string {
	return names(t.tag(t.m, tokens, nil))
}

// TagDoc tags the sentences of one document (or a run of sentences from
// one source, in order). With a model that has a document pass, a first
// pass tags every sentence alone, and a second pass sees how the
// surrounding sentences tagged each word (a name tagged PERS three times
// is likely PERS the fourth time too).
func (t *Tagger) TagDoc(sents [][]string) [][]string {
	idx := t.tagDoc(sents)
	out := make([][]string, len(idx))
	for i, s := range idx {
		out[i] = names(s)
	}
	return out
}

func (t *Tagger) tagDoc(sents [][]string) [][]int {
	out, _ := t.tagDocInfo(sents)
	return out
}

// tagDocInfo is tagDoc also returning each sentence's token analysis.
func (t *Tagger) tagDocInfo(sents [][]string) ([][]int, [][]tokInfo) {
	// Both passes read the same token analysis (the document pass only
	// adds memory), so each sentence is analysed once.
	infos := make([][]tokInfo, len(sents))
	first := make([][]int, len(sents))
	for i, s := range sents {
		infos[i] = t.analyseRuns(s)
		if t.m.wf.on() && !cached(infos[i]) {
			addClusters(infos[i], s, t.m.wf)
		}
		first[i] = t.tagInfo(t.m, s, infos[i])
	}
	if t.m.Doc == nil {
		return first, infos
	}
	keys := make([][]string, len(sents))
	for j, s := range sents {
		keys[j] = make([]string, len(s))
		for i, tok := range s {
			if w := infos[j][i].w; w != nil {
				keys[j][i] = w.memKey
			} else {
				keys[j][i] = memKeyOf(tok, infos[j][i].key, infos[j][i].fold)
			}
		}
	}
	mem := memoryOf(keys, first)
	out := make([][]int, len(sents))
	for i, s := range sents {
		if mem[i] != nil {
			for k := range infos[i] {
				infos[i][k].mem = mem[i][k]
			}
		}
		out[i] = t.tagInfo(t.m.Doc, s, infos[i])
	}
	return out, infos
}

// analyseRuns is analyseRuns(tokens, t.m.Lex, t.m.skipGaz) through the
// word cache.
func (t *Tagger) analyseRuns(tokens []string) []tokInfo {
	if len(tokens) <= maxRun {
		return t.analyseCached(tokens)
	}
	info := make([]tokInfo, 0, len(tokens))
	for s := 0; s < len(tokens); s += maxRun {
		info = append(info, t.analyseCached(tokens[s:min(s+maxRun, len(tokens))])...)
	}
	return info
}

// analyseRuns analyses a sentence run by run (see maxRun), as tag does.
func analyseRuns(tokens []string, lex map[string]uint8, skip gazFilter) []tokInfo {
	if len(tokens) <= maxRun {
		return analyse(tokens, lex, skip)
	}
	info := make([]tokInfo, 0, len(tokens))
	for s := 0; s < len(tokens); s += maxRun {
		info = append(info, analyse(tokens[s:min(s+maxRun, len(tokens))], lex, skip)...)
	}
	return info
}

// tagInfo decodes one analysed sentence with m, run by run.
func (t *Tagger) tagInfo(m *Model, tokens []string, info []tokInfo) []int {
	out := make([]int, 0, len(tokens))
	for s := 0; s < len(tokens); s += maxRun {
		e := min(s+maxRun, len(tokens))
		out = append(out, t.tagRun(m, tokens[s:e], info[s:e])...)
	}
	splitNisba(tokens, out)
	return out
}

func names(idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = Tags[k]
	}
	return out
}

// tag decodes one sentence with m; mem, when not nil, holds the memory
// features of each token.
func (t *Tagger) tag(m *Model, tokens []string, mem [][]string) []int {
	var info []tokInfo
	if m == t.m {
		info = t.analyseRuns(tokens)
	} else {
		info = analyseRuns(tokens, m.Lex, m.skipGaz)
	}
	if m.wf.on() && !cached(info) {
		addClusters(info, tokens, m.wf)
	}
	for i := range mem {
		info[i].mem = mem[i]
	}
	return t.tagInfo(m, tokens, info)
}

// Tag indexes splitNisba rewrites.
const (
	tagBPers = 1
	tagIPers = 2
	tagBMisc = 7
)

// splitNisba takes a nisba adjective (الأمريكي، القطرية) off the front of a
// person span: ANERcorp tags الأمريكي جورج بوش as MISC then PERS, and of
// its 1,613 person names of two words or more none starts with one.
func splitNisba(tokens []string, tags []int) {
	for i := 0; i+1 < len(tags); i++ {
		if tags[i] != tagBPers || tags[i+1] != tagIPers || !isNisba(tokens[i]) {
			continue
		}
		tags[i], tags[i+1] = tagBMisc, tagBPers
	}
}

// isNisba reports whether a word has the shape of a definite nisba
// adjective: ال (after at most one clitic letter) and a final ي or ية,
// at least five letters in all.
func isNisba(word string) bool {
	f := arabic.Fold(word)
	if r, n := utf8.DecodeRuneInString(f); strings.ContainsRune("وفبلك", r) && !strings.HasPrefix(f, "ال") {
		f = f[n:]
	}
	if !strings.HasPrefix(f, "ال") || utf8.RuneCountInString(f) < 5 {
		return false
	}
	return strings.HasSuffix(f, "ي") || strings.HasSuffix(f, "يه")
}

// tagRun decodes at most maxRun analysed tokens.
func (t *Tagger) tagRun(m *Model, tokens []string, info []tokInfo) []int {
	w := t.pool.Get().(*work)
	defer t.pool.Put(w)
	n := len(tokens)
	if cap(w.emit) < n*nTags {
		w.emit = make([]int32, n*nTags)
	}
	emit := w.emit[:n*nTags]
	const tsize = (nTags + 1) * nTags
	if cap(w.trans) < n*tsize {
		w.trans = make([]int32, n*tsize)
	}
	if s := t.slot(m); s >= 0 && cached(info) {
		emitCached(m, t.words.small[s], s, info, emit)
		tr := w.trans[:n*tsize]
		t.transCached(m, s, info, tr)
		w.path = viterbiTable(w, emit, tr, n)
		return append([]int(nil), w.path...)
	}
	mask := m.mask()
	for i := range tokens {
		w.feats = features(w.feats[:0], tokens, info, i)
		var row [nTags]int32
		for _, f := range w.feats {
			ws := m.W[(f&mask)*nTags : (f&mask)*nTags+nTags]
			for k := range row {
				row[k] += int32(ws[k])
			}
		}
		copy(emit[i*nTags:], row[:])
	}
	// Transition scores of each position: the plain transitions plus the
	// pair features of the token, for every previous tag.
	tr := w.trans[:n*tsize]
	for i := range tokens {
		w.pairs = pairFeatures(w.pairs[:0], tokens, info, i)
		row := tr[i*tsize : (i+1)*tsize]
		for k := range row {
			row[k] = int32(m.T[k])
		}
		for _, f := range w.pairs {
			pr := t.pairRow(m, f)
			for k := range row {
				row[k] += pr[k]
			}
		}
	}
	trans := func(i, p, c int) int32 { return tr[i*tsize+p*nTags+c] }
	w.path = viterbi(emit, trans, n, w.path)
	return append([]int(nil), w.path...)
}

// cached reports whether every token of info came through the word cache.
func cached(info []tokInfo) bool {
	for i := range info {
		if info[i].w == nil {
			return false
		}
	}
	return true
}

// Span is one entity mention: byte offsets into the text given to
// Entities, its type (PERS, LOC, ORG, MISC) and Text == text[Start:End].
type Span struct {
	Start, End int
	Type       string
	Text       string
}

// Entities finds the entity mentions of a text: it splits it into
// sentences and tokens (internal/arabic), tags each sentence, and returns
// the spans in text order. A leading clitic و ف ب ل ك of the first word
// is left out of the span (والعراق → العراق, بالقاهرة → القاهرة); ال
// stays. Spans without an Arabic letter (Latin words, digits, symbols:
// outside what the model was trained on) are dropped.
func (t *Tagger) Entities(text string) []Span {
	return t.EntitiesDoc(arabic.Analyse(text))
}

// EntitiesDoc is Entities over a text already analysed: its sentences
// and each sentence's tokens are read from d.
func (t *Tagger) EntitiesDoc(d *arabic.Doc) []Span {
	spans, _, _ := t.entitiesDoc(d, false)
	return spans
}

// EntitiesDocKeys is EntitiesDoc also returning each token's
// gazetteer.WordKey and its gazetteer.Starts (what gazetteer.MatchStarts
// needs; "" and nil for punctuation), read from the word cache's entries
// the tagging used rather than looked up again. The starts must not be
// modified.
func (t *Tagger) EntitiesDocKeys(d *arabic.Doc) ([]Span, []string, [][]gazetteer.Start) {
	return t.entitiesDoc(d, true)
}

func (t *Tagger) entitiesDoc(d *arabic.Doc, withKeys bool) ([]Span, []string, [][]gazetteer.Start) {
	text := d.Text
	var out []Span
	var toks [][]arabic.Token
	var words [][]string
	for si := range d.Sentences {
		tk := d.SentenceTokens(si)
		if len(tk) == 0 {
			continue
		}
		w := make([]string, len(tk))
		for i := range tk {
			w[i] = tk[i].Text
		}
		toks, words = append(toks, tk), append(words, w)
	}
	tagged, infos := t.tagDocInfo(words)
	for si, tags := range tagged {
		toks := toks[si]
		for i := 0; i < len(tags); {
			if tags[i] == 0 || tags[i]%2 == 0 {
				i++
				continue
			}
			typ := Tags[tags[i]][2:]
			j := i + 1
			for j < len(tags) && tags[j] == tags[i]+1 {
				j++
			}
			i = mediaHead(text, toks, i, j)
			start := toks[i].Start + t.cliticLen(toks[i].Text)
			end := toks[j-1].End
			if start < end && hasArabicLetter(text[start:end]) {
				out = append(out, Span{Start: start, End: end, Type: typ, Text: text[start:end]})
			}
			i = j
		}
	}
	if !withKeys {
		return out, nil, nil
	}
	keys, starts := t.docKeys(d, toks, infos)
	return out, keys, starts
}

// docKeys gives the key and starts of each token of d from the word entries of
// the tagged sentences (toks and their infos), whose tokens are d's in
// order unless a sentence was cut inside a token; a token it cannot match
// so is looked up.
func (t *Tagger) docKeys(d *arabic.Doc, toks [][]arabic.Token, infos [][]tokInfo) ([]string, [][]gazetteer.Start) {
	keys := make([]string, len(d.Tokens))
	starts := make([][]gazetteer.Start, len(d.Tokens))
	si, k := 0, 0
	for i, tok := range d.Tokens {
		for si < len(toks) && (k >= len(toks[si]) || toks[si][k].Start < tok.Start) {
			if k >= len(toks[si]) {
				si, k = si+1, 0
			} else {
				k++
			}
		}
		var e *wordEntry
		if si < len(toks) && toks[si][k].Start == tok.Start && toks[si][k].End == tok.End {
			e = infos[si][k].w
			k++
		}
		if tok.Kind == arabic.KindPunct {
			continue
		}
		if e == nil || e.tok != tok.Text {
			e = t.word(tok.Text)
		}
		keys[i], starts[i] = e.wkey, e.starts
	}
	return keys, starts
}

// hasArabicLetter reports whether s has an Arabic letter: the model knows
// Arabic news only, so a span of Latin words, digits or symbols is outside
// what it can vouch for and is not reported.
func hasArabicLetter(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// cliticLen returns the byte length of a leading clitic of an entity's
// first word, or 0: و ف ب ك before ال, ل before ل (للعراق), and any of
// them before a word the model or the gazetteer knows as a name when the
// whole word is not one itself (وبغداد, ومحمد; but وليد, لبنان, بغداد stay).
func (t *Tagger) cliticLen(word string) int {
	r, n := utf8.DecodeRuneInString(word)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
	default:
		return 0
	}
	rest := word[n:]
	if utf8.RuneCountInString(rest) < 2 {
		return 0
	}
	frest := arabic.Fold(rest)
	if len(frest) > 4 && frest[:4] == "ال" && r != 'ل' && utf8.RuneCountInString(frest) > 3 {
		return n
	}
	if r == 'ل' && len(frest) >= 2 && frest[:2] == "ل" {
		return n
	}
	if utf8.RuneCountInString(frest) < 3 || t.known(arabic.Fold(word)) {
		return 0
	}
	if t.known(frest) {
		return n
	}
	return 0
}

func (t *Tagger) known(fold string) bool {
	if t.m.Known[fold] {
		return true
	}
	if e, ok := gazetteer.Lookup(fold); ok && e.Kind != gazetteer.Role && gazetteer.Phrase(fold) == gazetteer.Phrase(e.Canonical) {
		return true
	}
	return false
}

// LoadFile returns a Tagger over the model file at path.
func LoadFile(path string) (*Tagger, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return New(m), nil
}

// mediaHeads are the nouns that stand before an outlet's name and stay out
// of its span, as ANERcorp annotates them (وكالة O, رويترز B-ORG).
var mediaHeads = map[string]bool{"وكاله": true, "صحيفه": true, "قناه": true, "مجله": true, "جريده": true}

// mediaHead returns the first token of the span i..j, moved past a head
// noun (وكالة، صحيفة، قناة) when the rest is an outlet the gazetteer knows.
func mediaHead(text string, toks []arabic.Token, i, j int) int {
	if j-i < 2 || !mediaHeads[arabic.Fold(toks[i].Text)] {
		return i
	}
	for _, e := range gazetteer.LookupAll(text[toks[i+1].Start:toks[j-1].End]) {
		if e.Kind == gazetteer.Media {
			return i + 1
		}
	}
	return i
}

// CommonWord reports whether the training data saw word (by its
// arabic.Key) mostly as a plain word (رئيس, البيان), and whether it saw
// it inside a name at all (مسقط is mostly "مسقط رأس" but also the city).
// A gazetteer name that is such a word needs the tagger's vote, not the
// list's, to be a name.
func (t *Tagger) CommonWord(word string) (plain, everName bool) {
	c, ok := t.m.Lex[arabic.Key(word)]
	if !ok {
		return false, false
	}
	switch c &^ lexInside >> 3 {
	case lexO1, lexO:
		return true, false
	case lexWeak:
		return true, true
	}
	return false, true
}
