package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/taqrir/taqrir/internal/facts/quantity"
	"github.com/taqrir/taqrir/internal/facts/timex"
)

// The span types of Wojood that the date and quantity extractors answer for.
// DATE is every timex expression except a clock time alone (Wojood's TIME):
// durations and vague expressions count, as Wojood (like OntoNotes) tags
// periods as DATE. CARDINAL is the number span of a quantity that is not
// money, a percentage or a measurement (Wojood's PERCENT and QUANTITY);
// Wojood marks the number, not what it counts;
// MONEY runs from the number to the currency word and its nisba.
var spanTypes = []string{"DATE", "CARDINAL", "MONEY"}

// SpanScore is exact-span and token-overlap precision and recall for one
// type over one Wojood file (or all of them).
type SpanScore struct {
	Type               string
	Gold, Pred, Exact  int // spans: gold, predicted, predicted with exactly a gold span's tokens
	GoldTok, PredTok   int // tokens inside gold spans, inside predicted spans
	TokHit, TokCovered int // predicted tokens inside a gold span; gold tokens inside a predicted span
}

// spanF1 is the harmonic mean of p and r (ratio is in variants.go).
func spanF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ExactP, ExactR and ExactF1 score whole spans.
func (s SpanScore) ExactP() float64  { return ratio(s.Exact, s.Pred) }
func (s SpanScore) ExactR() float64  { return ratio(s.Exact, s.Gold) }
func (s SpanScore) ExactF1() float64 { return spanF1(s.ExactP(), s.ExactR()) }

// TokenP, TokenR and TokenF1 score tokens: a partly right span earns the
// tokens it shares with the gold span.
func (s SpanScore) TokenP() float64  { return ratio(s.TokHit, s.PredTok) }
func (s SpanScore) TokenR() float64  { return ratio(s.TokCovered, s.GoldTok) }
func (s SpanScore) TokenF1() float64 { return spanF1(s.TokenP(), s.TokenR()) }

func (s *SpanScore) add(o SpanScore) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.Exact += o.Exact
	s.GoldTok += o.GoldTok
	s.PredTok += o.PredTok
	s.TokHit += o.TokHit
	s.TokCovered += o.TokCovered
}

// WojoodSentence is one sentence of the Wojood sample: its tokens and, per
// token, its nested tags (B-DATE, I-ORG…), outermost first.
type WojoodSentence struct {
	Tokens []string
	Tags   [][]string
}

// ReadWojood reads one Wojood file: a token and its tags per line, a blank
// line between sentences.
func ReadWojood(r io.Reader, name string) ([]WojoodSentence, error) {
	var out []WojoodSentence
	var cur WojoodSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			if len(cur.Tokens) > 0 {
				out = append(out, cur)
				cur = WojoodSentence{}
			}
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("eval: %s:%d: want a token and at least one tag, got %q", name, n, sc.Text())
		}
		cur.Tokens = append(cur.Tokens, fields[0])
		cur.Tags = append(cur.Tags, fields[1:])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: reading %s: %w", name, err)
	}
	if len(cur.Tokens) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// tokSpan is a half-open range of token indexes.
type tokSpan struct{ a, b int }

// goldSpans returns the spans of type typ at any nesting level. A token
// that starts a span of the type (B-) at any level opens a new one; nested
// spans of one type inside another are merged into the outer.
func (s WojoodSentence) goldSpans(typ string) []tokSpan {
	var out []tokSpan
	open := -1
	for i, tags := range s.Tags {
		b, in := false, false
		for _, t := range tags {
			switch t {
			case "B-" + typ:
				b = true
			case "I-" + typ:
				in = true
			}
		}
		switch {
		case b && !in:
			if open >= 0 {
				out = append(out, tokSpan{open, i})
			}
			open = i
		case b || in:
			if open < 0 {
				open = i
			}
		default:
			if open >= 0 {
				out = append(out, tokSpan{open, i})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, tokSpan{open, len(s.Tags)})
	}
	return out
}

// predictedSpans runs timex and quantity over the sentence's tokens joined
// by spaces and maps their byte spans to the tokens they touch.
func (s WojoodSentence) predictedSpans() map[string][]tokSpan {
	var b strings.Builder
	starts := make([]int, len(s.Tokens))
	isDigits := func(i int) bool {
		if i < 0 || i >= len(s.Tokens) || s.Tokens[i] == "" {
			return false
		}
		for _, r := range s.Tokens[i] {
			if !unicode.IsDigit(r) {
				return false
			}
		}
		return true
	}
	for i, t := range s.Tokens {
		// The sample writes 2,000 as "2 , 0": a comma between digits is
		// put back against them so the number reads as one.
		glue := (t == "," && isDigits(i-1) && isDigits(i+1)) || (i > 0 && s.Tokens[i-1] == "," && isDigits(i) && isDigits(i-2))
		if i > 0 && !glue {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(t)
	}
	text := b.String()
	toTokens := func(start, end int) tokSpan {
		a := sort.Search(len(starts), func(i int) bool { return starts[i]+len(s.Tokens[i]) > start })
		z := sort.Search(len(starts), func(i int) bool { return starts[i] >= end })
		return tokSpan{a, z}
	}
	out := map[string][]tokSpan{}
	dates := timex.Extract(text, time.Time{})
	var skip [][2]int
	for _, d := range dates {
		skip = append(skip, [2]int{d.Start, d.End})
		if strings.HasPrefix(d.Value, "T") {
			continue // a clock time alone is Wojood's TIME
		}
		out["DATE"] = append(out["DATE"], toTokens(d.Start, d.End))
	}
	for _, m := range quantity.Find(text, skip) {
		switch {
		case quantity.IsCurrency(m.Unit):
			start := m.NumberStart
			if m.Counted != "" && strings.HasPrefix(m.Text, m.Counted) {
				start = m.Start // دولار أمريكي واحد: the currency comes first
			}
			out["MONEY"] = append(out["MONEY"], toTokens(start, m.End))
		case m.Unit == "%" || quantity.IsUnit(m.Unit):
			// Wojood's PERCENT and QUANTITY
		default:
			out["CARDINAL"] = append(out["CARDINAL"], toTokens(m.NumberStart, m.NumberEnd))
		}
	}
	return out
}

// scoreSpans adds one sentence's gold and predicted spans of one type to sc.
func scoreSpans(sc *SpanScore, gold, pred []tokSpan) {
	sc.Gold += len(gold)
	sc.Pred += len(pred)
	goldSet := map[tokSpan]bool{}
	inGold := map[int]bool{}
	for _, g := range gold {
		goldSet[g] = true
		for i := g.a; i < g.b; i++ {
			inGold[i] = true
		}
	}
	inPred := map[int]bool{}
	for _, p := range pred {
		if goldSet[p] {
			sc.Exact++
		}
		for i := p.a; i < p.b; i++ {
			inPred[i] = true
		}
	}
	sc.GoldTok += len(inGold)
	sc.PredTok += len(inPred)
	for i := range inPred {
		if inGold[i] {
			sc.TokHit++
		}
	}
	for i := range inGold {
		if inPred[i] {
			sc.TokCovered++
		}
	}
}

// ScoreWojood scores the date and quantity extractors on sentences, per type.
func ScoreWojood(sents []WojoodSentence) []SpanScore {
	scores := make([]SpanScore, len(spanTypes))
	for i, t := range spanTypes {
		scores[i].Type = t
	}
	for _, s := range sents {
		pred := s.predictedSpans()
		for i, t := range spanTypes {
			scoreSpans(&scores[i], s.goldSpans(t), pred[t])
		}
	}
	return scores
}

// WojoodSpanResult is the score of one file, or "all".
type WojoodSpanResult struct {
	File   string      `json:"file"`
	Scores []SpanScore `json:"scores"`
}

// WojoodSpans scores DATE, CARDINAL and MONEY on every .txt file of dir
// (the Wojood sample's train, val and test) and on all of them together,
// printing a table to w when w is not nil.
func WojoodSpans(dir string, w io.Writer) ([]WojoodSpanResult, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval: no Wojood .txt files in %s", dir)
	}
	sort.Strings(files)
	var results []WojoodSpanResult
	total := make([]SpanScore, len(spanTypes))
	for i, t := range spanTypes {
		total[i].Type = t
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		sents, err := ReadWojood(f, path)
		f.Close()
		if err != nil {
			return nil, err
		}
		scores := ScoreWojood(sents)
		for i := range scores {
			total[i].add(scores[i])
		}
		results = append(results, WojoodSpanResult{File: filepath.Base(path), Scores: scores})
	}
	results = append(results, WojoodSpanResult{File: "all", Scores: total})
	if w != nil {
		fmt.Fprintf(w, "%-10s %-9s %5s %5s   %-17s   %-17s\n", "file", "type", "gold", "pred", "exact P/R/F1", "token P/R/F1")
		for _, r := range results {
			for _, s := range r.Scores {
				fmt.Fprintf(w, "%-10s %-9s %5d %5d   %.3f/%.3f/%.3f   %.3f/%.3f/%.3f\n", r.File, s.Type, s.Gold, s.Pred,
					s.ExactP(), s.ExactR(), s.ExactF1(), s.TokenP(), s.TokenR(), s.TokenF1())
			}
		}
	}
	return results, nil
}
