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
)

// Options are the training settings. The zero value of a field means its
// default.
type Options struct {
	Classes    int    // leaf classes (default 1000; fewer when the vocabulary is smaller)
	MinCount   int    // a unit seen fewer times is counted as the unknown unit (default 5)
	Iterations int    // most exchange passes (default 8; training stops earlier when under 0.1% of words move)
	Seed       uint64 // seeds the initial classes of words beyond the most frequent
	Workers    int    // goroutines for the heavy loops (default 1); never changes the result
	Log        io.Writer
}

func (o Options) withDefaults() Options {
	if o.Classes <= 0 {
		o.Classes = 1000
	}
	if o.MinCount <= 0 {
		o.MinCount = 5
	}
	if o.Iterations <= 0 {
		o.Iterations = 8
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	return o
}

// Unknown is the unit the rare units are counted as; it gets a path like
// any word and is written in the table.
const Unknown = "<unk>"

// Stats says what a training run did.
type Stats struct {
	Tokens, Types, Vocab, Classes int
	MinCount                      int // the minimum count used (after defaults)
	Passes                        int
	Moves                         []int   // words moved in each exchange pass
	LogLik                        float64 // class bigram log-likelihood after the exchange (nats; higher is better)
	CountTime, ExchangeTime       time.Duration
	MergeTime                     time.Duration
}

// xlogxTab holds n ln n for small n, built by Train (loadXlogx), not at
// init: every taqrir command links this package and most never train
// (512 KB and about 2 ms of every start). Until it is built xlogx computes
// each value, to the same bits.
var (
	xlogxTab  []float64
	xlogxOnce sync.Once
)

func loadXlogx() {
	xlogxOnce.Do(func() {
		t := make([]float64, 1<<16)
		for i := 1; i < len(t); i++ {
			t[i] = float64(i) * math.Log(float64(i))
		}
		xlogxTab = t
	})
}

// xlogx is f(n) = n ln n (0 for n = 0), from a table for small n.
func xlogx(n int64) float64 {
	if uint64(n) < uint64(len(xlogxTab)) {
		return xlogxTab[n]
	}
	return xlogxBig(n)
}

func xlogxBig(n int64) float64 {
	if n == 0 {
		return 0
	}
	f := float64(n)
	return f * math.Log(f)
}

// model is the state of the exchange stage.
type model struct {
	V, C   int
	cls    []int32 // word → class
	size   []int32 // class → words
	nL, nR []int64 // word → count as left / right member of a bigram
	// neighbours, CSR: right[rOff[w]:rOff[w+1]] are (word, count) pairs following w
	rOff, lOff []int32
	rNb, lNb   []int32
	rCnt, lCnt []int32
	self       []int32 // count of the bigram (w, w)
	M, MT      []int64 // class bigrams, row-major C×C, and its transpose
	Lc, Rc     []int64
	workers    int
}

// Train learns clusters from a corpus and returns the table.
func Train(c *Corpus, opt Options) (*Table, Stats, error) {
	loadXlogx()
	opt = opt.withDefaults()
	var st Stats
	t0 := time.Now()
	st.Tokens, st.Types, st.MinCount = c.Tokens, len(c.units), opt.MinCount
	if c.Tokens < 2 {
		return nil, st, fmt.Errorf("wordrep: the corpus has %d units: too little text to learn from", c.Tokens)
	}
	// vocabulary: units by count, then by text
	count := make([]int64, len(c.units))
	for _, id := range c.seq {
		if id >= 0 {
			count[id]++
		}
	}
	order := make([]int32, len(c.units))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if d := cmp.Compare(count[b], count[a]); d != 0 {
			return d
		}
		return cmp.Compare(c.units[a], c.units[b])
	})
	V := 0
	for V < len(order) && count[order[V]] >= int64(opt.MinCount) {
		V++
	}
	words := make([]string, 0, V+1)
	wcount := make([]int64, 0, V+1)
	remap := make([]int32, len(c.units))
	for i, id := range order {
		if i < V {
			remap[id] = int32(i)
			words = append(words, c.units[id])
			wcount = append(wcount, count[id])
		} else {
			remap[id] = int32(V)
		}
	}
	if V < len(order) {
		words = append(words, Unknown)
		var n int64
		for _, id := range order[V:] {
			n += count[id]
		}
		wcount = append(wcount, n)
	}
	nw := len(words)
	st.Vocab = V
	// bigrams, sorted and counted
	pairs := make([]uint64, 0, len(c.seq))
	for i := 1; i < len(c.seq); i++ {
		a, b := c.seq[i-1], c.seq[i]
		if a < 0 || b < 0 {
			continue
		}
		pairs = append(pairs, uint64(remap[a])<<32|uint64(remap[b]))
	}
	slices.Sort(pairs)
	m := &model{V: nw, workers: opt.Workers}
	m.C = min(opt.Classes, nw)
	st.Classes = m.C
	m.buildNeighbours(pairs)
	pairs = nil
	// initial classes: the C-1 most frequent words alone, the rest spread
	// by the seed over all classes
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	m.cls = make([]int32, nw)
	m.size = make([]int32, m.C)
	for w := range nw {
		k := int32(w)
		if w >= m.C {
			k = int32(rng.IntN(m.C))
		}
		m.cls[w] = k
		m.size[k]++
	}
	m.buildClassCounts()
	st.CountTime = time.Since(t0)
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "wordrep: %d units, %d types, vocabulary %d (min count %d), %d bigram types, %d classes (%.1fs)\n",
			c.Tokens, len(c.units), V, opt.MinCount, len(m.rNb), m.C, st.CountTime.Seconds())
	}
	t1 := time.Now()
	for pass := 0; pass < opt.Iterations; pass++ {
		moves := m.exchangePass()
		st.Moves = append(st.Moves, moves)
		st.Passes++
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "wordrep: exchange pass %d: %d words moved, log-likelihood %.6g (%.1fs)\n",
				pass+1, moves, m.logLik(), time.Since(t1).Seconds())
		}
		if moves*1000 < nw {
			break
		}
	}
	st.LogLik = m.logLik()
	st.ExchangeTime = time.Since(t1)
	t2 := time.Now()
	paths := m.mergeTree()
	st.MergeTime = time.Since(t2)
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, "wordrep: merge tree over %d classes (%.1fs)\n", m.C, st.MergeTime.Seconds())
	}
	tab := &Table{Classes: m.C}
	for w := range nw {
		tab.Entries = append(tab.Entries, Entry{Word: words[w], Path: paths[m.cls[w]], Count: wcount[w]})
	}
	tab.index()
	return tab, st, nil
}

// buildNeighbours fills the CSR neighbour lists from sorted bigram keys.
func (m *model) buildNeighbours(pairs []uint64) {
	type pc struct {
		a, b int32
		n    int32
	}
	var uniq []pc
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		uniq = append(uniq, pc{int32(pairs[i] >> 32), int32(uint32(pairs[i])), int32(j - i)})
		i = j
	}
	m.nL = make([]int64, m.V)
	m.nR = make([]int64, m.V)
	m.self = make([]int32, m.V)
	m.rOff = make([]int32, m.V+1)
	m.lOff = make([]int32, m.V+1)
	for _, p := range uniq {
		m.nL[p.a] += int64(p.n)
		m.nR[p.b] += int64(p.n)
		if p.a == p.b {
			m.self[p.a] = p.n
			continue
		}
		m.rOff[p.a+1]++
		m.lOff[p.b+1]++
	}
	for w := range m.V {
		m.rOff[w+1] += m.rOff[w]
		m.lOff[w+1] += m.lOff[w]
	}
	n := m.rOff[m.V]
	m.rNb, m.rCnt = make([]int32, n), make([]int32, n)
	m.lNb, m.lCnt = make([]int32, n), make([]int32, n)
	rPos := slices.Clone(m.rOff[:m.V])
	lPos := slices.Clone(m.lOff[:m.V])
	for _, p := range uniq { // sorted by (a, b): each list comes out sorted
		if p.a == p.b {
			continue
		}
		m.rNb[rPos[p.a]], m.rCnt[rPos[p.a]] = p.b, p.n
		rPos[p.a]++
		m.lNb[lPos[p.b]], m.lCnt[lPos[p.b]] = p.a, p.n
		lPos[p.b]++
	}
}

func (m *model) buildClassCounts() {
	C := m.C
	m.M = make([]int64, C*C)
	m.MT = make([]int64, C*C)
	m.Lc = make([]int64, C)
	m.Rc = make([]int64, C)
	for w := range m.V {
		a := int(m.cls[w])
		for i := m.rOff[w]; i < m.rOff[w+1]; i++ {
			b := int(m.cls[m.rNb[i]])
			m.M[a*C+b] += int64(m.rCnt[i])
			m.MT[b*C+a] += int64(m.rCnt[i])
		}
		m.M[a*C+a] += int64(m.self[w])
		m.MT[a*C+a] += int64(m.self[w])
		m.Lc[a] += m.nL[w]
		m.Rc[a] += m.nR[w]
	}
}

func (m *model) logLik() float64 {
	var s float64
	for _, v := range m.M {
		s += xlogx(v)
	}
	for k := range m.C {
		s -= xlogx(m.Lc[k]) + xlogx(m.Rc[k])
	}
	return s
}

// parallelWork is the least work (classes × context classes) for which a
// word's candidate classes are split among the workers.
var parallelWork = 1 << 15

// scratch is one word's class contexts.
type scratch struct {
	rd, ld   []int64 // dense, by class
	nzR, nzL []int32 // classes with a non-zero entry
}

// contexts fills the class contexts of w (its own bigram excluded).
func (m *model) contexts(w int, s *scratch) {
	s.nzR, s.nzL = s.nzR[:0], s.nzL[:0]
	for i := m.rOff[w]; i < m.rOff[w+1]; i++ {
		k := m.cls[m.rNb[i]]
		if s.rd[k] == 0 {
			s.nzR = append(s.nzR, k)
		}
		s.rd[k] += int64(m.rCnt[i])
	}
	for i := m.lOff[w]; i < m.lOff[w+1]; i++ {
		k := m.cls[m.lNb[i]]
		if s.ld[k] == 0 {
			s.nzL = append(s.nzL, k)
		}
		s.ld[k] += int64(m.lCnt[i])
	}
}

// move adds (sign 1) or removes (sign -1) word w's counts to class a.
func (m *model) move(w int, a int32, sign int64, s *scratch) {
	C := m.C
	ai := int(a)
	for _, y := range s.nzR {
		d := sign * s.rd[y]
		m.M[ai*C+int(y)] += d
		m.MT[int(y)*C+ai] += d
	}
	for _, x := range s.nzL {
		d := sign * s.ld[x]
		m.M[int(x)*C+ai] += d
		m.MT[ai*C+int(x)] += d
	}
	d := sign * int64(m.self[w])
	m.M[ai*C+ai] += d
	m.MT[ai*C+ai] += d
	m.Lc[a] += sign * m.nL[w]
	m.Rc[a] += sign * m.nR[w]
	m.size[a] += int32(sign)
}

// gain is the change of log-likelihood from adding w (removed) to class b.
func (m *model) gain(w int, b int, s *scratch) float64 {
	C := m.C
	row := m.M[b*C : b*C+C]
	col := m.MT[b*C : b*C+C]
	var d float64
	for _, y := range s.nzR {
		if int(y) == b {
			continue
		}
		v := row[y]
		d += xlogx(v+s.rd[y]) - xlogx(v)
	}
	for _, x := range s.nzL {
		if int(x) == b {
			continue
		}
		v := col[x]
		d += xlogx(v+s.ld[x]) - xlogx(v)
	}
	v := row[b]
	d += xlogx(v+s.rd[b]+s.ld[b]+int64(m.self[w])) - xlogx(v)
	d -= xlogx(m.Lc[b]+m.nL[w]) - xlogx(m.Lc[b])
	d -= xlogx(m.Rc[b]+m.nR[w]) - xlogx(m.Rc[b])
	return d
}

// best returns the class in [lo, hi) with the highest gain for w, the
// first of equals.
func (m *model) best(w, lo, hi int, s *scratch) (int, float64) {
	bb, bg := -1, math.Inf(-1)
	for b := lo; b < hi; b++ {
		if g := m.gain(w, b, s); g > bg {
			bb, bg = b, g
		}
	}
	return bb, bg
}

// exchangePass visits every word, most frequent first, and moves it to its
// best class. It returns how many words moved.
func (m *model) exchangePass() int {
	s := &scratch{rd: make([]int64, m.C), ld: make([]int64, m.C)}
	type res struct {
		b int
		g float64
	}
	out := make([]res, m.workers)
	moves := 0
	for w := range m.V {
		a := m.cls[w]
		if m.size[a] == 1 {
			continue
		}
		m.contexts(w, s)
		m.move(w, a, -1, s)
		ga := m.gain(w, int(a), s)
		bb, bg := int(a), ga
		if work := m.C * (len(s.nzR) + len(s.nzL) + 4); m.workers > 1 && work > parallelWork {
			var wg sync.WaitGroup
			step := (m.C + m.workers - 1) / m.workers
			for k := range m.workers {
				lo, hi := k*step, min((k+1)*step, m.C)
				wg.Add(1)
				go func() {
					defer wg.Done()
					b, g := m.best(w, lo, hi, s)
					out[k] = res{b, g}
				}()
			}
			wg.Wait()
			top := res{-1, math.Inf(-1)}
			for _, r := range out {
				if r.b >= 0 && r.g > top.g {
					top = r
				}
			}
			if top.g > bg {
				bb, bg = top.b, top.g
			}
		} else if b, g := m.best(w, 0, m.C, s); g > bg {
			bb, bg = b, g
		}
		_ = bg
		m.move(w, int32(bb), 1, s)
		if int32(bb) != a {
			m.cls[w] = int32(bb)
			moves++
		}
		for _, k := range s.nzR {
			s.rd[k] = 0
		}
		for _, k := range s.nzL {
			s.ld[k] = 0
		}
	}
	return moves
}
