package realnews

import (
	"errors"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/report"
)

func TestJudgedActors(t *testing.T) {
	j, err := ReadJudgedActors(strings.NewReader("# verdicts\ns1\tتركيا (LOC)\tok\t\ns1\tينقل (LOC)\tnot-actor\ta verb\ns2\tجنوى (ORG)\twrong-type\ta city\n"))
	if err != nil {
		t.Fatal(err)
	}
	judged, ok, unjudged := j.Judge("s1", []string{"تركيا (LOC)", "ينقل (LOC)", "عفرين (LOC)"})
	if judged != 2 || ok != 1 || len(unjudged) != 1 || unjudged[0] != "عفرين (LOC)" {
		t.Errorf("Judge = %d, %d, %v", judged, ok, unjudged)
	}
	for _, bad := range []string{"s1\tتركيا (LOC)\n", "s1\tتركيا (LOC)\tfine\n", "s1\tx\tok\ns1\tx\tok\n"} {
		if _, err := ReadJudgedActors(strings.NewReader(bad)); !errors.Is(err, ErrBadGold) {
			t.Errorf("%q: err %v, want ErrBadGold", bad, err)
		}
	}
}

// TestJudgedActorsFile: the committed verdicts parse and name stories of
// the gold set.
func TestJudgedActorsFile(t *testing.T) {
	j, err := LoadJudgedActors("../../../testdata/realnews")
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load("../../../testdata/realnews")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, s := range set.Stories {
		ids[s.ID] = true
	}
	for story := range j {
		if !ids[story] {
			t.Errorf("verdicts for %s, no story of the gold set", story)
		}
	}
}

func TestJudgedContradictions(t *testing.T) {
	c := report.Contradiction{Kind: report.KindFigure, Values: []report.Value{
		{Value: "110 شخص", Text: "110 أشخاص"}, {Value: "107 قتيل", Text: "107  قتلى"},
	}}
	key := ContradictionKey(c)
	if want := "figure: 107 قتيل «107 قتلى» / 110 شخص «110 أشخاص»"; key != want {
		t.Fatalf("ContradictionKey = %q, want %q", key, want)
	}
	j, err := ReadJudgedContradictions(strings.NewReader("# verdicts\ns1\t" + key + "\treal\tthe toll\n"))
	if err != nil {
		t.Fatal(err)
	}
	other := report.Contradiction{Kind: report.KindDate, Values: []report.Value{{Value: "2010", Text: "2010"}, {Value: "2018-03-04", Text: "4 مارس"}}}
	s := StoryReportScore{Story: "s1", Flagged: 2, verdicts: []string{"unjudged", "unjudged"}, keys: []string{key, ContradictionKey(other)}}
	s.Judge(j)
	if s.JudgedReal != 1 || s.JudgedFalse != 0 || s.Unjudged != 1 || len(s.Notes) != 1 {
		t.Errorf("Judge: real %d, false %d, unjudged %d, notes %v; want 1, 0, 1 and one note", s.JudgedReal, s.JudgedFalse, s.Unjudged, s.Notes)
	}
	for _, bad := range []string{"s1\tx\n", "s1\tx\tmaybe\n", "s1\tx\treal\ns1\tx\tfalse\n"} {
		if _, err := ReadJudgedContradictions(strings.NewReader(bad)); !errors.Is(err, ErrBadGold) {
			t.Errorf("%q: err %v, want ErrBadGold", bad, err)
		}
	}
}

// TestJudgedContradictionsFile: the committed verdicts parse and name
// stories of the gold set.
func TestJudgedContradictionsFile(t *testing.T) {
	j, err := LoadJudgedContradictions("../../../testdata/realnews")
	if err != nil {
		t.Fatal(err)
	}
	if len(j) == 0 {
		t.Fatal("no verdicts in contradictions-judged.tsv")
	}
	set, err := Load("../../../testdata/realnews")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, s := range set.Stories {
		ids[s.ID] = true
	}
	for story := range j {
		if !ids[story] {
			t.Errorf("verdicts for %s, no story of the gold set", story)
		}
	}
}
