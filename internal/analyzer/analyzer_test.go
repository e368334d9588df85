package analyzer

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/arabic"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// newIndex indexes docs (id → text) in memory with the field "body" analysed
// by the named analyzer.
func newIndex(t testing.TB, analyzerName string, docs map[string]string) bleve.Index {
	t.Helper()
	im := bleve.NewIndexMapping()
	fm := mapping.NewTextFieldMapping()
	fm.Analyzer = analyzerName
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("body", fm)
	im.DefaultMapping = dm
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for id, text := range docs {
		if err := idx.Index(id, map[string]string{"body": text}); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

// search runs a match query (terms joined by OR) on "body" and returns the
// sorted ids of the hits.
func search(t testing.TB, idx bleve.Index, q string) []string {
	t.Helper()
	mq := query.NewMatchQuery(q)
	mq.SetField("body")
	res, err := idx.Search(bleve.NewSearchRequestOptions(mq, 100, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// Original sentences in the register of wire copy; each doc isolates one
// phenomenon so that a hit can only come from the word under test.
var newsDocs = map[string]string{
	"usa":        "أعلنت الخارجية الأميركية فرض عقوبات جديدة على شركات الشحن.",
	"usa-alt":    "قال مسؤول في الإدارة الامريكية إن المحادثات ستستأنف الأسبوع المقبل.",
	"washington": "وصل الوفد إلى واشنطن مساء الخميس في زيارة تستمر ثلاثة أيام.",
	"ashnatn":    "ذكر التقرير اسم اشنطن بين القرى المتضررة من الفيضان.",
	"talks":      "واختتمت المفاوضات في القاهرة دون التوصل إلى اتفاق نهائي.",
	"negotiator": "وقال المفاوض الفلسطيني إن الجولة المقبلة حاسمة.",
	"libraries":  "افتتحت البلدية ثلاث مكتبات عامة في الأحياء الشرقية.",
	"books":      "صدر للكاتب كتابه الأول عن دار نشر في بيروت.",
}

func TestSearchFindsWhatArDoesNot(t *testing.T) {
	tests := []struct {
		name  string
		query string
		// taqrir and ar are the ids each analyzer should return; where they
		// differ, the case shows what taqrir_ar adds over bleve's ar.
		taqrir, ar []string
	}{
		{
			name:   "country name finds the adjective in both spellings",
			query:  "أميركا",
			taqrir: []string{"usa", "usa-alt"},
			ar:     []string{},
		},
		{
			name:   "ري and ير spellings meet",
			query:  "الأمريكية",
			taqrir: []string{"usa", "usa-alt"},
			ar:     []string{"usa-alt"},
		},
		{
			name:   "an initial waw of the stem is not a conjunction",
			query:  "واشنطن",
			taqrir: []string{"washington"},
			ar:     []string{"ashnatn", "washington"},
		},
		{
			// ar strips one prefix: وبالمفاوضات leaves بالمفاوض.
			name:   "stacked conjunction, preposition and article come off",
			query:  "وبالمفاوضات",
			taqrir: []string{"negotiator", "talks"},
			ar:     []string{},
		},
	}
	idxOurs := newIndex(t, Name, newsDocs)
	idxAr := newIndex(t, ar.AnalyzerName, newsDocs)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.taqrir, search(t, idxOurs, tc.query)); diff != "" {
				t.Errorf("taqrir_ar hits for %q (-want +got):\n%s", tc.query, diff)
			}
			if diff := cmp.Diff(tc.ar, search(t, idxAr, tc.query)); diff != "" {
				t.Errorf("bleve ar hits for %q (-want +got):\n%s", tc.query, diff)
			}
		})
	}
}

func TestNoStemKeepsInflectionApart(t *testing.T) {
	idx := newIndex(t, NameNoStem, newsDocs)
	// Without stemming hamza and ta marbuta still fold...
	if diff := cmp.Diff([]string{"usa"}, search(t, idx, "الاميركيه")); diff != "" {
		t.Errorf("taqrir_ar_nostem hits for الاميركيه (-want +got):\n%s", diff)
	}
	// ...but the adjective is not the country.
	if diff := cmp.Diff([]string{}, search(t, idx, "أميركا")); diff != "" {
		t.Errorf("taqrir_ar_nostem hits for أميركا (-want +got):\n%s", diff)
	}
}

// TestHighlightOffsets checks that bleve's highlighter, which cuts fragments
// by token offsets, marks the original words rather than their keys.
func TestHighlightOffsets(t *testing.T) {
	im := bleve.NewIndexMapping()
	fm := mapping.NewTextFieldMapping()
	fm.Analyzer = Name
	fm.Store = true
	fm.IncludeTermVectors = true
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("body", fm)
	im.DefaultMapping = dm
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index("usa", map[string]string{"body": newsDocs["usa"]}); err != nil {
		t.Fatal(err)
	}
	mq := query.NewMatchQuery("أمريكا")
	mq.SetField("body")
	req := bleve.NewSearchRequest(mq)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	got := res.Hits[0].Fragments["body"]
	want := []string{"أعلنت الخارجية <mark>الأميركية</mark> فرض عقوبات جديدة على شركات الشحن."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fragments (-want +got):\n%s", diff)
	}
}

// formatTokens renders a token stream one token a line: offsets, position,
// the original word the offsets select, and the indexed term.
func formatTokens(text string, ts analysis.TokenStream) string {
	var b strings.Builder
	for _, tok := range ts {
		fmt.Fprintf(&b, "%d-%d\t%d\t%s\t%s\n", tok.Start, tok.End, tok.Position, text[tok.Start:tok.End], tok.Term)
	}
	return b.String()
}

func TestTokensGolden(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{name: "news", text: "وأكدت وزارة الخارجية الأميركية، في بيان صدر أمس، أن الرئيس سيزور واشنطن."},
		{name: "diacritics and tatweel", text: "قالَ المُتحدّثُ إنّ الاجتمـــاع تأجّل إلى الأسبوع المقبل"},
		{name: "mixed scripts and numbers", text: "ارتفع سهم Apple بنسبة ٣٫٥ في المئة إلى 190 دولاراً (NASDAQ)."},
		{name: "stopwords only", text: "في من إلى على"},
	}
	for _, tc := range tests {
		for _, a := range []struct {
			name string
			an   *Analyzer
		}{{Name, New()}, {NameNoStem, NewNoStem()}, {NameNgram, NewNgram()}, {NameStemNgram, NewStemNgram()}} {
			t.Run(tc.name+"/"+a.name, func(t *testing.T) {
				got := formatTokens(tc.text, a.an.Analyze([]byte(tc.text)))
				golden := filepath.Join("testdata", "TestTokensGolden", strings.ReplaceAll(tc.name, " ", "_")+"."+a.name+".golden")
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("tokens of %q (-want +got):\n%s", tc.text, diff)
				}
			})
		}
	}
}

// TestTermsAreKeys ties the analyzer to package arabic: the first indexed
// term of every word is exactly its key there (the stacked alternatives come
// from package arabic too), so the index and any other consumer of
// package arabic (facts, entity linking) agree on what matches.
func TestTermsAreKeys(t *testing.T) {
	text := newsDocs["usa"] + " " + newsDocs["talks"] + " " + newsDocs["libraries"] + " يستخدمون الاستخدام بقطارات فيستخدم"
	var want []string
	arabic.EachTermAlt(text, func(start, end int, key, alt string, stop bool) {
		if stop {
			return
		}
		word := text[start:end]
		want = append(want, word+" "+arabic.Key(word))
		if alt != "" {
			want = append(want, word+" "+alt)
		}
		if d := arabic.DerivKey(key); d != "" && d != key && d != alt {
			want = append(want, word+" "+d)
		}
		if d := arabic.DerivKey(alt); alt != "" && d != "" && d != key && d != alt && d != arabic.DerivKey(key) {
			want = append(want, word+" "+d)
		}
	})
	var got []string
	for _, tok := range New().Analyze([]byte(text)) {
		got = append(got, text[tok.Start:tok.End]+" "+string(tok.Term))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("terms are not arabic.Key, then the alt of arabic.EachTermAlt, then arabic.DerivKey of each (-want +got):\n%s", diff)
	}
	for _, tok := range NewNoStem().Analyze([]byte(text)) {
		word := text[tok.Start:tok.End]
		if want := arabic.KeyNoStem(word); string(tok.Term) != want {
			t.Errorf("nostem term of %q = %q, arabic.KeyNoStem gives %q", word, tok.Term, want)
		}
	}
}

func TestNgrams(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{name: "long word slides letter by letter", text: "الأميركية", want: []string{"الا", "لام", "امي", "مير", "يرك", "ركي", "كيه"}},
		{name: "three letters are one slice", text: "قال", want: []string{"قال"}},
		{name: "two letters stay whole", text: "يد", want: []string{"يد"}},
		{name: "stopword drops out", text: "في", want: nil},
		{name: "latin is lower-cased", text: "NASA", want: []string{"nas", "asa"}},
		{name: "digits slide too", text: "2024", want: []string{"202", "024"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, tok := range NewNgram().Analyze([]byte(tc.text)) {
				got = append(got, string(tok.Term))
				if tok.Start != 0 || tok.Position != 1 {
					t.Errorf("n-gram %q at %d-%d position %d, want the first word's", tok.Term, tok.Start, tok.End, tok.Position)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("n-grams of %q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestStemNgrams checks that NameStemNgram slices the key, not the word
// (the article and the inflection are gone before slicing), with its edges
// marked.
func TestStemNgrams(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{name: "article and plural off first", text: "المفاوضات", want: []string{"_مف", "مفا", "فاو", "اوض", "وض_"}},
		{name: "alias key is sliced", text: "الأميركية", want: []string{"_ام", "امر", "مري", "ريك", "يكا", "كا_"}},
		{name: "short key gets its edges", text: "وقال", want: []string{"_قا", "قال", "ال_"}},
		{name: "one letter is one slice", text: "ب", want: []string{"_ب_"}},
		{name: "stopword drops out", text: "وفي", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, tok := range NewStemNgram().Analyze([]byte(tc.text)) {
				got = append(got, string(tok.Term))
				if tok.Start != 0 || tok.Position != 1 {
					t.Errorf("n-gram %q at %d-%d position %d, want the first word's", tok.Term, tok.Start, tok.End, tok.Position)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("n-grams of %q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestTermsDoNotAlias guards the shared term buffer: a filter that appends to
// one term must not change its neighbour.
func TestTermsDoNotAlias(t *testing.T) {
	for _, a := range []*Analyzer{New(), NewNgram(), NewStemNgram()} {
		ts := a.Analyze([]byte("الأميركية المفاوضات مكتبات"))
		if len(ts) < 2 {
			t.Fatalf("got %d tokens, want at least 2", len(ts))
		}
		second := string(ts[1].Term)
		ts[0].Term = append(ts[0].Term, "XXXXXXXX"...)
		if got := string(ts[1].Term); got != second {
			t.Errorf("appending to the first term changed the second from %q to %q", second, got)
		}
	}
}

func TestEmptyInput(t *testing.T) {
	for _, in := range [][]byte{nil, {}, []byte("  ،. ")} {
		if ts := New().Analyze(in); len(ts) != 0 {
			t.Errorf("Analyze(%q) = %v, want no tokens", in, ts)
		}
	}
}

// checkStream states what every token stream must satisfy, whatever the text.
// Tokens of one word (the n-grams of NameNgram) share its position and
// offsets; words follow each other.
func checkStream(t *testing.T, in []byte, ts analysis.TokenStream) {
	t.Helper()
	prevPos, prevStart, prevEnd := 0, 0, 0
	for i, tok := range ts {
		samePos := i > 0 && tok.Position == prevPos
		switch {
		case samePos && (tok.Start != prevStart || tok.End != prevEnd):
			t.Fatalf("token %d shares position %d but has offsets %d-%d, not %d-%d", i, tok.Position, tok.Start, tok.End, prevStart, prevEnd)
		case !samePos && tok.Position < prevPos:
			t.Fatalf("token %d has position %d after %d", i, tok.Position, prevPos)
		case !samePos && tok.Start < prevEnd:
			t.Fatalf("token %d starts at %d before the previous word ends at %d", i, tok.Start, prevEnd)
		}
		if tok.Start >= tok.End || tok.End > len(in) {
			t.Fatalf("token %d has offsets %d-%d in %d bytes", i, tok.Start, tok.End, len(in))
		}
		if len(tok.Term) == 0 || !utf8.Valid(tok.Term) {
			t.Fatalf("token %d has term %q", i, tok.Term)
		}
		if utf8.Valid(in) && !utf8.Valid(in[tok.Start:tok.End]) {
			t.Fatalf("token %d cuts a character: %q", i, in[tok.Start:tok.End])
		}
		prevPos, prevStart, prevEnd = tok.Position, tok.Start, tok.End
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range newsDocs {
		f.Add(s)
	}
	f.Add("ٱلْحَمْدُ لِلَّهِ")
	f.Add("U.S.A و\u200cال\u0640")
	f.Add("\xd8")
	f.Fuzz(func(t *testing.T, s string) {
		in := []byte(s)
		checkStream(t, in, New().Analyze(in))
		checkStream(t, in, NewNoStem().Analyze(in))
		checkStream(t, in, NewNgram().Analyze(in))
		checkStream(t, in, NewStemNgram().Analyze(in))
	})
}

// TestSplitAtEveryByte analyses every prefix of a text, including those that
// end inside a character, as a streaming caller might hand them over.
func TestSplitAtEveryByte(t *testing.T) {
	text := []byte(newsDocs["usa"] + "\u0651\u064e" + newsDocs["negotiator"])
	for i := range len(text) + 1 {
		checkStream(t, text[:i], New().Analyze(text[:i]))
		checkStream(t, text[:i], NewNgram().Analyze(text[:i]))
		checkStream(t, text[:i], NewStemNgram().Analyze(text[:i]))
	}
}

// TestConcurrentAnalyze runs one analyzer from several goroutines, as bleve
// does when it indexes a batch; run with -race it shows no shared state.
func TestConcurrentAnalyze(t *testing.T) {
	a := New()
	text := []byte(newsDocs["usa"] + " " + newsDocs["talks"] + " " + newsDocs["washington"])
	want := formatTokens(string(text), a.Analyze(text))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := formatTokens(string(text), a.Analyze(text)); got != want {
					errs <- got
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent Analyze differs (-want +got):\n%s", cmp.Diff(want, got))
	}
}
