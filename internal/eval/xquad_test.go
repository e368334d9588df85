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
		t.Skip("indexes 1,222 sentences four times; skipped with -short")
	}
	path := xquadPath(t)
	var out strings.Builder
	results, err := XQuAD(context.Background(), path, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("XQuAD-R Arabic sentence retrieval (BM25):\n%s", out.String())
	byName := make(map[string]Result)
	for _, r := range results {
		byName[r.Config] = r
		if r.Queries != 1190 {
			t.Errorf("%s: %d queries, want 1190", r.Config, r.Queries)
		}
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
