package arabic

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"قال الوزير إن المباحثات بدأت في 2,500 موقع.",
	"ﻻ ﺑﻴﺮﻭﺕ مُحَمَّد الـــعـــراق ١٢٫٥ ٢٬٥٠٠",
	"«انتهى. سنعود.» ثم \"غادر.\" د. أ.د. U.S. Dr. 3.5 12.3.2020",
	"می\u200cخواهم \u200f\u200e\ufeff\u061c",
	"ب\xff\xfeت\xc3",
	"\x00\x01\x1f\x7f\u0085\u2028\u2029",
	"a\u0301\u064e\u0670",
	"١٢٫",
	"U.S",
	"O'",
	"\ufe76\ufe70\ufdfa",
}

// checkSpans verifies offsets are inside the text, in order, not
// overlapping and on rune boundaries of the original bytes.
func checkSpans(t *testing.T, text string, spans [][2]int) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		start, end := s[0], s[1]
		if start < prev || end <= start || end > len(text) {
			t.Fatalf("span %d:%d out of order or outside text of %d bytes (previous end %d)", start, end, len(text), prev)
		}
		if !onBoundary(text, start) || !onBoundary(text, end) {
			t.Fatalf("span %d:%d not on rune boundaries in %q", start, end, text)
		}
		prev = end
	}
}

// onBoundary reports whether i starts a rune (valid or a lone invalid byte)
// of text, as decoding from the start sees it.
func onBoundary(text string, i int) bool {
	for j := 0; j < len(text); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, n := utf8.DecodeRuneInString(text[j:])
		j += n
	}
	return i == len(text)
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		if walked := slices.Collect(Tokens(text)); !slices.Equal(walked, toks) {
			t.Fatalf("Tokens(%q) = %v, Tokenize %v", text, walked, toks)
		}
		spans := make([][2]int, len(toks))
		for i, tk := range toks {
			spans[i] = [2]int{tk.Start, tk.End}
			if tk.Text != text[tk.Start:tk.End] {
				t.Fatalf("Text %q != text[%d:%d]", tk.Text, tk.Start, tk.End)
			}
			if !utf8.ValidString(tk.Text) {
				t.Fatalf("token text %q is not valid UTF-8", tk.Text)
			}
			if tk.Kind < KindArabic || tk.Kind > KindPunct {
				t.Fatalf("token %q has kind %d", tk.Text, tk.Kind)
			}
		}
		checkSpans(t, text, spans)
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Analyze(text)
		spans := make([][2]int, len(toks))
		for i, tk := range toks {
			spans[i] = [2]int{tk.Start, tk.End}
			for _, s := range []string{tk.Text, tk.Norm, tk.Stem, tk.Key} {
				if !utf8.ValidString(s) {
					t.Fatalf("token %q: output %q is not valid UTF-8", tk.Text, s)
				}
			}
			if tk.Kind != KindPunct && tk.Key == "" && tk.Norm != "" && Fold(tk.Text) != "" {
				t.Fatalf("word token %q has an empty key", tk.Text)
			}
		}
		checkSpans(t, text, spans)
		// EachTerm must agree with Analyze.
		i := 0
		EachTerm(text, func(start, end int, key string, stop bool) {
			for i < len(toks) && toks[i].Kind == KindPunct {
				i++
			}
			if i >= len(toks) {
				t.Fatalf("EachTerm gave more terms than Analyze")
			}
			if tk := toks[i]; tk.Start != start || tk.End != end || tk.Key != key || tk.Stop != stop {
				t.Fatalf("EachTerm %d:%d %q %v, Analyze %d:%d %q %v", start, end, key, stop, tk.Start, tk.End, tk.Key, tk.Stop)
			}
			i++
		})
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := Sentences(text)
		spans := make([][2]int, len(sents))
		for i, s := range sents {
			spans[i] = [2]int{s.Start, s.End}
			if s.Text != text[s.Start:s.End] {
				t.Fatalf("Text %q != text[%d:%d]", s.Text, s.Start, s.End)
			}
			if strings.TrimSpace(s.Text) != s.Text {
				t.Fatalf("sentence %q not trimmed", s.Text)
			}
		}
		checkSpans(t, text, spans)
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := Normalize(text)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q, not valid UTF-8", text, n)
		}
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", text, n, n2)
		}
		fd := Fold(text)
		if !utf8.ValidString(fd) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", text, fd)
		}
		if f2 := Fold(fd); f2 != fd {
			t.Fatalf("Fold not idempotent: %q → %q → %q", text, fd, f2)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q has untidy spaces", text, n)
		}
	})
}

// TestHugeSingleLine runs the analysis over a 10 MB line with no sentence
// end. Nothing is timed: it must finish and keep offsets right.
func TestHugeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the 10 MB input in -short mode")
	}
	unit := "الحكومة الأميركية ﺑﻴﺮﻭﺕ 2,500 "
	text := strings.Repeat(unit, 10<<20/len(unit)+1)
	units := strings.Count(text, unit)
	n, last := 0, 0
	EachTerm(text, func(start, end int, key string, stop bool) {
		if start < last {
			t.Fatalf("term at %d before previous end %d", start, last)
		}
		last = end
		n++
	})
	if n != 4*units {
		t.Errorf("EachTerm gave %d terms over %d units, want %d", n, units, 4*units)
	}
	toks := Tokenize(text)
	if got := toks[len(toks)-1]; text[got.Start:got.End] != "2,500" || got.End != len(text)-1 {
		t.Errorf("last token %q at %d:%d, text is %d bytes", got.Text, got.Start, got.End, len(text))
	}
	// With no sentence end, the line is cut at spaces into pieces of at
	// most MaxSentenceBytes that cover it end to end.
	s := Sentences(text)
	if len(s) < len(text)/MaxSentenceBytes || s[0].Start != 0 || s[len(s)-1].End != len(text)-1 {
		t.Errorf("Sentences gave %d sentences over %d bytes, want pieces covering the line", len(s), len(text))
	}
	for i, p := range s {
		if p.End-p.Start > MaxSentenceBytes {
			t.Fatalf("sentence %d is %d bytes, over MaxSentenceBytes", i, p.End-p.Start)
		}
		if i > 0 && strings.TrimSpace(text[s[i-1].End:p.Start]) != "" {
			t.Fatalf("text between sentences %d and %d lost: %q", i-1, i, text[s[i-1].End:p.Start])
		}
	}
	if got := Normalize(text); len(got) >= len(text) {
		t.Errorf("Normalize of %d bytes gave %d bytes; presentation forms should shrink it", len(text), len(got))
	}
}

// FuzzTermCache: a TermCache gives what EachTerm gives, on a first read
// and on a second (from the cache).
func FuzzTermCache(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	var c TermCache
	f.Fuzz(func(t *testing.T, text string) {
		type term struct {
			start, end int
			key        string
			stop       bool
		}
		var want []term
		EachTerm(text, func(s, e int, k string, stop bool) { want = append(want, term{s, e, k, stop}) })
		for round := range 2 {
			var got []term
			c.EachTerm(text, func(s, e int, k string, stop bool) { got = append(got, term{s, e, k, stop}) })
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: TermCache.EachTerm(%q) = %v, EachTerm %v", round, text, got, want)
			}
		}
	})
}
