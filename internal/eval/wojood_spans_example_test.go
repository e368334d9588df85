package eval_test

import (
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/eval"
)

func ExampleScoreWojood() {
	sample := "دفع O\n500 B-MONEY\nجنيه I-MONEY B-CURR\nفي O\n5 B-DATE\nأيار I-DATE\n1922 I-DATE\nعن O\n3 B-CARDINAL\nأشخاص O\n"
	sents, err := eval.ReadWojood(strings.NewReader(sample), "sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range eval.ScoreWojood(sents) {
		fmt.Printf("%s gold %d predicted %d exact F1 %.2f token F1 %.2f\n", s.Type, s.Gold, s.Pred, s.ExactF1(), s.TokenF1())
	}
	// Output:
	// DATE gold 1 predicted 1 exact F1 1.00 token F1 1.00
	// CARDINAL gold 1 predicted 1 exact F1 1.00 token F1 1.00
	// MONEY gold 1 predicted 1 exact F1 1.00 token F1 1.00
}
