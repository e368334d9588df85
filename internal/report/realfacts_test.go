package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// TestRealFactsReport builds the report over the whole sample with the
// facts ingest extracted (internal/facts), not hand-made ones, and logs
// which planted contradictions the pipeline finds end to end: all of them
// must be found.
func TestRealFactsReport(t *testing.T) {
	arts := allSample(t)
	n := 0
	for _, a := range arts {
		n += len(a.Dates) + len(a.Quantities) + len(a.Entities) + len(a.Claims)
	}
	if n == 0 {
		t.Skip("the store holds no facts: ingest does not run the facts stage yet")
	}
	rep, err := report.Build(context.Background(), arts, report.Query{Text: "*"}, report.Options{Now: time.Unix(0, 0), MinConfidence: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("timeline %d, actors %d, figures %d, speakers %d, contradictions %d", len(rep.Timeline), len(rep.Actors), len(rep.Figures), len(rep.Claims), len(rep.Contradictions))
	for _, c := range rep.Contradictions {
		var vals []string
		for _, v := range c.Values {
			vals = append(vals, v.Value+" ("+v.Citations[0].Source+", "+v.Speaker+")")
		}
		t.Logf("%s: %s: %v", c.Kind, c.Subject, vals)
	}
	checkEventOrder(t, rep.Timeline)
	checkPlanted(t, arts, rep, false)
}
