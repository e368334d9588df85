package wordrep

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
)

// Vectors is a table of dense word vectors: each unit of the vocabulary
// with its count and its vector (the mean of its own row and its n-gram
// rows, scaled to unit length), and the n-gram bucket rows, so a unit not
// in the vocabulary gets a vector from its n-grams. Rows are stored as
// int8 with one float32 scale a row. Header holds the provenance lines.
type Vectors struct {
	Dim, MinN, MaxN, Buckets int
	Header                   []string
	Words                    []string // most frequent first
	Counts                   []int64
	wq                       []int8 // word rows, Dim each
	ws                       []float32
	bq                       []int8 // bucket rows, Dim each
	bs                       []float32

	once   sync.Once
	byWord map[string]int32
	wf     []float32 // word rows as float32, less their mean, unit length
	mean   []float32 // the mean of the word rows as stored
	total  float64
}

const vectorsMagic = "taqrir word vectors v1"

// ErrNotVectors is returned by ReadVectors for a file that is not a vector
// table (a cluster table, say).
var ErrNotVectors = errors.New("not a taqrir word-vector table")

func quantise(dst []int8, row []float32) float32 {
	var m float32
	for _, v := range row {
		m = max(m, float32(math.Abs(float64(v))))
	}
	if m == 0 {
		return 0
	}
	s := m / 127
	for i, v := range row {
		dst[i] = int8(math.Round(float64(v / s)))
	}
	return s
}

func normalise(v []float32) bool {
	n := float32(math.Sqrt(float64(dot(v, v))))
	if n == 0 {
		return false
	}
	for i := range v {
		v[i] /= n
	}
	return true
}

// build fills the quantised rows from the trained input rows.
func (t *Vectors) build(in []float32, V int) {
	dim := t.Dim
	t.wq = make([]int8, V*dim)
	t.ws = make([]float32, V)
	v := make([]float32, dim)
	var rows []int32
	for w, u := range t.Words {
		rows = append(rows[:0], int32(w))
		n0 := len(rows)
		rows = ngramBuckets(rows, u, t.MinN, t.MaxN, t.Buckets)
		for i := n0; i < len(rows); i++ {
			rows[i] += int32(V)
		}
		compose(v, in, rows, dim)
		normalise(v)
		t.ws[w] = quantise(t.wq[w*dim:(w+1)*dim], v)
	}
	t.bq = make([]int8, t.Buckets*dim)
	t.bs = make([]float32, t.Buckets)
	for b := range t.Buckets {
		t.bs[b] = quantise(t.bq[b*dim:(b+1)*dim], in[(V+b)*dim:(V+b+1)*dim])
	}
}

// load builds the lookup map and the float rows, once.
func (t *Vectors) load() {
	t.once.Do(func() {
		t.byWord = make(map[string]int32, len(t.Words))
		for i, w := range t.Words {
			t.byWord[w] = int32(i)
			t.total += float64(t.Counts[i])
		}
		dim := t.Dim
		t.wf = make([]float32, len(t.Words)*dim)
		t.mean = make([]float32, dim)
		for w := range t.Words {
			row := t.wf[w*dim : (w+1)*dim]
			for i, q := range t.wq[w*dim : (w+1)*dim] {
				row[i] = float32(q) * t.ws[w]
			}
			axpy(1/float32(len(t.Words)), row, t.mean)
		}
		// The vectors share a common direction (the n-grams every word
		// has, the drift of frequent rows): take it out so a cosine
		// tells words apart.
		for w := range t.Words {
			row := t.wf[w*dim : (w+1)*dim]
			axpy(-1, t.mean, row)
			normalise(row)
		}
	})
}

// unitOf returns the vocabulary index of a raw word or of a unit, or -1.
func (t *Vectors) unitOf(word string) (string, int32) {
	t.load()
	u := Unit(word)
	if i, ok := t.byWord[u]; ok {
		return u, i
	}
	if i, ok := t.byWord[word]; ok {
		return word, i
	}
	return u, -1
}

// Vector returns a raw word's vector (unit length; do not modify it): its
// row when its unit is in the vocabulary, else the mean of its n-gram
// rows. known is false for a word out of the vocabulary; ok is false when
// it has no vector at all.
func (t *Vectors) Vector(word string) (v []float32, known, ok bool) {
	u, i := t.unitOf(word)
	if i >= 0 {
		return t.wf[int(i)*t.Dim : int(i+1)*t.Dim], true, true
	}
	if u == "" || !isWordUnit(u) {
		return nil, false, false
	}
	rows := ngramBuckets(nil, u, t.MinN, t.MaxN, t.Buckets)
	if len(rows) == 0 {
		return nil, false, false
	}
	v = make([]float32, t.Dim)
	for _, b := range rows {
		s := t.bs[b]
		for j, q := range t.bq[int(b)*t.Dim : int(b+1)*t.Dim] {
			v[j] += float32(q) * s
		}
	}
	normalise(v)
	axpy(-1, t.mean, v)
	return v, false, normalise(v)
}

// VecNeighbour is a unit near another, with the cosine of their vectors.
type VecNeighbour struct {
	Word  string
	Count int64
	Score float64
}

// Nearest returns up to n vocabulary units whose vectors are nearest a raw
// word's (cosine at least minScore), best first, leaving out the word's
// own unit. ok is false when the word has no vector.
func (t *Vectors) Nearest(word string, n int, minScore float64) (nb []VecNeighbour, known, ok bool) {
	v, known, ok := t.Vector(word)
	if !ok {
		return nil, false, false
	}
	self, _ := t.unitOf(word)
	return t.NearestTo(v, n, minScore, self), known, true
}

// NearestTo returns up to n vocabulary units nearest a unit-length vector,
// leaving out the unit skip.
func (t *Vectors) NearestTo(v []float32, n int, minScore float64, skip string) []VecNeighbour {
	return t.nearestAmong(v, n, minScore, skip, len(t.Words))
}

// nearestAmong is NearestTo over the among most frequent units only.
func (t *Vectors) nearestAmong(v []float32, n int, minScore float64, skip string, among int) []VecNeighbour {
	t.load()
	if n <= 0 {
		return nil
	}
	type cand struct {
		w int32
		s float32
	}
	top := make([]cand, 0, n+1)
	floor := float32(minScore)
	dim := t.Dim
	for w := range min(among, len(t.Words)) {
		s := dot(v, t.wf[w*dim:(w+1)*dim])
		if s < floor || (len(top) == n && s <= top[n-1].s) {
			continue
		}
		if t.Words[w] == skip {
			continue
		}
		i := len(top)
		if i == n {
			i--
		} else {
			top = append(top, cand{})
		}
		for i > 0 && top[i-1].s < s {
			top[i] = top[i-1]
			i--
		}
		top[i] = cand{int32(w), s}
	}
	out := make([]VecNeighbour, len(top))
	for i, c := range top {
		out[i] = VecNeighbour{t.Words[c.w], t.Counts[c.w], float64(c.s)}
	}
	return out
}

// Similarity is the cosine of two raw words' vectors (0 when either has none).
func (t *Vectors) Similarity(a, b string) float64 {
	va, _, oka := t.Vector(a)
	vb, _, okb := t.Vector(b)
	if !oka || !okb {
		return 0
	}
	return float64(dot(va, vb))
}

// Weight is a raw word's smooth-inverse-frequency weight a/(a+p), p its
// share of the training text (a unit out of the vocabulary counts as seen
// once), a = 1e-4: common words weigh little.
func (t *Vectors) Weight(word string) float64 {
	t.load()
	c := 1.0
	if _, i := t.unitOf(word); i >= 0 {
		c = float64(t.Counts[i])
	}
	const a = 1e-4
	return a / (a + c/t.total)
}

// Mean returns the weighted mean of the vectors of words, scaled to unit
// length: each word weighs a/(a+p), p its share of the training text (a
// unit out of the vocabulary counts as seen once), so common words weigh
// little (smooth inverse frequency, a = 1e-4). ok is false when no word
// has a vector.
func (t *Vectors) Mean(words []string) (v []float32, ok bool) {
	t.load()
	v = make([]float32, t.Dim)
	const a = 1e-4
	for _, w := range words {
		wv, _, has := t.Vector(w)
		if !has {
			continue
		}
		c := 1.0
		if _, i := t.unitOf(w); i >= 0 {
			c = float64(t.Counts[i])
		}
		axpy(float32(a/(a+c/t.total)), wv, v)
	}
	return v, normalise(v)
}

// Dot is the dot product of two vectors of the table (the cosine of two
// unit-length vectors).
func Dot(a, b []float32) float64 { return float64(dot(a, b)) }

// Write writes the table gzip-compressed: text lines (the format, then
// "# " provenance lines), a line "binary", then little-endian: dim, min
// n, max n, buckets and the vocabulary size as uint32; each unit as a
// uvarint length, its bytes and a uvarint count; the word rows (int8) and
// their float32 scales; the bucket rows and their scales.
func (t *Vectors) Write(w io.Writer) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(gz)
	fmt.Fprintf(bw, "%s\n", vectorsMagic)
	for _, h := range t.Header {
		fmt.Fprintf(bw, "# %s\n", strings.ReplaceAll(h, "\n", " "))
	}
	bw.WriteString("binary\n")
	for _, n := range []int{t.Dim, t.MinN, t.MaxN, t.Buckets, len(t.Words)} {
		binary.Write(bw, binary.LittleEndian, uint32(n))
	}
	var buf [binary.MaxVarintLen64]byte
	for i, u := range t.Words {
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(u)))])
		bw.WriteString(u)
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(t.Counts[i]))])
	}
	for _, x := range []any{t.wq, t.ws, t.bq, t.bs} {
		if err := binary.Write(bw, binary.LittleEndian, x); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// WriteFile writes the table to a file, whole or not at all.
func (t *Vectors) WriteFile(path string) error { return writeFile(path, t.Write) }

// ReadVectors reads a table written by Vectors.Write; the lookup rows are
// built on first use.
func ReadVectors(r io.Reader) (*Vectors, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("word vectors: %w", err)
	}
	defer gz.Close()
	br := bufio.NewReader(gz)
	line, err := br.ReadString('\n')
	if err != nil || strings.TrimSuffix(line, "\n") != vectorsMagic {
		return nil, ErrNotVectors
	}
	t := &Vectors{}
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("word vectors: header: %w", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "binary" {
			break
		}
		h, ok := strings.CutPrefix(line, "# ")
		if !ok {
			return nil, fmt.Errorf("word vectors: header line %q", line)
		}
		t.Header = append(t.Header, h)
	}
	var dims [5]uint32
	if err := binary.Read(br, binary.LittleEndian, &dims); err != nil {
		return nil, fmt.Errorf("word vectors: %w", err)
	}
	t.Dim, t.MinN, t.MaxN, t.Buckets = int(dims[0]), int(dims[1]), int(dims[2]), int(dims[3])
	V := int(dims[4])
	if t.Dim <= 0 || t.Dim > 4096 || V <= 0 || V > 1<<24 || t.Buckets > 1<<24 {
		return nil, fmt.Errorf("word vectors: implausible sizes %v", dims)
	}
	t.Words = make([]string, V)
	t.Counts = make([]int64, V)
	for i := range V {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1024 {
			return nil, fmt.Errorf("word vectors: unit %d: bad length", i)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("word vectors: unit %d: %w", i, err)
		}
		c, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("word vectors: unit %d: %w", i, err)
		}
		t.Words[i], t.Counts[i] = string(b), int64(c)
	}
	t.wq = make([]int8, V*t.Dim)
	t.ws = make([]float32, V)
	t.bq = make([]int8, t.Buckets*t.Dim)
	t.bs = make([]float32, t.Buckets)
	for _, x := range []any{t.wq, t.ws, t.bq, t.bs} {
		if err := binary.Read(br, binary.LittleEndian, x); err != nil {
			return nil, fmt.Errorf("word vectors: rows: %w", err)
		}
	}
	return t, nil
}

// ReadVectorsFile reads a vector table from a file.
func ReadVectorsFile(path string) (*Vectors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := ReadVectors(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Equal reports whether two tables hold the same units, counts and rows
// (the headers aside).
func (t *Vectors) Equal(o *Vectors) bool {
	return t.Dim == o.Dim && t.MinN == o.MinN && t.MaxN == o.MaxN && t.Buckets == o.Buckets &&
		slices.Equal(t.Words, o.Words) && slices.Equal(t.Counts, o.Counts) &&
		slices.Equal(t.wq, o.wq) && slices.Equal(t.ws, o.ws) &&
		slices.Equal(t.bq, o.bq) && slices.Equal(t.bs, o.bs)
}
