package eval

import (
	"strings"
	"unicode"
)

// The extraction metric is the one of the Article Extraction Benchmark
// (scrapinghub/article-extraction-benchmark), written again here: a page's
// expected and extracted bodies are cut into word 4-grams ("shingles"), the
// two multisets are compared, and the counts are normalised per page so a
// long article weighs no more than a short one.

// ShingleSize is the number of words in a shingle.
const ShingleSize = 4

// PageScore is the comparison of one page's extracted body with the truth:
// shared shingles (TP), extracted but not expected (FP), expected but not
// extracted (FN), each divided by TP+FP+FN so they sum to 1 (or are all 0
// when neither text has a word).
type PageScore struct {
	TP, FP, FN float64
}

// Precision of the page: 1 when nothing was extracted wrongly or missed, 0
// when nothing correct was extracted.
func (s PageScore) Precision() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall of the page, with the same conventions as Precision.
func (s PageScore) Recall() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// Score is the metric over a set of pages: precision averaged over the pages
// that extracted something or expected something extracted (TP+FP > 0),
// recall over the pages that expected something (TP+FN > 0), and F1 from the
// two means. An empty extraction thus scores 0 recall and does not count
// towards precision.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Pages     int     `json:"pages"`
}

// MeanScore aggregates page scores as the AEB does.
func MeanScore(pages []PageScore) Score {
	var p, r float64
	var np, nr int
	for _, s := range pages {
		if s.TP+s.FP > 0 {
			p += s.Precision()
			np++
		}
		if s.TP+s.FN > 0 {
			r += s.Recall()
			nr++
		}
	}
	out := Score{Pages: len(pages)}
	if np > 0 {
		out.Precision = p / float64(np)
	}
	if nr > 0 {
		out.Recall = r / float64(nr)
	}
	if out.Precision+out.Recall > 0 {
		out.F1 = 2 * out.Precision * out.Recall / (out.Precision + out.Recall)
	}
	return out
}

// ScorePage compares an extracted body with the expected one.
func ScorePage(truth, got string) PageScore {
	want := shingles(Words(truth))
	have := shingles(Words(got))
	var tp, fp, fn float64
	for k, w := range want {
		h := have[k]
		tp += float64(min(w, h))
		if w > h {
			fn += float64(w - h)
		}
	}
	for k, h := range have {
		if w := want[k]; h > w {
			fp += float64(h - w)
		}
	}
	sum := tp + fp + fn
	if sum == 0 {
		return PageScore{}
	}
	return PageScore{TP: tp / sum, FP: fp / sum, FN: fn / sum}
}

// Words cuts text into word tokens: maximal runs of letters, digits (of any
// script), combining marks and '_'. Marks are word characters so that a word
// written with harakat (كَتَبَ) stays one token; punctuation of any script
// separates words.
func Words(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// shingles counts the word n-grams of a text. A text shorter than a shingle
// is one shingle of all its words, so a two-word page still scores.
func shingles(words []string) map[string]int {
	m := make(map[string]int)
	if len(words) == 0 {
		return m
	}
	if len(words) < ShingleSize {
		m[strings.Join(words, " ")]++
		return m
	}
	for i := 0; i+ShingleSize <= len(words); i++ {
		m[strings.Join(words[i:i+ShingleSize], " ")]++
	}
	return m
}
