package stance

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"sync"
)

// featuresVersion names the feature set a model was trained on; change it
// whenever features.go, lexicon.go or the analysis they use would give a
// pair different features, so an old model is refused rather than read
// with weights for other features.
const featuresVersion = "2026-12-07.1"

const (
	magic = "TAQRIR-STANCE-1"
	// maxBits bounds the table a model file may ask for (2^22 buckets ×
	// 3 labels × 4 bytes = 50 MB), so a corrupt file cannot make us
	// allocate gigabytes.
	maxBits = 22
	// maxStrings bounds the mined word pairs and the length of a string
	// in a model file, for the same reason.
	maxStrings = 1 << 20
)

// ErrBadModel is returned for a model file that cannot be read.
var ErrBadModel = errors.New("stance: bad model file")

// Model is a trained decision: a weight for each hashed feature bucket and
// label, the decision offsets chosen on a development set, the word pairs
// mined from contradicting training pairs, and the two baselines' settings.
type Model struct {
	Bits    uint8
	W       []float32        // (1<<Bits) × len(Labels), bucket-major
	Offset  [nLabels]float64 // added to each label's score before the decision
	Mined   map[[2]string]struct{}
	Base    Baselines
	Info    string // provenance: data, options, seed
	weights int    // non-zero buckets, for Size
}

// Baselines are the settings of the two reference decisions measured with
// the model: the training data's majority label, and a word-overlap
// threshold rule chosen on a development set.
type Baselines struct {
	Majority Label
	Overlap  OverlapRule
}

// OverlapRule labels a pair by the Jaccard overlap of its content-word keys
// alone: below Other it is other, below High it is Low, else HighLabel.
type OverlapRule struct {
	Other, High    float64
	Low, HighLabel Label
}

// Decide labels a pair by the rule.
func (r OverlapRule) Decide(a, b string) Label {
	j := keyJaccard(analyse(a).keys, analyse(b).keys)
	switch {
	case j < r.Other:
		return Other
	case j < r.High:
		return r.Low
	}
	return r.HighLabel
}

// keyJaccard is |A∩B| / |A∪B| of two key lists without repeats.
func keyJaccard(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	in := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				in++
				break
			}
		}
	}
	return float64(in) / float64(len(a)+len(b)-in)
}

// Statement is a statement read once for many decisions: a report that
// compares each of n claims with the others reads each claim once
// (Analyse) and decides n² pairs on what was read (DecideStatements).
type Statement struct {
	Text string
	s    side
}

// Analyse reads a statement for DecideStatements.
func Analyse(text string) *Statement {
	return &Statement{Text: text, s: analyse(text)}
}

// Scores returns the probability of each label for the pair (after the
// decision offsets), in Labels order.
func (m *Model) Scores(a, b string) [nLabels]float64 {
	return m.StatementScores(Analyse(a), Analyse(b))
}

// StatementScores is Scores for statements already read.
func (m *Model) StatementScores(a, b *Statement) [nLabels]float64 {
	z := featurizer{mask: 1<<m.Bits - 1, out: make([]feat, 0, 128)}
	features(&z, &a.s, &b.s, m.Mined)
	return m.probs(z.out)
}

// DecideStatements is Decide for statements already read.
func (m *Model) DecideStatements(a, b *Statement) (Label, float64) {
	return argmax(m.StatementScores(a, b))
}

func (m *Model) raw(fs []feat) [nLabels]float64 {
	var s [nLabels]float64
	for _, f := range fs {
		w := m.W[int(f.idx)*int(nLabels):]
		for c := range s {
			s[c] += float64(w[c]) * float64(f.val)
		}
	}
	return s
}

func (m *Model) probs(fs []feat) [nLabels]float64 {
	s := m.raw(fs)
	for c := range s {
		s[c] += m.Offset[c]
	}
	softmax(&s)
	return s
}

// Decide says how statement b relates to statement a, with the model's
// probability of that label (0–1). The order of a and b does not matter.
func (m *Model) Decide(a, b string) (Label, float64) {
	return argmax(m.Scores(a, b))
}

// Best is the label a model decides for scores p (as Scores returns them)
// and its probability: what Decide returns, for a caller that also wants
// the other probabilities.
func Best(p [nLabels]float64) (Label, float64) { return argmax(p) }

func argmax(p [nLabels]float64) (Label, float64) {
	best := Disagree
	for _, l := range Labels {
		if p[l] > p[best] {
			best = l
		}
	}
	return best, p[best]
}

//go:embed model.bin.gz
var embedded []byte

var (
	defOnce  sync.Once
	defModel *Model
)

// Default returns the shipped model, read once from the embedded file.
func Default() *Model {
	defOnce.Do(func() {
		m, err := ReadModel(bytes.NewReader(embedded))
		if err != nil {
			panic(fmt.Sprintf("stance: embedded model: %v", err))
		}
		defModel = m
	})
	return defModel
}

// Decide says how two statements relate, with the shipped model (Default).
func Decide(a, b string) (Label, float64) {
	return Default().Decide(a, b)
}

// LoadModel reads a model file written by Write.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Size returns the number of non-zero weight buckets.
func (m *Model) Size() int { return m.weights }

// Write writes the model, gzipped: the magic, the provenance, the settings,
// the mined pairs (sorted) and the non-zero buckets' weights as float32,
// their indexes delta-coded. The same model always gives the same bytes.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	writeString(bw, featuresVersion)
	writeString(bw, m.Info)
	bw.WriteByte(m.Bits)
	for _, o := range m.Offset {
		writeFloat(bw, o)
	}
	bw.WriteByte(byte(m.Base.Majority))
	writeFloat(bw, m.Base.Overlap.Other)
	writeFloat(bw, m.Base.Overlap.High)
	bw.WriteByte(byte(m.Base.Overlap.Low))
	bw.WriteByte(byte(m.Base.Overlap.HighLabel))
	pairs := make([][2]string, 0, len(m.Mined))
	for p := range m.Mined {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	writeUvarint(bw, uint64(len(pairs)))
	for _, p := range pairs {
		writeString(bw, p[0])
		writeString(bw, p[1])
	}
	n := 0
	for i := 0; i < len(m.W); i += int(nLabels) {
		if nonZero(m.W[i : i+int(nLabels)]) {
			n++
		}
	}
	writeUvarint(bw, uint64(n))
	prev := 0
	var b4 [4]byte
	for i := 0; i < len(m.W); i += int(nLabels) {
		if !nonZero(m.W[i : i+int(nLabels)]) {
			continue
		}
		bucket := i / int(nLabels)
		writeUvarint(bw, uint64(bucket-prev))
		prev = bucket
		for _, v := range m.W[i : i+int(nLabels)] {
			binary.LittleEndian.PutUint32(b4[:], math.Float32bits(v))
			bw.Write(b4[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func nonZero(ws []float32) bool {
	for _, v := range ws {
		if v != 0 {
			return true
		}
	}
	return false
}

func writeString(w *bufio.Writer, s string) {
	writeUvarint(w, uint64(len(s)))
	w.WriteString(s)
}

func writeUvarint(w *bufio.Writer, v uint64) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], v)])
}

func writeFloat(w *bufio.Writer, f float64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], math.Float64bits(f))
	w.Write(b[:])
}

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	br := bufio.NewReader(zr)
	bad := func(what string, err error) (*Model, error) {
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrBadModel, what, err)
		}
		return nil, fmt.Errorf("%w: %s", ErrBadModel, what)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return bad("not a stance model (magic)", err)
	}
	m := &Model{Mined: map[[2]string]struct{}{}}
	v, err := readString(br)
	if err != nil {
		return bad("features version", err)
	}
	if v != featuresVersion {
		return bad(fmt.Sprintf("trained on features %q, this code computes %q: retrain it (taqrir train stance)", v, featuresVersion), nil)
	}
	if m.Info, err = readString(br); err != nil {
		return bad("info", err)
	}
	if m.Bits, err = br.ReadByte(); err != nil || m.Bits == 0 || m.Bits > maxBits {
		return bad(fmt.Sprintf("bits %d", m.Bits), err)
	}
	for i := range m.Offset {
		if m.Offset[i], err = readFloat(br); err != nil {
			return bad("offsets", err)
		}
	}
	labels := make([]byte, 0, 3)
	b, err := br.ReadByte()
	if err != nil {
		return bad("majority", err)
	}
	labels = append(labels, b)
	if m.Base.Overlap.Other, err = readFloat(br); err != nil {
		return bad("overlap rule", err)
	}
	if m.Base.Overlap.High, err = readFloat(br); err != nil {
		return bad("overlap rule", err)
	}
	for range 2 {
		b, err := br.ReadByte()
		if err != nil {
			return bad("overlap rule", err)
		}
		labels = append(labels, b)
	}
	for _, l := range labels {
		if Label(l) >= nLabels {
			return bad(fmt.Sprintf("label %d", l), nil)
		}
	}
	m.Base.Majority, m.Base.Overlap.Low, m.Base.Overlap.HighLabel = Label(labels[0]), Label(labels[1]), Label(labels[2])
	n, err := binary.ReadUvarint(br)
	if err != nil || n > maxStrings {
		return bad("mined pairs", err)
	}
	for range n {
		x, err := readString(br)
		if err != nil {
			return bad("mined pair", err)
		}
		y, err := readString(br)
		if err != nil {
			return bad("mined pair", err)
		}
		m.Mined[[2]string{x, y}] = struct{}{}
	}
	buckets := 1 << m.Bits
	n, err = binary.ReadUvarint(br)
	if err != nil || n > uint64(buckets) {
		return bad("weight count", err)
	}
	m.W = make([]float32, buckets*int(nLabels))
	bucket := 0
	var b4 [4]byte
	for i := range n {
		d, err := binary.ReadUvarint(br)
		if err != nil || d > uint64(buckets) || (i > 0 && d == 0) {
			return bad("weight index", err)
		}
		bucket += int(d)
		if bucket >= buckets {
			return bad("weight index out of range", nil)
		}
		for c := range int(nLabels) {
			if _, err := io.ReadFull(br, b4[:]); err != nil {
				return bad("weights", err)
			}
			v := math.Float32frombits(binary.LittleEndian.Uint32(b4[:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return bad("weight not finite", nil)
			}
			m.W[bucket*int(nLabels)+c] = v
		}
	}
	m.weights = int(n)
	for _, o := range m.Offset {
		if math.IsNaN(o) || math.IsInf(o, 0) {
			return bad("offset not finite", nil)
		}
	}
	return m, nil
}

func readString(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	if n > maxStrings {
		return "", fmt.Errorf("string of %d bytes", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

func readFloat(r *bufio.Reader) (float64, error) {
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b[:])), nil
}
