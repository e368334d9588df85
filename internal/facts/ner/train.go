package ner

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
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
	// Doc trains the document pass too (Model.Doc): the first-pass tags
	// its memory features are computed from come from Folds models each
	// trained without one contiguous fold, so they are as wrong as on
	// unseen text.
	Doc   bool
	Folds int // default 5
	Log   io.Writer
	// Epoch, when set, is called after each epoch of the last pass with
	// the averaged model so far (for watching a development split).
	Epoch func(epoch int, m *Model)
	Info  string // provenance written into the model
	// Ensemble > 1 trains that many models, with seeds Seed, Seed+1, …
	// (each sees the sentences in another order), and averages their
	// weights into one model of the same size and speed.
	Ensemble int
	// ExcludeGazetteer names gazetteer entries ("kind\tname" as in the TSV
	// files) that training and the trained model's tagging ignore. It exists
	// for honest measurement (`taqrir train ner --dev --without-gazetteer`):
	// entries written after reading a dev split's misses must not help on
	// that split. The exclusion is not saved with the model: a loaded model
	// uses every entry.
	ExcludeGazetteer []string
	// Clusters, when set, gives a raw token's word-cluster path (from a
	// table of taqrir train words); its prefixes of the token and its
	// neighbours become features.
	Clusters func(token string) string
	// Words is the sha256 of the table Clusters reads, saved as
	// Model.Words when it is the embedded one (wordrep.ClustersSHA256) and
	// no experimental option below is set; otherwise the model is for
	// measuring only (Model.Write refuses it).
	Words string
	// CluWide adds the path prefixes of the tokens two before and two
	// after; CluStrip the path of the word with its leading clitics taken
	// off (والعراق → العراق) when it differs from the word's own.
	CluWide, CluStrip bool
	// Mined, when set, gives a raw token's name-slot features mined from
	// unlabeled news (MinedNames.Features). Experimental, like Clusters.
	Mined func(token string) []string
	skip  gazFilter
}

// wordFeats returns the unlabeled-text features the options ask for, nil
// for none.
func (opt *TrainOptions) wordFeats() *wordFeats {
	if opt.Clusters == nil && opt.Mined == nil {
		return nil
	}
	return &wordFeats{clusters: opt.Clusters, wide: opt.CluWide, strip: opt.CluStrip, mined: opt.Mined}
}

// Train trains a model on sentences (in document order, which the
// document pass relies on) with the averaged structured perceptron. Tags
// other than those in Tags are an error naming the sentence and token.
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
	if opt.Bits < 8 || opt.Bits > maxBits {
		return nil, fmt.Errorf("ner: %d feature bits: want 8 to %d", opt.Bits, maxBits)
	}
	if opt.Folds < 2 {
		opt.Folds = 5
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.skip == nil {
		opt.skip = newGazFilter(opt.ExcludeGazetteer)
	}
	if opt.Ensemble > 1 {
		// The members are independent, so they train at the same time;
		// only the last one logs and reports epochs (one writer). The
		// average is taken in member order, so the result does not
		// depend on which finishes first.
		ms := make([]*Model, opt.Ensemble)
		errs := make([]error, opt.Ensemble)
		var wg sync.WaitGroup
		for k := range ms {
			o := opt
			o.Ensemble, o.Seed = 1, opt.Seed+uint64(k)
			if k < len(ms)-1 {
				o.Epoch, o.Log = nil, io.Discard
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				ms[k], errs[k] = Train(data, o)
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		return averageModels(ms), nil
	}
	var kept []Sentence
	gold := make([][]int, 0, len(data))
	known := map[string]bool{}
	for si, s := range data {
		if len(s.Tokens) != len(s.Tags) {
			return nil, fmt.Errorf("ner: train sentence %d: %d tokens but %d tags", si+1, len(s.Tokens), len(s.Tags))
		}
		if len(s.Tokens) == 0 {
			continue
		}
		g := make([]int, len(s.Tags))
		for i, tg := range s.Tags {
			k, ok := tagIndex(tg)
			if !ok {
				return nil, fmt.Errorf("ner: train sentence %d token %d (%q): unknown tag %q (want one of %v)", si+1, i+1, s.Tokens[i], tg, Tags)
			}
			g[i] = k
			if k != 0 {
				known[arabic.Fold(s.Tokens[i])] = true
			}
		}
		kept = append(kept, s)
		gold = append(gold, g)
	}
	// A word with a clitic letter whose rest is itself a known name is
	// not a name of its own (ومحمد is و + محمد; وليد stays).
	// Decide against the full set first, then delete, so the result does
	// not depend on map order (the model file must be reproducible).
	var drop []string
	for w := range known {
		r, n := utf8.DecodeRuneInString(w)
		switch r {
		case 'و', 'ف', 'ب', 'ل', 'ك':
			if utf8.RuneCountInString(w[n:]) >= 3 && known[w[n:]] {
				drop = append(drop, w)
			}
		}
	}
	for _, w := range drop {
		delete(known, w)
	}
	tokens := make([][]string, len(kept))
	for i, s := range kept {
		tokens[i] = s.Tokens
	}
	last := func(doc bool) func(int, *Model) {
		if doc == opt.Doc {
			return opt.Epoch
		}
		return nil
	}
	// Jackknifed lexicons: fold f's sentences see counts of the other folds.
	fold := func(f int) (int, int) { return f * len(tokens) / opt.Folds, (f + 1) * len(tokens) / opt.Folds }
	foldLex := make([]map[string]uint8, opt.Folds)
	sentLex := make([]map[string]uint8, len(tokens))
	for f := range foldLex {
		lo, hi := fold(f)
		c := lexCounts{}
		c.add(tokens[:lo], gold[:lo])
		c.add(tokens[hi:], gold[hi:])
		foldLex[f] = c.classes()
		for i := lo; i < hi; i++ {
			sentLex[i] = foldLex[f]
		}
	}
	full := lexCounts{}
	full.add(tokens, gold)
	lex := full.classes()
	fmt.Fprintf(opt.Log, "first pass\n")
	m := trainPass(tokens, gold, nil, sentLex, opt, func(ep int, fm *Model) {
		if f := last(false); f != nil {
			fm.Lex = lex
			f(ep, fm)
		}
	})
	m.Known, m.Info, m.Lex = known, opt.Info, lex
	if !opt.Doc {
		return m, nil
	}
	// Jackknifed first-pass tags for the memory features.
	pred := make([][]int, len(tokens))
	for f := 0; f < opt.Folds; f++ {
		lo, hi := fold(f)
		var tt [][]string
		var tg [][]int
		var tl []map[string]uint8
		tt = append(append(tt, tokens[:lo]...), tokens[hi:]...)
		tg = append(append(tg, gold[:lo]...), gold[hi:]...)
		tl = append(append(tl, sentLex[:lo]...), sentLex[hi:]...)
		fmt.Fprintf(opt.Log, "fold %d/%d\n", f+1, opt.Folds)
		fm := trainPass(tt, tg, nil, tl, opt, nil)
		fm.Known, fm.Lex = known, foldLex[f]
		tagger := New(fm)
		for i := lo; i < hi; i++ {
			pred[i] = tagger.tag(fm, tokens[i], nil)
		}
	}
	fmt.Fprintf(opt.Log, "document pass\n")
	d := trainPass(tokens, gold, docMemory(tokens, pred), sentLex, opt, func(ep int, dm *Model) {
		if opt.Epoch != nil {
			cp := *m
			dm.Known, dm.Lex = known, lex
			cp.Doc = dm
			opt.Epoch(ep, &cp)
		}
	})
	d.Known, d.Lex = known, lex
	m.Doc = d
	return m, nil
}

// trainPass runs the averaged structured perceptron over sentences with
// their gold tag indexes and (for the document pass) memory features.
func trainPass(tokens [][]string, gold [][]int, mem [][][]string, lex []map[string]uint8, opt TrainOptions, epoch func(int, *Model)) *Model {
	mask := uint64(1)<<opt.Bits - 1
	feats := make([][][]uint32, len(tokens))
	pairs := make([][][]uint64, len(tokens))
	var buf []uint64
	wf := opt.wordFeats()
	for si, toks := range tokens {
		info := analyse(toks, lex[si], opt.skip)
		addClusters(info, toks, wf)
		dropWords(info, si)
		if mem != nil && mem[si] != nil {
			for i := range info {
				info[i].mem = mem[si][i]
			}
		}
		fs := make([][]uint32, len(toks))
		for i := range toks {
			buf = features(buf[:0], toks, info, i)
			row := make([]uint32, len(buf))
			for j, f := range buf {
				row[j] = uint32(f & mask)
			}
			fs[i] = row
		}
		feats[si] = fs
		ps := make([][]uint64, len(toks))
		for i := range toks {
			ps[i] = pairFeatures(nil, toks, info, i)
		}
		pairs[si] = ps
	}
	size := (int(mask) + 1) * nTags
	w := make([]float32, size)
	u := make([]float64, size)
	var tw [(nTags + 1) * nTags]float32
	var tu [(nTags + 1) * nTags]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a71))
	order := make([]int, len(tokens))
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
		return quantize(opt.Bits, aw, at[:])
	}
	const tsize = (nTags + 1) * nTags
	var tr []float32
	pairAdd := func(fs []uint64, p, t int, d float32, dc float64) {
		for _, f := range fs {
			k := int(pairBucket(f, p)&mask)*nTags + t
			w[k] += d
			u[k] += dc
		}
	}
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, si := range order {
			g, fs := gold[si], feats[si]
			n := len(g)
			emit = append(emit[:0], make([]float32, n*nTags)...)
			for i, row := range fs {
				e := emit[i*nTags : i*nTags+nTags]
				for _, f := range row {
					ws := w[int(f)*nTags : int(f)*nTags+nTags]
					for k := range e {
						e[k] += ws[k]
					}
				}
			}
			tr = append(tr[:0], make([]float32, n*tsize)...)
			for i := 0; i < n; i++ {
				row := tr[i*tsize : (i+1)*tsize]
				copy(row, tw[:])
				for p := 0; p <= nTags; p++ {
					if (i == 0) != (p == start) {
						continue
					}
					r := row[p*nTags : (p+1)*nTags]
					for _, f := range pairs[si][i] {
						b := int(pairBucket(f, p) & mask)
						ws := w[b*nTags : b*nTags+nTags]
						for k := range r {
							r[k] += ws[k]
						}
					}
				}
			}
			trans := func(i, p, t int) float32 { return tr[i*tsize+p*nTags+t] }
			pred = viterbi(emit, trans, n, pred)
			toks += n
			for i := 0; i < n; i++ {
				gt, pt := g[i], pred[i]
				gp, pp := start, start
				if i > 0 {
					gp, pp = g[i-1], pred[i-1]
				}
				if gt != pt {
					errs++
					for _, f := range fs[i] {
						w[int(f)*nTags+gt]++
						u[int(f)*nTags+gt] += c
						w[int(f)*nTags+pt]--
						u[int(f)*nTags+pt] -= c
					}
				}
				if gt != pt || gp != pp {
					tw[gp*nTags+gt]++
					tu[gp*nTags+gt] += c
					tw[pp*nTags+pt]--
					tu[pp*nTags+pt] -= c
					pairAdd(pairs[si][i], gp, gt, 1, c)
					pairAdd(pairs[si][i], pp, pt, -1, -c)
				}
			}
			c++
		}
		fmt.Fprintf(opt.Log, "epoch %d: %d/%d tokens wrong (%.2f%%)\n", ep, errs, toks, 100*float64(errs)/float64(max(toks, 1)))
		if epoch != nil {
			epoch(ep, average())
		}
	}
	m := average()
	m.skipGaz = opt.skip
	m.wf = wf
	if opt.Clusters != nil && !opt.CluWide && !opt.CluStrip && opt.Mined == nil {
		m.Words = opt.Words
	}
	return m
}

// dropWords hides the identity of half the training tokens a gazetteer
// names (chosen by a hash of sentence and position, so training stays
// deterministic). Words of the training data are learnt by their identity
// features, which would leave the gazetteer features little weight for
// the names training never saw; unseen text is full of those.
func dropWords(info []tokInfo, si int) {
	for i := range info {
		h := uint64(si)*0x9e3779b97f4a7c15 + uint64(i)*0xbf58476d1ce4e5b9
		h ^= h >> 31
		if len(info[i].gaz) > 0 && h&1 == 1 {
			info[i].noWord = true
		}
	}
}

// averageModels averages the weights of models trained on the same data
// with the same options but different seeds; the word lists and the
// provenance come from the first.
func averageModels(ms []*Model) *Model {
	avg := func(part func(*Model) *Model) *Model {
		first := part(ms[0])
		if first == nil {
			return nil
		}
		w := make([]float32, len(first.W))
		var t [(nTags + 1) * nTags]float32
		for _, m := range ms {
			pm := part(m)
			for i, v := range pm.W {
				w[i] += float32(v) * pm.Scale / float32(len(ms))
			}
			for i, v := range pm.T {
				t[i] += float32(v) * pm.Scale / float32(len(ms))
			}
		}
		out := quantize(first.Bits, w, t[:])
		out.Known, out.Lex, out.Info, out.skipGaz, out.wf, out.Words = first.Known, first.Lex, first.Info, first.skipGaz, first.wf, first.Words
		return out
	}
	m := avg(func(m *Model) *Model { return m })
	m.Doc = avg(func(m *Model) *Model { return m.Doc })
	return m
}
