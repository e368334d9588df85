package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/facts/ner"
)

func TestNERSpans(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []NERSpan
	}{
		{"empty", nil, nil},
		{"all O", []string{"O", "O"}, nil},
		{"two entities", []string{"B-PERS", "I-PERS", "O", "B-LOC"}, []NERSpan{{0, 2, "PERS"}, {3, 4, "LOC"}}},
		{"adjacent B", []string{"B-LOC", "B-LOC"}, []NERSpan{{0, 1, "LOC"}, {1, 2, "LOC"}}},
		{"I after O starts an entity", []string{"O", "I-ORG", "I-ORG"}, []NERSpan{{1, 3, "ORG"}}},
		{"type change splits", []string{"B-ORG", "I-LOC"}, []NERSpan{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"junk tag ignored", []string{"X", "B-MISC"}, []NERSpan{{1, 2, "MISC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, NERSpans(tt.tags)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreNER(t *testing.T) {
	gold := [][]string{
		{"B-PERS", "I-PERS", "O", "B-LOC"},
		{"B-ORG", "I-ORG", "I-ORG", "O"},
	}
	pred := [][]string{
		{"B-PERS", "I-PERS", "O", "B-ORG"}, // PERS right, LOC typed ORG
		{"B-ORG", "I-ORG", "O", "B-MISC"},  // ORG too short, MISC invented
	}
	s, err := ScoreNER(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	want := NERScore{
		Types: []NERCount{
			{Type: "LOC", Gold: 1},
			{Type: "MISC", Pred: 1},
			{Type: "ORG", Gold: 1, Pred: 2},
			{Type: "PERS", Gold: 1, Pred: 1, Correct: 1},
		},
		Micro:     NERCount{Type: "micro", Gold: 3, Pred: 4, Correct: 1},
		Sentences: 2, Tokens: 8,
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if p, r, f := s.Micro.Precision(), s.Micro.Recall(), s.Micro.F1(); p != 0.25 || r != 1.0/3 || f < 0.2857 || f > 0.2858 {
		t.Errorf("micro P %v R %v F1 %v", p, r, f)
	}
	if _, err := ScoreNER(gold, pred[:1]); err == nil {
		t.Error("sentence count mismatch accepted")
	}
	if _, err := ScoreNER(gold[:1], [][]string{{"O"}}); err == nil {
		t.Error("token count mismatch accepted")
	}
}

func TestScoreNERSeen(t *testing.T) {
	train := []ner.Sentence{
		{Tokens: []string{"زار", "العراق", "جورج", "بوش"}, Tags: []string{"O", "B-LOC", "B-PERS", "I-PERS"}},
		{Tokens: []string{"في", "لبنان"}, Tags: []string{"O", "B-ORG"}}, // لبنان the team
	}
	tests := []struct {
		name string
		dev  ner.Sentence
		pred []string
		want NERSeen
	}{
		{
			name: "a clitic does not make a taught name unseen",
			dev:  ner.Sentence{Tokens: []string{"والعراق", "وسوريا"}, Tags: []string{"B-LOC", "B-LOC"}},
			pred: []string{"B-LOC", "O"},
			want: NERSeen{Seen: NERCount{Type: "seen", Gold: 1, Pred: 1, Correct: 1}, Unseen: NERCount{Type: "unseen", Gold: 1}},
		},
		{
			name: "the same words with another type are unseen",
			dev:  ner.Sentence{Tokens: []string{"لبنان"}, Tags: []string{"B-LOC"}},
			pred: []string{"B-ORG"},
			want: NERSeen{Seen: NERCount{Type: "seen", Pred: 1}, Unseen: NERCount{Type: "unseen", Gold: 1}},
		},
		{
			name: "part of a taught name is unseen",
			dev:  ner.Sentence{Tokens: []string{"بوش", "قال"}, Tags: []string{"B-PERS", "O"}},
			pred: []string{"B-PERS", "O"},
			want: NERSeen{Seen: NERCount{Type: "seen"}, Unseen: NERCount{Type: "unseen", Gold: 1, Pred: 1, Correct: 1}},
		},
		{
			name: "a whole taught name is seen",
			dev:  ner.Sentence{Tokens: []string{"وجورج", "بوش"}, Tags: []string{"B-PERS", "I-PERS"}},
			pred: []string{"B-PERS", "O"},
			want: NERSeen{Seen: NERCount{Type: "seen", Gold: 1}, Unseen: NERCount{Type: "unseen", Pred: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ScoreNERSeen(train, []ner.Sentence{tt.dev}, [][]string{tt.pred})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, err := ScoreNERSeen(train, train, [][]string{{"O"}}); err == nil {
		t.Error("sentence count mismatch accepted")
	}
	if _, err := ScoreNERSeen(train, train[:1], [][]string{{"O"}}); err == nil {
		t.Error("tag count mismatch accepted")
	}
}

func TestReadNER(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		format  NERFormat
		want    []ner.Sentence
		wantErr string
	}{
		{"conll", "فرانكفورت B-LOC\nأعلن O\n\n\nبوش B-PERS\n", NERAuto,
			[]ner.Sentence{{Tokens: []string{"فرانكفورت", "أعلن"}, Tags: []string{"B-LOC", "O"}}, {Tokens: []string{"بوش"}, Tags: []string{"B-PERS"}}}, ""},
		{"wojood nested: outermost mapped wins", "المندوب B-OCC\nللمغرب I-OCC B-GPE\nلدى I-OCC\nمنظمة I-OCC B-ORG\nالتعاون I-OCC I-ORG\n", NERAuto,
			[]ner.Sentence{{Tokens: []string{"المندوب", "للمغرب", "لدى", "منظمة", "التعاون"}, Tags: []string{"O", "B-LOC", "O", "B-ORG", "I-ORG"}}}, ""},
		{"wojood org around a place", "حكومة B-ORG\nفلسطين I-ORG B-GPE\nأمس B-DATE\n", NERWojood,
			[]ner.Sentence{{Tokens: []string{"حكومة", "فلسطين", "أمس"}, Tags: []string{"B-ORG", "I-ORG", "O"}}}, ""},
		{"wojood NORP is MISC, FAC is LOC", "الفلسطيني B-NORP\nمطار B-FAC\nبيروت I-FAC B-GPE\n", NERWojood,
			[]ner.Sentence{{Tokens: []string{"الفلسطيني", "مطار", "بيروت"}, Tags: []string{"B-MISC", "B-LOC", "I-LOC"}}}, ""},
		{"missing tag", "بوش\n", NERAuto, nil, "x.conll:1: want `token TAG`"},
		{"bad tag", "بوش PERSON\n", NERAuto, nil, `x.conll:1: tag "PERSON"`},
		{"two columns in conll", "بوش B-PERS B-X\n", NERCoNLL, nil, "x.conll:1: 2 tag columns"},
		{"empty", "", NERAuto, []ner.Sentence{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadNER(strings.NewReader(tt.in), "x.conll", tt.format)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWojoodSample(t *testing.T) {
	const path = "../../../shared/data/wojood-sample/test.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("Wojood sample absent (%v): see ../shared/data/README.md", err)
	}
	sents, err := ReadNERFile(path, NERAuto)
	if err != nil {
		t.Fatal(err)
	}
	s, err := TagNER(sents, ner.Default().Tag)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	WriteNER(&b, s)
	t.Logf("wojood sample test:\n%s", b.String())
	if s.Tokens < 5000 || s.Micro.Gold < 300 {
		t.Errorf("read %d tokens, %d entities: mapping lost entities", s.Tokens, s.Micro.Gold)
	}
}

func FuzzReadNER(f *testing.F) {
	f.Add("بوش B-PERS\n\nالعراق B-LOC\n")
	f.Add("a I-OCC B-GPE I-ORG\nb I-OCC\n")
	f.Add("x O\ny\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadNER(strings.NewReader(in), "fuzz", NERAuto)
		if err != nil {
			return
		}
		for _, s := range sents {
			if len(s.Tokens) != len(s.Tags) || len(s.Tokens) == 0 {
				t.Fatalf("sentence %+v: tokens and tags differ", s)
			}
			for _, sp := range NERSpans(s.Tags) {
				if sp.Start < 0 || sp.End > len(s.Tags) || sp.Start >= sp.End {
					t.Fatalf("span %+v outside %d tags", sp, len(s.Tags))
				}
			}
		}
	})
}
