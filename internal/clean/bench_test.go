package clean

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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

// TestLargeInputs checks that huge and hostile inputs finish: a 50 MB body,
// one 50 MB line, 50 MB of icon lines. It runs only with
// TAQRIR_LARGE_TESTS=1, since it allocates a lot; times are logged, never
// asserted.
func TestLargeInputs(t *testing.T) {
	if os.Getenv("TAQRIR_LARGE_TESTS") == "" {
		t.Skip("set TAQRIR_LARGE_TESTS=1 to clean 50 MB inputs")
	}
	const size = 50 << 20
	for name, body := range map[string]string{
		"articles":   benchBody(t, size),
		"one line":   strings.Repeat("كلمة ", size/11) + "…",
		"icons":      strings.Repeat("?\n", size/2),
		"glued line": strings.Repeat("ب", size/4) + strings.Repeat("ب", size/4),
		"distinct":   distinctLines(size),
	} {
		start := time.Now()
		r := Article("", body)
		t.Logf("%s: %d MB in %v (%d paragraphs, %d removed)", name, len(body)>>20, time.Since(start), len(r.Paragraphs), len(r.Removed))
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
