package testsuite

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadTSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.tsv")
	body := "# what: a suite\n# category: first\na\tb\n\n# a comment\n# category: second\nc\td\r\ne\tf\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 3, Category: "first", Cols: []string{"a", "b"}},
		{Line: 7, Category: "second", Cols: []string{"c", "d"}},
		{Line: 8, Category: "second", Cols: []string{"e", "f"}},
	}
	if diff := cmp.Diff(want, ReadTSV(t, path, 2)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestCPUTimeAdvances(t *testing.T) {
	c0 := CPUTime()
	if c0 == 0 {
		t.Skip("no CPU clock on this system")
	}
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if CPUTime() <= c0 {
		t.Errorf("CPU time did not advance over a busy loop (%d)", x)
	}
}
