package corpus_test

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/taqrir/taqrir/internal/corpus"
)

func ExampleStories() {
	stories, err := corpus.Stories()
	if err != nil {
		panic(err)
	}
	for _, s := range stories[:3] {
		fmt.Println(s.ID, len(s.URLs))
	}
	// Output:
	// doha-truce 7
	// libya-floods 7
	// egypt-rates 6
}

func ExampleFS() {
	// A .txt article: header lines, a blank line, the title, the body.
	raw, err := fs.ReadFile(corpus.FS(), "txt/manarat-alsharq/10234.txt")
	if err != nil {
		panic(err)
	}
	head, _, _ := strings.Cut(string(raw), "\n\n")
	fmt.Println(head)
	// Output:
	// url: https://manarat-alsharq.example/article/10234
	// source: منارة الشرق
	// published: 2025-03-14
	// byline: قسم الأخبار الدولية
}

func ExampleRelevance() {
	cases, err := corpus.Relevance()
	if err != nil {
		panic(err)
	}
	c := cases[1]
	fmt.Println(c.Kind)
	fmt.Println(c.Query)
	fmt.Println(c.URL)
	// Output:
	// spelling
	// ترامب انسحاب من الاتفاق النووي 2018
	// https://sada-alkhaleej.example/news/2025/04/08/oman-to-host-us-iran-talks
}
