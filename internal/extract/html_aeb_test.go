package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

// The AEB (Article Extraction Benchmark) pages live outside the repo, in
// ../shared/data/aeb; tests and benchmarks that need them skip without.
const aebDir = "../../../shared/data/aeb"

var aebCompare = flag.Bool("aeb.compare", false, "TestAEB also scores plain go-trafilatura on the AEB pages")

type aebPage struct {
	name string
	html []byte
	body string
	url  string
}

func loadAEB(tb testing.TB) []aebPage {
	tb.Helper()
	gt, err := os.ReadFile(filepath.Join(aebDir, "ground-truth.json"))
	if err != nil {
		tb.Skipf("AEB data absent (%v): see /work/shared/data/README.md", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		tb.Fatalf("ground-truth.json: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(aebDir, "html", "*.html.gz"))
	var pages []aebPage
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		t, ok := truth[name]
		if !ok {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		h, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, aebPage{name: name, html: h, body: t.ArticleBody, url: t.URL})
	}
	if len(pages) == 0 {
		tb.Skipf("no AEB pages in %s", aebDir)
	}
	return pages
}

// shingleScore is the AEB metric for one page: precision and recall of
// the word 4-gram multiset of got against want.
func shingleScore(want, got string) (p, r float64) {
	ws, gs := shingles(want), shingles(got)
	if len(gs) == 0 {
		if len(ws) == 0 {
			return 1, 1
		}
		return 0, 0
	}
	if len(ws) == 0 {
		return 0, 1
	}
	tp, ng, nw := 0, 0, 0
	for k, c := range gs {
		ng += c
		tp += min(c, ws[k])
	}
	for _, c := range ws {
		nw += c
	}
	return float64(tp) / float64(ng), float64(tp) / float64(nw)
}

func shingles(s string) map[string]int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	m := map[string]int{}
	if len(words) > 0 && len(words) < 4 {
		m[strings.Join(words, " ")]++
		return m
	}
	for i := 0; i+4 <= len(words); i++ {
		m[strings.Join(words[i:i+4], " ")]++
	}
	return m
}

func aebF1(pages []aebPage, extract func(aebPage) string) (p, r, f float64) {
	for _, pg := range pages {
		pp, rr := shingleScore(pg.body, extract(pg))
		p += pp
		r += rr
	}
	p /= float64(len(pages))
	r /= float64(len(pages))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func ours(pg aebPage) string {
	res, err := HTML(pg.html, PageMeta{URL: pg.url})
	if err != nil {
		return ""
	}
	return res.Article.Body()
}

func plainTrafilatura(pg aebPage) string {
	res, err := trafilatura.Extract(bytes.NewReader(pg.html), trafilatura.Options{EnableFallback: true, ExcludeComments: true})
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}

// TestAEB scores HTML on the AEB pages with the benchmark's metric and
// holds it to a floor well above what a broken extractor gets; with
// -aeb.compare it also scores go-trafilatura and requires ours to be as
// good.
func TestAEB(t *testing.T) {
	if testing.Short() {
		t.Skip("AEB scoring takes a while; skipped with -short")
	}
	pages := loadAEB(t)
	p, r, f := aebF1(pages, ours)
	t.Logf("taqrir extract.HTML on %d AEB pages: P %.4f R %.4f F1 %.4f", len(pages), p, r, f)
	if f < 0.90 {
		t.Errorf("AEB F1 %.4f, want ≥ 0.90", f)
	}
	if *aebCompare {
		tp, tr, tf := aebF1(pages, plainTrafilatura)
		t.Logf("go-trafilatura (fallback on) on %d AEB pages: P %.4f R %.4f F1 %.4f", len(pages), tp, tr, tf)
		if f < tf {
			t.Errorf("AEB F1 %.4f below go-trafilatura's %.4f", f, tf)
		}
	}
}

// BenchmarkAEB compares the speed of HTML with plain go-trafilatura over
// the AEB pages (one op = all pages): with its fallback extractors on (the
// configuration of its published AEB score) and off.
func BenchmarkAEB(b *testing.B) {
	pages := loadAEB(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.html))
	}
	for _, bc := range []struct {
		name string
		fn   func(aebPage) string
	}{{"taqrir", ours}, {"trafilatura", plainTrafilatura}, {"trafilatura-nofallback", func(pg aebPage) string {
		res, err := trafilatura.Extract(bytes.NewReader(pg.html), trafilatura.Options{ExcludeComments: true})
		if err != nil || res == nil {
			return ""
		}
		return res.ContentText
	}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, p := range pages {
					bc.fn(p)
				}
			}
			b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
