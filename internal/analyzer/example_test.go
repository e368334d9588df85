package analyzer_test

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/taqrir/taqrir/internal/analyzer"
)

// A field mapped to taqrir_ar finds a word in another spelling and another
// inflection: the query "أمريكا" (America) finds "الأميركية" (the American).
func Example() {
	fm := mapping.NewTextFieldMapping()
	fm.Analyzer = analyzer.Name
	im := bleve.NewIndexMapping()
	im.DefaultMapping.AddFieldMappingsAt("body", fm)
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		panic(err)
	}
	defer idx.Close()
	_ = idx.Index("a1", map[string]string{"body": "أعلنت الخارجية الأميركية فرض عقوبات جديدة."})
	_ = idx.Index("a2", map[string]string{"body": "وصل الوفد إلى القاهرة مساء الخميس."})

	q := query.NewMatchQuery("أمريكا")
	q.SetField("body")
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil {
		panic(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID)
	}
	// Output: a1
}

// The tokens keep the byte offsets of the words in the original text, so a
// highlighter marks "والأميركية" although the indexed term is its key.
func ExampleAnalyzer_Analyze() {
	text := "والأميركية في واشنطن"
	for _, tok := range analyzer.New().Analyze([]byte(text)) {
		fmt.Printf("%d %q\n", tok.Position, text[tok.Start:tok.End])
	}
	// Output:
	// 1 "والأميركية"
	// 3 "واشنطن"
}
