package arabic

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// checkDoc verifies that Analyse gives what the separate calls give: the
// text's tokens as Tokenize(text), each sentence's as Tokenize(s.Text)
// moved to its offset, and Fold of every token.
func checkDoc(t *testing.T, text string) {
	t.Helper()
	d := Analyse(text)
	if !reflect.DeepEqual(d.Sentences, Sentences(text)) {
		t.Fatalf("sentences differ from Sentences for %q", text)
	}
	want := Tokenize(text)
	if len(want) == 0 {
		want = nil
	}
	got := d.Tokens
	if len(got) == 0 {
		got = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tokens of %q:\n got %v\nwant %v", text, got, want)
	}
	for i, s := range d.Sentences {
		st := Tokenize(s.Text)
		for k := range st {
			st[k].Start += s.Start
			st[k].End += s.Start
		}
		if len(st) == 0 {
			st = nil
		}
		g := d.SentenceTokens(i)
		if len(g) == 0 {
			g = nil
		}
		if !reflect.DeepEqual(g, st) {
			t.Fatalf("sentence %d of %q:\n got %v\nwant %v", i, text, g, st)
		}
	}
	for i, tok := range d.Tokens {
		if d.Folds[i] != Fold(tok.Text) {
			t.Fatalf("fold of %q: %q", tok.Text, d.Folds[i])
		}
	}
}

func TestAnalyseTokens(t *testing.T) {
	texts := append([]string(nil), fuzzSeeds...)
	news, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(news))
	texts = append(texts, strings.Split(string(news), "\n")...)
	// Sentences cut at MaxSentenceBytes: at spaces, and inside a run
	// without one, where a token may straddle the cut.
	texts = append(texts,
		strings.Repeat("كلمة ", 2000),
		strings.Repeat("abc,", 2000),
		strings.Repeat("U.S", 1500)+"x",
		"جملة أولى.وجملة ثانية؟ «قال: انتهى.» ثم U.S. 3.5 و12.3.2020\nسطر\u200c\nآخر",
	)
	for _, text := range texts {
		checkDoc(t, text)
	}
}

func FuzzAnalyse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDoc(t, text)
	})
}
