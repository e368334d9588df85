package eval_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/facts/ner"
)

func ExampleScoreNER() {
	gold := [][]string{{"B-PERS", "I-PERS", "O", "B-LOC"}}
	pred := [][]string{{"B-PERS", "I-PERS", "O", "O"}}
	s, _ := eval.ScoreNER(gold, pred)
	eval.WriteNER(os.Stdout, s)
	// Output:
	// type   gold  predicted  correct  P      R      F1
	// LOC    1     0          0        0.0    0.0    0.0
	// PERS   1     1          1        100.0  100.0  100.0
	// micro  2     1          1        100.0  50.0   66.7
	// 1 sentences, 4 tokens
}

func ExampleReadNER() {
	in := "حكومة B-ORG\nفلسطين I-ORG B-GPE\nأمس B-DATE\n"
	sents, _ := eval.ReadNER(strings.NewReader(in), "example", eval.NERAuto)
	fmt.Println(sents[0].Tags)
	// Output: [B-ORG I-ORG O]
}

func ExampleScoreNERSeen() {
	train := []ner.Sentence{{Tokens: []string{"زار", "بغداد"}, Tags: []string{"O", "B-LOC"}}}
	dev := []ner.Sentence{{Tokens: []string{"وبغداد", "ودمشق"}, Tags: []string{"B-LOC", "B-LOC"}}}
	s, _ := eval.ScoreNERSeen(train, dev, [][]string{{"B-LOC", "O"}})
	fmt.Printf("seen: recall %.0f%% of %d; unseen: recall %.0f%% of %d\n",
		100*s.Seen.Recall(), s.Seen.Gold, 100*s.Unseen.Recall(), s.Unseen.Gold)
	// Output: seen: recall 100% of 1; unseen: recall 0% of 1
}
