package report_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sampleReport runs query through the search of the ingested sample, then
// builds the report from those articles with the hand-made facts in place
// of whatever facts the store holds, so the golden files do not move when
// the fact extractors improve.
func sampleReport(t *testing.T, query string) (*report.Report, []news.Article) {
	t.Helper()
	s := openSample(t)
	ctx := context.Background()
	found, err := report.ForQuery(ctx, s.st, s.ix, report.Query{Text: query}, report.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	all := withHandFacts(t, allSample(t))
	byID := map[string]news.Article{}
	for _, a := range all {
		byID[a.ID] = a
	}
	// Build wants relevance order: the order the search returned, which
	// the report's article list does not keep, so re-search by rank.
	var arts []news.Article
	for _, id := range searchOrder(t, query) {
		arts = append(arts, byID[id])
	}
	if len(arts) != found.Articles.Included {
		t.Fatalf("%d articles by search, %d in the report", len(arts), found.Articles.Included)
	}
	rep, err := report.Build(ctx, arts, report.Query{Text: query}, report.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return rep, arts
}

func searchOrder(t *testing.T, query string) []string {
	t.Helper()
	s := openSample(t)
	res, err := s.ix.Search(context.Background(), indexRequest(query))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

var goldenQueries = []struct{ name, query string }{
	{"truce", "هدنة السودان"},
	{"libya-floods", "ليبيا"},
	{"opec", "أوبك"},
}

// TestGoldenRender renders reports on the sample corpus as Markdown, HTML
// and JSON and compares them with testdata/golden (go test -update
// rewrites them; review the diff).
func TestGoldenRender(t *testing.T) {
	for _, g := range goldenQueries {
		rep, _ := sampleReport(t, g.query)
		for _, format := range render.Formats {
			t.Run(g.name+"."+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := render.Write(&buf, format, rep); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", "golden", g.name+"."+format)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), buf.String()); diff != "" {
					t.Errorf("%s differs (-want +got):\n%s", path, diff)
				}
			})
		}
	}
}

// TestSampleReports checks what the golden files must show, so a careless
// -update cannot bless a regression: the planted contradictions of each
// story are there, the timeline is in event order, every citation points
// at its sentence, and the summary has 5 to 10 sentences.
func TestSampleReports(t *testing.T) {
	wantContra := map[string][]string{
		"truce":        {report.KindDate},
		"libya-floods": {report.KindDate, report.KindDecrease},
		// The OPEC+ cut (2.5 against 2 million barrels) is found but below
		// the default confidence: on real news, figures other than tolls
		// were mostly two things counted (TestPlantedContradictions finds it).
		"opec": nil,
	}
	wantHidden := map[string]bool{"opec": true}
	for _, g := range goldenQueries {
		t.Run(g.name, func(t *testing.T) {
			rep, arts := sampleReport(t, g.query)
			if n := len(rep.Summary); n < 5 || n > 10 {
				t.Errorf("summary has %d sentences, want 5–10", n)
			}
			var kinds []string
			for _, c := range rep.Contradictions {
				kinds = append(kinds, c.Kind)
			}
			sort.Strings(kinds)
			if diff := cmp.Diff(wantContra[g.name], kinds); diff != "" {
				t.Errorf("contradiction kinds (-want +got):\n%s", diff)
			}
			if wantHidden[g.name] && rep.ContradictionsHidden == 0 {
				t.Errorf("no contradiction below the confidence shown, want the OPEC+ cut counted there")
			}
			checkEventOrder(t, rep.Timeline)
			for _, s := range rep.Summary {
				for _, c := range s.Citations {
					checkCitation(t, arts, c)
				}
			}
			for _, c := range rep.Contradictions {
				for _, ct := range c.Citations {
					checkCitation(t, arts, ct)
				}
			}
		})
	}
}

func checkEventOrder(t *testing.T, evs []report.Event) {
	t.Helper()
	var prev time.Time
	prevDate := ""
	for _, e := range evs {
		start, ok := eventStart(e.Date)
		if !ok {
			t.Errorf("timeline date %q is not a TIMEX value", e.Date)
			continue
		}
		if start.Before(prev) {
			t.Errorf("timeline out of event order: %s after %s", e.Date, prevDate)
		}
		prev, prevDate = start, e.Date
	}
}

// eventStart is when a TIMEX value of the timeline begins.
func eventStart(v string) (time.Time, bool) {
	v, _, _ = strings.Cut(v, "/")
	var y, w int
	if n, _ := fmt.Sscanf(v, "%4d-W%d", &y, &w); n == 2 {
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		return jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1)), true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// TestSampleTimelineIsEventOrder: over the whole sample, the dam completed
// in 2020 (reported on 26 March 2025) comes before the truce of March
// 2025 (reported earlier): event dates, not publication dates.
func TestSampleTimelineIsEventOrder(t *testing.T) {
	arts := withHandFacts(t, allSample(t))
	rep, err := report.Build(context.Background(), arts, report.Query{Text: "*"}, report.Options{Now: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, e := range rep.Timeline {
		dates = append(dates, e.Date)
	}
	if diff := cmp.Diff([]string{"2020-01", "2020-12", "2025-03-14", "2025-03-15"}, dates); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
}
