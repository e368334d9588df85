package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Sentence is one training sentence: tokens and their BIO tags.
type Sentence struct {
	Tokens []string
	Tags   []string
}

// TrainOptions control Train.
type TrainOptions struct {
	Epochs int    // passes over the data (default 12)
	Seed   uint64 // shuffling seed (default 1)
	Bits   uint8  // 1<<Bits feature buckets (default 20)
	Log    io.Writer
	// Epoch, when set, is called after each epoch with the averaged model
	// so far (for watching a development split).
	Epoch func(epoch int, m *Model)
	Info  string // provenance written into the model
}

// Train trains a model on sentences with the averaged structured
// perceptron. Tags other than those in Tags are an error naming the
// sentence and token.
func Train(data []Sentence, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 12
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Bits == 0 {
		opt.Bits = 20
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	mask := uint64(1)<<opt.Bits - 1
	type sent struct {
		gold  []int
		feats [][]uint32
	}
	sents := make([]sent, 0, len(data))
	known := map[string]bool{}
	for si, s := range data {
		if len(s.Tokens) != len(s.Tags) {
			return nil, fmt.Errorf("ner: train sentence %d: %d tokens but %d tags", si+1, len(s.Tokens), len(s.Tags))
		}
		if len(s.Tokens) == 0 {
			continue
		}
		gold := make([]int, len(s.Tags))
		for i, tg := range s.Tags {
			k, ok := tagIndex(tg)
			if !ok {
				return nil, fmt.Errorf("ner: train sentence %d token %d (%q): unknown tag %q (want one of %v)", si+1, i+1, s.Tokens[i], tg, Tags)
			}
			gold[i] = k
			if k != 0 {
				known[arabic.Fold(s.Tokens[i])] = true
			}
		}
		info := analyse(s.Tokens)
		fs := make([][]uint32, len(s.Tokens))
		var buf []uint64
		for i := range s.Tokens {
			buf = features(buf[:0], s.Tokens, info, i)
			row := make([]uint32, len(buf))
			for j, f := range buf {
				row[j] = uint32(f & mask)
			}
			fs[i] = row
		}
		sents = append(sents, sent{gold, fs})
	}
	// A word with a clitic letter whose rest is itself a known name is
	// not a name of its own (ومحمد is و + محمد; وليد stays).
	for w := range known {
		r, n := utf8.DecodeRuneInString(w)
		switch r {
		case 'و', 'ف', 'ب', 'ل', 'ك':
			if utf8.RuneCountInString(w[n:]) >= 3 && known[w[n:]] {
				delete(known, w)
			}
		}
	}
	size := (int(mask) + 1) * nTags
	w := make([]float32, size)
	u := make([]float64, size)
	var tw [(nTags + 1) * nTags]float32
	var tu [(nTags + 1) * nTags]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a71))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var emit []float32
	var pred []int
	average := func() *Model {
		aw := make([]float32, size)
		for i := range w {
			aw[i] = w[i] - float32(u[i]/c)
		}
		var at [(nTags + 1) * nTags]float32
		for i := range tw {
			at[i] = tw[i] - float32(tu[i]/c)
		}
		m := quantize(opt.Bits, aw, at[:])
		m.Known = known
		m.Info = opt.Info
		return m
	}
	trans := func(p, t int) float32 { return tw[p*nTags+t] }
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, si := range order {
			s := sents[si]
			n := len(s.gold)
			emit = append(emit[:0], make([]float32, n*nTags)...)
			for i, row := range s.feats {
				e := emit[i*nTags : i*nTags+nTags]
				for _, f := range row {
					ws := w[int(f)*nTags : int(f)*nTags+nTags]
					for k := range e {
						e[k] += ws[k]
					}
				}
			}
			pred = viterbi(emit, trans, n, pred)
			toks += n
			for i := 0; i < n; i++ {
				g, p := s.gold[i], pred[i]
				gp, pp := start, start
				if i > 0 {
					gp, pp = s.gold[i-1], pred[i-1]
				}
				if g != p {
					errs++
					for _, f := range s.feats[i] {
						w[int(f)*nTags+g]++
						u[int(f)*nTags+g] += c
						w[int(f)*nTags+p]--
						u[int(f)*nTags+p] -= c
					}
				}
				if g != p || gp != pp {
					tw[gp*nTags+g]++
					tu[gp*nTags+g] += c
					tw[pp*nTags+p]--
					tu[pp*nTags+p] -= c
				}
			}
			c++
		}
		fmt.Fprintf(opt.Log, "epoch %d: %d/%d tokens wrong (%.2f%%)\n", ep, errs, toks, 100*float64(errs)/float64(max(toks, 1)))
		if opt.Epoch != nil {
			opt.Epoch(ep, average())
		}
	}
	return average(), nil
}
