package report_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// plantedKind is the report kind each planted contradiction must get.
var plantedKind = map[string]string{
	"date":               report.KindDate,
	"within-article":     report.KindDate,
	"figure":             report.KindFigure,
	"toll-decrease":      report.KindDecrease,
	"attributed-dispute": report.KindDisputed,
}

// TestPlantedContradictions builds one report over the whole sample with
// hand-made facts and checks every contradiction planted in it is found,
// with both sides cited and of the right kind, and that nothing else is
// called a contradiction (rising tolls, February's inflation beside March's,
// the interim turnout).
func TestPlantedContradictions(t *testing.T) {
	arts := withHandFacts(t, allSample(t))
	// every contradiction found, whatever its confidence
	rep, err := report.Build(context.Background(), arts, report.Query{Text: "*"}, report.Options{Now: time.Unix(0, 0), MinConfidence: -1})
	if err != nil {
		t.Fatal(err)
	}
	checkPlanted(t, arts, rep, true)
	for _, c := range rep.Contradictions {
		if c.Confidence <= 0 || c.Confidence > 1 {
			t.Errorf("%s: confidence %v, want (0, 1]", c.Subject, c.Confidence)
		}
		if c.Kind == report.KindDate && strings.Contains(c.Subject, "السد") != c.WithinArticle {
			t.Errorf("%s: within_article %v; only the dam's two dates are in one article", c.Subject, c.WithinArticle)
		}
	}
	// The default report shows those at DefaultMinConfidence or above and
	// counts the rest.
	def, err := report.Build(context.Background(), arts, report.Query{Text: "*"}, report.Options{Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, c := range rep.Contradictions {
		if c.Confidence >= report.DefaultMinConfidence {
			shown++
		}
	}
	if len(def.Contradictions) != shown || def.ContradictionsHidden != len(rep.Contradictions)-shown {
		t.Errorf("default report: %d shown, %d hidden; want %d and %d", len(def.Contradictions), def.ContradictionsHidden, shown, len(rep.Contradictions)-shown)
	}
	for _, c := range rep.Contradictions {
		t.Logf("%s: %s: %+v", c.Kind, c.Subject, c.Values[0].Value+" / "+c.Values[1].Value)
	}
	if got, want := len(rep.Contradictions), 7; got != want {
		for _, c := range rep.Contradictions {
			t.Logf("%s: %s: %v", c.Kind, c.Subject, c.Values)
		}
		t.Errorf("%d contradictions, want %d (the planted ones only)", got, want)
	}
}

// checkPlanted checks every planted contradiction appears in rep, and its
// kind when strictKind (with real facts, whether a figure is a dispute
// depends on the claims the extractor attributed).
func checkPlanted(t *testing.T, arts []news.Article, rep *report.Report, strictKind bool) {
	t.Helper()
	planted, err := corpus.Contradictions()
	if err != nil {
		t.Fatal(err)
	}
	idOf := map[string]string{}
	for _, a := range arts {
		idOf[news.CanonicalizeURL(a.URL)] = a.ID
	}
	for _, p := range planted {
		t.Run(p.ID, func(t *testing.T) {
			found := false
			for _, c := range rep.Contradictions {
				if citesBoth(c, idOf[news.CanonicalizeURL(p.Claims[0].URL)], idOf[news.CanonicalizeURL(p.Claims[1].URL)], p.Claims[0].Quote, p.Claims[1].Quote) {
					found = true
					if c.Kind != plantedKind[p.Kind] {
						if strictKind {
							t.Errorf("kind %q, want %q", c.Kind, plantedKind[p.Kind])
						} else {
							t.Logf("kind %q, planted as %q", c.Kind, plantedKind[p.Kind])
						}
					}
				}
			}
			if !found {
				t.Errorf("not found: %s", p.Summary)
			}
		})
	}
}

// citesBoth reports whether two different values of c cite the two sides.
func citesBoth(c report.Contradiction, id0, id1, quote0, quote1 string) bool {
	side := func(v report.Value, id, quote string) bool {
		for _, ct := range v.Citations {
			if ct.ArticleID == id && contains(ct.Sentence, quote) {
				return true
			}
		}
		return false
	}
	for i, a := range c.Values {
		for j, b := range c.Values {
			if i != j && side(a, id0, quote0) && side(b, id1, quote1) {
				return true
			}
		}
	}
	return false
}
