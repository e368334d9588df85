package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

// The Arabic fixture set (pages imitating Arabic news sites, with ground
// truth) is written by another part of the project; these tests skip
// until it is there.
const arabicDir = "../../testdata/extraction/arabic"

type arabicTruth struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Captions  []string `json:"captions"`
	Published string   `json:"published"`
	Byline    string   `json:"byline"`
	Source    string   `json:"source"`
	Encoding  string   `json:"encoding"`
	URL       string   `json:"url"`
}

type arabicPage struct {
	name  string
	html  []byte
	truth arabicTruth
}

func loadArabic(tb testing.TB) []arabicPage {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(arabicDir, "*.html"))
	if len(files) == 0 {
		tb.Skipf("Arabic extraction fixtures absent from %s", arabicDir)
	}
	var pages []arabicPage
	for _, f := range files {
		h, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		j, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".json")
		if err != nil {
			continue // a page whose truth is still being written
		}
		var tr arabicTruth
		if err := json.Unmarshal(j, &tr); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, arabicPage{name: filepath.Base(f), html: h, truth: tr})
	}
	return pages
}

// TestArabicFixtures scores HTML on the Arabic fixture set: body F1 (the
// AEB metric) against go-trafilatura's, and exact titles, publication days,
// captions, bylines and sources. Floors are the targets.
func TestArabicFixtures(t *testing.T) {
	pages := loadArabic(t)
	var p, r, tp, tr float64
	var titles, dates, captions, bylines, sources, failed int
	for _, pg := range pages {
		res, err := HTML(pg.html, PageMeta{URL: pg.truth.URL})
		if err != nil {
			t.Errorf("%s: %v", pg.name, err)
			failed++
			continue
		}
		a := res.Article
		pp, rr := shingleScore(pg.truth.Body, a.Body())
		p, r = p+pp, r+rr
		if pp < 0.95 || rr < 0.95 {
			t.Logf("%s: body P %.2f R %.2f", pg.name, pp, rr)
		}
		tres, err := trafilatura.Extract(bytes.NewReader(pg.html), trafilatura.Options{EnableFallback: true, ExcludeComments: true})
		if err == nil && tres != nil {
			pp, rr = shingleScore(pg.truth.Body, tres.ContentText)
			tp, tr = tp+pp, tr+rr
		}
		if foldSpace(a.Title) == foldSpace(pg.truth.Title) {
			titles++
		} else {
			t.Logf("%s: title %q, want %q", pg.name, a.Title, pg.truth.Title)
		}
		want, _ := ParseDate(pg.truth.Published)
		if a.Published.Format("2006-01-02") == want.Format("2006-01-02") {
			dates++
		} else {
			t.Logf("%s: published %v, want %v", pg.name, a.Published, want)
		}
		if sameStrings(a.Captions, pg.truth.Captions) {
			captions++
		} else {
			t.Logf("%s: captions %q, want %q", pg.name, a.Captions, pg.truth.Captions)
		}
		if foldSpace(a.Byline) == foldSpace(pg.truth.Byline) {
			bylines++
		} else {
			t.Logf("%s: byline %q, want %q", pg.name, a.Byline, pg.truth.Byline)
		}
		if foldSpace(a.Source) == foldSpace(pg.truth.Source) {
			sources++
		} else {
			t.Logf("%s: source %q, want %q", pg.name, a.Source, pg.truth.Source)
		}
	}
	n := float64(len(pages))
	f1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	ours, theirs := f1(p/n, r/n), f1(tp/n, tr/n)
	t.Logf("%d Arabic pages: body F1 %.4f (P %.4f R %.4f), go-trafilatura %.4f; titles %d, dates %d, captions %d, bylines %d, sources %d right; %d failed",
		len(pages), ours, p/n, r/n, theirs, titles, dates, captions, bylines, sources, failed)
	if ours < 0.95 || ours <= theirs {
		t.Errorf("body F1 %.4f, want ≥ 0.95 and above go-trafilatura's %.4f", ours, theirs)
	}
	for _, c := range []struct {
		what  string
		right int
	}{{"dates", dates}, {"titles", titles}, {"captions", captions}} {
		if float64(c.right) < 0.95*n {
			t.Errorf("%s right on %d of %d pages, want ≥ 95%%", c.what, c.right, len(pages))
		}
	}
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if foldSpace(a[i]) != foldSpace(b[i]) {
			return false
		}
	}
	return true
}
