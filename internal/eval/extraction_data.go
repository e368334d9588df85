package eval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ExtractionPage is one HTML page of an extraction benchmark with what
// should be extracted from it.
type ExtractionPage struct {
	Name  string // file name without extension: a hash (AEB) or NN-name (Arabic set)
	HTML  []byte // the page's bytes as served, in whatever encoding
	Truth ExtractionTruth
}

// ExtractionTruth is the ground truth of a page. The AEB gives only Body and
// URL; the Arabic set gives every field.
type ExtractionTruth struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"` // paragraphs joined by "\n\n"
	Captions  []string `json:"captions"`
	Published string   `json:"published"` // 2021-03-15, or with a time and offset
	Byline    string   `json:"byline"`
	Source    string   `json:"source"`
	Encoding  string   `json:"encoding"` // how the HTML file is encoded
	URL       string   `json:"url"`
}

// PublishedDay is the truth's publication day as YYYY-MM-DD ("" when the
// truth has none): the date as written, in the page's own offset.
func (t ExtractionTruth) PublishedDay() string {
	if len(t.Published) < len("2006-01-02") {
		return ""
	}
	return t.Published[:len("2006-01-02")]
}

// ParseExtractionTruth reads one ground-truth JSON file of the Arabic set and
// checks it: a title and a body are required, the published date must parse,
// and no field may be unknown (a misspelt field would silently score zero).
func ParseExtractionTruth(data []byte) (ExtractionTruth, error) {
	var t ExtractionTruth
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return t, fmt.Errorf("not a ground-truth object: %w", err)
	}
	if dec.More() {
		return t, errors.New("text after the ground-truth object")
	}
	if strings.TrimSpace(t.Title) == "" {
		return t, errors.New(`"title" is empty`)
	}
	if strings.TrimSpace(t.Body) == "" {
		return t, errors.New(`"body" is empty`)
	}
	if t.Published != "" {
		if _, err := time.Parse(time.DateOnly, t.Published); err != nil {
			if _, err := time.Parse(time.RFC3339, t.Published); err != nil {
				return t, fmt.Errorf(`"published" %q is neither YYYY-MM-DD nor RFC 3339`, t.Published)
			}
		}
	}
	for i, c := range t.Captions {
		if strings.TrimSpace(c) == "" {
			return t, fmt.Errorf(`"captions"[%d] is empty`, i)
		}
	}
	return t, nil
}

// LoadArabicExtraction reads the Arabic fixture set: every NN-name.html in dir
// with its NN-name.json ground truth, in name order.
func LoadArabicExtraction(dir string) ([]ExtractionPage, error) {
	htmls, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return nil, err
	}
	if len(htmls) == 0 {
		return nil, fmt.Errorf("%s: no .html pages (want the Arabic fixture set, e.g. testdata/extraction/arabic)", dir)
	}
	slices.Sort(htmls)
	var pages []ExtractionPage
	for _, h := range htmls {
		name := strings.TrimSuffix(filepath.Base(h), ".html")
		data, err := os.ReadFile(h)
		if err != nil {
			return nil, err
		}
		tpath := strings.TrimSuffix(h, ".html") + ".json"
		tdata, err := os.ReadFile(tpath)
		if err != nil {
			return nil, fmt.Errorf("%s: ground truth missing: %w", h, err)
		}
		t, err := ParseExtractionTruth(tdata)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tpath, err)
		}
		pages = append(pages, ExtractionPage{Name: name, HTML: data, Truth: t})
	}
	return pages, nil
}

// LoadAEB reads the Article Extraction Benchmark from dir: ground-truth.json
// ({sha256: {articleBody, url}}) and html/<sha256>.html.gz, in hash order.
func LoadAEB(dir string) ([]ExtractionPage, error) {
	gt, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("AEB: %w (want the directory of scrapinghub's article-extraction-benchmark, e.g. ../shared/data/aeb)", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		return nil, fmt.Errorf("AEB: %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	pages := make([]ExtractionPage, 0, len(keys))
	for _, k := range keys {
		path := filepath.Join(dir, "html", k+".html.gz")
		data, err := readGzip(path)
		if err != nil {
			return nil, fmt.Errorf("AEB: %s: %w", path, err)
		}
		t := truth[k]
		pages = append(pages, ExtractionPage{Name: k, HTML: data, Truth: ExtractionTruth{Body: t.ArticleBody, URL: t.URL}})
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
