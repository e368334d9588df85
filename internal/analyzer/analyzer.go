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
	// produced by arabic.EachTerm) and drops stopwords.
	Name = "taqrir_ar"
	// NameNoStem indexes each word under arabic.KeyNoStem: spelling variants
	// and clitics are folded, inflection is not.
	NameNoStem = "taqrir_ar_nostem"
)

// Analyzer is a bleve analyzer and tokenizer: bleve's Analyze needs no filter
// chain because package arabic already normalises, stems and flags stopwords
// in one pass. The zero value is not useful; use New or NewNoStem.
type Analyzer struct {
	stem bool
}

// New returns the analyzer registered as Name.
func New() *Analyzer { return &Analyzer{stem: true} }

// NewNoStem returns the analyzer registered as NameNoStem.
func NewNoStem() *Analyzer { return &Analyzer{stem: false} }

var (
	_ analysis.Analyzer  = (*Analyzer)(nil)
	_ analysis.Tokenizer = (*Analyzer)(nil)
)

func init() {
	mustRegister(Name, func() *Analyzer { return New() })
	mustRegister(NameNoStem, func() *Analyzer { return NewNoStem() })
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
	b := newBuilder(len(input))
	pos := 0
	arabic.EachTerm(text, func(start, end int, key string, stop bool) {
		pos++
		if stop {
			return
		}
		if !a.stem {
			key = arabic.KeyNoStem(text[start:end])
		}
		if key == "" {
			return
		}
		b.add(start, end, pos, key)
	})
	return b.stream
}

// builder hands out tokens from slabs and term bytes from a shared buffer so
// that a field costs a handful of allocations instead of two per token. A slab
// is never grown in place, because the stream holds pointers into it.
type builder struct {
	n      int // bytes of input
	stream analysis.TokenStream
	slab   []analysis.Token
	terms  []byte
}

// Arabic news averages 12 to 14 bytes per indexed word (two-byte letters,
// a space, stopwords not indexed); Latin text has fewer. Guessing low and
// adding a slab sized for the rest of the text wastes less memory than
// guessing high, and memory cleared but unused costs time too.
const bytesPerToken = 12

func slabSize(bytesLeft int) int { return bytesLeft/bytesPerToken + 16 }

func newBuilder(n int) builder {
	est := slabSize(n)
	return builder{
		n:      n,
		stream: make(analysis.TokenStream, 0, est),
		slab:   make([]analysis.Token, 0, est),
		// Keys are never longer than their words by more than a few bytes
		// (a folded letter may grow), and words are most of the text.
		terms: make([]byte, 0, n),
	}
}

func (b *builder) add(start, end, pos int, key string) {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]analysis.Token, 0, slabSize(b.n-end))
	}
	if len(b.terms)+len(key) > cap(b.terms) {
		b.terms = make([]byte, 0, max(b.n-end, len(key), 64))
	}
	off := len(b.terms)
	b.terms = append(b.terms, key...)
	b.slab = append(b.slab, analysis.Token{
		Start:    start,
		End:      end,
		Position: pos,
		// The full slice expression caps the term so that a later filter
		// appending to it cannot overwrite the next token's bytes.
		Term: b.terms[off:len(b.terms):len(b.terms)],
		Type: tokenType(key),
	})
	b.stream = append(b.stream, &b.slab[len(b.slab)-1])
}

// tokenType lets bleve treat numbers as numbers (it matters to a few query
// types); everything else is a word.
func tokenType(key string) analysis.TokenType {
	r, _ := utf8.DecodeRuneInString(key)
	if unicode.IsDigit(r) {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
