package arabic

// Kind says what sort of text a Token covers.
type Kind uint8

const (
	KindArabic Kind = iota + 1 // Arabic-script word
	KindLatin                  // Latin (or other alphabetic) word
	KindNumber                 // 2,500 / ٢٥٠٠ / 3.5 / 2020 / 12:30 as one token
	KindPunct                  // punctuation and symbols
)

// String returns the lower-case name used in golden files and JSON output.
func (k Kind) String() string {
	switch k {
	case KindArabic:
		return "arabic"
	case KindLatin:
		return "latin"
	case KindNumber:
		return "number"
	case KindPunct:
		return "punct"
	}
	return "unknown"
}

// Token is one word, number or punctuation mark of a text. Start and End are
// byte offsets into the original text, so a highlighter or fact extractor can
// point back at exactly what the journalist wrote, whatever normalisation did.
type Token struct {
	Start, End int // byte offsets into the ORIGINAL text, End exclusive; on rune boundaries
	Text       string
	Kind       Kind
	Norm       string // display form (Normalize of Text)
	Stem       string // light stem: match-folded, clitics and affixes stripped
	Key        string // index term: variant key of the stem, alias-resolved
	Stop       bool   // stopword, decided after folding
}

// Sentence is one sentence of a text; Start and End are byte offsets into the
// original text and Text is text[Start:End] with surrounding space trimmed.
type Sentence struct {
	Start, End int
	Text       string
}
