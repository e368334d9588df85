package stance

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainOptions sets how a model is trained. The zero value of a field
// means its default.
type TrainOptions struct {
	Epochs     int     // passes over the data (default 10)
	Seed       uint64  // shuffling seed (PCG)
	Bits       uint8   // 1<<Bits feature buckets (default 18)
	Rate       float64 // AdaGrad learning rate (default 0.1)
	L2         float64 // L2 penalty per update (default 1e-4)
	ClassPower float64 // class weight = (n / n_label)^ClassPower (default 0.5; -1 for none)
	MinMined   int     // a word pair is mined when it swaps in at least this many disagree pairs and in no agree pair (default 2)
	Folds      int     // folds for counting mined pairs on the other folds (default 5)
	Runs       int     // runs averaged, with seeds Seed, Seed+1, … (default 5)
	Info       string  // provenance recorded in the model
	Log        io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	if o.Bits == 0 {
		o.Bits = 18
	}
	if o.Rate == 0 {
		o.Rate = 0.1
	}
	if o.L2 == 0 {
		o.L2 = 1e-4
	}
	if o.ClassPower == 0 {
		o.ClassPower = 0.5
	}
	if o.ClassPower < 0 {
		o.ClassPower = 0
	}
	if o.MinMined == 0 {
		o.MinMined = 2
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Runs == 0 {
		o.Runs = 5
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// A word is a marker of disagreement (or agreement) when it is on one
// side only in at least markerMin training pairs of that label and
// markerRatio times as many as of the other plus one. Markers are kept in
// Model.Mined as {word, markDisagree} and {word, markAgree}; the empty
// second element is for counting.
const (
	markerMin    = 3
	markerRatio  = 3
	markDisagree = "!"
	markAgree    = "="
)

// ErrNoData is returned when there is nothing to train on.
var ErrNoData = errors.New("stance: no training pairs")

// swapCounts counts, per word pair, the training pairs of each label in
// which one word is only on one side and the other only on the other.
type swapCounts map[[2]string][nLabels]int

func (c swapCounts) add(ua, ub []string, l Label, sign int) {
	seen := map[[2]string]bool{}
	for _, w := range append(ua[:len(ua):len(ua)], ub...) {
		k := [2]string{w, ""}
		if seen[k] {
			continue
		}
		seen[k] = true
		v := c[k]
		v[l] += sign
		c[k] = v
	}
	for i, x := range ua {
		if i == maxSwaps {
			break
		}
		for j, y := range ub {
			if j == maxSwaps {
				break
			}
			k := swapKey(x, y)
			if seen[k] {
				continue
			}
			seen[k] = true
			v := c[k]
			v[l] += sign
			c[k] = v
		}
	}
}

func (c swapCounts) mined(minCount int) map[[2]string]struct{} {
	out := map[[2]string]struct{}{}
	for k, v := range c {
		switch {
		case k[1] != "":
			if v[Disagree] >= minCount && v[Agree] == 0 {
				out[k] = struct{}{}
			}
		case v[Disagree] >= markerMin && v[Disagree] >= markerRatio*(v[Agree]+1):
			out[[2]string{k[0], markDisagree}] = struct{}{}
		case v[Agree] >= markerMin && v[Agree] >= markerRatio*(v[Disagree]+1):
			out[[2]string{k[0], markAgree}] = struct{}{}
		}
	}
	return out
}

// Train fits a model to labelled pairs: multinomial logistic regression
// by AdaGrad over the pairs' hashed features, shuffled each epoch with the
// seed. The word pairs mined from contradicting pairs are counted on the
// other folds for each training pair (so the feature is as rare in
// training as on new text) and on all the data for the model. The same
// pairs and options always give the same model.
func Train(pairs []Pair, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if len(pairs) == 0 {
		return nil, ErrNoData
	}
	if opt.Bits > maxBits {
		return nil, fmt.Errorf("stance: Bits %d: at most %d", opt.Bits, maxBits)
	}
	var perLabel [nLabels]int
	for _, p := range pairs {
		if p.Label >= nLabels {
			return nil, fmt.Errorf("stance: pair with label %d", p.Label)
		}
		perLabel[p.Label]++
	}
	sides := make([][2]side, len(pairs))
	infos := make([]pairInfo, len(pairs))
	all := swapCounts{}
	folds := make([]swapCounts, opt.Folds)
	for i := range folds {
		folds[i] = swapCounts{}
	}
	for i, p := range pairs {
		sides[i] = [2]side{analyse(p.S1), analyse(p.S2)}
		infos[i] = compare(&sides[i][0], &sides[i][1])
		all.add(infos[i].ua, infos[i].ub, p.Label, 1)
		folds[i%opt.Folds].add(infos[i].ua, infos[i].ub, p.Label, 1)
	}
	mask := uint64(1)<<opt.Bits - 1
	feats := make([][]feat, len(pairs))
	for f := range opt.Folds {
		rest := swapCounts{}
		for k, v := range all {
			w := folds[f][k]
			for c := range v {
				v[c] -= w[c]
			}
			rest[k] = v
		}
		mined := rest.mined(opt.MinMined)
		for i := f; i < len(pairs); i += opt.Folds {
			z := featurizer{mask: mask}
			features(&z, &sides[i][0], &sides[i][1], mined)
			feats[i] = z.out
		}
	}
	var cw [nLabels]float64
	for c, n := range perLabel {
		if n > 0 {
			cw[c] = math.Pow(float64(len(pairs))/float64(n), opt.ClassPower)
		}
	}
	m := &Model{Bits: opt.Bits, W: make([]float32, int(mask+1)*int(nLabels)), Info: opt.Info}
	avg := make([]float64, len(m.W))
	snaps := 0
	for run := range opt.Runs {
		w := make([]float32, len(m.W))
		sgd(w, feats, pairs, cw, opt, opt.Seed+uint64(run), func(ep int) {
			if ep >= opt.Epochs/2 {
				for i, v := range w {
					avg[i] += float64(v)
				}
				snaps++
			}
		})
	}
	for i, v := range avg {
		m.W[i] = float32(v / float64(snaps))
	}
	m.Mined = all.mined(opt.MinMined)
	for i := 0; i < len(m.W); i += int(nLabels) {
		if nonZero(m.W[i : i+int(nLabels)]) {
			m.weights++
		}
	}
	maj := Disagree
	for _, l := range Labels {
		if perLabel[l] > perLabel[maj] {
			maj = l
		}
	}
	m.Base.Majority = maj
	return m, nil
}

// MinOffsetGain is the macro-F1 gain decision offsets must bring on the
// half of dev they were not fitted on to be kept (see Tune).
const MinOffsetGain = 0.005

// Tune chooses, on development pairs, the model's decision offsets (for
// agree and other, disagree fixed at 0, on a grid; kept only when offsets
// fitted on one half of dev gain at least MinOffsetGain on the other) and the word-overlap baseline's thresholds
// and labels, each for the best macro-F1. It returns the offsets' mean
// gain on the half of dev they were not fitted on. It must
// only ever be given a development split, never the pairs a figure is
// reported on as unseen.
func Tune(m *Model, dev []Pair) (gain float64) {
	if len(dev) == 0 {
		return 0
	}
	gold := make([]Label, len(dev))
	raws := make([][nLabels]float64, len(dev))
	jac := make([]float64, len(dev))
	for i, p := range dev {
		gold[i] = p.Label
		a, b := analyse(p.S1), analyse(p.S2)
		z := featurizer{mask: 1<<m.Bits - 1}
		features(&z, &a, &b, m.Mined)
		raws[i] = m.raw(z.out)
		jac[i] = keyJaccard(a.keys, b.keys)
	}
	got := make([]Label, len(dev))
	all := make([]int, len(dev))
	for i := range all {
		all[i] = i
	}
	best := bestOffsets(raws, gold, all)
	// Offsets fitted on dev always gain on dev; they are kept only when
	// offsets fitted on one half of dev also gain on the other half (both
	// ways round, on average).
	var halves [2][]int
	for i := range dev {
		halves[i%2] = append(halves[i%2], i)
	}
	for h := range halves {
		off := bestOffsets(raws, gold, halves[1-h])
		gain += (macroWith(raws, gold, halves[h], off) - macroWith(raws, gold, halves[h], [nLabels]float64{})) / 2
	}
	if gain >= MinOffsetGain {
		m.Offset = best
	} else {
		m.Offset = [nLabels]float64{}
	}
	var rule OverlapRule
	bestF := -1.0
	for _, pair := range [][2]Label{{Agree, Disagree}, {Disagree, Agree}} {
		for i1 := 0; i1 <= 50; i1++ {
			for i2 := i1; i2 <= 50; i2++ {
				r := OverlapRule{Other: float64(i1) / 50, High: float64(i2) / 50, Low: pair[0], HighLabel: pair[1]}
				for i, j := range jac {
					switch {
					case j < r.Other:
						got[i] = Other
					case j < r.High:
						got[i] = r.Low
					default:
						got[i] = r.HighLabel
					}
				}
				if f := ScoreLabels("", gold, got).MacroF1; f > bestF {
					rule, bestF = r, f
				}
			}
		}
	}
	m.Base.Overlap = rule
	return gain
}

// CrossValidate trains k models, each on all the pairs but one contiguous
// k-th, and labels that k-th with it (with the offsets given, e.g. those
// chosen on dev), so every pair is labelled by a model that never saw it.
func CrossValidate(pairs []Pair, k int, opt TrainOptions, offset [nLabels]float64) ([]Label, error) {
	if k < 2 || k > len(pairs) {
		return nil, fmt.Errorf("stance: %d folds for %d pairs", k, len(pairs))
	}
	got := make([]Label, len(pairs))
	for f := range k {
		lo, hi := f*len(pairs)/k, (f+1)*len(pairs)/k
		rest := append(append([]Pair(nil), pairs[:lo]...), pairs[hi:]...)
		m, err := Train(rest, opt)
		if err != nil {
			return nil, err
		}
		m.Offset = offset
		for i := lo; i < hi; i++ {
			got[i], _ = m.Decide(pairs[i].S1, pairs[i].S2)
		}
	}
	return got, nil
}

// sgd runs the epochs of AdaGrad over the pairs' features into w, calling
// after(ep) at the end of each epoch (from 0).
func sgd(w []float32, feats [][]feat, pairs []Pair, cw [nLabels]float64, opt TrainOptions, seed uint64, after func(ep int)) {
	m := &Model{W: w}
	g2 := make([]float32, len(w))
	order := make([]int, len(pairs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed5eed))
	for ep := range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		loss := 0.0
		for _, i := range order {
			y := pairs[i].Label
			s := m.raw(feats[i])
			softmax(&s)
			loss -= cw[y] * math.Log(max(s[y], 1e-12))
			for _, f := range feats[i] {
				base := int(f.idx) * int(nLabels)
				for c := range int(nLabels) {
					g := s[c]
					if Label(c) == y {
						g--
					}
					g = cw[y]*g*float64(f.val) + opt.L2*float64(w[base+c])
					if g == 0 {
						continue
					}
					g2[base+c] += float32(g * g)
					w[base+c] -= float32(opt.Rate * g / math.Sqrt(float64(g2[base+c])))
				}
			}
		}
		fmt.Fprintf(opt.Log, "seed %d epoch %d: loss %.4f\n", seed, ep+1, loss/float64(len(pairs)))
		after(ep)
	}
}

// bestOffsets searches the grid of offsets (agree and other; disagree
// stays 0) for the best macro-F1 over the pairs idx, preferring smaller
// offsets among equals.
func bestOffsets(raws [][nLabels]float64, gold []Label, idx []int) [nLabels]float64 {
	best, bestF := [nLabels]float64{}, -1.0
	for ia := -20; ia <= 20; ia++ {
		for io := -20; io <= 40; io++ {
			off := [nLabels]float64{float64(ia) / 10, 0, float64(io) / 10}
			f := macroWith(raws, gold, idx, off) - 1e-6*(math.Abs(off[Agree])+math.Abs(off[Other]))
			if f > bestF {
				best, bestF = off, f
			}
		}
	}
	return best
}

// macroWith is the macro-F1 over the pairs idx of deciding with offsets.
func macroWith(raws [][nLabels]float64, gold []Label, idx []int, off [nLabels]float64) float64 {
	g := make([]Label, len(idx))
	got := make([]Label, len(idx))
	for k, i := range idx {
		r := raws[i]
		for c := range r {
			r[c] += off[c]
		}
		g[k] = gold[i]
		got[k], _ = argmax(r)
	}
	return ScoreLabels("", g, got).MacroF1
}
