package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/ner"
)

// NERFormat says how the tag columns of a CoNLL file are read.
type NERFormat int

const (
	// NERAuto reads CoNLL unless some line has more than one tag column,
	// then Wojood.
	NERAuto NERFormat = iota
	// NERCoNLL is `token TAG` lines (BIO), a blank line between sentences.
	NERCoNLL
	// NERWojood is `token TAG TAG…`, one column per nesting depth, with
	// Wojood's types mapped by WojoodType and only the outermost mapped
	// entity kept.
	NERWojood
)

// WojoodType maps a Wojood entity type to an ANERcorp type, or "" to drop
// it. GPE, LOC and FAC are places (LOC); PERS and ORG are kept; NORP
// (nationalities and groups: الفلسطيني), EVENT and LANGUAGE are what
// ANERcorp calls MISC; dates, times, numbers, money, occupations, laws,
// products and websites are not ANERcorp entities and are dropped.
func WojoodType(t string) string {
	switch t {
	case "PERS", "ORG":
		return t
	case "GPE", "LOC", "FAC":
		return "LOC"
	case "NORP", "EVENT", "LANGUAGE":
		return "MISC"
	}
	return ""
}

// ReadNERFile reads a CoNLL or Wojood file (see ReadNER).
func ReadNERFile(path string, format NERFormat) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadNER(f, path, format)
}

// ReadNER reads sentences of `token TAG…` lines separated by blank lines.
// name is used in errors, which give the line and what was wrong with it.
// Tags come out as flat BIO over PERS, LOC, ORG and MISC.
func ReadNER(r io.Reader, name string, format NERFormat) ([]ner.Sentence, error) {
	type line struct {
		tok  string
		tags []string
		n    int
	}
	var sents [][]line
	var cur []line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	multi := false
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			if len(cur) > 0 {
				sents = append(sents, cur)
				cur = nil
			}
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want `token TAG`, got %q", name, n, sc.Text())
		}
		for _, t := range f[1:] {
			if t != "O" && !(len(t) > 2 && (t[:2] == "B-" || t[:2] == "I-")) {
				return nil, fmt.Errorf("%s:%d: tag %q is not O, B-TYPE or I-TYPE", name, n, t)
			}
		}
		if len(f) > 2 {
			multi = true
		}
		cur = append(cur, line{f[0], f[1:], n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(cur) > 0 {
		sents = append(sents, cur)
	}
	if format == NERAuto {
		format = NERCoNLL
		if multi {
			format = NERWojood
		}
	}
	out := make([]ner.Sentence, 0, len(sents))
	for _, s := range sents {
		toks := make([]string, len(s))
		cols := make([][]string, len(s))
		for i, l := range s {
			toks[i], cols[i] = l.tok, l.tags
		}
		var tags []string
		if format == NERWojood {
			tags = flattenWojood(cols)
		} else {
			tags = make([]string, len(s))
			for i, c := range cols {
				if len(c) != 1 {
					return nil, fmt.Errorf("%s:%d: %d tag columns in a CoNLL file (use the Wojood format)", name, s[i].n, len(c))
				}
				tags[i] = c[0]
			}
		}
		out = append(out, ner.Sentence{Tokens: toks, Tags: tags})
	}
	return out, nil
}

// flattenWojood turns nested tag columns into flat BIO tags: spans are
// read per column (depth), mapped with WojoodType, and a mapped span
// inside another mapped span is dropped (the outermost wins).
func flattenWojood(cols [][]string) []string {
	var spans []NERSpan
	depth := 0
	for _, c := range cols {
		depth = max(depth, len(c))
	}
	for d := 0; d < depth; d++ {
		open := -1
		typ := ""
		flush := func(end int) {
			if open >= 0 {
				if t := WojoodType(typ); t != "" {
					spans = append(spans, NERSpan{Start: open, End: end, Type: t})
				}
			}
			open = -1
		}
		for i, c := range cols {
			tag := "O"
			if d < len(c) {
				tag = c[d]
			}
			switch {
			case tag == "O":
				flush(i)
			case tag[:2] == "B-" || open < 0 || tag[2:] != typ:
				flush(i)
				open, typ = i, tag[2:]
			}
		}
		flush(len(cols))
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	tags := make([]string, len(cols))
	for i := range tags {
		tags[i] = "O"
	}
	end := 0
	for _, s := range spans {
		if s.Start < end {
			continue // inside (or overlapping) a kept span
		}
		tags[s.Start] = "B-" + s.Type
		for i := s.Start + 1; i < s.End; i++ {
			tags[i] = "I-" + s.Type
		}
		end = s.End
	}
	return tags
}

// NERSpan is one entity in a tag sequence: tokens [Start, End).
type NERSpan struct {
	Start, End int
	Type       string
}

// NERSpans reads the entities of a BIO sequence the way conlleval does:
// an I-X after O or after another type starts a new entity.
func NERSpans(tags []string) []NERSpan {
	var out []NERSpan
	for i := 0; i < len(tags); {
		t := tags[i]
		if len(t) < 3 || (t[:2] != "B-" && t[:2] != "I-") {
			i++
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, NERSpan{i, j, typ})
		i = j
	}
	return out
}

// NERCount counts entities of one type (or all, for the micro average).
type NERCount struct {
	Type    string `json:"type"`
	Gold    int    `json:"gold"`
	Pred    int    `json:"predicted"`
	Correct int    `json:"correct"`
}

// Precision is Correct / Pred.
func (c NERCount) Precision() float64 { return ratio(c.Correct, c.Pred) }

// Recall is Correct / Gold.
func (c NERCount) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c NERCount) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// NERScore is an entity-level score: exact span and type must match.
type NERScore struct {
	Types     []NERCount `json:"types"` // sorted by type
	Micro     NERCount   `json:"micro"`
	Sentences int        `json:"sentences"`
	Tokens    int        `json:"tokens"`
}

// ScoreNER scores predicted against gold tag sequences, sentence by
// sentence; the two must have the same shape.
func ScoreNER(gold, pred [][]string) (NERScore, error) {
	if len(gold) != len(pred) {
		return NERScore{}, fmt.Errorf("eval: %d gold sentences but %d predicted", len(gold), len(pred))
	}
	by := map[string]*NERCount{}
	cnt := func(t string) *NERCount {
		if by[t] == nil {
			by[t] = &NERCount{Type: t}
		}
		return by[t]
	}
	var s NERScore
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return NERScore{}, fmt.Errorf("eval: sentence %d: %d gold tags but %d predicted", i+1, len(gold[i]), len(pred[i]))
		}
		s.Sentences++
		s.Tokens += len(gold[i])
		gs := map[NERSpan]bool{}
		for _, g := range NERSpans(gold[i]) {
			gs[g] = true
			cnt(g.Type).Gold++
		}
		for _, p := range NERSpans(pred[i]) {
			c := cnt(p.Type)
			c.Pred++
			if gs[p] {
				c.Correct++
			}
		}
	}
	s.Micro.Type = "micro"
	for _, c := range by {
		s.Types = append(s.Types, *c)
		s.Micro.Gold += c.Gold
		s.Micro.Pred += c.Pred
		s.Micro.Correct += c.Correct
	}
	sort.Slice(s.Types, func(i, j int) bool { return s.Types[i].Type < s.Types[j].Type })
	return s, nil
}

// TagNER tags every sentence with tag and scores the result.
func TagNER(sents []ner.Sentence, tag func([]string) []string) (NERScore, error) {
	gold := make([][]string, len(sents))
	pred := make([][]string, len(sents))
	for i, s := range sents {
		gold[i] = s.Tags
		pred[i] = tag(s.Tokens)
	}
	return ScoreNER(gold, pred)
}

// TagNERDoc tags all sentences as one run of documents with tagDoc
// (ner.Tagger.TagDoc: each sentence also sees how its neighbours were
// tagged) and scores the result.
func TagNERDoc(sents []ner.Sentence, tagDoc func([][]string) [][]string) (NERScore, error) {
	gold := make([][]string, len(sents))
	toks := make([][]string, len(sents))
	for i, s := range sents {
		gold[i], toks[i] = s.Tags, s.Tokens
	}
	return ScoreNER(gold, tagDoc(toks))
}

// WriteNER prints a score as a table: P, R and F1 in percent per type and
// micro-averaged.
func WriteNER(w io.Writer, s NERScore) error {
	if err := writeCounts(w, "type", append(append([]NERCount(nil), s.Types...), s.Micro)); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d sentences, %d tokens\n", s.Sentences, s.Tokens)
	return err
}

// NERSeen splits an entity-level score by whether each entity was seen in
// training: an entity is seen when the training sentences tag the same
// words (compared by arabic.Key, so والعراق meets العراق) with the same
// type somewhere. Seen entities measure how well a tagger keeps what
// it was taught; unseen ones how well it generalises, which is what an
// unseen test set rewards.
type NERSeen struct {
	Seen   NERCount `json:"seen"`
	Unseen NERCount `json:"unseen"`
}

// ScoreNERSeen scores pred, the tags predicted for the dev sentences,
// against the dev sentences' own tags, with each gold and each predicted
// entity counted as seen or unseen in train.
func ScoreNERSeen(train, dev []ner.Sentence, pred [][]string) (NERSeen, error) {
	if len(dev) != len(pred) {
		return NERSeen{}, fmt.Errorf("eval: %d gold sentences but %d predicted", len(dev), len(pred))
	}
	key := func(tokens []string, sp NERSpan) string {
		var b strings.Builder
		b.WriteString(sp.Type)
		for _, t := range tokens[sp.Start:sp.End] {
			b.WriteByte(' ')
			b.WriteString(arabic.Key(t))
		}
		return b.String()
	}
	taught := map[string]bool{}
	for _, s := range train {
		for _, sp := range NERSpans(s.Tags) {
			if sp.End <= len(s.Tokens) {
				taught[key(s.Tokens, sp)] = true
			}
		}
	}
	s := NERSeen{Seen: NERCount{Type: "seen"}, Unseen: NERCount{Type: "unseen"}}
	bucket := func(k string) *NERCount {
		if taught[k] {
			return &s.Seen
		}
		return &s.Unseen
	}
	for i, d := range dev {
		if len(d.Tags) != len(pred[i]) || len(d.Tokens) != len(d.Tags) {
			return NERSeen{}, fmt.Errorf("eval: sentence %d: %d tokens, %d gold tags, %d predicted", i+1, len(d.Tokens), len(d.Tags), len(pred[i]))
		}
		gs := map[NERSpan]bool{}
		for _, g := range NERSpans(d.Tags) {
			gs[g] = true
			bucket(key(d.Tokens, g)).Gold++
		}
		for _, p := range NERSpans(pred[i]) {
			c := bucket(key(d.Tokens, p))
			c.Pred++
			if gs[p] {
				c.Correct++
			}
		}
	}
	return s, nil
}

// WriteNERSeen prints the seen and unseen rows of s as a table like
// WriteNER's.
func WriteNERSeen(w io.Writer, s NERSeen) error {
	return writeCounts(w, "entities", []NERCount{s.Seen, s.Unseen})
}

// writeCounts prints one aligned row of counts and percentages per count,
// under a header whose first column is named first.
func writeCounts(w io.Writer, first string, counts []NERCount) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tgold\tpredicted\tcorrect\tP\tR\tF1\n", first)
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\n", c.Type, c.Gold, c.Pred, c.Correct, 100*c.Precision(), 100*c.Recall(), 100*c.F1())
	}
	return tw.Flush()
}
