// Package sparse is the one sparse vector the report's summary and the
// story clusterer share: term keys to weights, with the dot product and
// L2 norm that cosine similarity needs. Dot also takes the clusterer's
// vectors of numbered keys.
//
// It must never know what the keys mean (terms, entities): weighting is
// its callers' business.
package sparse

import "math"

// Vec is a sparse vector: a key's weight, absent keys weighing 0.
type Vec map[string]float64

// Dot is the dot product of v and w; for two L2-normalised vectors it is
// their cosine. It walks the smaller of the two.
func (v Vec) Dot(w Vec) float64 { return Dot(v, w) }

// Dot is the dot product of two sparse vectors of any key type, walking
// the smaller.
func Dot[K comparable](v, w map[K]float64) float64 {
	if len(w) < len(v) {
		v, w = w, v
	}
	s := 0.0
	for k, x := range v {
		s += x * w[k]
	}
	return s
}

// Norm is v's L2 norm.
func (v Vec) Norm() float64 {
	n := 0.0
	for _, x := range v {
		n += x * x
	}
	return math.Sqrt(n)
}

// Normalize scales v to unit L2 norm in place (a zero vector stays as it
// is) and returns it.
func (v Vec) Normalize() Vec {
	n := v.Norm()
	if n == 0 {
		return v
	}
	for k := range v {
		v[k] /= n
	}
	return v
}
