package dedup_test

import (
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/dedup"
	"github.com/taqrir/taqrir/internal/news"
)

const agency = "وقع وفدا الجيش السوداني وقوات الدعم السريع مساء الجمعة في الدوحة اتفاق هدنة إنسانية لمدة أسبوعين برعاية قطرية، " +
	"ويقضي الاتفاق بفتح ممرات آمنة لإيصال المساعدات إلى المدنيين في الخرطوم ودارفور وتبادل الأسرى."

func ExampleIndex_Add() {
	ix, err := dedup.NewIndex(dedup.DefaultOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(ix.Add("agency", agency))
	// An outlet carries the agency copy with its dateline and its spelling.
	fmt.Println(ix.Add("outlet", "الدوحة - (أ ف ب) - "+agency+" (المصدر: فرانس برس)"))
	fmt.Println(ix.Add("other", "ارتفعت حصيلة ضحايا الفيضانات في شرق ليبيا إلى 27 قتيلا بحسب السلطات المحلية."))
	// Output:
	// agency
	// agency
	// other
}

func ExampleGroups() {
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "copy", Source: "المدار", Published: day.Add(2 * time.Hour), Paragraphs: []string{"الدوحة - أ ف ب: " + agency}},
		{ID: "first", Source: "فرانس برس", Published: day, Paragraphs: []string{agency}},
	}
	g := dedup.Groups(arts)
	fmt.Println(g["copy"], g["first"])
	// Output: first first
}

func ExampleSentenceKey() {
	a := dedup.SentenceKey("وصل الوفد الأمريكي إلى الدوحة.")
	b := dedup.SentenceKey("وصل الوفد الأميركي الى الدوحة")
	fmt.Println(a == b)
	// Output: true
}

func ExampleSignature_Jaccard() {
	ix, err := dedup.NewIndex(dedup.DefaultOptions())
	if err != nil {
		panic(err)
	}
	a := ix.Signature(agency)
	b := ix.Signature("الدوحة - أ ف ب: " + agency)
	c := ix.Signature("ارتفعت حصيلة ضحايا الفيضانات في شرق ليبيا إلى 27 قتيلا بحسب السلطات المحلية.")
	fmt.Println(a.Jaccard(b) >= 0.5, a.Jaccard(c) >= 0.5)
	// Output: true false
}

func ExampleIndex_Groups() {
	ix, err := dedup.NewIndex(dedup.DefaultOptions())
	if err != nil {
		panic(err)
	}
	ix.Add("a", agency)
	ix.Add("b", agency+" (رويترز)")
	ix.Add("c", "نص آخر تماما عن موضوع مختلف")
	g := ix.Groups()
	fmt.Println(g["a"], g["b"], g["c"])
	// Output: a a c
}
