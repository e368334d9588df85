package eval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xquadPath finds the shared XQuAD-R file from the package directory, or
// skips the test: the data set is public but not part of the repository.
func xquadPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("TAQRIR_XQUAD"); p != "" {
		return p
	}
	p := filepath.Join("..", "..", DefaultXQuADPath)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("XQuAD-R Arabic not found at %s (set TAQRIR_XQUAD to its ar.json): %v", p, err)
	}
	return p
}

func TestXQuAD(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes XQuAD-R once per configuration and split; skipped with -short")
	}
	path := xquadPath(t)
	var out strings.Builder
	results, err := XQuAD(context.Background(), path, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("XQuAD-R Arabic sentence retrieval (BM25):\n%s", out.String())
	byName := make(map[string]Result)
	queries := map[Split]int{}
	for _, r := range results {
		if r.Split != SplitAll {
			queries[r.Split] = r.Queries
			continue
		}
		byName[r.Config] = r
		if r.Queries != 1190 {
			t.Errorf("%s: %d queries, want 1190", r.Config, r.Queries)
		}
	}
	if queries[SplitDev]+queries[SplitTest] != 1190 || queries[SplitDev] == 0 || queries[SplitTest] == 0 {
		t.Errorf("dev has %d queries and test %d, want two non-empty parts of 1190", queries[SplitDev], queries[SplitTest])
	}
	base, ours := byName["bleve ar"], byName["taqrir_ar"]
	if ours.MRR10 <= base.MRR10 {
		t.Errorf("taqrir_ar MRR@10 %.3f is not above bleve ar %.3f", ours.MRR10, base.MRR10)
	}
}

func TestParseXQuAD(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    *Retrieval
		wantErr error
	}{
		{
			name: "rune offsets choose the sentence",
			// "أ" is two bytes: a byte offset of 6 would fall in the first
			// sentence, the rune offset 6 falls in the second.
			json: `{"data":[{"paragraphs":[{"context":"أأأ ب. ج د.","sentences":["أأأ ب.","ج د."],
				"sentence_breaks":[[0,6],[6,11]],
				"qas":[{"id":"q1","question":"ج؟","answers":[{"answer_start":7,"text":"ج"}]},
				       {"id":"q2","question":"ب؟","answers":[{"answer_start":4,"text":"ب"}]}]}]}]}`,
			want: &Retrieval{
				Sentences: []string{"أأأ ب.", "ج د."},
				Articles:  []int{0, 0},
				Questions: []Question{{ID: "q1", Text: "ج؟", Gold: 1}, {ID: "q2", Text: "ب؟", Gold: 0}},
			},
		},
		{
			name:    "answer outside every sentence",
			json:    `{"data":[{"paragraphs":[{"context":"أ","sentences":["أ"],"sentence_breaks":[[0,1]],"qas":[{"id":"q","question":"؟","answers":[{"answer_start":5}]}]}]}]}`,
			wantErr: ErrBadXQuAD,
		},
		{
			name:    "breaks and sentences disagree",
			json:    `{"data":[{"paragraphs":[{"context":"أ","sentences":["أ","ب"],"sentence_breaks":[[0,1]],"qas":[]}]}]}`,
			wantErr: ErrBadXQuAD,
		},
		{name: "not JSON", json: `{`, wantErr: ErrBadXQuAD},
		{name: "no questions", json: `{"data":[]}`, wantErr: ErrBadXQuAD},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseXQuAD(strings.NewReader(tc.json))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseXQuAD (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPart checks that a split keeps whole articles, renumbers the gold
// sentences into its own pool and leaves the other split's text out.
func TestPart(t *testing.T) {
	task := &Retrieval{
		Sentences: []string{"a0", "a1", "b0", "c0", "c1"},
		Articles:  []int{0, 0, 1, 2, 2},
		Questions: []Question{
			{ID: "qa", Gold: 1},
			{ID: "qb", Gold: 2},
			{ID: "qc", Gold: 3},
		},
	}
	tests := []struct {
		split Split
		want  *Retrieval
	}{
		{split: SplitDev, want: &Retrieval{
			Sentences: []string{"a0", "a1", "c0", "c1"},
			Articles:  []int{0, 0, 2, 2},
			Questions: []Question{{ID: "qa", Gold: 1}, {ID: "qc", Gold: 2}},
		}},
		{split: SplitTest, want: &Retrieval{
			Sentences: []string{"b0"},
			Articles:  []int{1},
			Questions: []Question{{ID: "qb", Gold: 0}},
		}},
		{split: SplitAll, want: task},
	}
	for _, tc := range tests {
		t.Run(string(tc.split), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, task.Part(tc.split)); diff != "" {
				t.Errorf("Part(%s) (-want +got):\n%s", tc.split, diff)
			}
		})
	}
}

// TestRun checks the retrieval loop on a task small enough to reason about:
// the first question shares only "أمريكا" with its gold sentence, which says
// "الأميركية", so only the stemmed key finds it.
func TestRun(t *testing.T) {
	task := &Retrieval{
		Sentences: []string{
			"وصل الوفد إلى القاهرة مساء الخميس.",
			"أعلنت الخارجية الأميركية فرض عقوبات جديدة.",
			"افتتحت البلدية ثلاث مكتبات عامة.",
		},
		Questions: []Question{
			{ID: "q1", Text: "بماذا قضى قرار أمريكا؟", Gold: 1},
			{ID: "q2", Text: "متى وصل الوفد؟", Gold: 0},
			{ID: "q3", Text: "من فاز بالكأس؟", Gold: 2},
		},
	}
	tests := []struct {
		c    Config
		want []int
	}{
		{c: Config{Name: "ours", Analyzer: "taqrir_ar"}, want: []int{1, 1, 0}},
		{c: Config{Name: "ours+exact", Analyzer: "taqrir_ar", Second: "taqrir_ar_nostem", SecondBoost: 0.5}, want: []int{1, 1, 0}},
		{c: Config{Name: "nostem", Analyzer: "taqrir_ar_nostem"}, want: []int{0, 1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.c.Name, func(t *testing.T) {
			res, err := task.Run(context.Background(), tc.c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, res.Ranks); diff != "" {
				t.Errorf("ranks (-want +got):\n%s", diff)
			}
			found := 0
			for _, r := range tc.want {
				if r == 1 {
					found++
				}
			}
			want := float64(found) / 3
			if res.MRR10 != want || res.Recall1 != want || res.Recall10 != want || res.Queries != 3 {
				t.Errorf("got MRR %v, R@1 %v, R@10 %v over %d queries; want %v each over 3", res.MRR10, res.Recall1, res.Recall10, res.Queries, want)
			}
		})
	}
	if _, err := task.Run(context.Background(), Config{Name: "bad", Analyzer: "no-such-analyzer"}); err == nil {
		t.Error("Run with an unknown analyzer: got no error")
	}
}

func FuzzParseXQuAD(f *testing.F) {
	f.Add(`{"data":[{"paragraphs":[{"context":"أ ب","sentences":["أ","ب"],"sentence_breaks":[[0,1],[2,3]],"qas":[{"id":"q","question":"ب؟","answers":[{"answer_start":2}]}]}]}]}`)
	f.Add(`{"data":[{"paragraphs":[{"sentences":[],"sentence_breaks":[[5,1]],"qas":[{}]}]}]}`)
	f.Add(`{"data":null}`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseXQuAD(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrBadXQuAD) {
				t.Fatalf("error %v does not wrap ErrBadXQuAD", err)
			}
			return
		}
		if len(r.Questions) == 0 {
			t.Fatal("success with no questions")
		}
		for _, q := range r.Questions {
			if q.Gold < 0 || q.Gold >= len(r.Sentences) {
				t.Fatalf("question %q has gold %d outside %d sentences", q.ID, q.Gold, len(r.Sentences))
			}
		}
	})
}
