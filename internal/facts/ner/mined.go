package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Names mined from unlabeled news by pattern (issue 17, experimental): a
// NameMiner reads articles and counts, for each word (its arabic.KeyNoStem
// unit, as the word clusters use), how often it fills a slot where news
// puts names: right after a title or role (الرئيس X, وزير خارجية X: the
// gazetteer's Role entries), one word further (the family name), after a
// given name, after a speech verb (قال X), after a place's head noun
// (مدينة X) and after a body's (حزب X). The counts come from the
// unlabeled text only, never from the NER training data, so a held-out
// fold's names are no better known than any other word. MinedNames turns a
// word's counts into features: for each slot the share of the word's
// occurrences in it (log2 buckets) and the word's frequency bucket.

// Mining slots (column order of the table).
const (
	slotRole  = iota // just after a role phrase
	slotRole2        // two after a role phrase, the word between not a stopword
	slotGiven        // after a gazetteer given name (and not one itself)
	slotSay          // after a speech verb
	slotPlace        // after a place head noun
	slotBody         // after a body head noun
	nSlots
)

var slotNames = [nSlots]string{"role", "role2", "given", "say", "place", "body"}

var (
	minedSay   = foldSet("قال", "وقال", "قالت", "وقالت", "اكد", "واكد", "اكدت", "واكدت", "اعلن", "واعلن", "اعلنت", "واعلنت", "اضاف", "واضاف", "اضافت", "واضافت", "صرح", "وصرح", "اوضح", "واوضح", "اوضحت", "واوضحت", "اشار", "واشار", "اشارت", "واشارت")
	minedPlace = foldSet("مدينه", "بمدينه", "لمدينه", "ومدينه", "محافظه", "بمحافظه", "ومحافظه", "لمحافظه", "ولايه", "بولايه", "ولولايه", "عاصمه", "بلده", "ببلده", "قريه", "بقريه", "جزيره", "اقليم", "باقليم", "منطقه", "بمنطقه", "معتمديه", "بمعتمديه", "مخيم", "بمخيم")
	minedBody  = foldSet("حزب", "وحزب", "لحزب", "حركه", "وحركه", "لحركه", "جمعيه", "شركه", "وشركه", "لشركه", "منظمه", "ومنظمه", "لمنظمه", "جامعه", "بجامعه", "نادي", "فريق", "وكاله", "صحيفه", "مجموعه", "بنك", "مصرف", "هيئه", "مؤسسه", "مجلس", "تنظيم", "جبهه", "اتحاد", "تحالف")
)

func foldSet(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[arabic.Fold(w)] = true
	}
	return out
}

// NameMiner counts name slots over unlabeled text (AddText), then
// MinedNames builds the table.
type NameMiner struct {
	counts map[string]*[nSlots + 1]uint32 // unit → total, then each slot
	units  map[string]string              // raw token → unit ("" none)
	Tokens int
}

// NewNameMiner returns an empty miner.
func NewNameMiner() *NameMiner {
	return &NameMiner{counts: map[string]*[nSlots + 1]uint32{}, units: map[string]string{}}
}

// AddText counts the slots of one document's words.
func (nm *NameMiner) AddText(text string) {
	for _, s := range arabic.Sentences(text) {
		toks := arabic.Tokenize(s.Text)
		if len(toks) == 0 {
			continue
		}
		words := make([]string, len(toks))
		units := make([]string, len(toks))
		for i := range toks {
			words[i] = toks[i].Text
			u, ok := nm.units[words[i]]
			if !ok {
				if toks[i].Kind != arabic.KindPunct {
					u = strings.Clone(arabic.KeyNoStem(words[i]))
				}
				nm.units[strings.Clone(words[i])] = u
			}
			units[i] = u
		}
		info := make([]tokInfo, len(words))
		for i := range info {
			info[i].fold = arabic.Fold(words[i])
		}
		gazetteerInfo(info, units, nil, nil)
		for i, u := range units {
			if u == "" {
				continue
			}
			c := nm.counts[u]
			if c == nil {
				c = new([nSlots + 1]uint32)
				nm.counts[u] = c
			}
			c[0]++
			nm.Tokens++
			if arabic.IsStopword(words[i]) {
				continue
			}
			if info[i].role {
				c[1+slotRole]++
			}
			if i > 0 && info[i-1].role && units[i-1] != "" && !arabic.IsStopword(words[i-1]) {
				c[1+slotRole2]++
			}
			if i > 0 && info[i-1].given && !info[i].given {
				c[1+slotGiven]++
			}
			if i > 0 {
				p := info[i-1].fold
				switch {
				case minedSay[p]:
					c[1+slotSay]++
				case minedPlace[p]:
					c[1+slotPlace]++
				case minedBody[p]:
					c[1+slotBody]++
				}
			}
		}
	}
}

// MinedNames is the mined table: each unit's total count and slot counts.
type MinedNames struct {
	Header []string
	rows   map[string][nSlots + 1]uint32
}

// Table returns the counts of the units seen at least minCount times.
func (nm *NameMiner) Table(minCount int) *MinedNames {
	t := &MinedNames{rows: map[string][nSlots + 1]uint32{}}
	for u, c := range nm.counts {
		if int(c[0]) >= minCount {
			t.rows[u] = *c
		}
	}
	return t
}

// Len returns the number of units in the table.
func (t *MinedNames) Len() int { return len(t.rows) }

const minedMagic = "taqrir mined name slots v1"

// Write writes the table gzip-compressed: "# " header lines, then one row
// a unit (most frequent first, then by unit): unit, total, slot counts.
func (t *MinedNames) Write(w io.Writer) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(gz)
	fmt.Fprintf(bw, "# %s\n# columns\tunit\ttotal\t%s\n", minedMagic, strings.Join(slotNames[:], "\t"))
	for _, h := range t.Header {
		fmt.Fprintf(bw, "# %s\n", strings.ReplaceAll(h, "\n", " "))
	}
	units := make([]string, 0, len(t.rows))
	for u := range t.rows {
		units = append(units, u)
	}
	slices.SortFunc(units, func(a, b string) int {
		if ca, cb := t.rows[a][0], t.rows[b][0]; ca != cb {
			return int(cb) - int(ca)
		}
		return strings.Compare(a, b)
	})
	for _, u := range units {
		c := t.rows[u]
		bw.WriteString(u)
		for _, n := range c {
			bw.WriteByte('\t')
			bw.WriteString(strconv.FormatUint(uint64(n), 10))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// ReadMinedFile reads a table Write wrote.
func ReadMinedFile(path string) (*MinedNames, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &MinedNames{rows: map[string][nSlots + 1]uint32{}}
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	first := true
	for sc.Scan() {
		l := sc.Text()
		if first {
			if l != "# "+minedMagic {
				return nil, fmt.Errorf("%s: not a mined name table", path)
			}
			first = false
			continue
		}
		if h, ok := strings.CutPrefix(l, "# "); ok {
			t.Header = append(t.Header, h)
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != nSlots+2 {
			return nil, fmt.Errorf("%s: bad row %q", path, l)
		}
		var c [nSlots + 1]uint32
		for i := range c {
			n, err := strconv.ParseUint(f[i+1], 10, 32)
			if err != nil {
				return nil, fmt.Errorf("%s: bad row %q", path, l)
			}
			c[i] = uint32(n)
		}
		t.rows[f[0]] = c
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Features returns a raw token's mined features: "n" and the log2 bucket
// of its count ("n-" when the table lacks it), and for each slot it
// filled at least twice the slot's name and the log2 bucket of its share
// of the word's occurrences (bits.Len of share×512: 0 under 1/512, 10
// for all).
func (t *MinedNames) Features(tok string) []string {
	c, ok := t.rows[arabic.KeyNoStem(tok)]
	if !ok {
		return []string{"n-"}
	}
	out := []string{"n" + strconv.Itoa(min(bits.Len32(c[0]), 16))}
	for s := range nSlots {
		n := c[1+s]
		if n < 2 {
			continue
		}
		b := bits.Len64(uint64(n) * 512 / uint64(c[0]))
		out = append(out, slotNames[s]+strconv.Itoa(b))
	}
	return out
}
