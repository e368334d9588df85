package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/taqrir/taqrir/internal/news"
)

// Facts are stored in a compact binary form, deflated: a report reads up
// to 2,000 articles' facts and the stories' catch-up every new one, and
// encoding/json spent more time decoding them than the rest of the read.
// The form is one format byte (factsBinaryV1; stored JSON starts with '{',
// and ReadColumns still reads it), then the four lists in the order of
// news.Facts, each as a count (appendCount) and its items, each item its fields in
// declaration order: strings as a length and the bytes, ints as zig-zag
// varints, bools as a byte, floats as 8 bytes little-endian.
// TestFactsCodecCarriesEveryField fails when a field is added to one of
// the fact types and not here.
const factsBinaryV1 = 0x01

// errFactsTruncated is wrapped by the error for facts that end early.
var errFactsTruncated = errors.New("truncated")

// appendFacts appends the binary form of f.
func appendFacts(b []byte, f *news.Facts) []byte {
	b = append(b, factsBinaryV1)
	b = appendCount(b, f.Entities == nil, len(f.Entities))
	for i := range f.Entities {
		e := &f.Entities[i]
		b = appendStr(b, e.Text)
		b = appendStr(b, e.Type)
		b = appendStr(b, e.Canonical)
		b = binary.AppendVarint(b, int64(e.Start))
		b = binary.AppendVarint(b, int64(e.End))
		b = appendStr(b, e.Role)
		b = appendStr(b, e.Of)
		b = appendStr(b, e.In)
		b = appendBool(b, e.Metonymy)
	}
	b = appendCount(b, f.Dates == nil, len(f.Dates))
	for i := range f.Dates {
		d := &f.Dates[i]
		b = appendStr(b, d.Text)
		b = appendStr(b, d.Value)
		b = appendStr(b, d.Granularity)
		b = binary.AppendVarint(b, int64(d.Start))
		b = binary.AppendVarint(b, int64(d.End))
		b = appendBool(b, d.Relative)
		b = appendBool(b, d.Unresolved)
		b = appendStr(b, d.Calendar)
	}
	b = appendCount(b, f.Quantities == nil, len(f.Quantities))
	for i := range f.Quantities {
		q := &f.Quantities[i]
		b = appendStr(b, q.Text)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q.Value))
		b = appendStr(b, q.Unit)
		b = appendBool(b, q.Approximate)
		b = binary.AppendVarint(b, int64(q.Start))
		b = binary.AppendVarint(b, int64(q.End))
		b = appendStr(b, q.Counted)
	}
	b = appendCount(b, f.Claims == nil, len(f.Claims))
	for i := range f.Claims {
		c := &f.Claims[i]
		b = appendStr(b, c.Speaker)
		b = appendStr(b, c.Canonical)
		b = appendStr(b, c.Text)
		b = appendStr(b, c.Cue)
		b = appendBool(b, c.Anonymous)
		b = appendBool(b, c.Direct)
		b = appendStr(b, c.Medium)
		b = binary.AppendVarint(b, int64(c.Start))
		b = binary.AppendVarint(b, int64(c.End))
		b = binary.AppendVarint(b, int64(c.SentenceStart))
		b = binary.AppendVarint(b, int64(c.SentenceEnd))
	}
	return b
}

// appendCount writes a list's length as n+1, and 0 for no list at all: a
// nil list and an empty one read back as they were (the store tells an
// unchanged article by its JSON, where they differ).
func appendCount(b []byte, isNil bool, n int) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// factsReader decodes the binary form. Each string is its own copy, not a
// piece of the input: the stories keep an article's entity names for as
// long as they run, and a piece would keep the article's whole facts
// alive with them. Entity types and date granularities are the package's
// constants, so they cost nothing.
type factsReader struct {
	s   string
	off int
	err error
}

// decodeFacts decodes what appendFacts wrote into f.
func decodeFacts(data []byte, f *news.Facts) error {
	if len(data) == 0 || data[0] != factsBinaryV1 {
		return fmt.Errorf("facts: not the binary form (first byte %#x)", firstByte(data))
	}
	r := factsReader{s: unsafe.String(unsafe.SliceData(data), len(data)), off: 1}
	var out news.Facts
	if n := r.count(); n >= 0 {
		out.Entities = make([]news.Entity, n)
		for i := range out.Entities {
			e := &out.Entities[i]
			e.Text, e.Type, e.Canonical = r.str(), r.enum(), r.str()
			e.Start, e.End = r.int(), r.int()
			e.Role, e.Of, e.In = r.str(), r.str(), r.str()
			e.Metonymy = r.bool()
		}
	}
	if n := r.count(); n >= 0 {
		out.Dates = make([]news.Date, n)
		for i := range out.Dates {
			d := &out.Dates[i]
			d.Text, d.Value, d.Granularity = r.str(), r.str(), r.enum()
			d.Start, d.End = r.int(), r.int()
			d.Relative, d.Unresolved = r.bool(), r.bool()
			d.Calendar = r.enum()
		}
	}
	if n := r.count(); n >= 0 {
		out.Quantities = make([]news.Quantity, n)
		for i := range out.Quantities {
			q := &out.Quantities[i]
			q.Text = r.str()
			q.Value = r.float()
			q.Unit = r.str()
			q.Approximate = r.bool()
			q.Start, q.End = r.int(), r.int()
			q.Counted = r.str()
		}
	}
	if n := r.count(); n >= 0 {
		out.Claims = make([]news.Claim, n)
		for i := range out.Claims {
			c := &out.Claims[i]
			c.Speaker, c.Canonical, c.Text, c.Cue = r.str(), r.str(), r.str(), r.str()
			c.Anonymous, c.Direct = r.bool(), r.bool()
			c.Medium = r.str()
			c.Start, c.End, c.SentenceStart, c.SentenceEnd = r.int(), r.int(), r.int(), r.int()
		}
	}
	if r.err == nil && r.off != len(r.s) {
		r.err = fmt.Errorf("%d bytes left over at byte %d", len(r.s)-r.off, r.off)
	}
	if r.err != nil {
		return fmt.Errorf("facts: %w", r.err)
	}
	*f = out
	return nil
}

func firstByte(b []byte) any {
	if len(b) == 0 {
		return "none"
	}
	return b[0]
}

func (r *factsReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at byte %d", errFactsTruncated, what, r.off)
	}
	r.off = len(r.s)
}

func (r *factsReader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; r.off+i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[r.off+i]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			r.off += i + 1
			return v
		}
		shift += 7
	}
	r.fail(what)
	return 0
}

// count reads a list's length: -1 for no list (nil), else the number of
// items, refusing more than the bytes left could hold (every item takes
// at least one byte), so damaged input cannot make it allocate without
// bound.
func (r *factsReader) count() int {
	n := r.uvarint("a list length")
	if r.err != nil || n == 0 {
		return -1
	}
	n--
	if n > uint64(len(r.s)-r.off) {
		r.fail(fmt.Sprintf("a list of %d items", n))
		return -1
	}
	return int(n)
}

// view reads a string as a piece of the input, valid while decoding.
func (r *factsReader) view() string {
	n := r.uvarint("a string length")
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)-r.off) {
		r.fail(fmt.Sprintf("a string of %d bytes", n))
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	if !utf8.ValidString(s) {
		r.err = fmt.Errorf("a string that is not UTF-8 at byte %d", r.off)
		r.off = len(r.s)
		return ""
	}
	r.off += int(n)
	return s
}

// str reads a string, a copy of its own.
func (r *factsReader) str() string { return strings.Clone(r.view()) }

// enum reads a field whose values are few (an entity type, a date
// granularity, a calendar): one of factsConstants when it is, else a copy.
func (r *factsReader) enum() string {
	s := r.view()
	if c, ok := factsConstants[s]; ok {
		return c
	}
	return strings.Clone(s)
}

// factsConstants are the values of the fact types' enumerations.
var factsConstants = func() map[string]string {
	m := map[string]string{}
	for _, c := range []string{
		news.EntityPerson, news.EntityOrg, news.EntityPlace, news.EntityMisc,
		news.GranDay, news.GranWeek, news.GranMonth, news.GranYear, news.GranTime,
		news.GranRange, news.GranDuration, news.GranVague, "hijri",
	} {
		m[c] = c
	}
	return m
}()

func (r *factsReader) int() int {
	u := r.uvarint("a number")
	v := int64(u>>1) ^ -int64(u&1)
	if v < math.MinInt || v > math.MaxInt {
		r.fail("a number out of range")
		return 0
	}
	return int(v)
}

func (r *factsReader) bool() bool {
	if r.err != nil {
		return false
	}
	if r.off >= len(r.s) {
		r.fail("a flag")
		return false
	}
	c := r.s[r.off]
	r.off++
	if c > 1 {
		r.err = fmt.Errorf("a flag of %d at byte %d", c, r.off-1)
		r.off = len(r.s)
		return false
	}
	return c == 1
}

func (r *factsReader) float() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.s)-r.off < 8 {
		r.fail("a figure")
		return 0
	}
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(r.s[r.off+i])
	}
	r.off += 8
	return math.Float64frombits(v)
}
