package analyzer

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Names under which the analyzers (and tokenizers of the same behaviour) are
// registered with bleve.
const (
	// Name indexes each word under its stemmed variant key (arabic.Key, as
	// produced by arabic.EachTermAlt) and drops stopwords. A word whose
	// first letter may be a clitic the stemmer kept also gets the key
	// without it at the same position (dev MRR@10 73.9 → 74.4), and a
	// word with an arabic.DerivKey gets that too: the link of a verb to
	// its masdar and participle (يستخدم، استخدام، مستخدم), of a broken
	// plural to its singular (مدن، مدينة) and of a number word to its
	// digits (خمسة، 5); dev MRR@10 74.4 → 76.6 from these links. The
	// clitic-free reading gets its DerivKey as well (فيستخدم → استخدم).
	Name = "taqrir_ar"
	// NameNoStem indexes each word under arabic.KeyNoStem: spelling variants
	// and clitics are folded, inflection is not.
	NameNoStem = "taqrir_ar_nostem"
	// NameNgram indexes each word as the overlapping three-letter slices of
	// its arabic.KeyNoStem (a word of one or two letters whole), all at the
	// word's position. Meant for a second field searched at a lower weight:
	// it links forms that no stemming rule relates, such as two
	// transliterations of a name or a verb and its noun.
	NameNgram = "taqrir_ar_ngram"
	// NameStemNgram indexes each word as the three-letter slices of its
	// Name key (the stem, clitics and inflection already off) padded with
	// EdgeMark, at the word's position; stopwords are dropped. Like
	// NameNgram it is for a second field at a lower weight, and it is the
	// one package eval found better on its dev split: slices of the bare
	// word spend weight on the article and suffixes every word shares (ال،
	// ات، ين), while the padded edge slices reward keys that begin or end
	// alike, which is where Arabic keeps its affixes.
	NameStemNgram = "taqrir_ar_stemgram"
)

// NgramSize is the length in letters of the slices NameNgram and
// NameStemNgram index.
const NgramSize = 3

// EdgeMark pads a key on both sides before NameStemNgram slices it. Keys
// never contain it: the tokenizer splits words at punctuation.
const EdgeMark = '_'

type mode uint8

const (
	modeStem mode = iota
	modeNoStem
	modeNgram
	modeStemNgram
)

// Analyzer is a bleve analyzer and tokenizer: bleve's Analyze needs no filter
// chain because package arabic already normalises, stems and flags stopwords
// in one pass. The zero value is the stemming analyzer of New.
type Analyzer struct {
	mode mode
}

// New returns the analyzer registered as Name.
func New() *Analyzer { return &Analyzer{mode: modeStem} }

// NewNoStem returns the analyzer registered as NameNoStem.
func NewNoStem() *Analyzer { return &Analyzer{mode: modeNoStem} }

// NewNgram returns the analyzer registered as NameNgram.
func NewNgram() *Analyzer { return &Analyzer{mode: modeNgram} }

// NewStemNgram returns the analyzer registered as NameStemNgram.
func NewStemNgram() *Analyzer { return &Analyzer{mode: modeStemNgram} }

var (
	_ analysis.Analyzer  = (*Analyzer)(nil)
	_ analysis.Tokenizer = (*Analyzer)(nil)
)

func init() {
	mustRegister(Name, func() *Analyzer { return New() })
	mustRegister(NameNoStem, func() *Analyzer { return NewNoStem() })
	mustRegister(NameNgram, func() *Analyzer { return NewNgram() })
	mustRegister(NameStemNgram, func() *Analyzer { return NewStemNgram() })
}

func mustRegister(name string, mk func() *Analyzer) {
	err := registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return mk(), nil
	})
	if err == nil {
		err = registry.RegisterTokenizer(name, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
			return mk(), nil
		})
	}
	if err != nil {
		// Only a second registration of the same name gets here, which is a
		// programming error found at start-up.
		panic("analyzer: " + err.Error())
	}
}

// Analyze implements analysis.Analyzer.
func (a *Analyzer) Analyze(input []byte) analysis.TokenStream { return a.Tokenize(input) }

// Tokenize implements analysis.Tokenizer. Token.Start and Token.End are byte
// offsets of the word in input, whatever its key looks like; Position counts
// every word including dropped stopwords, like bleve's own stop filter, so
// phrase queries see the gap a stopword leaves.
func (a *Analyzer) Tokenize(input []byte) analysis.TokenStream {
	if len(input) == 0 {
		return nil
	}
	// The text is only read during this call and no string derived from it
	// outlives the call (every key is copied into terms below), so viewing
	// the bytes as a string saves a copy of the whole field.
	text := unsafe.String(&input[0], len(input))
	b := newBuilder(len(input), a.mode == modeNgram || a.mode == modeStemNgram)
	pos := 0
	arabic.EachTermAlt(text, func(start, end int, key, alt string, stop bool) {
		pos++
		if stop {
			return
		}
		switch a.mode {
		case modeNoStem:
			key = arabic.KeyNoStem(text[start:end])
		case modeNgram:
			b.addNgrams(start, end, pos, arabic.KeyNoStem(text[start:end]), false)
			return
		case modeStemNgram:
			b.addNgrams(start, end, pos, key, true)
			return
		}
		if key == "" {
			return
		}
		b.add(start, end, pos, key)
		if a.mode == modeStem {
			if alt != "" {
				b.add(start, end, pos, alt)
			}
			if d := arabic.DerivKey(key); d != "" && d != key && d != alt {
				b.add(start, end, pos, d)
			}
			if alt != "" {
				if d := arabic.DerivKey(alt); d != "" && d != key && d != alt && d != arabic.DerivKey(key) {
					b.add(start, end, pos, d)
				}
			}
		}
	})
	return b.stream
}

// builder hands out tokens from slabs and term bytes from a shared buffer so
// that a field costs a handful of allocations instead of two per token. A slab
// is never grown in place, because the stream holds pointers into it.
type builder struct {
	n      int // bytes of input
	ngrams bool
	stream analysis.TokenStream
	slab   []analysis.Token
	terms  []byte
}

// Arabic news averages 12 to 14 bytes per indexed word (two-byte letters,
// a space, stopwords not indexed); Latin text has fewer. Guessing low and
// adding a slab sized for the rest of the text wastes less memory than
// guessing high, and memory cleared but unused costs time too. An n-gram
// stream has about four tokens where a word stream has one.
const (
	bytesPerToken      = 12
	bytesPerNgramToken = 3
)

func (b *builder) slabSize(bytesLeft int) int {
	if b.ngrams {
		return bytesLeft/bytesPerNgramToken + 16
	}
	return bytesLeft/bytesPerToken + 16
}

func newBuilder(n int, ngrams bool) builder {
	b := builder{n: n, ngrams: ngrams}
	est := b.slabSize(n)
	b.stream = make(analysis.TokenStream, 0, est)
	b.slab = make([]analysis.Token, 0, est)
	// Keys are about as long as their words, and words are most of the text.
	b.terms = make([]byte, 0, n)
	return b
}

// copyKey copies key into the shared term buffer.
func (b *builder) copyKey(textEnd int, key string) []byte {
	if len(b.terms)+len(key) > cap(b.terms) {
		b.terms = make([]byte, 0, max(b.n-textEnd, len(key), 64))
	}
	off := len(b.terms)
	b.terms = append(b.terms, key...)
	return b.terms[off:]
}

// copyPadded copies key between two EdgeMark bytes into the shared term
// buffer.
func (b *builder) copyPadded(textEnd int, key string) []byte {
	if len(b.terms)+len(key)+2 > cap(b.terms) {
		b.terms = make([]byte, 0, max(b.n-textEnd, len(key)+2, 64))
	}
	off := len(b.terms)
	b.terms = append(b.terms, EdgeMark)
	b.terms = append(b.terms, key...)
	b.terms = append(b.terms, EdgeMark)
	return b.terms[off:]
}

// push appends a token whose term is term[i:j].
func (b *builder) push(start, end, pos int, term []byte, i, j int) {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]analysis.Token, 0, b.slabSize(b.n-end))
	}
	b.slab = append(b.slab, analysis.Token{
		Start:    start,
		End:      end,
		Position: pos,
		// The full slice expression caps the term so that a later filter
		// appending to it cannot overwrite the next token's bytes.
		Term: term[i:j:j],
		Type: tokenType(term[i:j]),
	})
	b.stream = append(b.stream, &b.slab[len(b.slab)-1])
}

func (b *builder) add(start, end, pos int, key string) {
	t := b.copyKey(end, key)
	b.push(start, end, pos, t, 0, len(t))
}

// addNgrams adds the NgramSize-letter slices of key, or key itself when it
// is shorter, each with the offsets and position of the whole word. The
// slices share one copy of the key. With edges the key is first padded with
// EdgeMark on both sides, so the first and last slices say where the key
// begins and ends.
func (b *builder) addNgrams(start, end, pos int, key string, edges bool) {
	if key == "" {
		return
	}
	var t []byte
	if edges {
		t = b.copyPadded(end, key)
	} else {
		t = b.copyKey(end, key)
	}
	// i and j are the byte offsets of the slice's first letter and of the
	// letter after its last; both advance one letter a step.
	j := 0
	for range NgramSize {
		if j == len(t) {
			break
		}
		_, n := utf8.DecodeRune(t[j:])
		j += n
	}
	for i := 0; ; {
		b.push(start, end, pos, t, i, j)
		if j == len(t) {
			return
		}
		_, n := utf8.DecodeRune(t[i:])
		i += n
		_, n = utf8.DecodeRune(t[j:])
		j += n
	}
}

// tokenType lets bleve treat numbers as numbers (it matters to a few query
// types); everything else is a word.
func tokenType(term []byte) analysis.TokenType {
	r, _ := utf8.DecodeRune(term)
	if unicode.IsDigit(r) {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// Version identifies the terms Name produces: an index built under another
// Version holds stale terms and must be rebuilt from the store.
func Version() string { return Name + "/" + arabic.Fingerprint() }
