package stance

import (
	"fmt"
	"io"
)

// ClassScore is one label's precision, recall and F1.
type ClassScore struct {
	Label                    Label   `json:"label"`
	Gold, Predicted, Correct int     `json:"-"`
	Precision                float64 `json:"precision"`
	Recall                   float64 `json:"recall"`
	F1                       float64 `json:"f1"`
	Support                  int     `json:"support"`
}

// Score is a decision scored against gold labels: per label and the
// unweighted (macro) mean of the three F1s.
type Score struct {
	Name     string                `json:"name"`
	Pairs    int                   `json:"pairs"`
	Classes  [nLabels]ClassScore   `json:"classes"`
	MacroF1  float64               `json:"macro_f1"`
	Accuracy float64               `json:"accuracy"`
	Confused [nLabels][nLabels]int `json:"confusion"` // [gold][predicted]
}

// ScoreLabels scores predicted labels against gold ones (same length).
func ScoreLabels(name string, gold, got []Label) Score {
	s := Score{Name: name, Pairs: len(gold)}
	correct := 0
	for i, g := range gold {
		p := got[i]
		s.Confused[g][p]++
		s.Classes[g].Gold++
		s.Classes[p].Predicted++
		if g == p {
			s.Classes[g].Correct++
			correct++
		}
	}
	for i := range s.Classes {
		c := &s.Classes[i]
		c.Label = Label(i)
		c.Support = c.Gold
		if c.Predicted > 0 {
			c.Precision = float64(c.Correct) / float64(c.Predicted)
		}
		if c.Gold > 0 {
			c.Recall = float64(c.Correct) / float64(c.Gold)
		}
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
		s.MacroF1 += c.F1 / float64(nLabels)
	}
	if len(gold) > 0 {
		s.Accuracy = float64(correct) / float64(len(gold))
	}
	return s
}

// Evaluate runs decide over the pairs and scores it.
func Evaluate(name string, pairs []Pair, decide func(a, b string) Label) Score {
	gold := make([]Label, len(pairs))
	got := make([]Label, len(pairs))
	for i, p := range pairs {
		gold[i] = p.Label
		got[i] = decide(p.S1, p.S2)
	}
	return ScoreLabels(name, gold, got)
}

// Report is the model and the two baselines scored on one file.
type Report struct {
	File     string `json:"file"`
	Pairs    int    `json:"pairs"`
	Model    Score  `json:"model"`
	Majority Score  `json:"majority_baseline"`
	Overlap  Score  `json:"overlap_baseline"`
	Info     string `json:"model_info"`
}

// EvaluateAll scores the model and its two baselines on the pairs.
func EvaluateAll(m *Model, file string, pairs []Pair) Report {
	maj := m.Base.Majority
	return Report{
		File:     file,
		Pairs:    len(pairs),
		Model:    Evaluate("model", pairs, func(a, b string) Label { l, _ := m.Decide(a, b); return l }),
		Majority: Evaluate("majority ("+maj.String()+")", pairs, func(a, b string) Label { return maj }),
		Overlap: Evaluate(fmt.Sprintf("word overlap (J<%.2f other, <%.2f %s, else %s)",
			m.Base.Overlap.Other, m.Base.Overlap.High, m.Base.Overlap.Low, m.Base.Overlap.HighLabel),
			pairs, m.Base.Overlap.Decide),
		Info: m.Info,
	}
}

// Write prints the report as a table: each decision's per-label P/R/F1
// and macro-F1, in percent.
func (r Report) Write(w io.Writer) error {
	var err error
	pf := func(format string, a ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, a...)
		}
	}
	pf("%s: %d pairs (agree %d, disagree %d, other %d)\n\n", r.File, r.Pairs,
		r.Model.Classes[Agree].Support, r.Model.Classes[Disagree].Support, r.Model.Classes[Other].Support)
	pf("%-10s %5s %5s %5s\n", "", "P", "R", "F1")
	for _, s := range []Score{r.Model, r.Majority, r.Overlap} {
		pf("%s\n", s.Name)
		for _, c := range s.Classes {
			pf("  %-8s %5.1f %5.1f %5.1f\n", c.Label, 100*c.Precision, 100*c.Recall, 100*c.F1)
		}
		pf("  %-8s %17.1f   (accuracy %.1f)\n", "macro-F1", 100*s.MacroF1, 100*s.Accuracy)
	}
	return err
}
