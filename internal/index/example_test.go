package index_test

import (
	"context"
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

func ExampleParseQuery() {
	p, _ := index.ParseQuery(`مباحثات OR مفاوضات "الممرات الإنسانية" -غزة`)
	fmt.Println(len(p.Must), p.Must[0][1].Text, p.Must[1][0].Phrase, p.MustNot[0].Text)
	// Output: 2 مفاوضات true غزة
}

func ExampleIndex_Search() {
	ix, _ := index.OpenMem()
	defer ix.Close()
	ix.Apply([]index.Entry{{Seq: 1, Article: news.Article{
		ID: "a1", Title: "وفد أميركي في مسقط", Source: "صدى الخليج",
		Published:  time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"وصل الوفد الأميركي إلى مسقط لإجراء محادثات غير مباشرة."},
	}}})
	// Another spelling of the country, and a synonym of the word in the text.
	res, _ := ix.Search(context.Background(), index.Request{Query: "امريكا مباحثات", Synonyms: true})
	fmt.Println(res.Total, res.Hits[0].ID)
	// Output: 1 a1
}
