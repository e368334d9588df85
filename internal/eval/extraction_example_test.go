package eval_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/eval"
)

// Words are runs of letters, digits and marks of any script.
func ExampleWords() {
	fmt.Printf("%q\n", eval.Words("قال الوزيرُ، أمس: ١٥ مليون (رويترز)"))
	// Output:
	// ["قال" "الوزيرُ" "أمس" "١٥" "مليون" "رويترز"]
}

// A page's score: shared word 4-grams against extra and missing ones,
// normalised so they sum to 1.
func ExampleScorePage() {
	truth := "قال الوزير اليوم في العاصمة"          // 2 shingles
	got := "شارك تويتر قال الوزير اليوم في العاصمة" // 4 shingles, 2 of them true
	s := eval.ScorePage(truth, got)
	fmt.Printf("TP %.2f FP %.2f FN %.2f: precision %.2f recall %.2f\n", s.TP, s.FP, s.FN, s.Precision(), s.Recall())
	// Output:
	// TP 0.50 FP 0.50 FN 0.00: precision 0.50 recall 1.00
}

// Precision and recall are averaged over pages, then F1 is taken from the
// means; an empty extraction counts for recall only.
func ExampleMeanScore() {
	pages := []eval.PageScore{
		eval.ScorePage("a b c d e", "a b c d e"),
		eval.ScorePage("a b c d e", ""),
	}
	s := eval.MeanScore(pages)
	fmt.Printf("P %.2f R %.2f F1 %.3f over %d pages\n", s.Precision, s.Recall, s.F1, s.Pages)
	// Output:
	// P 1.00 R 0.50 F1 0.667 over 2 pages
}

// A ground truth file of the Arabic fixture set, checked.
func ExampleParseExtractionTruth() {
	t, err := eval.ParseExtractionTruth([]byte(`{"title":"عنوان","body":"فقرة أولى\n\nفقرة ثانية","captions":[],"published":"2021-03-15T10:30:00+03:00"}`))
	fmt.Println(t.PublishedDay(), len(strings.Split(t.Body, "\n\n")), err)
	_, err = eval.ParseExtractionTruth([]byte(`{"title":"عنوان","body":"فقرة","published":"15/3/2021"}`))
	fmt.Println(err)
	// Output:
	// 2021-03-15 2 <nil>
	// "published" "15/3/2021" is neither YYYY-MM-DD nor RFC 3339
}

// Any function from page bytes to an extraction can be scored next to the
// real extractors.
func ExampleEvalExtraction() {
	pages := []eval.ExtractionPage{{
		Name: "01-example",
		HTML: []byte(`<html><body><h1>عنوان</h1><p>قال الوزير اليوم في العاصمة إن المحادثات مستمرة.</p><footer>جميع الحقوق محفوظة</footer></body></html>`),
		Truth: eval.ExtractionTruth{
			Title: "عنوان", Body: "قال الوزير اليوم في العاصمة إن المحادثات مستمرة.", Published: "2021-03-15", // 5 shingles
		},
	}}
	allText := eval.Extractor{
		Name: "all-text",
		Extract: func(page []byte, url string) (eval.Extracted, error) {
			// Everything between tags, headline and footer too: 9 shingles, 5 true.
			var b strings.Builder
			in := false
			for _, r := range string(page) {
				switch {
				case r == '<':
					in = true
					b.WriteByte(' ')
				case r == '>':
					in = false
				case !in:
					b.WriteRune(r)
				}
			}
			return eval.Extracted{Title: "عنوان", Body: b.String(), Published: time.Date(2021, 3, 15, 9, 0, 0, 0, time.UTC)}, nil
		},
		NoCaptions: true,
	}
	rep, err := eval.EvalExtraction(context.Background(), eval.ExtractionOptions{Arabic: pages}, []eval.Extractor{allText})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := rep.Extractors[0].Arabic
	fmt.Printf("F1 %.3f (P %.3f R %.3f) title %.0f date %.0f captions n/a: %v\n", a.F1, a.Precision, a.Recall, *a.Title, *a.Date, a.Captions == nil)
	// Output:
	// F1 0.714 (P 0.556 R 1.000) title 1 date 1 captions n/a: true
}
