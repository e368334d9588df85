package quantity

import (
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
)

func fold(w string) string { return arabic.Fold(w) }

func foldSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// wordKind is the role of a number word in a compound number.
type wordKind uint8

const (
	wkUnit     wordKind = iota + 1 // 1-10 and the teens' first word
	wkTen                          // عشرون … تسعون
	wkHundred                      // مئة، مئتان، ثلاثمائة
	wkScale                        // ألف، مليون، مليار and their duals and plurals
	wkFraction                     // نصف، ربع، ثلث
	wkVague                        // عشرات، مئات، آلاف (alone), بضعة
)

type numWord struct {
	kind  wordKind
	value float64
	// mult: for a scale, the multiplier (1000); value is then what the word
	// is worth alone (ألفين = 2000, آلاف = 1000).
	mult float64
}

var numWords = func() map[string]numWord {
	m := map[string]numWord{}
	add := func(k wordKind, v, mult float64, ws string) {
		for _, w := range strings.Fields(ws) {
			m[fold(w)] = numWord{k, v, mult}
		}
	}
	add(wkUnit, 1, 0, "واحد واحدة أحد إحدى")
	add(wkUnit, 2, 0, "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي")
	add(wkUnit, 3, 0, "ثلاث ثلاثة")
	add(wkUnit, 4, 0, "أربع أربعة")
	add(wkUnit, 5, 0, "خمس خمسة")
	add(wkUnit, 6, 0, "ست ستة")
	add(wkUnit, 7, 0, "سبع سبعة")
	add(wkUnit, 8, 0, "ثمان ثماني ثمانية")
	add(wkUnit, 9, 0, "تسع تسعة")
	add(wkUnit, 10, 0, "عشر عشرة")
	for i, w := range []string{"عشرون عشرين", "ثلاثون ثلاثين", "أربعون أربعين", "خمسون خمسين",
		"ستون ستين", "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"} {
		add(wkTen, float64(20+10*i), 0, w)
	}
	add(wkHundred, 100, 0, "مئة مائة مئه مائه")
	// مئتا is left out: it folds to ميتا (Meta), far commoner in news
	add(wkHundred, 200, 0, "مئتان مئتين مائتان مائتين مائتا مئتي مائتي")
	for i, p := range []string{"ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"} {
		add(wkHundred, float64(300+100*i), 0, p+"مئة "+p+"مائة")
	}
	add(wkHundred, 800, 0, "ثمانمئة ثمانمائة ثمانيمائة ثمانيمئة")
	add(wkScale, 1000, 1000, "ألف الف")
	add(wkScale, 2000, 1000, "ألفا")
	add(wkScale, 2000, 1000, "ألفان ألفين ألفي")
	// ألفا is the dual in construct (ألفا عامل = 2000) and the accusative
	// after a count (عشرون ألفا = 20,000): see accusativeScale.
	add(wkScale, 1000, 1000, "آلاف")
	add(wkScale, 1e6, 1e6, "مليون مليونا")
	add(wkScale, 2e6, 1e6, "مليونان مليونين مليوني")
	add(wkScale, 1e6, 1e6, "ملايين")
	add(wkScale, 1e9, 1e9, "مليار مليارا بليون")
	add(wkScale, 2e9, 1e9, "ملياران مليارين ملياري")
	add(wkScale, 1e9, 1e9, "مليارات")
	add(wkScale, 1e12, 1e12, "تريليون ترليون")
	add(wkFraction, 0.5, 0, "نصف")
	add(wkFraction, 0.25, 0, "ربع")
	add(wkFraction, 1.0/3, 0, "ثلث")
	add(wkFraction, 2.0/3, 0, "ثلثي ثلثا")
	add(wkVague, 10, 0, "عشرات")
	add(wkVague, 100, 0, "مئات مئآت")
	add(wkVague, 3, 0, "بضعة بضع")
	return m
}()

// accusativeScale are scale words whose form after a count is the
// singular accusative: the count multiplies them.
var accusativeScale = foldSet("ألفا", "مليونا", "مليارا")

// Adverbs in -يا that are not relative adjectives of the counted noun.
var adverbs = foldSet("يوميا", "سنويا", "شهريا", "أسبوعيا", "حاليا", "تقريبا", "رسميا", "فعليا", "إضافيا", "نهائيا", "جزئيا", "كليا", "مبدئيا", "تدريجيا", "أساسيا", "عالميا", "محليا", "دوليا")

// Words after a unit that belong to it.
var unitQualifiers = foldSet("مربع", "مربعا", "مربعة", "مكعب", "مكعبا", "بحري", "بحريا")

// Scale plurals that are vague when they open a number (آلاف المتظاهرين).
var vagueScales = foldSet("آلاف", "ملايين", "مليارات")

// Words that make a lone number word a quantity only with company: واحد
// and اثنين alone are mostly not figures (في آن واحد).
var weakAlone = foldSet("واحد", "واحدة", "أحد", "إحدى", "اثنين", "اثنان", "اثنتين", "اثنتان", "عشر", "ست", "سبع", "خمس", "ربع", "ثلث", "اثنا", "اثني", "اثنتا", "اثنتي")

// Approximation phrases before a number, longest first.
var approxPhrases = func() [][]string {
	var out [][]string
	for _, p := range []string{
		"ما لا يقل عن", "ما لا يقل على", "ما يزيد على", "ما يزيد عن", "ما يقرب من", "ما يقارب",
		"أكثر من", "أقل من", "أزيد من", "نحوا من", "قرابة", "حوالي", "حوالى", "نحو", "زهاء",
		"يقارب", "يناهز", "ما يناهز", "قرابه", "تقريبا",
	} {
		out = append(out, strings.Fields(fold(p)))
	}
	return out
}()

var approxAfter = foldSet("تقريبا", "تقريباً")

// Percent words.
var (
	percentSigns = map[string]bool{"%": true, "٪": true}
	percentIn    = foldSet("في", "فى")
	percentHund  = foldSet("المئة", "المائة", "المئه", "المائه")
	percentBi    = foldSet("بالمئة", "بالمائة", "بالمئه", "بالمائه")
)

// unitForms maps folded written forms of currencies and units to their
// normalised name.
var currencies = formMap(map[string]string{
	"دولار":    "دولار دولارا دولارات",
	"يورو":     "يورو",
	"جنيه":     "جنيه جنيها جنيهات",
	"دينار":    "دينار دينارا دنانير",
	"ريال":     "ريال ريالا ريالات",
	"درهم":     "درهم درهما دراهم",
	"ليرة":     "ليرة ليرات",
	"شيكل":     "شيكل شيكلا شواكل",
	"روبل":     "روبل روبلا روبلات",
	"يوان":     "يوان",
	"ين":       "ين",
	"فرنك":     "فرنك فرنكا فرنكات",
	"روبية":    "روبية روبيات",
	"إسترليني": "إسترليني استرليني",
	"تومان":    "تومان",
	"بيزو":     "بيزو",
})

var units = formMap(map[string]string{
	"كيلومتر":  "كيلومتر كيلومترا كيلومترات كلم كم",
	"متر":      "متر مترا أمتار",
	"سنتيمتر":  "سنتيمتر سنتيمترا سنتيمترات سم",
	"ميل":      "ميل ميلا أميال",
	"طن":       "طن طنا أطنان",
	"كيلوغرام": "كيلوغرام كيلوغراما كيلوغرامات كيلوجرام كيلوجراما كغ كلغ كيلو",
	"غرام":     "غرام غراما غرامات جرام جراما",
	"لتر":      "لتر لترا لترات",
	"برميل":    "برميل برميلا براميل",
	"ميغاواط":  "ميغاواط ميجاوات ميغاوات ميغاوط ميجاواط",
	"كيلوواط":  "كيلوواط كيلووات",
	"غيغاواط":  "غيغاواط جيجاوات",
	"هكتار":    "هكتار هكتارا هكتارات",
	"دونم":     "دونم دونما دونمات",
	"فدان":     "فدان فدانا أفدنة",
	"قدم":      "قدم أقدام",
	"درجة":     "درجة درجات",
	"كيلوبايت": "كيلوبايت",
	"ميغابايت": "ميغابايت",
	"غيغابايت": "غيغابايت",
})

// countedNouns maps written forms of nouns news counts to a singular.
var countedNouns = formMap(map[string]string{
	"جندي":   "جندي جنديا جنود جنديين جنديان",
	"قتيل":   "قتيل قتيلا قتلى",
	"شخص":    "شخص شخصا أشخاص",
	"مدني":   "مدني مدنيا مدنيين مدنيون",
	"لاجئ":   "لاجئ لاجئا لاجئين لاجئون",
	"صاروخ":  "صاروخ صاروخا صواريخ",
	"طائرة":  "طائرة طائرات",
	"جريح":   "جريح جريحا جرحى",
	"مصاب":   "مصاب مصابا مصابين مصابون",
	"طفل":    "طفل طفلا أطفال",
	"امرأة":  "امرأة نساء سيدة سيدات",
	"رجل":    "رجل رجلا رجال",
	"مواطن":  "مواطن مواطنا مواطنين مواطنون",
	"عامل":   "عامل عاملا عمال",
	"منزل":   "منزل منزلا منازل",
	"مبنى":   "مبنى مباني",
	"دبابة":  "دبابة دبابات",
	"سيارة":  "سيارة سيارات",
	"قرية":   "قرية قرى",
	"مسلح":   "مسلح مسلحا مسلحين مسلحون",
	"معتقل":  "معتقل معتقلا معتقلين",
	"أسير":   "أسير أسيرا أسرى",
	"سجين":   "سجين سجينا سجناء",
	"حالة":   "حالة حالات",
	"وفاة":   "وفاة وفيات",
	"إصابة":  "إصابة إصابات",
	"مقعد":   "مقعد مقعدا مقاعد",
	"صوت":    "صوت صوتا أصوات",
	"دولة":   "دولة دول",
	"نازح":   "نازح نازحا نازحين",
	"مهاجر":  "مهاجر مهاجرا مهاجرين",
	"طالب":   "طالب طالبا طلاب",
	"موظف":   "موظف موظفا موظفين",
	"ضابط":   "ضابط ضابطا ضباط",
	"عنصر":   "عنصر عنصرا عناصر",
	"مقاتل":  "مقاتل مقاتلا مقاتلين",
	"غارة":   "غارة غارات",
	"هجوم":   "هجوم هجوما هجمات",
	"سفينة":  "سفينة سفن",
	"شاحنة":  "شاحنة شاحنات",
	"مستشفى": "مستشفى مستشفيات",
	"مدرسة":  "مدرسة مدارس",
	"موقع":   "موقع موقعا مواقع",
	"سهم":    "سهم سهما أسهم",
	"مرة":    "مرة مرات",
	"قذيفة":  "قذيفة قذائف",
	"مسؤول":  "مسؤول مسؤولا مسؤولين",
	"محتجز":  "محتجز محتجزا محتجزين",
	"متظاهر": "متظاهر متظاهرا متظاهرين",
	"ناخب":   "ناخب ناخبا ناخبين",
	"نائب":   "نائب نائبا نواب",
	"وزير":   "وزير وزيرا وزراء",
	"كلمة":   "كلمة كلمات",
	"عائلة":  "عائلة عائلات أسرة أسر",
	"حادث":   "حادث حادثا حوادث",
	"عضو":    "عضو عضوا أعضاء",
	"زائر":   "زائر زائرا زوار",
	"متهم":   "متهم متهما متهمين",
	"صحفي":   "صحفي صحفيا صحفيين صحافي صحافيا صحافيين",
	"نسمة":   "نسمة",
	"جرعة":   "جرعة جرعات",
	"ساكن":   "ساكن سكان",
	"لاعب":   "لاعب لاعبا لاعبين",
	"جثة":    "جثة جثث",
})

func formMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for canon, forms := range m {
		for _, w := range strings.Fields(forms) {
			out[fold(w)] = canon
		}
	}
	return out
}

// timeUnits are the singular units of time (folded), which a fraction may
// follow without a number (ساعة ونصف). Spans that package timex reads as
// durations are skipped before quantities are read; these serve text read
// without them.
var timeUnits = foldSet("ساعة", "يوم", "أسبوع", "شهر", "عام", "سنة", "دقيقة")

// Words before a number that make it a reference, not a quantity.
var referenceCues = foldSet("رقم", "القرار", "قرار", "المادة", "مادة", "الفقرة", "البند", "الفصل",
	"الطريق", "الصفحة", "صفحة", "الجزء", "الإصدار", "النسخة", "الغرفة", "الشقة", "الكيلو", "المبنى",
	"الهاتف", "هاتف", "الرقم", "ال", "كوفيد", "الدقيقة", "الشوط", "الجولة", "المرحلة", "الطابق", "العدد", "عدد", "الرتبة", "المرتبة", "المركز", "رتبة", "ص", "الدورة", "الحلقة", "الموسم", "الساعة", "رمز", "بند", "الآية", "سورة", "الرمز", "المجموعة", "الدائرة", "اللواء", "الفرقة")

// Reference cues that may also introduce a count (تخطى العدد 10 آلاف):
// the number is a reference only when nothing follows it.
var countCues = foldSet("العدد", "عدد")

// Words that never start a counted noun phrase.
var notCounted = foldSet("من", "في", "على", "إلى", "عن", "مع", "أو", "و", "ثم", "قبل", "بعد", "منذ", "حتى", "خلال",
	"إن", "أن", "التي", "الذي", "الذين", "هذا", "هذه", "كل", "بين", "لدى", "عند", "نحو")
