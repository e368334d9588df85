package ner

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/arabic"
)

func TestLexClasses(t *testing.T) {
	// tag indexes: 0 O, 1 B-PERS, 3 B-LOC, 5 B-ORG.
	tokens := [][]string{
		{"قال", "سمير", "في", "بغداد"},
		{"قال", "سمير", "إن", "الأهلي", "فاز"},
		{"الأهلي", "الأهلي", "الأهلي", "بغداد"},
	}
	gold := [][]int{
		{0, 1, 0, 3},
		{0, 1, 0, 5, 0},
		{0, 0, 5, 0},
	}
	c := lexCounts{}
	c.add(tokens, gold)
	lex := c.classes()
	tests := []struct {
		name, word, want string
	}{
		{"always a person", "سمير", "SPERS"},
		{"always a place", "بغداد", "SLOC"},
		{"an organisation half the time", "الأهلي", "SORG"},
		{"seen twice, never an entity", "قال", "O"},
		{"seen once, never an entity", "فاز", "O1"},
		{"never seen", "دمشق", "U"},
		{"no key (empty token)", "", "P"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lexName(lex, arabic.Key(tt.word)); got != tt.want {
				t.Errorf("lexName(%s) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
	// Mostly O with some entity uses: weak.
	c2 := lexCounts{}
	c2.add([][]string{{"الأمل", "الأمل", "الأمل"}}, [][]int{{0, 0, 7}})
	if got := lexName(c2.classes(), arabic.Key("الأمل")); got != "wMISC" {
		t.Errorf("mostly O, once MISC: %q, want wMISC", got)
	}
	// A word that continues spans more often than it opens them carries
	// the inside mark (tag 6 is I-ORG): البنك الدولي, صندوق النقد الدولي.
	c3 := lexCounts{}
	c3.add([][]string{{"البنك", "الدولي", "صندوق", "النقد", "الدولي", "الدولي"}}, [][]int{{5, 6, 5, 6, 6, 5}})
	for word, want := range map[string]string{"الدولي": "SORGi", "البنك": "SORG", "النقد": "SORGi"} {
		if got := lexName(c3.classes(), arabic.Key(word)); got != want {
			t.Errorf("lexName(%s) = %q, want %q", word, got, want)
		}
	}
}

func TestDropWords(t *testing.T) {
	toks := []string{"قال", "محمد", "في", "بغداد", "إن", "علي", "وصل", "إلى", "دمشق", "والقاهرة"}
	var first []bool
	for run := 0; run < 2; run++ {
		var got []bool
		for si := 0; si < 20; si++ {
			info := analyse(toks, nil, nil)
			dropWords(info, si)
			for i := range info {
				if info[i].noWord && len(info[i].gaz) == 0 {
					t.Fatalf("sentence %d token %d (%s): identity dropped without a gazetteer hit", si, i, toks[i])
				}
				got = append(got, info[i].noWord)
			}
		}
		if run == 0 {
			first = got
			continue
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("dropWords is not deterministic (-first +second):\n%s", diff)
		}
	}
	n := 0
	for _, d := range first {
		if d {
			n++
		}
	}
	if n == 0 || n == len(first) {
		t.Errorf("dropWords dropped %d of %d tokens: want some, not all", n, len(first))
	}
	// Dropped identity means no word features: fewer features than kept.
	info := analyse(toks, nil, nil)
	kept := len(features(nil, toks, info, 3))
	info[3].noWord = true
	if got := len(features(nil, toks, info, 3)); got >= kept {
		t.Errorf("features with noWord: %d, want fewer than %d", got, kept)
	}
}

func TestExcludeGazetteer(t *testing.T) {
	toks := []string{"وصل", "محمد", "أبو", "تريكة", "إلى", "القاهرة"}
	hits := func(skip gazFilter) (n int) {
		for _, ti := range analyse(toks, nil, skip) {
			n += len(ti.gaz)
		}
		return n
	}
	all := hits(nil)
	skip := newGazFilter([]string{"person\tمحمد ابو تريكه"}) // any spelling of the canonical name
	if without := hits(skip); without >= all {
		t.Fatalf("gazetteer tags with the person excluded: %d, with it: %d; want fewer", without, all)
	}
	info := analyse(toks, nil, skip)
	if len(info[5].gaz) == 0 {
		t.Errorf("القاهرة lost its gazetteer tags too: %+v", info[5])
	}
	if got := hits(newGazFilter(nil)); got != all {
		t.Errorf("with an empty exclusion: %d tags, want %d", got, all)
	}
}

// TestExcludeGazetteerOption checks that the exclusion reaches training and
// the trained model's tagging, and no other model: it is an option, not
// process state.
func TestExcludeGazetteerOption(t *testing.T) {
	data := []Sentence{
		{Tokens: []string{"وصل", "محمد", "أبو", "تريكة", "إلى", "القاهرة"}, Tags: []string{"O", "B-PERS", "I-PERS", "I-PERS", "O", "B-LOC"}},
		{Tokens: []string{"غادر", "الوزير", "القاهرة"}, Tags: []string{"O", "O", "B-LOC"}},
	}
	with, err := Train(data, TrainOptions{Epochs: 2, Bits: 12})
	if err != nil {
		t.Fatal(err)
	}
	without, err := Train(data, TrainOptions{Epochs: 2, Bits: 12, ExcludeGazetteer: []string{"person\tمحمد ابو تريكه"}})
	if err != nil {
		t.Fatal(err)
	}
	if with.skipGaz != nil || without.skipGaz == nil || without.Doc != nil && without.Doc.skipGaz == nil {
		t.Fatalf("exclusion not carried by the model alone: with %v, without %v", with.skipGaz, without.skipGaz)
	}
	count := func(m *Model) (n int) {
		for _, ti := range analyseRuns(data[0].Tokens, m.Lex, m.skipGaz) {
			n += len(ti.gaz)
		}
		return n
	}
	if count(without) >= count(with) {
		t.Errorf("the model trained without the entry still sees it: %d gazetteer tags vs %d", count(without), count(with))
	}
}
