package server

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/taqrir/taqrir/internal/testsuite"
)

// consoleErrors collects what the pages write to the console as errors
// (script errors, CSP violations, failed loads) while a test browses.
func consoleErrors(ctx context.Context) func() []string {
	var mu sync.Mutex
	var errs []string
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == "error" || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		time.Sleep(200 * time.Millisecond) // let the last messages arrive
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// screenshotDir is where the browser tests keep their screenshots: the
// test's temporary directory, or $TAQRIR_SCREENSHOTS when set (the README's
// come from there).
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("TAQRIR_SCREENSHOTS"); d != "" {
		return d
	}
	return t.TempDir()
}

func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserSearchReportCitation walks search → article → report →
// citation back to the article with the cited sentence highlighted and
// scrolled to, at 1280 and 390 px, with screenshots and no console error.
func TestBrowserSearchReportCitation(t *testing.T) {
	f := newFixture(t, Options{})
	dir := screenshotDir(t)
	for _, width := range []int{1280, 390} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := testsuite.Browser(t, width, 90*time.Second)
			errs := consoleErrors(ctx)
			q := url.QueryEscape("هدنة السودان")
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900),
				chromedp.Navigate(f.ts.URL+"/search?q="+q), chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit a.title"))); err != nil {
				t.Fatal(err)
			}
			shoot(t, ctx, dir, fmt.Sprintf("search-%d", width))
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
			if err != nil || len(wide) > 0 {
				t.Errorf("the search page scrolls sideways at %d px: %q (%v)", width, wide, err)
			}
			direction, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).direction`))
			if direction != "rtl" {
				t.Errorf("body direction %q, want rtl", direction)
			}
			marks, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".snippet mark").length`))
			if marks == 0 {
				t.Error("no highlighted words in the snippets")
			}
			// Search → article.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("ol.hits li.hit a.title")), chromedp.WaitVisible(chromedp.CSS("article.article h1"))); err != nil {
				t.Fatal(err)
			}
			ents, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".body .entity").length`))
			if ents == 0 {
				t.Error("the article view marks no entity")
			}
			if wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS)); len(wide) > 0 {
				t.Errorf("the article page scrolls sideways at %d px: %q", width, wide)
			}
			shoot(t, ctx, dir, fmt.Sprintf("article-%d", width))
			// Back to the search, then its report.
			if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+"/search?q="+q), chromedp.WaitVisible(chromedp.CSS("#report-link")),
				chromedp.Click(chromedp.CSS("#report-link")), chromedp.WaitVisible(chromedp.CSS("#summary"))); err != nil {
				t.Fatal(err)
			}
			shoot(t, ctx, dir, fmt.Sprintf("report-%d", width))
			// Report → citation → the article at the cited sentence.
			href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#summary a[href^="/articles/"]').getAttribute("href")`))
			if err != nil || !strings.Contains(href, "?hl=") {
				t.Fatalf("the report's first citation: %q %v", href, err)
			}
			anchor := href[strings.Index(href, "#")+1:]
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#summary a[href^="/articles/"]`)), chromedp.WaitVisible(chromedp.CSS("article.article h1"))); err != nil {
				t.Fatal(err)
			}
			js := fmt.Sprintf(`(function(){ const e = document.getElementById(%q); if (!e) return "missing";
				if (!e.classList.contains("cited")) return "not marked";
				const r = e.getBoundingClientRect(); return (r.top >= 0 && r.top < window.innerHeight) ? "in view" : "out of view " + r.top; })()`, anchor)
			state, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
			if err != nil || state != "in view" {
				t.Errorf("the cited sentence #%s: %s (%v)", anchor, state, err)
			}
			bg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`getComputedStyle(document.getElementById(%q)).backgroundColor`, anchor)))
			if bg == "" || bg == "rgba(0, 0, 0, 0)" {
				t.Errorf("the cited sentence has no highlight (background %q)", bg)
			}
			shoot(t, ctx, dir, fmt.Sprintf("cited-%d", width))
			if e := errs(); len(e) > 0 {
				t.Errorf("console errors: %q", e)
			}
		})
	}
}

// overflowJS lists the elements that stick out of the viewport sideways
// (empty when the page does not scroll sideways).
const overflowJS = `(function(){
  const out = [];
  if (document.documentElement.scrollWidth <= window.innerWidth + 1) return out;
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 || r.left < -1) out.push(e.tagName + "." + e.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
    if (out.length > 5) break;
  }
  return out;
})()`

// TestBrowserHostileArticleInert opens every page that shows the hostile
// article and checks that none of its payloads ran.
func TestBrowserHostileArticleInert(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := testsuite.Browser(t, 1280, 90*time.Second)
	errs := consoleErrors(ctx)
	q := url.QueryEscape("مفاوضات التهدئة")
	for _, p := range []string{"/articles/" + f.hostID, "/search?q=" + q, "/report?q=" + q, "/stories", "/api/v1/report?format=html&q=" + q} {
		if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+p), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		ran, err := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.pwned)`))
		if err != nil || ran != "undefined" {
			t.Errorf("%s: window.pwned = %s (%v): a payload ran", p, ran, err)
		}
		title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
		if strings.Contains(title, "pwned") {
			t.Errorf("%s: the title broke out: %q", p, title)
		}
	}
	// The payloads are shown as text on the article page, not dropped
	// silently from what the reader sees.
	if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+"/articles/"+f.hostID)); err != nil {
		t.Fatal(err)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("article").innerText`))
	if !strings.Contains(text, "onerror") {
		t.Errorf("the article's literal markup is not shown as text: %.300q", text)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %q", e)
	}
}

// TestBrowserSavedSearchFeed: the saved searches page and the feed gain the
// article an ingest brings.
func TestBrowserSavedSearchFeed(t *testing.T) {
	f := newFixture(t, Options{})
	if resp, body := f.do(t, "POST", "/api/v1/saved", "application/json", `{"name":"ports","query":"الموانئ"}`, true); resp.StatusCode != 201 {
		t.Fatal(body)
	}
	ctx := testsuite.Browser(t, 390, 60*time.Second)
	// A browser downloads an Atom file rather than showing it: the page
	// of saved searches shows the same matches.
	matches := func() string {
		if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+"/saved"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main li li")).map(e => e.innerText).join("\n")`))
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	if m := matches(); m != "" {
		t.Fatalf("a new saved search lists matches: %q", m)
	}
	f.do(t, "POST", "/api/v1/ingest", "application/x-ndjson", `{"title":"توسعة الموانئ","text":"أعلنت هيئة الموانئ توسعة جديدة.","source":"اختبار"}`, true)
	if m := matches(); !strings.Contains(m, "توسعة الموانئ") {
		t.Errorf("after the ingest the saved search lists %q, want the new article", m)
	}
	_, feed := f.get(t, "/feeds/ports.atom")
	if strings.Count(feed, "<entry>") != 1 {
		t.Errorf("the feed after the ingest: %.400s", feed)
	}
}
