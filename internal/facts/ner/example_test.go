package ner_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/facts/ner"
)

func ExampleTagger_Entities() {
	text := "وقال وزير الخارجية الفرنسي في بيروت إن فرنسا تدعم لبنان."
	for _, e := range ner.Default().Entities(text) {
		fmt.Println(e.Type, e.Text, e.Text == text[e.Start:e.End])
	}
	// Output:
	// MISC الفرنسي true
	// LOC بيروت true
	// LOC فرنسا true
	// LOC لبنان true
}

func ExampleTagger_Tag() {
	fmt.Println(ner.Default().Tag([]string{"وصل", "الرئيس", "حسني", "مبارك", "إلى", "دمشق", "."}))
	// Output: [O O B-PERS I-PERS O B-LOC O]
}
