package realnews

import (
	"io"
	"slices"
	"strings"

	"github.com/taqrir/taqrir/internal/report"
)

// JudgedContradictionsFile holds verdicts on contradictions reports flag
// that match no gold disagreement by its anchors, written by reading the
// cited sentences (see the README): a gold disagreement is anchored to
// one pair of articles, and the same disagreement carried by other
// articles (another outlet's copy, a later update) is not matched by
// those anchors, so it would count neither found nor false.
const JudgedContradictionsFile = "contradictions-judged.tsv"

// Verdicts on a flagged contradiction.
const (
	VerdictReal  = "real"  // a disagreement the gold set's definition admits: the same thing, event or proposition given different values or accounts
	VerdictFalse = "false" // no disagreement: different things, events or times taken for one, or statements that agree
)

// JudgedContradictions maps story id → ContradictionKey → verdict.
type JudgedContradictions map[string]map[string]string

// ContradictionKey names a flagged contradiction independently of its
// order and citations: its kind and its sides («value «text»», the text
// cut to 24 letters), sorted.
func ContradictionKey(c report.Contradiction) string {
	sides := make([]string, 0, len(c.Values))
	for _, v := range c.Values {
		t := []rune(strings.Join(strings.Fields(v.Text), " "))
		sides = append(sides, v.Value+" «"+string(t[:min(len(t), 24)])+"»")
	}
	slices.Sort(sides)
	return c.Kind + ": " + strings.Join(sides, " / ")
}

// LoadJudgedContradictions reads dir's contradictions-judged.tsv: story,
// ContradictionKey, verdict, a note; # lines are comments. A missing file
// is an empty set.
func LoadJudgedContradictions(dir string) (JudgedContradictions, error) {
	return loadVerdicts(dir, JudgedContradictionsFile, ReadJudgedContradictions)
}

// ReadJudgedContradictions parses the verdicts (see
// LoadJudgedContradictions).
func ReadJudgedContradictions(r io.Reader) (JudgedContradictions, error) {
	return readVerdicts[JudgedContradictions](r, "contradiction", VerdictReal, VerdictFalse)
}

// Judge completes s's contradiction verdicts with j: a contradiction the
// anchors found is real, one on a trap false, and one they left unjudged
// takes j's verdict when j has one. It sets JudgedReal, JudgedFalse and
// Unjudged, and lists the still unjudged keys in Notes.
func (s *StoryReportScore) Judge(j JudgedContradictions) {
	s.JudgedReal, s.JudgedFalse, s.Unjudged = 0, 0, 0
	for i, v := range s.verdicts {
		switch {
		case v == "found":
			s.JudgedReal++
		case v == "false":
			s.JudgedFalse++
		case j[s.Story][s.keys[i]] == VerdictReal:
			s.JudgedReal++
		case j[s.Story][s.keys[i]] == VerdictFalse:
			s.JudgedFalse++
		default:
			s.Unjudged++
			s.Notes = append(s.Notes, "contradiction without a verdict: "+s.keys[i])
		}
	}
}
