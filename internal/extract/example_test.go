package extract_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/source"
)

func ExampleItem() {
	raw := "url: https://sada.example/news/1\nsource: صدى الخليج\npublished: 2025-03-14\n\n" +
		"مباحثات الدوحة تستأنف\nموضوع يهمك\nاستؤنفت اليوم المباحثات في الدوحة.\n?\n"
	res, err := extract.Item(source.FormatText, []byte(raw))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := res.Article
	fmt.Println(a.Title, "|", a.Source, "|", a.Published.Format("2006-01-02"), "|", len(a.Paragraphs), "paragraph")
	for _, r := range res.Cleaning.Removed {
		fmt.Println("removed:", r.Reason)
	}
	// Output:
	// مباحثات الدوحة تستأنف | صدى الخليج | 2025-03-14 | 1 paragraph
	// removed: teaser-label
	// removed: punctuation-only
}
