package clean

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// benchBody is the golden inputs repeated to about size bytes: realistic
// noise in realistic proportion. Repeating them makes most paragraphs
// repeats, which exercises the repeat map as a worst case.
func benchBody(tb testing.TB, size int) string {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var one strings.Builder
	for _, in := range inputs {
		raw, err := os.ReadFile(in)
		if err != nil {
			tb.Fatal(err)
		}
		one.Write(raw)
		one.WriteString("\n")
	}
	if one.Len() == 0 {
		tb.Fatal("no testdata")
	}
	return strings.Repeat(one.String(), size/one.Len()+1)
}

func BenchmarkArticle(b *testing.B) {
	for _, size := range []int{16 << 10, 1 << 20} {
		body := benchBody(b, size)
		b.Run(byteSize(size), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Article("عنوان", body)
			}
		})
	}
}

func byteSize(n int) string {
	if n >= 1<<20 {
		return strconv.Itoa(n>>20) + "MB"
	}
	return strconv.Itoa(n>>10) + "KB"
}

// TestLargeInputs checks that huge and hostile inputs finish with the
// result they should have: repeating a page adds nothing to what is kept,
// one long line and one glued word are kept whole, a page of icon lines
// keeps nothing, and distinct lines are all kept. It runs on 1 MB inputs; TAQRIR_LARGE_TESTS=1
// runs it on 50 MB ones (it allocates a lot). Times are logged, never
// asserted.
func TestLargeInputs(t *testing.T) {
	size := 1 << 20
	if os.Getenv("TAQRIR_LARGE_TESTS") != "" {
		size = 50 << 20
	}
	oneCopy := Article("", benchBody(t, 1))
	oneLine := strings.Repeat("كلمة ", size/11) + "…"
	glued := strings.Repeat("ب", size/4) + strings.Repeat("ب", size/4)
	distinct := distinctLines(size)
	for _, c := range []struct {
		name, body string
		want       func(t *testing.T, r Result)
	}{
		{"articles", benchBody(t, size), func(t *testing.T, r Result) {
			if diff := cmp.Diff(oneCopy.Paragraphs, r.Paragraphs); diff != "" {
				t.Errorf("repeating the page changed what is kept (-one copy +repeated):\n%.2000s", diff)
			}
		}},
		{"one line", oneLine, func(t *testing.T, r Result) {
			if len(r.Paragraphs) != 1 || r.Paragraphs[0] != strings.TrimSpace(oneLine) {
				t.Errorf("one long line: kept %d paragraphs, want it whole", len(r.Paragraphs))
			}
		}},
		{"icons", strings.Repeat("?\n", size/2), func(t *testing.T, r Result) {
			if len(r.Paragraphs) != 0 {
				t.Errorf("icon lines: kept %d paragraphs, want none", len(r.Paragraphs))
			}
			if len(r.Removed) != size/2 {
				t.Errorf("icon lines: %d removals recorded, want one per line (%d)", len(r.Removed), size/2)
			}
		}},
		{"glued line", glued, func(t *testing.T, r Result) {
			if len(r.Paragraphs) != 1 || len(r.Paragraphs[0]) != len(glued) {
				t.Errorf("one glued word: kept %d paragraphs, want it whole", len(r.Paragraphs))
			}
		}},
		{"distinct", distinct, func(t *testing.T, r Result) {
			lines := strings.Split(strings.TrimSuffix(distinct, "\n"), "\n")
			if diff := cmp.Diff(lines, r.Paragraphs); diff != "" || len(r.Removed) != 0 {
				t.Errorf("distinct lines: %d removed, kept differ (-input +kept):\n%.2000s", len(r.Removed), diff)
			}
			if want := len(lines); len(r.Paragraphs) != want {
				t.Errorf("distinct lines: kept %d, removed %d; want all %d kept", len(r.Paragraphs), len(r.Removed), want)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := Article("", c.body)
			t.Logf("%d KB in %v (%d paragraphs, %d removed)", len(c.body)>>10, time.Since(start), len(r.Paragraphs), len(r.Removed))
			c.want(t, r)
		})
	}
}

func distinctLines(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("قال المسؤول في البيان رقم ")
		b.WriteString(strconv.Itoa(i))
		b.WriteString(" إن الوضع مستقر.\n")
	}
	return b.String()
}
