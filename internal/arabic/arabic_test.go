package arabic

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestKindString(t *testing.T) {
	got := []string{KindArabic.String(), KindLatin.String(), KindNumber.String(), KindPunct.String(), Kind(0).String()}
	want := []string{"arabic", "latin", "number", "punct", "unknown"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Kind.String (-want +got):\n%s", diff)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"already normal", "قال الوزير", "قال الوزير"},
		{"harakat", "مُحَمَّدٌ", "محمد"},
		{"superscript alef", "هٰذا", "هذا"},
		{"quranic marks", "الرَّحِيمِ \u06dd ۖ", "الرحيم"},
		{"tatweel", "الـــعـــراق", "العراق"},
		{"lam-alef ligature", "ﻻ", "لا"},
		{"presentation forms", "ﺑﻴﺮﻭﺕ", "بيروت"},
		{"isolated haraka form dropped", "ب\uFE76", "ب"},
		{"arabic-indic digits", "٢٠٢٤", "2024"},
		{"persian digits", "۱۴۰۳", "1403"},
		{"decimal separator in number", "١٢٫٥", "12.5"},
		{"thousands separator in number", "٢٬٥٠٠", "2,500"},
		{"separator before a dropped mark", "2٬\u065B500", "2,500"},
		{"separator before tatweel and ZWJ", "12٫\u0640\u200d5", "12.5"},
		{"separator outside number kept", "أ٫ب", "أ٫ب"},
		{"zero width removed", "می\u200cخواهم\u200f", "میخواهم"},
		{"bidi and BOM removed", "\ufeff\u200eنص\u061c", "نص"},
		{"hamza kept", "سأل ماء مسؤول", "سأل ماء مسؤول"},
		{"whitespace runs", "  قال \t\n الوزير  ", "قال الوزير"},
		{"no-break space", "قال\u00a0الوزير", "قال الوزير"},
		{"latin untouched", "U.S. President", "U.S. President"},
		{"NFKC only for arabic presentation forms", "ﬁ ① ²", "ﬁ ① ²"},
		{"invalid utf-8", "ب\xffت", "ب\uFFFDت"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Normalize(tt.in)); diff != "" {
				t.Errorf("Normalize(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNormalizeFastPathDoesNotAllocate(t *testing.T) {
	s := "قال الوزير إن المباحثات بدأت"
	if n := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); n != 0 {
		t.Errorf("Normalize of normal text allocated %v times", n)
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"alef forms", "أإآٱ", "اااا"},
		{"alef maksura", "إلى", "الي"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"waw hamza", "مؤتمر", "موتمر"},
		{"yeh hamza", "رئيس", "رييس"},
		{"hamza alone kept", "ماء", "ماء"},
		{"latin lowercased", "Reuters IMF", "reuters imf"},
		{"persian keyboard letters", "کی", "كي"},
		{"normalises too", "الأُمَم", "الامم"},
		{"already folded", "الامم", "الامم"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Fold(tt.in)); diff != "" {
				t.Errorf("Fold(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// tok is the part of a Token that Tokenize fills, for compact tables.
type tok struct {
	Text string
	Kind Kind
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"spaces only", " \t\n ", nil},
		{"arabic words", "قال الوزير", []tok{{"قال", KindArabic}, {"الوزير", KindArabic}}},
		{"harakat and tatweel inside", "مُحَمَّد الـــعـــراق", []tok{{"مُحَمَّد", KindArabic}, {"الـــعـــراق", KindArabic}}},
		{"zwnj inside word", "می\u200cخواهم", []tok{{"می\u200cخواهم", KindArabic}}},
		{"zwnj at word end is not a token", "نص\u200c نص", []tok{{"نص", KindArabic}, {"نص", KindArabic}}},
		{"rtl marks are not tokens", "\u200fنص\u200e", []tok{{"نص", KindArabic}}},
		{"arabic letter mark ends a word", "نص\u061cنص", []tok{{"نص", KindArabic}, {"نص", KindArabic}}},
		{"number sign is not a token", "\u0600١٢", []tok{{"١٢", KindNumber}}},
		{"arabic comma", "بغداد، دمشق", []tok{{"بغداد", KindArabic}, {"،", KindPunct}, {"دمشق", KindArabic}}},
		{"mixed script glued", "ABCعربي", []tok{{"ABC", KindLatin}, {"عربي", KindArabic}}},
		{"acronym", "U.S. forces", []tok{{"U.S.", KindLatin}, {"forces", KindLatin}}},
		{"apostrophe", "O'Brien", []tok{{"O'Brien", KindLatin}}},
		{"thousands", "2,500 جندي", []tok{{"2,500", KindNumber}, {"جندي", KindArabic}}},
		{"arabic-indic number", "٢٥٠٠", []tok{{"٢٥٠٠", KindNumber}}},
		{"decimal", "3.5%", []tok{{"3.5", KindNumber}, {"%", KindPunct}}},
		{"arabic decimal", "١٢٫٥", []tok{{"١٢٫٥", KindNumber}}},
		{"date", "10.3.2023", []tok{{"10.3.2023", KindNumber}}},
		{"time", "12:30", []tok{{"12:30", KindNumber}}},
		{"trailing comma and period", "2020, 2021.", []tok{{"2020", KindNumber}, {",", KindPunct}, {"2021", KindNumber}, {".", KindPunct}}},
		{"hyphenated", "COVID-19", []tok{{"COVID", KindLatin}, {"-", KindPunct}, {"19", KindNumber}}},
		{"control characters skipped", "a\x00b\x07", []tok{{"a", KindLatin}, {"b", KindLatin}}},
		{"invalid bytes skipped", "ب\xff\xfeت", []tok{{"ب", KindArabic}, {"ت", KindArabic}}},
		{"presentation forms", "ﻻ ﺑﻴﺮﻭﺕ", []tok{{"ﻻ", KindArabic}, {"ﺑﻴﺮﻭﺕ", KindArabic}}},
		{"stray mark at start", "\u064eكتب", []tok{{"كتب", KindArabic}}},
		{"quotes", "«السلام»", []tok{{"«", KindPunct}, {"السلام", KindArabic}, {"»", KindPunct}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []tok
			for _, tk := range Tokenize(tt.in) {
				if tt.in[tk.Start:tk.End] != tk.Text {
					t.Errorf("token %q has offsets %d:%d covering %q", tk.Text, tk.Start, tk.End, tt.in[tk.Start:tk.End])
				}
				got = append(got, tok{tk.Text, tk.Kind})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Tokenize(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"two sentences", "وصل الوفد. بدأت المباحثات.", []string{"وصل الوفد.", "بدأت المباحثات."}},
		{"arabic question mark", "هل انتهت الأزمة؟ لا.", []string{"هل انتهت الأزمة؟", "لا."}},
		{"arabic semicolon", "قال كذا؛ ثم غادر", []string{"قال كذا؛", "ثم غادر"}},
		{"ellipsis", "انتظروا… ثم عادوا", []string{"انتظروا…", "ثم عادوا"}},
		{"three dots and ?!", "ماذا...؟! لا أعرف.", []string{"ماذا...؟!", "لا أعرف."}},
		{"decimal", "ارتفع 3.5 بالمئة. ثم هبط.", []string{"ارتفع 3.5 بالمئة.", "ثم هبط."}},
		{"date", "في 12.3.2020 وقع الحادث.", []string{"في 12.3.2020 وقع الحادث."}},
		{"arabic abbreviations", "قال د. سمير إن أ.د. علي وصل. وانتهى", []string{"قال د. سمير إن أ.د. علي وصل.", "وانتهى"}},
		{"po box", "ص.ب. 123 عمان. انتهى", []string{"ص.ب. 123 عمان.", "انتهى"}},
		{"latin abbreviations", "Dr. Smith met Mr. Jones in the U.S. today. Then left.", []string{"Dr. Smith met Mr. Jones in the U.S. today.", "Then left."}},
		{"initial", "J. Smith spoke. Done.", []string{"J. Smith spoke.", "Done."}},
		{"guillemets", "قال: «انتهى. سنعود.» ثم غادر.", []string{"قال: «انتهى. سنعود.»", "ثم غادر."}},
		{"quote then comma", "«لن نتراجع.»، قال الوزير.", []string{"«لن نتراجع.»، قال الوزير."}},
		{"ascii quotes", `قال "انتهى. سنعود." ثم غادر.`, []string{`قال "انتهى. سنعود."`, "ثم غادر."}},
		{"curly quotes", "قال “لا. أبدا.” وسكت.", []string{"قال “لا. أبدا.”", "وسكت."}},
		{"paragraph break", "عنوان بلا نقطة\n\nالفقرة الأولى", []string{"عنوان بلا نقطة", "الفقرة الأولى"}},
		{"single newline", "سطر\nسطر آخر", []string{"سطر", "سطر آخر"}},
		{"url", "زوروا example.com للمزيد. شكرا", []string{"زوروا example.com للمزيد.", "شكرا"}},
		{"no space after dot in arabic", "انتهى.وقال", []string{"انتهى.", "وقال"}},
		{"bracket after stop", "(انتهى.) ثم", []string{"(انتهى.)", "ثم"}},
		{"only spaces", "   \n  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.in) {
				if tt.in[s.Start:s.End] != s.Text {
					t.Errorf("sentence %q has offsets %d:%d covering %q", s.Text, s.Start, s.End, tt.in[s.Start:s.End])
				}
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"article", "الحكومة", "حكوم"},
		{"plural", "الحكومات", "حكوم"},
		{"conjunction and pronoun", "وحكومته", "حكوم"},
		{"plural with pronoun", "تصريحاته", "تصريح"},
		{"nisba plural", "الانتخابية", "انتخاب"},
		{"sound masculine plural", "والمفاوضين", "مفاوض"},
		{"protected state", "الولايات", "ولايه"},
		{"protected city", "واشنطن", "واشنطن"},
		{"clitic before protected", "وبغداد", "بغداد"},
		{"past tense hamza verb", "بدأت", "بدا"},
		{"feminine past", "وقالت", "قال"},
		{"derived past", "استقبلت", "استقبل"},
		{"form V feminine past", "تأثرت", "تاثر"},
		{"ت-initial noun with a root ت after و", "تابوت", "تابوت"},
		{"root ون", "التعاون", "تعاون"},
		{"root ين plural", "القوانين", "قانون"},
		{"root ي after alef", "حماية", "حماي"},
		{"future prefix", "سيعقد", "يعقد"},
		{"not a future prefix", "السيارات", "سياره"},
		{"feh is a root letter", "فوري", "فور"},
		{"tanween", "اتفاقا", "اتفاق"},
		{"nisba of a geminate noun", "الطبية", "طب"},
		{"construct plural", "ومسؤولو", "مسوول"},
		{"construct plural of فاعل", "لاعبو", "لاعب"},
		{"name ending in و", "ماركو", "ماركو"},
		{"dual of a short noun in ة", "سكتان", "سكه"},
		{"root ت before a dual", "بيتين", "بيت"},
		{"short word untouched", "من", "من"},
		{"latin lowercased", "Reuters", "reuters"},
		{"number key", "٢٬٥٠٠", "2500"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Stem(tt.in)); diff != "" {
				t.Errorf("Stem(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestKey(t *testing.T) {
	// Each case lists words that must all have the same key, and that key.
	tests := []struct {
		name  string
		words []string
		want  string
	}{
		{"america", []string{"أميركا", "أمريكا", "امريكا", "الأميركية", "الأمريكيون", "والأميركيين", "لأمريكا"}, "امريكا"},
		{"iraq", []string{"العراق", "عراق", "العراقي", "العراقيين", "بالعراق"}, "عراق"},
		{"trump", []string{"ترمب", "ترامب", "لترامب"}, "ترمب"},
		{"guterres", []string{"غوتيريش", "جوتيريس", "غوتيريس"}, "غوتيريش"},
		{"unlisted spelling by skeleton", []string{"أميريكا", "امريكا"}, "امريكا"},
		{"lebanon", []string{"لبنان", "اللبنانية", "ولبنان", "لبناني"}, "لبنان"},
		{"refugees", []string{"اللاجئين", "لاجئ", "اللاجئون"}, "لاجي"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.words {
				if diff := cmp.Diff(tt.want, Key(w)); diff != "" {
					t.Errorf("Key(%q) (-want +got):\n%s", w, diff)
				}
			}
		})
	}
	apart := [][2]string{
		{"الولايات", "ولا"}, {"واشنطن", "اشنطن"}, {"بدأت", "بد"}, {"بغداد", "غداد"},
		{"كتاب", "تاب"}, {"عامل", "عمل"}, {"مال", "ما"}, {"أمير", "أمريكا"}, {"مصير", "مصر"},
	}
	for _, p := range apart {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) == %q, want them apart", p[0], p[1], Key(p[0]))
		}
	}
}

func TestKeyNoStem(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"variant resolved", "أميركا", "امريكا"},
		{"name variant", "ترامب", "ترمب"},
		{"no clitic stripping", "والحكومة", "والحكومه"},
		{"no suffix stripping", "الحكومات", "الحكومات"},
		{"ordinary word only folded", "إلى", "الي"},
		{"number like Key", "٢٬٥٠٠", "2500"},
		{"already folded word returned as is", "كتاب", "كتاب"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, KeyNoStem(tt.in)); diff != "" {
				t.Errorf("KeyNoStem(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"في", true}, {"إلى", true}, {"الى", true}, {"الي", true}, {"على", true},
		{"وفي", true}, {"عليها", true}, {"التي", true}, {"كانوا", true}, {"لكنه", true},
		{"الحكومة", false}, {"قبلت", false}, {"عبرت", false}, {"سكان", false}, {"ماء", false},
		{"مال", false}, {"عليا", false}, {"the", false}, {"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsStopword(tt.in); got != tt.want {
				t.Errorf("IsStopword(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSynonyms(t *testing.T) {
	tests := []struct {
		name    string
		word    string
		contain []string
	}{
		{"talks", "مباحثات", []string{"محادثات", "المفاوضات", "حوار"}},
		{"withdrawal", "انسحاب", []string{"سحب"}},
		{"attack", "هجوم", []string{"اعتداء"}},
		{"agreement", "الاتفاقية", []string{"صفقة"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := Key(tt.word)
			got := Synonyms(key)
			for _, c := range tt.contain {
				if !contains(got, Key(c)) {
					t.Errorf("Synonyms(%q) = %q, missing key %q of %q", key, got, Key(c), c)
				}
			}
			if contains(got, key) {
				t.Errorf("Synonyms(%q) contains the key itself", key)
			}
		})
	}
	if got := Synonyms("لا-مفتاح"); got != nil {
		t.Errorf("Synonyms of an unknown key = %q, want nil", got)
	}
	// The synonym table must not contain keys that collapsed into one: a
	// group whose members share a key says nothing.
	if groups := len(testWordLists(t).synonyms); groups < 40 {
		t.Errorf("%d synonym groups, want at least 40", groups)
	}
}

func TestAnalyze(t *testing.T) {
	got := Analyze("وقالت الحكومة الأميركية في 2,500 ﺑﻴﺮﻭﺕ.")
	want := []Token{
		{0, 10, "وقالت", KindArabic, "وقالت", "قال", "قال", false},
		{11, 25, "الحكومة", KindArabic, "الحكومة", "حكوم", "حكوم", false},
		{26, 44, "الأميركية", KindArabic, "الأميركية", "اميركي", "امريكا", false},
		{45, 49, "في", KindArabic, "في", "في", "في", true},
		{50, 55, "2,500", KindNumber, "2,500", "2500", "2500", false},
		{56, 71, "ﺑﻴﺮﻭﺕ", KindArabic, "بيروت", "بيروت", "بيروت", false},
		{71, 72, ".", KindPunct, ".", "", "", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze (-want +got):\n%s", diff)
	}
}

// TestEachTermMatchesAnalyze checks the fast path against Analyze on the
// news text, the golden inputs and awkward strings.
func TestEachTermMatchesAnalyze(t *testing.T) {
	inputs := []string{newsText(t), "", "ﻻ ﺑﻴﺮﻭﺕ ١٢٫٥ ABC«x»", "ب\xff\u200cت", "مُحَمَّد الـــعـــراق Reuters U.S."}
	for _, in := range inputs {
		type term struct {
			Start, End int
			Key        string
			Stop       bool
		}
		var want, got []term
		for _, tk := range Analyze(in) {
			if tk.Kind != KindPunct {
				want = append(want, term{tk.Start, tk.End, tk.Key, tk.Stop})
			}
		}
		EachTerm(in, func(start, end int, key string, stop bool) {
			got = append(got, term{start, end, key, stop})
		})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("EachTerm differs from Analyze on %.40q (-want +got):\n%s", in, diff)
		}
	}
}

func TestEachTermKeysOutliveTheCall(t *testing.T) {
	var keys []string
	EachTerm("الحكومة والحكومات وحكومته", func(_, _ int, key string, _ bool) { keys = append(keys, key) })
	if diff := cmp.Diff([]string{"حكوم", "حكوم", "حكوم"}, keys); diff != "" {
		t.Errorf("keys kept from EachTerm changed (-want +got):\n%s", diff)
	}
}

func TestLoadVariantSetErrors(t *testing.T) {
	if _, err := LoadVariantSet(t.TempDir()); err == nil {
		t.Error("LoadVariantSet of an empty directory succeeded")
	}
}

func TestLexiconTablesAreConsistent(t *testing.T) {
	// Every alias line's words must resolve to the line's key; a clash
	// between two lines would silently merge two countries or names.
	lists := testWordLists(t)
	for _, words := range lists.aliases {
		want := Key(words[0])
		for _, w := range words[1:] {
			if got := Key(w); got != want {
				t.Errorf("alias %q has key %q, want %q (the key of %q)", w, got, want, words[0])
			}
		}
	}
	for _, w := range lists.stopwords {
		if !IsStopword(w) {
			t.Errorf("listed stopword %q is not a stopword", w)
		}
		if !utf8.ValidString(Key(w)) {
			t.Errorf("key of %q is not UTF-8", w)
		}
	}
}

// TestTokenizeCutAnywhere cuts text at every byte, as a stream reader
// might, and checks that both halves tokenise with valid offsets and that
// every token well before the cut is what the whole text gives.
func TestTokenizeCutAnywhere(t *testing.T) {
	text := "قال د. أحمد «٢٬٥٠٠» U.S. مُحَمَّد الـــعـــراق می\u200cخواهم 12:30، ﺑﻴﺮﻭﺕ."
	full := Tokenize(text)
	for i := 0; i <= len(text); i++ {
		head, tail := text[:i], text[i:]
		for _, part := range []string{head, tail} {
			for _, tk := range Tokenize(part) {
				if tk.End > len(part) || part[tk.Start:tk.End] != tk.Text || !utf8.ValidString(tk.Text) {
					t.Fatalf("cut at %d: bad token %q at %d:%d", i, tk.Text, tk.Start, tk.End)
				}
			}
		}
		got := Tokenize(head)
		for k, want := range full {
			if want.End+16 > i {
				break
			}
			if k >= len(got) {
				t.Fatalf("cut at %d: %d tokens, whole text has %+v at %d", i, len(got), want, k)
			}
			if got[k] != want {
				t.Fatalf("cut at %d: token %d is %+v, whole text gives %+v", i, k, got[k], want)
			}
		}
	}
}

func TestFingerprintIsStable(t *testing.T) {
	a, b := Fingerprint(), Fingerprint()
	if a != b || len(a) != 16 {
		t.Errorf("Fingerprint() = %q then %q", a, b)
	}
}

// TestNumberKeys checks that the words of a number share a key and that the
// tens stay apart from the units, which the suffix rules alone would join.
func TestNumberKeys(t *testing.T) {
	same := [][]string{{"اثنان", "اثنين", "اثنتين"}, {"مائة", "مئة"}, {"ثلاثة", "ثلاث"}, {"خمسين", "خمسون", "والخمسين"}}
	for _, words := range same {
		for _, w := range words[1:] {
			if Key(w) != Key(words[0]) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q, want the same", w, Key(w), words[0], Key(words[0]))
			}
		}
	}
	for _, p := range [][2]string{{"ثلاث", "ثلاثين"}, {"عشرة", "عشرين"}, {"خمسة", "خمسين"}} {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("%s and %s share the key %q", p[0], p[1], Key(p[0]))
		}
	}
}
