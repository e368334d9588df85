package render

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/taqrir/taqrir/internal/report"
)

// browserPath finds a Chromium to check the page in. Without one the
// browser tests skip, except in CI (CI=true), where they fail.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium on PATH: the bidi and chart checks need a real browser (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH: skipping the checks in a real browser (apt-get install chromium to run them)")
	return ""
}

// openInBrowser renders rep as HTML into a file and opens it in headless
// Chromium at the given window width; it returns a context for chromedp.
func openInBrowser(t *testing.T, rep *report.Report, width int) context.Context {
	t.Helper()
	exe := browserPath(t)
	path := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := HTML(f, rep); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, 1200),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("open the page in %s: %v", exe, err)
	}
	return ctx
}

// boxesJS returns the boxes of two substrings of the text of the first
// element matching a selector: [leftA, rightA, leftB, rightB], or null.
const boxesJS = `(function(sel, a, b) {
  const el = document.querySelector(sel);
  if (!el) return null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  function box(s) {
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      const i = n.nodeType === 3 ? n.data.indexOf(s) : -1;
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + s.length);
        const b = r.getBoundingClientRect();
        walker.currentNode = el;
        return [b.left, b.right];
      }
    }
    walker.currentNode = el;
    return null;
  }
  const x = box(a), y = box(b);
  return x && y ? x.concat(y) : null;
})`

func boxes(t *testing.T, ctx context.Context, sel, a, b string) []float64 {
	t.Helper()
	js := boxesJS + "(" + jsString(sel) + "," + jsString(a) + "," + jsString(b) + ")"
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil {
		t.Fatalf("evaluate boxes of %q and %q in %s: %v", a, b, sel, err)
	}
	if len(got) != 4 {
		t.Fatalf("no text %q and %q in %s", a, b, sel)
	}
	return got
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}

// TestBrowserBidi checks in a real browser that mixed runs read in order:
// in the figures «20 كيلومترا» has 20 on the right of the word (RTL), the
// ISO date of a citation chip reads 2025-03-14 left to right, and the
// date of the header line too.
func TestBrowserBidi(t *testing.T) {
	rep := sampleReport()
	rep.Figures[0].Text = "20 كيلومترا"
	ctx := openInBrowser(t, rep, 1280)

	b := boxes(t, ctx, "#figures .value", "20", "كيلومترا")
	if b[0] < b[3]-1 {
		t.Errorf("figure «20 كيلومترا»: the box of 20 [%.0f, %.0f] is not right of كيلومترا [%.0f, %.0f]", b[0], b[1], b[2], b[3])
	}
	b = boxes(t, ctx, "#summary .cites a .iso", "2025", "14")
	if b[1] > b[2]+1 {
		t.Errorf("chip date 2025-03-14: 2025 at [%.0f, %.0f] is not left of 14 at [%.0f, %.0f]", b[0], b[1], b[2], b[3])
	}
	iso, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#summary .cites a .iso").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if iso != "2025-03-14" {
		t.Errorf("chip date text %q, want 2025-03-14", iso)
	}
	b = boxes(t, ctx, "header .meta .iso", "2025", "12:00")
	if b[1] > b[2]+1 {
		t.Errorf("header date: 2025 at [%.0f, %.0f] is not left of 12:00 at [%.0f, %.0f]", b[0], b[1], b[2], b[3])
	}
}

// minChartFontJS is the smallest rendered font size, in CSS pixels, of
// the text of the charts shown (the SVG scaled to its box).
const minChartFontJS = `(function() {
  let least = 1e9, n = 0;
  for (const svg of document.querySelectorAll("figure svg")) {
    const w = svg.getBoundingClientRect().width;
    if (w === 0) continue; // the other layout, not shown
    const scale = w / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
      n++;
    }
  }
  return n ? least : -1;
})()`

// TestBrowserCharts: on a desktop window and on a 390 px phone the charts
// fill the column and no label is under 12 px.
func TestBrowserCharts(t *testing.T) {
	for _, width := range []int{1280, 390} {
		ctx := openInBrowser(t, sampleReport(), width)
		least, err := chromedp.Run(ctx, chromedp.Evaluate[float64](minChartFontJS))
		if err != nil {
			t.Fatal(err)
		}
		if least < 0 {
			t.Fatalf("width %d: no chart text shown", width)
		}
		if least < 12 {
			t.Errorf("width %d: a chart label is %.1f px, want ≥ 12", width, least)
		}
		js := `(function(){ const s = [...document.querySelectorAll("figure svg")].filter(s => s.getBoundingClientRect().width > 0)[0];
		  return [s.getBoundingClientRect().width, s.closest("section").getBoundingClientRect().width, document.documentElement.scrollWidth, window.innerWidth]; })()`
		fill, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
		if err != nil {
			t.Fatal(err)
		}
		if fill[0] < fill[1]-1 {
			t.Errorf("width %d: chart %.0f px wide in a %.0f px column, want full width", width, fill[0], fill[1])
		}
		if fill[2] > fill[3]+1 {
			t.Errorf("width %d: the page scrolls sideways (%.0f > %.0f)", width, fill[2], fill[3])
		}
	}
}
