package realnews

import (
	"errors"
	"strings"
	"testing"
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
