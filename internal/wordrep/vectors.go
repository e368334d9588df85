package wordrep

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
	"unicode"
)

// VectorOptions are the settings of dense word-vector training: skip-gram
// with negative sampling over sub-word character n-grams (the fastText
// idea: a unit's vector is the mean of its own row and the rows of its
// n-grams, so clitic forms share rows with their bare word and an unseen
// word still gets a vector). The zero value of a field means its default.
type VectorOptions struct {
	Dim      int     // vector size (default 64)
	Window   int     // most context units on each side (default 5; each centre draws 1..Window)
	Negative int     // negative samples per context unit (default 5)
	Epochs   int     // passes over the text (default 3)
	MinCount int     // units seen fewer times get no row of their own (default 5)
	MinN     int     // shortest character n-gram, in letters with the < > word marks (default 3)
	MaxN     int     // longest (default 5; below MinN: no n-grams)
	Buckets  int     // rows the n-grams are hashed into (default 100,000)
	Sample   float64 // frequent units are kept with probability √(Sample/f)+Sample/f (default 1e-4)
	LR       float64 // starting learning rate, falling linearly to 0 (default 0.05)
	Seed     uint64
	// Workers train replicas of the model on their own contiguous shards
	// of the text and are averaged every SyncTokens units each, in a fixed
	// order: the result depends only on the corpus, the options, the seed
	// and Workers (1 is plain sequential SGD).
	Workers    int
	SyncTokens int // units each worker trains between merges (default 200,000)
	Log        io.Writer
}

func (o VectorOptions) withDefaults() VectorOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Dim, 64)
	def(&o.Window, 5)
	def(&o.Negative, 5)
	def(&o.Epochs, 3)
	def(&o.MinCount, 5)
	def(&o.MinN, 3)
	def(&o.MaxN, 5)
	def(&o.Buckets, 100000)
	def(&o.Workers, 1)
	def(&o.SyncTokens, 200000)
	if o.Sample <= 0 {
		o.Sample = 1e-4
	}
	if o.LR <= 0 {
		o.LR = 0.05
	}
	return o
}

// VectorStats says what a vector training run did.
type VectorStats struct {
	Tokens, Types, Vocab int
	Trained              int64 // centre units trained on (after subsampling), all epochs
	Merges               int
	Loss                 float64 // mean negative-sampling loss of the last epoch
	CountTime, TrainTime time.Duration
}

// isWordUnit reports whether a unit has a letter or a digit: punctuation
// units get no vector and are left out of the training text.
func isWordUnit(u string) bool {
	for _, r := range u {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// ngramHash is 32-bit FNV-1a.
func ngramHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// ngramBuckets appends the bucket of each character n-gram of "<"+word+">"
// whose length is within [minN, maxN] letters.
func ngramBuckets(dst []int32, word string, minN, maxN, buckets int) []int32 {
	if maxN < minN || buckets <= 0 {
		return dst
	}
	w := "<" + word + ">"
	// byte offsets of each rune start, and the end
	var offs [64]int
	pos := offs[:0]
	for i := range w {
		pos = append(pos, i)
	}
	pos = append(pos, len(w))
	n := len(pos) - 1
	for i := 0; i < n; i++ {
		for k := minN; k <= maxN && i+k <= n; k++ {
			if k == n { // the whole marked word is the word's own row
				continue
			}
			dst = append(dst, int32(ngramHash(w[pos[i]:pos[i+k]])%uint32(buckets)))
		}
	}
	return dst
}

const (
	sigTableSize = 1024
	sigMax       = 8
)

var sigTable = func() []float32 {
	t := make([]float32, sigTableSize+1)
	for i := range t {
		x := (float64(i)/sigTableSize*2 - 1) * sigMax
		t[i] = float32(1 / (1 + math.Exp(-x)))
	}
	return t
}()

func sigmoid(x float32) float32 {
	switch {
	case x <= -sigMax:
		return 0
	case x >= sigMax:
		return 1
	}
	return sigTable[int((x+sigMax)*(sigTableSize/(2*sigMax)))]
}

func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// axpy adds a·x to y.
func axpy(a float32, x, y []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}

// vecModel is one replica of the parameters: input rows (units, then
// n-gram buckets) and output rows (units).
type vecModel struct {
	in, out []float32
}

func (m *vecModel) clone() *vecModel {
	return &vecModel{in: slices.Clone(m.in), out: slices.Clone(m.out)}
}

// vecTrainer holds what every worker reads.
type vecTrainer struct {
	opt    VectorOptions
	V      int
	subOff []int32 // CSR: sub[subOff[w]:subOff[w+1]] are w's input rows
	sub    []int32
	keep   []float32 // unit → probability of keeping an occurrence
	negTab []int32
	stream []int32 // vocabulary ids, -1 between documents
}

// vecWorker trains one replica on one shard.
type vecWorker struct {
	t         *vecTrainer
	m         *vecModel
	rng       *rand.Rand
	lo, hi    int // the shard, as stream offsets
	pos       int // next stream offset
	done, all int64
	sent      []int32
	h, grad   []float32
	loss      float64
	lossN     int64
	centres   int64
}

func (w *vecWorker) lr() float32 {
	p := float64(w.done) / float64(w.all)
	return float32(w.t.opt.LR * max(1e-4, 1-p))
}

// step trains on the shard from pos until at least n units were read or
// the shard ends, stopping at a document boundary.
func (w *vecWorker) step(n int) {
	t := w.t
	read := 0
	for w.pos < w.hi && read < n {
		// one document: the kept units
		w.sent = w.sent[:0]
		start := w.pos
		for w.pos < w.hi && t.stream[w.pos] >= 0 {
			id := t.stream[w.pos]
			w.pos++
			if k := t.keep[id]; k < 1 && w.rng.Float32() >= k {
				continue
			}
			w.sent = append(w.sent, id)
		}
		for w.pos < w.hi && t.stream[w.pos] < 0 {
			w.pos++
		}
		w.train(w.sent)
		read += w.pos - start
		w.done += int64(w.pos - start)
	}
}

// train runs skip-gram over one document's kept units.
func (w *vecWorker) train(sent []int32) {
	t := w.t
	dim := t.opt.Dim
	in, out := w.m.in, w.m.out
	lr := w.lr()
	for i, c := range sent {
		rows := t.sub[t.subOff[c]:t.subOff[c+1]]
		h := w.h
		compose(h, in, rows, dim)
		grad := w.grad
		clear(grad)
		b := 1 + w.rng.IntN(t.opt.Window)
		for j := max(0, i-b); j < min(len(sent), i+b+1); j++ {
			if j == i {
				continue
			}
			target := sent[j]
			for d := 0; d <= t.opt.Negative; d++ {
				label := float32(1)
				if d > 0 {
					target = t.negTab[w.rng.IntN(len(t.negTab))]
					if target == sent[j] {
						continue
					}
					label = 0
				}
				o := out[int(target)*dim : int(target+1)*dim]
				f := sigmoid(dot(h, o))
				if label == 1 {
					w.loss -= math.Log(float64(max(f, 1e-6)))
				} else {
					w.loss -= math.Log(float64(max(1-f, 1e-6)))
				}
				w.lossN++
				g := (label - f) * lr
				axpy(g, o, grad)
				axpy(g, h, o)
			}
		}
		axpy(1, grad, in[int(rows[0])*dim:int(rows[0]+1)*dim])
		if len(rows) > 1 {
			k := 1 / float32(len(rows)-1)
			for _, r := range rows[1:] {
				axpy(k, grad, in[int(r)*dim:int(r+1)*dim])
			}
		}
		w.centres++
	}
}

// TrainVectors learns dense vectors for the units of a corpus.
func TrainVectors(c *Corpus, opt VectorOptions) (*Vectors, VectorStats, error) {
	opt = opt.withDefaults()
	var st VectorStats
	t0 := time.Now()
	st.Tokens, st.Types = c.Tokens, len(c.units)
	count := make([]int64, len(c.units))
	for _, id := range c.seq {
		if id >= 0 {
			count[id]++
		}
	}
	var order []int32
	for id, u := range c.units {
		if count[id] >= int64(opt.MinCount) && isWordUnit(u) {
			order = append(order, int32(id))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if d := cmp.Compare(count[b], count[a]); d != 0 {
			return d
		}
		return cmp.Compare(c.units[a], c.units[b])
	})
	V := len(order)
	if V < 2 {
		return nil, st, fmt.Errorf("wordrep: %d units seen at least %d times: too little text to learn vectors from", V, opt.MinCount)
	}
	st.Vocab = V
	remap := make([]int32, len(c.units))
	for i := range remap {
		remap[i] = -2 // not in the vocabulary: dropped
	}
	vec := &Vectors{Dim: opt.Dim, MinN: opt.MinN, MaxN: opt.MaxN, Buckets: opt.Buckets}
	var total int64
	for i, id := range order {
		remap[id] = int32(i)
		vec.Words = append(vec.Words, c.units[id])
		vec.Counts = append(vec.Counts, count[id])
		total += count[id]
	}
	t := &vecTrainer{opt: opt, V: V}
	// the training text: vocabulary units, -1 between documents
	t.stream = make([]int32, 0, len(c.seq))
	for _, id := range c.seq {
		switch {
		case id < 0:
			if n := len(t.stream); n > 0 && t.stream[n-1] >= 0 {
				t.stream = append(t.stream, -1)
			}
		case remap[id] >= 0:
			t.stream = append(t.stream, remap[id])
		}
	}
	// sub-word rows
	t.subOff = make([]int32, V+1)
	for w, u := range vec.Words {
		t.sub = append(t.sub, int32(w))
		n0 := len(t.sub)
		t.sub = ngramBuckets(t.sub, u, opt.MinN, opt.MaxN, opt.Buckets)
		for i := n0; i < len(t.sub); i++ {
			t.sub[i] += int32(V)
		}
		t.subOff[w+1] = int32(len(t.sub))
	}
	// subsampling and the negative table (unigram^0.75)
	t.keep = make([]float32, V)
	for w, n := range vec.Counts {
		f := float64(n) / float64(total)
		t.keep[w] = float32(min(1, math.Sqrt(opt.Sample/f)+opt.Sample/f))
	}
	negSize := min(10_000_000, max(1_000_000, 20*V))
	t.negTab = make([]int32, 0, negSize)
	var z float64
	for _, n := range vec.Counts {
		z += math.Pow(float64(n), 0.75)
	}
	var cum float64
	for w, n := range vec.Counts {
		cum += math.Pow(float64(n), 0.75) / z
		for len(t.negTab) < negSize && float64(len(t.negTab)) < cum*float64(negSize) {
			t.negTab = append(t.negTab, int32(w))
		}
	}
	for len(t.negTab) < negSize {
		t.negTab = append(t.negTab, int32(V-1))
	}
	// the model: input rows uniform in ±1/dim, output rows zero
	rows := V + opt.Buckets
	master := &vecModel{in: make([]float32, rows*opt.Dim), out: make([]float32, V*opt.Dim)}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed0f7ec7025))
	for i := range master.in {
		master.in[i] = (rng.Float32()*2 - 1) / float32(opt.Dim)
	}
	st.CountTime = time.Since(t0)
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "wordrep: vectors: %d units, %d types, vocabulary %d (min count %d), %d n-gram buckets, dim %d (%.1fs)\n",
			c.Tokens, len(c.units), V, opt.MinCount, opt.Buckets, opt.Dim, st.CountTime.Seconds())
	}
	// shards: contiguous, cut at document boundaries
	W := min(opt.Workers, max(1, len(t.stream)/1000))
	bounds := []int{0}
	for k := 1; k < W; k++ {
		p := max(bounds[k-1], len(t.stream)*k/W)
		for p < len(t.stream) && t.stream[p] >= 0 {
			p++
		}
		bounds = append(bounds, p)
	}
	bounds = append(bounds, len(t.stream))
	workers := make([]*vecWorker, W)
	for k := range workers {
		m := master
		if W > 1 {
			m = master.clone()
		}
		workers[k] = &vecWorker{t: t, m: m, lo: bounds[k], hi: bounds[k+1],
			all:  int64(bounds[k+1]-bounds[k]) * int64(opt.Epochs),
			h:    make([]float32, opt.Dim),
			grad: make([]float32, opt.Dim),
			rng:  rand.New(rand.NewPCG(opt.Seed^uint64(k+1)*0x9e3779b97f4a7c15, uint64(k))),
		}
	}
	t1 := time.Now()
	for ep := 0; ep < opt.Epochs; ep++ {
		for _, w := range workers {
			w.pos, w.loss, w.lossN = w.lo, 0, 0
		}
		for {
			busy := false
			for _, w := range workers {
				busy = busy || w.pos < w.hi
			}
			if !busy {
				break
			}
			if W == 1 {
				workers[0].step(opt.SyncTokens)
				continue
			}
			var wg sync.WaitGroup
			for _, w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					w.step(opt.SyncTokens)
				}()
			}
			wg.Wait()
			mergeReplicas(master, workers)
			st.Merges++
		}
		var loss float64
		var n int64
		for _, w := range workers {
			loss += w.loss
			n += w.lossN
		}
		st.Loss = loss / float64(max(n, 1))
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "wordrep: vectors: epoch %d: loss %.4f (%.1fs)\n", ep+1, st.Loss, time.Since(t1).Seconds())
		}
	}
	for _, w := range workers {
		st.Trained += w.centres
	}
	st.TrainTime = time.Since(t1)
	vec.build(master.in, V)
	return vec, st, nil
}

// mergeReplicas sets the master to the mean of the workers' replicas and
// every replica to the master, in a fixed order (so the sums are the same
// on every run), splitting the rows among goroutines.
func mergeReplicas(master *vecModel, workers []*vecWorker) {
	inv := 1 / float32(len(workers))
	avg := func(dst []float32, get func(*vecModel) []float32) {
		var wg sync.WaitGroup
		parts := len(workers)
		for p := range parts {
			lo, hi := len(dst)*p/parts, len(dst)*(p+1)/parts
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo; i < hi; i++ {
					var s float32
					for _, w := range workers {
						s += get(w.m)[i]
					}
					dst[i] = s * inv
				}
				for _, w := range workers {
					copy(get(w.m)[lo:hi], dst[lo:hi])
				}
			}()
		}
		wg.Wait()
	}
	avg(master.in, func(m *vecModel) []float32 { return m.in })
	avg(master.out, func(m *vecModel) []float32 { return m.out })
}

// compose sets h to a unit's hidden vector from its input rows (its own
// row first, then its n-grams' rows): half its own row, half the mean of
// its n-gram rows. fastText takes the plain mean, in which a dozen
// n-grams shared with every word of the same shape («ال…», «…ات») drown
// the word's own row; on news text that put الانتخابات next to
// الانتقادات. The gradient goes to every row unscaled, as in fastText.
func compose(h, in []float32, rows []int32, dim int) {
	clear(h)
	r0 := int(rows[0])
	if len(rows) == 1 {
		copy(h, in[r0*dim:(r0+1)*dim])
		return
	}
	for _, r := range rows[1:] {
		axpy(1, in[int(r)*dim:int(r+1)*dim], h)
	}
	k := 0.5 / float32(len(rows)-1)
	own := in[r0*dim : (r0+1)*dim]
	for j := range h {
		h[j] = h[j]*k + 0.5*own[j]
	}
}
