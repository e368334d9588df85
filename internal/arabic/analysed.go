package arabic

// Doc is a text analysed once for the stages that read it sentence by
// sentence and word by word (the fact stages: tagger, gazetteer,
// resolver, dates, figures, claims): its sentences, its tokens and each
// token's Fold. A stage handed a Doc reads these instead of splitting,
// tokenising and folding the text again. A Doc is read-only once made.
type Doc struct {
	Text      string
	Sentences []Sentence // Sentences(Text)
	Tokens    []Token    // Tokenize(Text): Start, End, Text and Kind
	Folds     []string   // Fold of each token's Text
	// sent holds each sentence's tokens as Tokenize(s.Text) gives them,
	// offsets moved into Text.
	sent [][]Token
}

// Analyse splits text into sentences and tokens and folds each token.
// Each sentence is tokenised on its own, as a sentence tagger must see it;
// the text's tokens are those tokens in order, which is what Tokenize
// gives for the whole text: a sentence ends at a line break, after a
// terminator or closing mark or before trimmed space, where no token
// runs on and no token's scan looks past the end. Only a sentence cut at
// MaxSentenceBytes inside a run without spaces can end inside a token;
// then the whole text is tokenised apart (TestAnalyseTokens).
func Analyse(text string) *Doc {
	sents, cut := sentences(text)
	d := &Doc{Text: text, Sentences: sents, sent: make([][]Token, len(sents))}
	if cut {
		d.Tokens = Tokenize(text)
		for i, s := range sents {
			d.sent[i] = appendTokens(nil, s.Text, s.Start)
		}
	} else {
		toks := make([]Token, 0, len(text)/8+16)
		ends := make([]int, len(sents))
		for i, s := range sents {
			toks = appendTokens(toks, s.Text, s.Start)
			ends[i] = len(toks)
		}
		a := 0
		for i, e := range ends {
			d.sent[i] = toks[a:e:e]
			a = e
		}
		d.Tokens = toks
	}
	d.Folds = make([]string, len(d.Tokens))
	for i := range d.Tokens {
		d.Folds[i] = Fold(d.Tokens[i].Text)
	}
	return d
}

// SentenceTokens returns the tokens of sentence i (Tokenize of its Text),
// with offsets into d.Text. The slice must not be modified.
func (d *Doc) SentenceTokens(i int) []Token { return d.sent[i] }
