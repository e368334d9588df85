package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/testsuite"
)

// suiteCase is one row of testdata/dates.tsv.
type suiteCase struct {
	line     int
	category string
	anchor   time.Time
	sentence string
	span     string // "-": the sentence holds no date expression
	value    string // "-": unresolved (empty value)
	gran     string
}

func loadSuite(t *testing.T) []suiteCase { return loadSuiteFile(t, "testdata/dates.tsv") }

func loadSuiteFile(t *testing.T, path string) []suiteCase {
	t.Helper()
	var cases []suiteCase
	for _, r := range testsuite.ReadTSV(t, path, 5) {
		cols := r.Cols
		c := suiteCase{line: r.Line, category: r.Category, sentence: cols[1], span: cols[2], value: cols[3], gran: cols[4]}
		if cols[0] != "-" {
			var err error
			c.anchor, err = time.Parse("2006-01-02", cols[0])
			if err != nil {
				t.Fatalf("%s:%d: anchor: %v", path, r.Line, err)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// check returns "" when the case passes, else what went wrong.
func (c suiteCase) check() string {
	got := Extract(c.sentence, c.anchor)
	if c.span == "-" {
		if len(got) > 0 {
			return fmt.Sprintf("want no date, got %+v", got)
		}
		return ""
	}
	want := c.value
	if want == "-" {
		want = ""
	}
	for _, d := range got {
		if d.Text != c.span {
			continue
		}
		if d.Value != want || d.Granularity != c.gran {
			return fmt.Sprintf("%q: got %q %s, want %q %s", c.span, d.Value, d.Granularity, want, c.gran)
		}
		if (want == "") != d.Unresolved {
			return fmt.Sprintf("%q: Unresolved=%v with value %q", c.span, d.Unresolved, d.Value)
		}
		return ""
	}
	var texts []string
	for _, d := range got {
		texts = append(texts, fmt.Sprintf("%q=%s", d.Text, d.Value))
	}
	return fmt.Sprintf("span %q not found; got [%s]", c.span, strings.Join(texts, " "))
}

// TestDateSuite scores the hand-written suite: a case is right when the
// expected span is found with exactly the expected value and granularity.
func TestDateSuite(t *testing.T) {
	cases := loadSuite(t)
	if len(cases) < 150 {
		t.Fatalf("suite has %d cases, want at least 150", len(cases))
	}
	right, relative := 0, 0
	perCat := map[string][2]int{}
	var cats []string
	for _, c := range cases {
		if !c.anchor.IsZero() {
			relative++
		}
		if _, ok := perCat[c.category]; !ok {
			cats = append(cats, c.category)
		}
		pc := perCat[c.category]
		pc[1]++
		if msg := c.check(); msg != "" {
			t.Logf("dates.tsv:%d [%s] %s", c.line, c.category, msg)
		} else {
			right++
			pc[0]++
		}
		perCat[c.category] = pc
	}
	for _, cat := range cats {
		t.Logf("  %-40s %d/%d", cat, perCat[cat][0], perCat[cat][1])
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("date suite: %d/%d right, accuracy %.3f (%d cases with a publication date)", right, len(cases), acc, relative)
	if acc < 0.95 {
		t.Errorf("accuracy %.3f below 0.95", acc)
	}
}

// TestDateHeldOut scores the held-out set, written after the code and
// scored once before any change to it.
func TestDateHeldOut(t *testing.T) {
	cases := loadSuiteFile(t, "testdata/dates_heldout.tsv")
	right := 0
	for _, c := range cases {
		if msg := c.check(); msg != "" {
			t.Logf("dates_heldout.tsv:%d %s", c.line, msg)
			continue
		}
		right++
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("held-out date set: %d/%d right, accuracy %.3f", right, len(cases), acc)
	if acc < 0.8 {
		t.Errorf("held-out accuracy %.3f below 0.8", acc)
	}
}
