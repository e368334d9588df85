package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/testsuite"
)

type suiteCase struct {
	line              int
	category          string
	sentence, span    string
	value             float64
	unit              string
	approximate, none bool
}

func loadSuite(t *testing.T) []suiteCase { return loadSuiteFile(t, "testdata/quantities.tsv") }

func loadSuiteFile(t *testing.T, path string) []suiteCase {
	t.Helper()
	var cases []suiteCase
	for _, r := range testsuite.ReadTSV(t, path, 5) {
		cols := r.Cols
		c := suiteCase{line: r.Line, category: r.Category, sentence: cols[0], span: cols[1], none: cols[1] == "-"}
		if !c.none {
			var err error
			if c.value, err = strconv.ParseFloat(cols[2], 64); err != nil {
				t.Fatalf("%s:%d: value: %v", path, r.Line, err)
			}
			if cols[3] != "-" {
				c.unit = cols[3]
			}
			c.approximate = cols[4] == "yes"
		}
		cases = append(cases, c)
	}
	return cases
}

func (c suiteCase) check() string {
	got := Extract(c.sentence)
	if c.none {
		if len(got) > 0 {
			return fmt.Sprintf("want no quantity, got %+v", got)
		}
		return ""
	}
	for _, q := range got {
		if q.Text != c.span {
			continue
		}
		if math.Abs(q.Value-c.value) > 1e-9*math.Max(1, math.Abs(c.value)) || q.Unit != c.unit || q.Approximate != c.approximate {
			return fmt.Sprintf("%q: got %v %q approx=%v, want %v %q approx=%v", c.span, q.Value, q.Unit, q.Approximate, c.value, c.unit, c.approximate)
		}
		return ""
	}
	var texts []string
	for _, q := range got {
		texts = append(texts, fmt.Sprintf("%q=%v", q.Text, q.Value))
	}
	return fmt.Sprintf("span %q not found; got [%s]", c.span, strings.Join(texts, " "))
}

// TestQuantitySuite scores the hand-written suite: right when the expected
// span is found with the expected value, unit and approximation.
func TestQuantitySuite(t *testing.T) {
	cases := loadSuite(t)
	if len(cases) < 60 {
		t.Fatalf("suite has %d cases, want at least 60", len(cases))
	}
	right := 0
	for _, c := range cases {
		if msg := c.check(); msg != "" {
			t.Logf("quantities.tsv:%d [%s] %s", c.line, c.category, msg)
			continue
		}
		right++
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("quantity suite: %d/%d right, accuracy %.3f", right, len(cases), acc)
	if acc < 0.95 {
		t.Errorf("accuracy %.3f below 0.95", acc)
	}
}

// TestQuantityHeldOut scores the held-out set, written after the code and
// scored once before any change to it.
func TestQuantityHeldOut(t *testing.T) {
	cases := loadSuiteFile(t, "testdata/quantities_heldout.tsv")
	right := 0
	for _, c := range cases {
		if msg := c.check(); msg != "" {
			t.Logf("quantities_heldout.tsv:%d %s", c.line, msg)
			continue
		}
		right++
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("held-out quantity set: %d/%d right, accuracy %.3f", right, len(cases), acc)
	if acc < 0.75 {
		t.Errorf("held-out accuracy %.3f below 0.75", acc)
	}
}
