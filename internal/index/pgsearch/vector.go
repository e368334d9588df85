package pgsearch

import (
	"slices"
	"strconv"
	"strings"

	"github.com/taqrir/taqrir/internal/analyzer"
)

// PostgreSQL's limits on a tsvector: positions run to 16383 (a larger one
// is stored as 16383) and a lexeme keeps at most 256 positions.
const (
	maxPos        = 16383
	maxLexemePos  = 255
	weightDefault = 0 // D
)

// vector collects the keys of one document's fields with their positions
// and weights, and writes the tsvector's text form.
type vector struct {
	lex   map[string][]uint32 // position<<8 | weight letter
	order []string
}

// addText adds the keys taqrir_ar gives text (the same tokens the bleve
// index stores: key, second reading, derivational keys, each at its word's
// position) at positions from base+1, with weight w ('A'..'C', 0 for D).
// It returns the number of tokens (the field length BM25 uses) and the
// last position used.
func (v *vector) addText(text string, base int, w byte) (tokens, last int) {
	last = base
	if text == "" {
		return 0, last
	}
	if v.lex == nil {
		v.lex = map[string][]uint32{}
	}
	for _, t := range analyzer.New().Tokenize([]byte(text)) {
		p := min(base+t.Position, maxPos)
		last = max(last, base+t.Position)
		tokens++
		k := string(t.Term)
		ps, ok := v.lex[k]
		if !ok {
			v.order = append(v.order, k)
		}
		if len(ps) < maxLexemePos {
			v.lex[k] = append(ps, uint32(p)<<8|uint32(w))
		}
	}
	return tokens, last
}

// String is the tsvector's text form: 'key':1A,5 'key2':3 …
func (v *vector) String() string {
	var b strings.Builder
	for i, k := range v.order {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeLexeme(&b, k)
		b.WriteByte(':')
		ps := v.lex[k]
		slices.Sort(ps)
		prev := uint32(0)
		for j, p := range ps {
			if p>>8 == prev {
				continue // the same position twice (clamped): once is enough
			}
			prev = p >> 8
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(int(p >> 8)))
			if c := byte(p & 0xff); c != weightDefault {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// writeLexeme writes a key quoted for tsvector and tsquery input.
func writeLexeme(b *strings.Builder, k string) {
	b.WriteByte('\'')
	for _, c := range k {
		switch c {
		case '\'':
			b.WriteString("''")
			continue
		case '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	b.WriteByte('\'')
}

func quoteLexeme(k string) string {
	var b strings.Builder
	writeLexeme(&b, k)
	return b.String()
}
