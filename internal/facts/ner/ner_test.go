package ner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// checkSpans asserts the invariants every Entities result must hold.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prevEnd := 0
	for _, s := range spans {
		if s.Start < prevEnd || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("span %+v out of order or outside the text (len %d, previous end %d)", s, len(text), prevEnd)
		}
		if s.Text != text[s.Start:s.End] {
			t.Fatalf("span %+v: Text != text[Start:End] = %q", s, text[s.Start:s.End])
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End]))) {
			t.Fatalf("span %+v cuts a rune", s)
		}
		switch s.Type {
		case "PERS", "LOC", "ORG", "MISC":
		default:
			t.Fatalf("span %+v: unknown type", s)
		}
		prevEnd = s.End
	}
}

func TestDefaultEntities(t *testing.T) {
	type ent struct{ Type, Text string }
	tests := []struct {
		name string
		text string
		want []ent
	}{
		{"president in a city", "قال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم العراق.",
			[]ent{{"MISC", "الأمريكي"}, {"PERS", "جورج بوش"}, {"LOC", "واشنطن"}, {"LOC", "الولايات المتحدة"}, {"LOC", "العراق"}}},
		{"clitics left out of spans", "وأعلنت الحكومة أن الوفد سيزور بغداد والقاهرة.",
			[]ent{{"LOC", "بغداد"}, {"LOC", "القاهرة"}}},
		{"organisations", "ذكرت وكالة رويترز أن حزب الله رفض قرار مجلس الأمن الدولي.",
			[]ent{{"ORG", "رويترز"}, {"ORG", "حزب الله"}, {"ORG", "مجلس الأمن الدولي"}}},
		{"latin only invents nothing", "Barack Obama visited Paris on Monday.", nil},
		{"nonsense invents nothing", "ككك ممم ننن سسس ششش", nil},
		{"digits and punctuation", "123 456 !!! ؟؟؟ ... «» 2,500", nil},
		{"empty", "", nil},
	}
	tg := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := tg.Entities(tt.text)
			checkSpans(t, tt.text, spans)
			var got []ent
			for _, s := range spans {
				got = append(got, ent{s.Type, s.Text})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Entities(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestEntitiesRobust(t *testing.T) {
	long := strings.Repeat("وقال محمد علي في بغداد إن ", 2000) // 14k tokens, no full stop
	tests := map[string]string{
		"very long sentence":  long,
		"invalid utf-8":       "قال \xff\xfe محمد في \xc3 بغداد",
		"mixed scripts":       "قال CEO of Google سوندار بيتشاي في كاليفورنيا 2024",
		"harakat and tatweel": "قَالَ الرَّئِيسُ مـحـمـد فِي بَغْدَادَ",
		"only clitic letters": "و ب ل ف ك وال",
		"newlines":            "\n\nبغداد\n\nالقاهرة\n",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			checkSpans(t, text, Default().Entities(text))
		})
	}
}

func TestCliticLen(t *testing.T) {
	m := &Model{Known: map[string]bool{"محمد": true, "وليد": true}}
	tg := New(m)
	tests := []struct {
		word string
		want string // the part left in the span
	}{
		{"والعراق", "العراق"},
		{"بالقاهرة", "القاهرة"},
		{"للعراق", "لعراق"},
		{"وبغداد", "بغداد"},  // the gazetteer knows بغداد
		{"ومحمد", "محمد"},    // the model knows محمد
		{"وليد", "وليد"},     // a name of its own
		{"لبنان", "لبنان"},   // بنان is nothing
		{"بغداد", "بغداد"},   // غداد is nothing
		{"العراق", "العراق"}, // no clitic
		{"وال", "وال"},       // too short
		{"و", "و"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := tt.word[tg.cliticLen(tt.word):]; got != tt.want {
				t.Errorf("span of %q starts at %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		prev, cur string
		want      bool
	}{
		{"O", "I-PERS", false},
		{"B-PERS", "I-PERS", true},
		{"I-PERS", "I-PERS", true},
		{"B-LOC", "I-PERS", false},
		{"I-ORG", "B-ORG", true},
		{"I-MISC", "O", true},
		{"<s>", "I-LOC", false},
		{"<s>", "B-LOC", true},
	}
	for _, tt := range tests {
		t.Run(tt.prev+"→"+tt.cur, func(t *testing.T) {
			p, ok := tagIndex(tt.prev)
			if !ok {
				p = start
			}
			c, _ := tagIndex(tt.cur)
			if got := allowed(p, c); got != tt.want {
				t.Errorf("allowed(%s, %s) = %v, want %v", tt.prev, tt.cur, got, tt.want)
			}
		})
	}
}

// toy is a tiny training set: names after قال, places after في.
func toy() []Sentence {
	var out []Sentence
	names := []string{"سمير", "نادر", "كريم", "هشام"}
	places := []string{"بغداد", "دمشق", "القاهرة", "عمان"}
	for i := 0; i < 40; i++ {
		out = append(out, Sentence{
			Tokens: []string{"قال", names[i%4], "خالد", "في", places[(i/4)%4], "أمس"},
			Tags:   []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"},
		})
	}
	return out
}

func TestTrainLearnsAndRoundTrips(t *testing.T) {
	m, err := Train(toy(), TrainOptions{Epochs: 5, Bits: 16, Info: "toy"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}
	in := []string{"قال", "نادر", "خالد", "في", "دمشق", "أمس"}
	if diff := cmp.Diff(want, New(m).Tag(in)); diff != "" {
		t.Fatalf("trained model tags (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.bin.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tg, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Model().Info != "toy" || tg.Model().Bits != 16 || !tg.Model().Known["سمير"] {
		t.Errorf("read back info %q bits %d known %v", tg.Model().Info, tg.Model().Bits, tg.Model().Known)
	}
	if diff := cmp.Diff(want, tg.Tag(in)); diff != "" {
		t.Errorf("read-back model tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(m.W, tg.Model().W); diff != "" {
		t.Errorf("weights differ after a round trip")
	}
	if len(m.Lex) == 0 {
		t.Fatalf("trained model has no lexicon")
	}
	if diff := cmp.Diff(m.Lex, tg.Model().Lex); diff != "" {
		t.Errorf("lexicon differs after a round trip (-wrote +read):\n%s", diff)
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		data []Sentence
		want string
	}{
		{"unknown tag", []Sentence{{Tokens: []string{"بغداد"}, Tags: []string{"B-GPE"}}}, `unknown tag "B-GPE"`},
		{"length mismatch", []Sentence{{Tokens: []string{"بغداد", "أمس"}, Tags: []string{"B-LOC"}}}, "2 tokens but 1 tags"},
		{"too many bits", []Sentence{{Tokens: []string{"بغداد"}, Tags: []string{"B-LOC"}}}, "feature bits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bits := uint8(10)
			if tt.name == "too many bits" {
				bits = 30
			}
			_, err := Train(tt.data, TrainOptions{Epochs: 1, Bits: bits})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Train error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	var good bytes.Buffer
	m, _ := Train(toy()[:4], TrainOptions{Epochs: 1, Bits: 10})
	if err := m.Write(&good); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good.Bytes()[:good.Len()/2],
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadModel(bytes.NewReader(b)); !errors.Is(err, ErrBadModel) {
				t.Errorf("ReadModel error = %v, want ErrBadModel", err)
			}
		})
	}
}

func TestTagEmptyAndLong(t *testing.T) {
	tg := Default()
	if got := tg.Tag(nil); len(got) != 0 {
		t.Errorf("Tag(nil) = %v", got)
	}
	toks := strings.Fields(strings.Repeat("قال محمد في بغداد ", 300))
	if got := tg.Tag(toks); len(got) != len(toks) {
		t.Fatalf("Tag gave %d tags for %d tokens", len(got), len(toks))
	}
}

func FuzzEntities(f *testing.F) {
	for _, s := range []string{
		"قال الرئيس الأمريكي جورج بوش في واشنطن.",
		"والعراق وبغداد للبنان",
		"\xffو\xd8",
		"«قال» ـ أ ف ب : 2,500 شخص",
		"Mixed نص with Latin",
	} {
		f.Add(s)
	}
	tg := Default()
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, tg.Entities(text))
	})
}

func TestDocMemory(t *testing.T) {
	sents := [][]string{
		{"قال", "الأهلي", "أمس"},
		{"فاز", "الأهلي", "على", "الزمالك"},
		{"والأهلي", "بطل"},
		{"ذهب", "أحمد"},
		{"في", "السويد"},
		{"السفير", "السويدي"},
	}
	org, loc, misc := 5, 3, 7 // B-ORG, B-LOC, B-MISC
	tags := [][]int{{0, org, 0}, {0, org, 0, org}, {0, 0}, {0, loc}, {0, loc}, {0, misc}}
	mem := docMemory(sents, tags)
	tests := []struct {
		name string
		s, i int
		want []string
	}{
		{"ORG once, O once elsewhere", 0, 1, []string{"ORG", "ORG-"}},
		{"clitic form shares the key, ORG twice", 2, 0, []string{"ORG", "ORG+"}},
		{"own sentence does not count", 1, 3, nil},
		{"stopword has no memory", 1, 2, nil},
		{"never seen elsewhere", 3, 1, nil},
		{"the nisba adjective does not vote for its country", 4, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if mem[tt.s] != nil {
				got = mem[tt.s][tt.i]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("memory of %q (-want +got):\n%s", sents[tt.s][tt.i], diff)
			}
		})
	}
}

func TestTrainDocPass(t *testing.T) {
	m, err := Train(toy(), TrainOptions{Epochs: 3, Bits: 14, Doc: true, Folds: 2})
	if err != nil {
		t.Fatal(err)
	}
	if m.Doc == nil {
		t.Fatal("no document pass trained")
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Doc == nil || !cmp.Equal(back.Doc.W, m.Doc.W) || back.Doc.T != m.Doc.T {
		t.Fatal("document pass lost in the round trip")
	}
	doc := [][]string{{"قال", "نادر", "خالد", "في", "دمشق", "أمس"}, {"في", "دمشق"}, {}}
	got := New(back).TagDoc(doc)
	want := [][]string{{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}, {"O", "B-LOC"}, {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TagDoc (-want +got):\n%s", diff)
	}
}

func TestConcurrentEntities(t *testing.T) {
	text := "قال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم العراق.\nوأعلنت وزارة الخارجية أن الوفد سيزور بغداد."
	want := Default().Entities(text)
	done := make(chan []Span)
	for g := 0; g < 4; g++ {
		go func() { done <- Default().Entities(text) }()
	}
	for g := 0; g < 4; g++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Entities differ (-want +got):\n%s", diff)
		}
	}
}

func FuzzReadModel(f *testing.F) {
	m, err := Train(toy()[:4], TrainOptions{Epochs: 1, Bits: 8})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()-8])
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrBadModel) {
				t.Fatalf("error %v is not ErrBadModel", err)
			}
			return
		}
		New(m).Tag([]string{"قال", "سمير", "في", "بغداد"}) // a model that reads must tag
	})
}

func TestSplitNisba(t *testing.T) {
	tests := []struct {
		name       string
		tokens     []string
		tags, want []string
	}{
		{"nationality before a name", []string{"الوزير", "القطري", "سالم", "الكواري"},
			[]string{"O", "B-PERS", "I-PERS", "I-PERS"}, []string{"O", "B-MISC", "B-PERS", "I-PERS"}},
		{"feminine nisba", []string{"الأمريكية", "كوندوليزا", "رايس"},
			[]string{"B-PERS", "I-PERS", "I-PERS"}, []string{"B-MISC", "B-PERS", "I-PERS"}},
		{"nisba-shaped family name at the end stays", []string{"سالم", "الكواري"},
			[]string{"B-PERS", "I-PERS"}, []string{"B-PERS", "I-PERS"}},
		{"one-word person stays", []string{"الحريري"},
			[]string{"B-PERS"}, []string{"B-PERS"}},
		{"given name first stays", []string{"علي", "الهاشمي"},
			[]string{"B-PERS", "I-PERS"}, []string{"B-PERS", "I-PERS"}},
		{"organisation untouched", []string{"الحزب", "الديمقراطي"},
			[]string{"B-ORG", "I-ORG"}, []string{"B-ORG", "I-ORG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := make([]int, len(tt.tags))
			for i, tg := range tt.tags {
				idx[i], _ = tagIndex(tg)
			}
			splitNisba(tt.tokens, idx)
			if diff := cmp.Diff(tt.want, names(idx)); diff != "" {
				t.Errorf("splitNisba (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrainEnsemble: an ensemble of two averages two differently shuffled
// trainings into one model of the same shape, the same every time, and
// unlike either member alone.
func TestTrainEnsemble(t *testing.T) {
	opt := TrainOptions{Epochs: 3, Bits: 14, Doc: true, Folds: 2}
	one, err := Train(toy(), opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Ensemble = 2
	a, err := Train(toy(), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(toy(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.W) != len(one.W) || a.Doc == nil || len(a.Doc.W) != len(one.Doc.W) {
		t.Fatalf("ensemble model shape: %d weights, doc %v; want %d and a document pass", len(a.W), a.Doc != nil, len(one.W))
	}
	if !cmp.Equal(a.W, b.W) || a.T != b.T || !cmp.Equal(a.Doc.W, b.Doc.W) {
		t.Error("two ensemble trainings with the same options differ")
	}
	if cmp.Equal(a.W, one.W) {
		t.Error("the ensemble's weights equal a single model's")
	}
	if !cmp.Equal(a.Known, one.Known) || !cmp.Equal(a.Lex, one.Lex) {
		t.Error("the ensemble lost the word lists")
	}
	for _, s := range toy() {
		if got := New(a).Tag(s.Tokens); len(got) != len(s.Tokens) {
			t.Errorf("Tag(%v) = %v", s.Tokens, got)
		}
	}
}
