package index

import (
	"context"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/source"
)

// snippetByTokens is Snippet written the plain way, as the index sees a
// body: every term the analyzer gives it, read to the end.
func snippetByTokens(body string, mark func(string) bool) string {
	var marks []span
	for _, t := range analyzer.New().Tokenize([]byte(body)) {
		if !mark(string(t.Term)) {
			continue
		}
		if n := len(marks); n > 0 && marks[n-1].start == t.Start {
			continue
		}
		marks = append(marks, span{t.Start, t.End})
	}
	return renderSnippet(body, marks)
}

// TestSnippetMarksWhatTheIndexHolds: Snippet, which reads a body a
// paragraph at a time and stops where the snippet ends, marks the same
// words as reading every term the analyzer indexes for the body, for
// words, phrases, prefixes, derivational links and synonyms, over the
// sample corpus.
func TestSnippetMarksWhatTheIndexHolds(t *testing.T) {
	var bodies []string
	err := source.WalkFS(context.Background(), corpus.FS(), ".", func(it source.Item) error {
		res, err := extract.Item(it.Format, it.Data)
		if err == nil {
			bodies = append(bodies, res.Article.Body())
		}
		return nil
	})
	if err != nil || len(bodies) < 20 {
		t.Fatalf("%d bodies: %v", len(bodies), err)
	}
	// Marks no query makes on its own: keys a word of the corpus has only
	// as a derivational link or as its other reading, and the keys of
	// stopwords (never indexed, never marked).
	derivedKeys, altKeys := map[string]bool{}, map[string]bool{}
	for _, body := range bodies[:10] {
		arabic.EachTermAlt(body, func(_, _ int, key, alt string, stop bool) {
			if alt != "" && len(altKeys) < 30 {
				altKeys[alt] = true
			}
			for _, k := range []string{key, alt} {
				if d := arabic.DerivKey(k); !stop && k != "" && d != "" && d != key && d != alt && len(derivedKeys) < 30 {
					derivedKeys[d] = true
				}
			}
		})
	}
	if len(derivedKeys) < 5 || len(altKeys) < 5 {
		t.Fatalf("%d derivational keys and %d other readings in the sample's bodies", len(derivedKeys), len(altKeys))
	}
	stops := map[string]bool{arabic.Key("في"): true, arabic.Key("من"): true, arabic.Key("على"): true}
	for name, set := range map[string]map[string]bool{"derivational keys": derivedKeys, "other readings": altKeys, "stopwords": stops} {
		mark := func(k string) bool { return set[k] }
		for i, body := range bodies {
			if got, want := Snippet(body, mark), snippetByTokens(body, mark); got != want {
				t.Fatalf("%s, body %d:\n got %s\nwant %s", name, i, got, want)
			}
		}
	}
	queries := []string{"الحكومة", "امريكا ترمب", `"وزير الخارجية"`, "فيضان*", "انسحاب القوات", "مباحثات", "خمسة ملايين", "سد", "الدوحة -قطر", "ليب*"}
	marked := 0
	for _, q := range queries {
		p, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, syn := range []bool{false, true} {
			mark := p.marker(syn)
			for i, body := range bodies {
				got, want := Snippet(body, mark), snippetByTokens(body, mark)
				if got != want {
					t.Fatalf("%s (synonyms %v), body %d:\n got %s\nwant %s", q, syn, i, got, want)
				}
				if strings.Contains(got, "<mark>") {
					marked++
				}
			}
		}
	}
	if marked < 40 {
		t.Errorf("only %d snippets mark a word: the test checks too little", marked)
	}
}
