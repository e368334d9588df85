package timex

import (
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
)

// The word lists below are written as a reader writes them and keyed by
// their arabic.Fold form, so أبريل, ابريل and إبريل all meet.

// vocab holds every folded word any matcher can start with or look at:
// a token outside it (and not a number) cannot open an expression, which
// spares most tokens the matchers. Only package initialisation writes it.
var vocab = map[string]bool{}

// word folds w and records it in vocab; call it only at initialisation.
func word(w string) string {
	f := arabic.Fold(w)
	vocab[f] = true
	return f
}

// foldSet builds a set of folded words.
func foldSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[word(w)] = true
	}
	return m
}

// foldMap builds a folded word → value map from "word:value" groups.
func foldMap(groups map[int]string) map[string]int {
	m := map[string]int{}
	for v, ws := range groups {
		for _, w := range strings.Fields(ws) {
			m[word(w)] = v
		}
	}
	return m
}

// Gregorian month names written as one word: the Egyptian/Gulf set, the
// Levantine set and the Maghrebi forms.
var monthWords = foldMap(map[int]string{
	1:  "يناير جانفي",
	2:  "فبراير فيفري شباط",
	3:  "مارس آذار",
	4:  "أبريل إبريل ابريل أفريل نيسان",
	5:  "مايو ماي أيار",
	6:  "يونيو يونيه جوان حزيران",
	7:  "يوليو يوليه جويلية يوليوز تموز",
	8:  "أغسطس اغسطس أوت غشت آب",
	9:  "سبتمبر شتنبر أيلول",
	10: "أكتوبر",
	11: "نوفمبر نونبر",
	12: "ديسمبر دجنبر",
})

// Two-word Levantine months: كانون/تشرين followed by الأول/الثاني.
var (
	kanun      = word("كانون")
	tishrin    = word("تشرين")
	tishrin2   = word("تشرن") // a frequent misspelling
	firstWords = foldSet("الأول", "الاول", "أول", "اول")
	secondWord = foldSet("الثاني", "ثاني")
)

// ambiguousMonths are month names that are also common words (مارس "he
// practised", نيسان the car maker, آب, ماي): alone they need a cue.
var ambiguousMonths = foldSet("مارس", "نيسان", "آب", "ماي", "جوان", "أوت")

// Hijri months; two-word names are matched by their first word and the
// qualifiers that may follow it.
var hijriOne = foldMap(map[int]string{
	1: "محرم", 2: "صفر", 7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال",
})

var hijriTwo = map[string]map[string]int{
	word("ربيع"):  foldMap(map[int]string{3: "الأول الاول", 4: "الثاني الآخر الاخر"}),
	word("جمادى"): foldMap(map[int]string{5: "الأولى الأول الاولى", 6: "الآخرة الثانية الآخر الثاني الاخرة"}),
	word("ذو"):    foldMap(map[int]string{11: "القعدة", 12: "الحجة"}),
	word("ذي"):    foldMap(map[int]string{11: "القعدة", 12: "الحجة"}),
}

var hijriMarks = foldSet("هـ", "ه", "هجري", "هجرية", "للهجرة", "هجريا")

var weekdays = foldMap(map[int]string{
	0: "الأحد", 1: "الاثنين الإثنين", 2: "الثلاثاء", 3: "الأربعاء الاربعاء",
	4: "الخميس", 5: "الجمعة", 6: "السبت",
})

// Ordinal day words (masculine, as in السابع من أبريل).
var ordinalUnits = foldMap(map[int]string{
	1: "الأول الحادي", 2: "الثاني", 3: "الثالث", 4: "الرابع", 5: "الخامس",
	6: "السادس", 7: "السابع", 8: "الثامن", 9: "التاسع", 10: "العاشر",
})

var (
	ordTeen   = foldSet("عشر")
	ordTwenty = foldSet("العشرين", "والعشرين")
	ordThirty = foldSet("الثلاثين", "والثلاثين")
)

// Feminine ordinals for clock hours (الساعة العاشرة).
var hourWords = foldMap(map[int]string{
	1: "الواحدة الحادية", 2: "الثانية", 3: "الثالثة", 4: "الرابعة", 5: "الخامسة",
	6: "السادسة", 7: "السابعة", 8: "الثامنة", 9: "التاسعة", 10: "العاشرة",
})

// Small cardinals for counts of time units (قبل ثلاثة أيام).
var countWords = foldMap(map[int]string{
	1: "واحد واحدة", 2: "اثنين اثنان اثنتين اثنا اثني اثنتا اثنتي", 3: "ثلاثة ثلاث", 4: "أربعة أربع",
	5: "خمسة خمس", 6: "ستة ست", 7: "سبعة سبع", 8: "ثمانية ثماني ثمان", 9: "تسعة تسع",
	10: "عشرة عشر", 20: "عشرين عشرون", 30: "ثلاثين ثلاثون", 40: "أربعين أربعون",
	50: "خمسين خمسون", 60: "ستين ستون", 70: "سبعين سبعون", 80: "ثمانين ثمانون",
	90: "تسعين تسعون", 100: "مئة مائة", 200: "مئتي مائتي مئتين مائتين",
	300: "ثلاثمئة ثلاثمائة", 400: "أربعمئة أربعمائة", 500: "خمسمئة خمسمائة", 600: "ستمئة ستمائة",
	700: "سبعمئة سبعمائة", 800: "ثمانمئة ثمانمائة", 900: "تسعمئة تسعمائة",
})

// unit is a calendar or clock unit.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
	uHour
	uMinute
	uDecade
)

// unitWord is one written form of a unit: its count (1 singular, 2 dual,
// 0 plural that needs a count) .
type unitWord struct {
	u     unit
	count int
}

var unitWords = func() map[string]unitWord {
	m := map[string]unitWord{}
	add := func(u unit, count int, ws string) {
		for _, w := range strings.Fields(ws) {
			m[word(w)] = unitWord{u, count}
		}
	}
	add(uDay, 1, "يوم يوما")
	add(uDay, 2, "يومين يومان")
	add(uDay, 0, "أيام")
	add(uWeek, 1, "أسبوع أسبوعا")
	add(uWeek, 2, "أسبوعين أسبوعان")
	add(uWeek, 0, "أسابيع")
	add(uMonth, 1, "شهر شهرا")
	add(uMonth, 2, "شهرين شهران")
	add(uMonth, 0, "أشهر شهور")
	add(uYear, 1, "عام عاما سنة")
	add(uYear, 2, "عامين عامان سنتين سنتان")
	add(uYear, 0, "أعوام سنوات سنين")
	add(uHour, 1, "ساعة")
	add(uHour, 2, "ساعتين ساعتان")
	add(uHour, 0, "ساعات")
	add(uMinute, 1, "دقيقة")
	add(uMinute, 2, "دقيقتين دقيقتان")
	add(uMinute, 0, "دقائق")
	add(uDecade, 1, "عقد")
	add(uDecade, 2, "عقدين عقدان")
	add(uDecade, 0, "عقود")
	return m
}()

// Relative modifiers after a unit, month or weekday.
var (
	modPast    = foldSet("الماضي", "الماضية", "المنصرم", "المنصرمة", "السابق", "السابقة", "الفائت", "الفائتة")
	modNext    = foldSet("المقبل", "المقبلة", "القادم", "القادمة", "التالي")
	modCurrent = foldSet("الجاري", "الجارية", "الحالي", "الحالية")
	modRecent  = foldSet("الأخيرة", "الاخيرة", "الماضية", "القليلة")
)

// Words of the anchor's own day and its neighbours.
var (
	wToday      = word("اليوم")
	wYesterday  = word("أمس")
	wTomorrow   = foldSet("غدا", "غد", "الغد", "بكرة", "بكرا")
	wNight      = foldSet("الليلة")
	wDay        = foldSet("يوم")
	wDate       = foldSet("بتاريخ", "تاريخ", "الموافق")
	wMonth      = foldSet("شهر")
	wYearCue    = foldSet("عام", "العام", "سنة", "السنة", "عامي")
	wDual       = foldSet("عامي", "سنتي")
	wThis       = foldSet("هذا", "هذه")
	wFrom       = word("من")
	wTo         = foldSet("إلى", "الى", "حتى", "لغاية", "ولغاية", "وحتى")
	wBetween    = word("بين")
	wAnd        = word("و")
	wAgo        = foldSet("قبل", "منذ")
	wAfter      = word("بعد")
	wSince      = word("منذ")
	wHour       = foldSet("الساعة", "الساعه")
	wHalf       = foldSet("والنصف")
	wQuarter    = foldSet("والربع")
	wToQuarter  = foldSet("إلا", "الا")
	wQuarterAcc = foldSet("ربعا", "ربع")
	wThird      = foldSet("والثلث")
	// A fraction after a counted unit (ساعتين ونصف، ثلاثة أيام وربع), in
	// 12ths of the unit.
	wUnitFraction = map[string]int{word("ونصف"): 6, word("وربع"): 3, word("وثلث"): 4}
	wGregorian    = foldSet("م", "ميلادي", "ميلادية", "للميلاد")
	wTZ           = foldSet("بتوقيت", "بالتوقيت", "توقيت")
	wGMT          = foldSet("غرينتش", "غرينيتش", "جرينتش", "جرينيتش", "غرينيش")
	wApprox       = foldSet("نحو", "حوالي", "حوالى", "قرابة", "زهاء")
	wSome         = foldSet("بضعة", "بضع", "عدة")
)

// Parts of the day before a day word (صباح اليوم، مساء الاثنين).
var dayParts = foldSet("صباح", "مساء", "ظهر", "ظهيرة", "فجر", "عصر", "ليلة", "ليل", "منتصف", "صبيحة", "يوم")

// Parts of the day that put a clock time after noon (الثامنة من مساء أمس).
var pmParts = foldSet("مساء", "ليلة", "ليل", "عصر", "ظهر", "ظهيرة")

// Period words after a clock time and the hour shift they imply.
var periodWords = map[string]int{
	word("صباحا"): -1, word("صباح"): -1, word("فجرا"): -1,
	word("ظهرا"): 12, word("عصرا"): 12, word("مساء"): 12,
	word("مساءً"): 12, word("ليلا"): 12,
}

// Parts of a period before a month or year (مطلع 2019، نهاية الشهر).
var periodParts = foldSet("مطلع", "بداية", "نهاية", "أواخر", "أوائل", "منتصف", "أواسط", "مستهل", "ختام")

// Cues that make a bare four-digit number a year.
var yearCues = foldSet("في", "منذ", "حتى", "قبل", "بعد", "خلال", "مطلع", "بداية", "نهاية",
	"أواخر", "أوائل", "منتصف", "صيف", "شتاء", "ربيع", "خريف", "أواسط", "ومنذ", "وفي", "وحتى", "لعام", "ولعام",
	// events named by their year (حرب 1948، انتخابات 2020، رؤية 2030)
	"حرب", "انتخابات", "الانتخابات", "ثورة", "أحداث", "نكبة", "نكسة", "انتفاضة", "الأولى", "الثانية", "دستور",
	"موازنة", "ميزانية", "مونديال", "كأس", "أولمبياد", "تعداد", "رؤية", "خطة", "استراتيجية", "أجندة", "موسم", "دورة")

// Cues that make an ambiguous month name (مارس) a month.
var monthCues = foldSet("في", "منذ", "حتى", "خلال", "مطلع", "بداية", "نهاية", "أواخر", "أوائل",
	"منتصف", "أواسط", "شهر", "وفي", "ومنذ", "وحتى", "بحلول", "قبل", "بعد", "من")

// Vague plurals after منذ (منذ أسابيع) and in "الأيام الأخيرة".
var vaguePlurals = foldSet("أيام", "أسابيع", "أشهر", "شهور", "سنوات", "أعوام", "سنين", "عقود",
	"الأيام", "الأسابيع", "الأشهر", "الشهور", "السنوات", "الأعوام", "العقود", "فترة", "مدة", "زمن", "ساعات", "الساعات")

// Duration cues: the preposition is not part of the span.
var durationCues = foldSet("لمدة", "مدة", "خلال", "طوال", "طيلة", "لفترة")

// Single words the matchers compare against.
var (
	wAwwal     = word("أول")
	wNow       = word("الآن")
	wHadi      = word("الحادي")
	wFew       = word("القليلة")
	wLocal     = word("المحلي")
	wMukarrama = word("المكرمة")
	wSharp     = word("تمام")
	wAshr      = word("عشر")
	wAshra     = word("عشرة")
	wOn        = word("على")
	wGhad      = word("غد")
	wGhadan    = word("غدا")
	wBoth      = word("كلا")
	wAtNight   = word("ليلا")
	wMadar     = word("مدار")
	wMada      = word("مدى")
	wTogether  = word("معا")
)
