package arabic_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/arabic"
)

func ExampleNormalize() {
	fmt.Println(arabic.Normalize("  مُحَمَّدٌ  في الـــعـــراق ﻻ ١٢٫٥ "))
	// Output: محمد في العراق لا 12.5
}

func ExampleFold() {
	fmt.Println(arabic.Fold("إلى الأمم المتحدة مؤتمر"))
	// Output: الي الامم المتحده موتمر
}

func ExampleKey() {
	for _, w := range []string{"أميركا", "الأمريكية", "والأميركيين", "ترامب", "ترمب", "الحكومات", "وحكومته"} {
		fmt.Println(w, arabic.Key(w))
	}
	// Output:
	// أميركا امريكا
	// الأمريكية امريكا
	// والأميركيين امريكا
	// ترامب ترمب
	// ترمب ترمب
	// الحكومات حكوم
	// وحكومته حكوم
}

func ExampleStem() {
	for _, w := range []string{"الولايات", "واشنطن", "بدأت", "بغداد", "وبغداد", "المفاوضين"} {
		fmt.Println(w, arabic.Stem(w))
	}
	// Output:
	// الولايات ولايه
	// واشنطن واشنطن
	// بدأت بدا
	// بغداد بغداد
	// وبغداد بغداد
	// المفاوضين مفاوض
}

func ExampleAnalyze() {
	text := "قال الرئيس الأمريكي إن 2,500 جندي سيعود."
	for _, t := range arabic.Analyze(text) {
		fmt.Printf("%d:%d %s %q key=%q stop=%v\n", t.Start, t.End, t.Kind, t.Text, t.Key, t.Stop)
	}
	// Output:
	// 0:6 arabic "قال" key="قال" stop=false
	// 7:19 arabic "الرئيس" key="رييس" stop=false
	// 20:36 arabic "الأمريكي" key="امريكا" stop=false
	// 37:41 arabic "إن" key="ان" stop=true
	// 42:47 number "2,500" key="2500" stop=false
	// 48:56 arabic "جندي" key="جند" stop=false
	// 57:67 arabic "سيعود" key="يعود" stop=false
	// 67:68 punct "." key="" stop=false
}

func ExampleSentences() {
	text := "قال د. سمير إن النمو بلغ 3.5 بالمئة. وأضاف: «سنواصل. لن نتراجع.» ثم غادر"
	for _, s := range arabic.Sentences(text) {
		fmt.Println(s.Text)
	}
	// Output:
	// قال د. سمير إن النمو بلغ 3.5 بالمئة.
	// وأضاف: «سنواصل. لن نتراجع.»
	// ثم غادر
}

func ExampleEachTerm() {
	arabic.EachTerm("وفي بغداد، بدأت المباحثات.", func(start, end int, key string, stop bool) {
		if !stop {
			fmt.Println(start, end, key)
		}
	})
	// Output:
	// 7 17 بغداد
	// 20 28 بدا
	// 29 47 مباحث
}

func ExampleSynonyms() {
	fmt.Println(arabic.Synonyms(arabic.Key("مباحثات")))
	// Output: [محادث مفاوض حوار مشاور]
}

func ExampleIsStopword() {
	fmt.Println(arabic.IsStopword("إلى"), arabic.IsStopword("الى"), arabic.IsStopword("وفي"), arabic.IsStopword("الحكومة"))
	// Output: true true true false
}

func ExampleDerivKey() {
	// A verb and its masdar have different keys but meet in DerivKey.
	fmt.Println(arabic.Key("يستخدمون"), arabic.DerivKey(arabic.Key("يستخدمون")))
	fmt.Println(arabic.Key("الاستخدام"), arabic.DerivKey(arabic.Key("الاستخدام")))
	fmt.Println(arabic.Key("التسجيل"), arabic.DerivKey(arabic.Key("التسجيل")))
	// Output:
	// يستخدم استخدم
	// استخدام استخدم
	// تسجيل سجل
}

func ExampleCount() {
	for _, n := range []int{1, 2, 5, 20, 100, 103} {
		fmt.Println(arabic.Count(n, arabic.NounSource))
	}
	// Output:
	// 1 مصدر
	// 2 مصدران
	// 5 مصادر
	// 20 مصدراً
	// 100 مصدر
	// 103 مصادر
}

func ExampleTokens() {
	for t := range arabic.Tokens("قال: 2,500") {
		fmt.Println(t.Start, t.End, t.Text)
	}
	// Output:
	// 0 6 قال
	// 6 7 :
	// 8 13 2,500
}

func ExampleTermCache() {
	var c arabic.TermCache
	for _, text := range []string{"قال الوزير", "وقال الوزراء"} {
		c.EachTerm(text, func(start, end int, key string, stop bool) {
			fmt.Println(text[start:end], key, stop)
		})
	}
	// Output:
	// قال قال false
	// الوزير وزير false
	// وقال قال false
	// الوزراء وزير false
}
