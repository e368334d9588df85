package arabic

import (
	"runtime"
	"strings"
	"testing"
)

// TestOverlongWordsSkipped: a run of letters or digits longer than
// MaxTokenBytes is no word; it is skipped like an invalid byte, and the
// words around it keep their offsets.
func TestOverlongWordsSkipped(t *testing.T) {
	tests := []struct {
		name, giant string
	}{
		{"arabic", strings.Repeat("ك", MaxTokenBytes)},
		{"latin", strings.Repeat("a", MaxTokenBytes+1)},
		{"digits", strings.Repeat("1", MaxTokenBytes+1)},
		{"vocalised", strings.Repeat("كَ", MaxTokenBytes/4+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.giant) <= MaxTokenBytes {
				t.Fatalf("test word of %d bytes is not over the bound", len(tc.giant))
			}
			text := "قال الوزير " + tc.giant + " اليوم"
			var got []string
			for _, tok := range Tokenize(text) {
				if text[tok.Start:tok.End] != tok.Text {
					t.Fatalf("token %q at %d:%d does not match the text", tok.Text, tok.Start, tok.End)
				}
				got = append(got, tok.Text)
			}
			if want := "قال الوزير اليوم"; strings.Join(got, " ") != want {
				t.Errorf("Tokenize = %q, want %q", strings.Join(got, " "), want)
			}
			n := 0
			EachTerm(text, func(start, end int, key string, stop bool) { n++ })
			if n != 3 {
				t.Errorf("EachTerm gave %d terms, want 3", n)
			}
		})
	}
	// A word at the bound is still a word.
	word := strings.Repeat("a", MaxTokenBytes)
	if toks := Tokenize(word); len(toks) != 1 || toks[0].Text != word {
		t.Errorf("a %d-byte word gave %d tokens, want itself", len(word), len(toks))
	}
}

// TestTokenizeMemoryOneGiantWord: tokenising a long text with few tokens
// allocates in proportion to its tokens, not to its bytes (a token slice
// sized for one token per 8 bytes cost 96 MB for a 7 MB word, in every
// stage that tokenises the body).
func TestTokenizeMemoryOneGiantWord(t *testing.T) {
	text := "بداية " + strings.Repeat("ك", 4<<20) + " نهاية"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	toks := Tokenize(text)
	runtime.ReadMemStats(&after)
	if len(toks) != 2 {
		t.Fatalf("Tokenize gave %d tokens, want the 2 real words", len(toks))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("Tokenize of a %d-byte text with 2 tokens allocated %d bytes, want under %d", len(text), got, 4<<20)
	}
}

// TestSentenceBound: a text without a sentence end is cut at spaces into
// sentences of at most MaxSentenceBytes; a giant word with no space is cut
// on a rune boundary. Nothing but space is lost between pieces.
func TestSentenceBound(t *testing.T) {
	tests := []struct{ name, text string }{
		{"words", strings.Repeat("كلمة ", 3*MaxSentenceBytes/5)},
		{"one word", strings.Repeat("ك", 3*MaxSentenceBytes)},
		{"odd runes", "x" + strings.Repeat("ك", 3*MaxSentenceBytes)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Sentences(tc.text)
			if len(s) < 2 {
				t.Fatalf("Sentences gave %d sentence(s) for %d bytes without an end, want it cut", len(s), len(tc.text))
			}
			var joined strings.Builder
			for i, p := range s {
				if p.End-p.Start > MaxSentenceBytes {
					t.Errorf("sentence %d is %d bytes, over %d", i, p.End-p.Start, MaxSentenceBytes)
				}
				if tc.text[p.Start:p.End] != p.Text {
					t.Fatalf("sentence %d text does not match its offsets", i)
				}
				if i > 0 && strings.TrimSpace(tc.text[s[i-1].End:p.Start]) != "" {
					t.Fatalf("text lost between sentences %d and %d", i-1, i)
				}
				joined.WriteString(p.Text)
			}
			if strings.ReplaceAll(joined.String(), " ", "") != strings.ReplaceAll(tc.text, " ", "") {
				t.Errorf("the sentences do not cover the text")
			}
		})
	}
}
