package eval_test

import (
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/eval"
)

// ScoreVariants counts how a keyer treats pairs that must and must not share
// a key; here a keyer that only lower-cases.
func ExampleScoreVariants() {
	pairs := []eval.Pair{
		{A: "Gaza", B: "gaza", Same: true},
		{A: "Gaza", B: "Gazan", Same: true},
		{A: "Gaza", B: "gauze", Same: false},
	}
	s := eval.ScoreVariants("lower", pairs, strings.ToLower)
	fmt.Printf("recall %.2f, kept apart %.2f, precision %.2f\n", s.Recall(), s.Apart(), s.Precision())
	for _, p := range s.Misses {
		fmt.Println("missed:", p.A, p.B)
	}
	// Output:
	// recall 0.50, kept apart 1.00, precision 1.00
	// missed: Gaza Gazan
}
