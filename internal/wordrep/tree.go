package wordrep

import (
	"math"
	"slices"
	"sync"
)

// mergeTree builds the binary tree over the exchange classes and returns
// each class's bit-string path. A class's profile is its row and column of
// the class bigram counts (what follows it, what precedes it); merging two
// classes with their contexts held fixed loses
//
//	Σ F(a_t) + Σ F(b_t) − Σ F(a_t+b_t) − F(A) − F(B) + F(A+B),  F(n) = n ln n,
//
// of the log-likelihood (their profiles' count-weighted divergence from
// the merged one); the cheapest pair merges first, ties to the lowest
// slots. Each merge recomputes only the pairs of the merged class.
func (m *model) mergeTree() []string {
	C := m.C
	if C == 1 {
		return []string{"0"}
	}
	D := 2 * C
	prof := make([]int64, C*D)
	tot := make([]int64, C)
	sf := make([]float64, C)
	for k := range C {
		p := prof[k*D : k*D+D]
		copy(p[:C], m.M[k*C:k*C+C])
		copy(p[C:], m.MT[k*C:k*C+C])
		tot[k] = m.Lc[k] + m.Rc[k]
		for _, v := range p {
			sf[k] += xlogx(v)
		}
	}
	loss := func(i, j int) float64 {
		a, b := prof[i*D:i*D+D], prof[j*D:j*D+D]
		var s float64
		for t := range a {
			if v := a[t] + b[t]; v != 0 {
				s += xlogx(v)
			}
		}
		return sf[i] + sf[j] - s - xlogx(tot[i]) - xlogx(tot[j]) + xlogx(tot[i]+tot[j])
	}
	cost := make([]float64, C*C)
	active := make([]bool, C)
	for i := range active {
		active[i] = true
	}
	parallelRows := func(fn func(k int)) {
		var wg sync.WaitGroup
		for w := range m.workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := w; k < C; k += m.workers {
					fn(k)
				}
			}()
		}
		wg.Wait()
	}
	parallelRows(func(i int) {
		for j := i + 1; j < C; j++ {
			c := loss(i, j)
			cost[i*C+j], cost[j*C+i] = c, c
		}
	})
	rowBest := make([]int, C)
	rowCost := make([]float64, C)
	scan := func(k int) {
		rowBest[k], rowCost[k] = -1, math.Inf(1)
		for l := range C {
			if l != k && active[l] && cost[k*C+l] < rowCost[k] {
				rowBest[k], rowCost[k] = l, cost[k*C+l]
			}
		}
	}
	for k := range C {
		scan(k)
	}
	// tree: nodes 0..C-1 are the classes, C.. the merges
	parent := make([]int, 2*C-1)
	bit := make([]byte, 2*C-1)
	node := make([]int, C) // slot → its node
	for k := range node {
		node[k] = k
	}
	next := C
	for range C - 1 {
		i := -1
		for k := range C {
			if active[k] && (i < 0 || rowCost[k] < rowCost[i]) {
				i = k
			}
		}
		j := rowBest[i]
		if j < i {
			i, j = j, i
		}
		parent[node[i]], bit[node[i]] = next, '0'
		parent[node[j]], bit[node[j]] = next, '1'
		node[i] = next
		next++
		pi, pj := prof[i*D:i*D+D], prof[j*D:j*D+D]
		sf[i] = 0
		for t := range pi {
			pi[t] += pj[t]
			sf[i] += xlogx(pi[t])
		}
		tot[i] += tot[j]
		active[j] = false
		parallelRows(func(k int) {
			if k != i && active[k] {
				c := loss(i, k)
				cost[i*C+k], cost[k*C+i] = c, c
			}
		})
		scan(i)
		for k := range C {
			if !active[k] || k == i {
				continue
			}
			switch {
			case rowBest[k] == i || rowBest[k] == j:
				scan(k)
			case cost[k*C+i] < rowCost[k] || (cost[k*C+i] == rowCost[k] && i < rowBest[k]):
				rowBest[k], rowCost[k] = i, cost[k*C+i]
			}
		}
	}
	root := next - 1
	paths := make([]string, C)
	var buf []byte
	for k := range C {
		buf = buf[:0]
		for n := k; n != root; n = parent[n] {
			buf = append(buf, bit[n])
		}
		slices.Reverse(buf)
		paths[k] = string(buf)
	}
	return paths
}
