package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/taqrir/taqrir/internal/wordrep"
)

// Tags are the BIO tags the tagger assigns, in model order.
var Tags = []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

const (
	nTags = 9
	start = nTags // the transition row of the sentence start
	magic = "TAQRIR-NER-4"
	// magic3 is the format without Model.Words, still written for a model
	// that reads no word clusters (so that such a model's file is what it
	// was before Words existed) and read as one.
	magic3 = "TAQRIR-NER-3"
	// maxBits bounds the table a model file may ask for (2^22 buckets ×
	// 9 tags × 2 bytes = 75 MB), so a corrupt file cannot make us
	// allocate gigabytes.
	maxBits = 22
)

// ErrBadModel is returned for a model file that cannot be read.
var ErrBadModel = errors.New("ner: bad model file")

// tagIndex maps a tag to its index; ok is false for an unknown tag.
func tagIndex(tag string) (int, bool) {
	for i, t := range Tags {
		if t == tag {
			return i, true
		}
	}
	return 0, false
}

// allowed reports whether tag cur may follow tag prev (prev == start at the
// beginning): an I-X only continues a B-X or I-X.
func allowed(prev, cur int) bool {
	if cur == 0 || cur%2 == 1 {
		return true
	}
	if prev == start || prev == 0 {
		return false
	}
	return (prev+1)/2 == cur/2
}

// Model is a trained tagger's weights: int16 emission weights for each
// hashed feature bucket and tag, and transition weights, all scaled by
// Scale, plus the words the training data had as entity tokens (used to
// tell a clitic from a name's first letter when trimming spans).
type Model struct {
	Bits  uint8   // 1<<Bits feature buckets
	Scale float32 // weight = int16 * Scale
	W     []int16 // bucket*nTags + tag
	T     [(nTags + 1) * nTags]int16
	// Known holds folded entity words of the training data.
	Known map[string]bool
	// Lex is the training lexicon: arabic.Key of each training word → its
	// class code (class<<3 | type, see lexCounts.classes), read by the
	// lexicon features.
	Lex map[string]uint8
	// Info describes how the model was made (data, epochs, seed, dev F1).
	Info string
	// Words is the sha256 of the word-cluster table whose path prefixes
	// of each token and its neighbours the model reads (TrainOptions.Words),
	// "" for none. The table is not in the model file: ReadModel binds the
	// one embedded in the binary (wordrep.Clusters) and refuses a model
	// that names another.
	Words string
	// Doc, when set, is the second pass: the same features plus memory
	// features from a first pass (this model) over the surrounding
	// sentences, for tagging a whole document.
	Doc *Model
	// skipGaz is the gazetteer left out in training
	// (TrainOptions.ExcludeGazetteer), left out in tagging too; never saved.
	skipGaz gazFilter
	// wf holds the unlabeled-text features of TrainOptions (Clusters,
	// CluWide, CluStrip, Mined), read in tagging too; never saved.
	wf *wordFeats
}

func (m *Model) mask() uint64 { return 1<<m.Bits - 1 }

// quantize turns float weights into a Model.
func quantize(bits uint8, w []float32, t []float32) *Model {
	var max float64
	for _, v := range w {
		max = math.Max(max, math.Abs(float64(v)))
	}
	for _, v := range t {
		max = math.Max(max, math.Abs(float64(v)))
	}
	if max == 0 {
		max = 1
	}
	scale := max / 32767
	m := &Model{Bits: bits, Scale: float32(scale), W: make([]int16, len(w))}
	for i, v := range w {
		m.W[i] = int16(math.Round(float64(v) / scale))
	}
	for i, v := range t {
		m.T[i] = int16(math.Round(float64(v) / scale))
	}
	return m
}

// Write writes the model, gzip-compressed.
func (m *Model) Write(w io.Writer) error {
	if m.wf.on() && m.Words == "" {
		return errors.New("ner: the model reads word features its file cannot carry (another cluster table, wide or stripped paths, mined names): it is for measuring only")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	if m.Words == "" {
		bw.WriteString(magic3)
	} else {
		bw.WriteString(magic)
	}
	binary.Write(bw, binary.LittleEndian, m.Bits)
	binary.Write(bw, binary.LittleEndian, m.Scale)
	writeString(bw, m.Info)
	if m.Words != "" {
		writeString(bw, m.Words)
	}
	known := make([]string, 0, len(m.Known))
	for k := range m.Known {
		known = append(known, k)
	}
	sort.Strings(known)
	writeString(bw, strings.Join(known, "\n"))
	lex := make([]string, 0, len(m.Lex))
	for k, c := range m.Lex {
		lex = append(lex, k+"\t"+strconv.Itoa(int(c)))
	}
	sort.Strings(lex)
	writeString(bw, strings.Join(lex, "\n"))
	m.writeWeights(bw)
	if m.Doc != nil {
		bw.WriteByte(1)
		binary.Write(bw, binary.LittleEndian, m.Doc.Bits)
		binary.Write(bw, binary.LittleEndian, m.Doc.Scale)
		m.Doc.writeWeights(bw)
	} else {
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// writeWeights writes the transitions and the non-zero emission rows.
func (m *Model) writeWeights(bw *bufio.Writer) {
	binary.Write(bw, binary.LittleEndian, m.T[:])
	// Sparse emission weights: bucket deltas of the non-zero rows.
	prev := uint32(0)
	for b := 0; b < len(m.W)/nTags; b++ {
		row := m.W[b*nTags : (b+1)*nTags]
		zero := true
		for _, v := range row {
			if v != 0 {
				zero = false
				break
			}
		}
		if zero {
			continue
		}
		var buf [binary.MaxVarintLen64]byte
		n := binary.PutUvarint(buf[:], uint64(uint32(b)-prev)+1)
		bw.Write(buf[:n])
		prev = uint32(b)
		binary.Write(bw, binary.LittleEndian, row)
	}
	bw.WriteByte(0) // end of rows
}

func writeString(w *bufio.Writer, s string) {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], uint64(len(s)))
	w.Write(buf[:n])
	w.WriteString(s)
}

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	bad := func(what string, err error) (*Model, error) {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadModel, what, err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic && string(head) != magic3 {
		return bad("header", fmt.Errorf("not a taqrir NER model"))
	}
	m := &Model{}
	if err := binary.Read(br, binary.LittleEndian, &m.Bits); err != nil {
		return bad("bits", err)
	}
	if m.Bits < 8 || m.Bits > maxBits {
		return bad("bits", fmt.Errorf("%d out of range", m.Bits))
	}
	if err := binary.Read(br, binary.LittleEndian, &m.Scale); err != nil {
		return bad("scale", err)
	}
	if m.Info, err = readString(br); err != nil {
		return bad("info", err)
	}
	if string(head) == magic {
		if m.Words, err = readString(br); err != nil {
			return bad("word clusters", err)
		}
	}
	known, err := readString(br)
	if err != nil {
		return bad("known words", err)
	}
	m.Known = map[string]bool{}
	for _, k := range strings.Split(known, "\n") {
		if k != "" {
			m.Known[k] = true
		}
	}
	lex, err := readString(br)
	if err != nil {
		return bad("lexicon", err)
	}
	m.Lex = map[string]uint8{}
	for _, l := range strings.Split(lex, "\n") {
		if l == "" {
			continue
		}
		k, c, ok := strings.Cut(l, "\t")
		v, err := strconv.ParseUint(c, 10, 8)
		if !ok || err != nil {
			return bad("lexicon", fmt.Errorf("line %q", l))
		}
		m.Lex[k] = uint8(v)
	}
	if err := m.readWeights(br); err != nil {
		return bad("weights", err)
	}
	hasDoc, err := br.ReadByte()
	if err != nil {
		return bad("document pass", err)
	}
	if hasDoc == 1 {
		d := &Model{Known: m.Known, Lex: m.Lex}
		if err := binary.Read(br, binary.LittleEndian, &d.Bits); err != nil || d.Bits < 8 || d.Bits > maxBits {
			return bad("document pass bits", fmt.Errorf("%d: %v", d.Bits, err))
		}
		if err := binary.Read(br, binary.LittleEndian, &d.Scale); err != nil {
			return bad("document pass scale", err)
		}
		if err := d.readWeights(br); err != nil {
			return bad("document pass weights", err)
		}
		m.Doc = d
	}
	if err := m.bindWords(); err != nil {
		return bad("word clusters", err)
	}
	return m, nil
}

// bindWords gives a model that reads word clusters (Words set) the
// embedded table, which must be the one it was trained with.
func (m *Model) bindWords() error {
	if m.Words == "" {
		return nil
	}
	if m.Words != wordrep.ClustersSHA256 {
		return fmt.Errorf("the model was trained with the table %.12s…, this build embeds %.12s…: retrain it (internal/facts/ner/MODEL.md)", m.Words, wordrep.ClustersSHA256)
	}
	t, err := wordrep.Clusters()
	if err != nil {
		return err
	}
	m.wf = &wordFeats{clusters: t.Path}
	if m.Doc != nil {
		m.Doc.wf = m.wf
	}
	return nil
}

// readWeights reads what writeWeights wrote; Bits must be set.
func (m *Model) readWeights(br *bufio.Reader) error {
	if err := binary.Read(br, binary.LittleEndian, m.T[:]); err != nil {
		return fmt.Errorf("transitions: %w", err)
	}
	m.W = make([]int16, (1<<m.Bits)*nTags)
	b := uint64(0)
	for {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return err
		}
		if d == 0 {
			return nil
		}
		b += d - 1
		if b >= 1<<m.Bits {
			return fmt.Errorf("bucket %d out of range", b)
		}
		if err := binary.Read(br, binary.LittleEndian, m.W[b*nTags:(b+1)*nTags]); err != nil {
			return err
		}
	}
}

func readString(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	if n > 1<<26 {
		return "", fmt.Errorf("string of %d bytes", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// viterbi returns the best tag sequence given per-token emission scores
// (len(tokens)*nTags) and transition scores, under the BIO constraints.
func viterbi[S int32 | float32](emit []S, trans func(i, prev, cur int) S, n int, out []int) []int {
	if n == 0 {
		return out[:0]
	}
	const neg = -1 << 30
	score := make([]S, n*nTags)
	back := make([]uint8, n*nTags)
	for t := 0; t < nTags; t++ {
		if allowed(start, t) {
			score[t] = emit[t] + trans(0, start, t)
		} else {
			score[t] = neg
		}
	}
	for i := 1; i < n; i++ {
		for t := 0; t < nTags; t++ {
			best, arg := S(neg), 0
			for p := 0; p < nTags; p++ {
				if !allowed(p, t) || score[(i-1)*nTags+p] <= neg {
					continue
				}
				if s := score[(i-1)*nTags+p] + trans(i, p, t); s > best {
					best, arg = s, p
				}
			}
			if best <= neg {
				score[i*nTags+t] = neg
				continue
			}
			score[i*nTags+t] = best + emit[i*nTags+t]
			back[i*nTags+t] = uint8(arg)
		}
	}
	best, arg := S(neg), 0
	for t := 0; t < nTags; t++ {
		if s := score[(n-1)*nTags+t]; s > best {
			best, arg = s, t
		}
	}
	out = append(out[:0], make([]int, n)...)
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i*nTags+arg])
	}
	return out
}
