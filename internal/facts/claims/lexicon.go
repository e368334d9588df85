package claims

import "strings"

// The word lists below are in folded form (arabic.Fold: أ إ آ → ا, ى → ي,
// ة → ه, ؤ → و, ئ → ي, harakat and tatweel removed), so one entry covers the
// spellings a journalist may use.

// verbCues maps every inflection of an attribution verb we read (past and
// present, masculine and feminine, singular, dual and plural) to the verb's
// dictionary form. و/ف before a form is stripped before the look-up.
var verbCues = buildForms(map[string]string{
	"قال":   "قال قالت قالوا قالا قالتا يقول تقول يقولون",
	"أفاد":  "افاد افادت افادوا يفيد تفيد يفيدون",
	"أعلن":  "اعلن اعلنت اعلنوا يعلن تعلن يعلنون",
	"أكد":   "اكد اكدت اكدوا يوكد توكد يوكدون",
	"أوضح":  "اوضح اوضحت اوضحوا يوضح توضح",
	"أضاف":  "اضاف اضافت اضافوا يضيف تضيف",
	"ذكر":   "ذكر ذكرت ذكروا يذكر تذكر",
	"صرح":   "صرح صرحت صرحوا يصرح تصرح",
	"أشار":  "اشار اشارت اشاروا يشير تشير",
	"لفت":   "لفت لفتت",
	"شدد":   "شدد شددت شددوا يشدد تشدد",
	"نفى":   "نفي نفت نفوا ينفي تنفي",
	"حذر":   "حذر حذرت حذروا يحذر تحذر",
	"اعتبر": "اعتبر اعتبرت اعتبروا يعتبر تعتبر",
	"رأى":   "راي رات راوا يري تري يرون",
	"كشف":   "كشف كشفت كشفوا يكشف تكشف",
	"تابع":  "تابع تابعت",
	"أردف":  "اردف اردفت",
	"زعم":   "زعم زعمت زعموا يزعم تزعم",
	"أبلغ":  "ابلغ ابلغت",
	"أقر":   "اقر اقرت",
	"قدر":   "قدرت",
	"وصف":   "وصف وصفت وصفوا يصف تصف",
})

// objectVerbs take the thing described before بأن (وصفت إيران الجولة
// بأنها بناءة): their subject is one name, not the words up to بأن.
var objectVerbs = set("وصف")

// participleCues are the circumstantial participles that add a second claim
// of the speaker already named (…، مضيفا أن …), mapped to their verb.
var participleCues = buildForms(map[string]string{
	"أضاف":   "مضيفا مضيفه مضيفين",
	"أكد":    "موكدا موكده موكدين",
	"أوضح":   "موضحا موضحه",
	"أشار":   "مشيرا مشيره",
	"لفت":    "لافتا لافته",
	"شدد":    "مشددا مشدده",
	"اعتبر":  "معتبرا معتبره",
	"حذر":    "محذرا محذره",
	"قال":    "قايلا قايله",
	"تابع":   "متابعا متابعه",
	"نفى":    "نافيا نافيه",
	"كشف":    "كاشفا كاشفه",
	"توقع":   "متوقعا متوقعه",
	"رجح":    "مرجحا مرجحه",
	"ذكر":    "مذكرا مذكره",
	"بين":    "مبينا مبينه",
	"نوه":    "منوها منوهه",
	"أعلن":   "معلنا معلنه",
	"استدرك": "مستدركا مستدركه",
	"لمح":    "ملمحا ملمحه",
})

// agentVerbs are verbs whose subject, named right after them, is the
// speaker a later pronoun cue of the sentence refers to (رحبت منظمات
// الإغاثة بالاتفاق، وقالت إنها …).
var agentVerbs = set(`رحب رحبت يرحب ترحب حذر حذرت يحذر تحذر دعا دعت يدعو تدعو طالب طالبت يطالب تطالب
انتقد انتقدت ينتقد تنتقد ندد نددت يندد تندد ادان ادانت يدين تدين رفض رفضت يرفض ترفض
اتهم اتهمت يتهم تتهم وافق وافقت يوافق توافق اعترض اعترضت هدد هددت يهدد تهدد`)

// relatives are relative pronouns: a subject that only points back.
var relatives = set("التي الذي الذين اللذين اللتين اللواتي اللاتي")

// contentStops are participles that end a claim's content without starting
// a claim of their own (…، داعيا الأحزاب إلى …).
var contentStops = set("داعيا داعيه مطالبا مطالبه معربا معربه متهما متهمه")

// clauseBreaks, after a comma, open a clause that is the writer's, not
// the speaker's (…، فيما قال …، من دون أن يوضح …).
var clauseBreaks = set("فيما بينما وسط دون كما وكما حين")

// clauseBreaks2 are two-word clause openers, as "word word".
var clauseBreaks2 = set2("من دون|في حين|في وقت|في اشاره")

// documentNouns, as the object of بحسب, name a document: the medium of
// the claim, not its speaker (بحسب مسودة اطلع عليها …، وفقا لتقرير …).
var documentNouns = set("مسوده مسودات وثيقه وثايق تقرير تقارير مذكره رساله محضر نسخه تسريبات مراسلات")

// documentAdjectives may follow a document noun (تقرير سري، وثيقة مسربة).
var documentAdjectives = set("سري سريه مسرب مسربه داخلي داخليه رسمي رسميه جديد جديده حديث حديثه اولي اوليه")

// readVerbs, after a document, say an outlet read or obtained it (مسودة
// اطلع عليها "المدار"، وثيقة حصلت عليها الوكالة): the outlet is no speaker.
var readVerbs = set(`اطلع اطلعت اطلعوا حصل حصلت حصلوا نشر نشرت نشرته نشرتها تلقي تلقت تلقاها اطلعت
اوردته اوردتها اوردت راي رات عاين عاينت كشفت كشف كشفته كشفتها سربت سربها`)

// prepCues are the one-word prepositional cues whose object is the speaker.
var prepCues = set("بحسب حسب وفق وفقا طبقا حسبما نقلا")

// anonymousHeads are the nouns that describe a speaker without naming him;
// a speaker whose head is one of them is anonymous unless a person entity
// sits inside it. Definite forms are looked up without ال.
var anonymousHeads = set(`مصدر مصادر مسوول مسوولون مسوولين مسوولان مسوولا مسوولو مسووله مسوولات
دبلوماسي دبلوماسيون دبلوماسيين دبلوماسيان شهود شاهد شاهده مراقبون مراقبين مطلعون مطلعين
مقربون مقربين اوساط محللون محللين خبراء خبير ناشطون ناشطين ناشط سكان مسعفون مسعفين
مندوب مصدران جهات عاملون عاملين موظفون موظفين ضابط ضباط دول منظمات جمعيات نشطاء ناشطات
اطباء مسعفين مزارعون مزارعين تجار متظاهرون متظاهرين اخرون اخرين اقتصاديون اقتصاديين
مشرعون مشرعين نواب نوابا`)

// quantifiers may precede an anonymous head (3 مسؤولين، أحد المسؤولين).
var quantifiers = set("احد احدي عدد من بعض ثلاثه اربعه خمسه اثنان اثنين عده كبار")

// timeWords end a speaker: a day or time adverb follows the subject
// (أعلنت الوزارة الثلاثاء أن …).
var timeWords = set(`الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت اليوم امس مساء صباح
ظهر ليل فجر الليله اول مساء`)

// stopPreps end a speaker when they open an adverbial (خلال المؤتمر،
// عقب المباراة) rather than continue a title (السفير في العراق).
var stopPreps = set("خلال عقب اثناء لدي امام بعد قبل الي الا حيث عبر")

// mediumNouns open the segment that names where a claim was made.
var mediumNouns = set(`بيان بيانا تصريح تصريحات تصريحا مقابله حديث كلمه مؤتمر موتمر تغريده منشور
رساله خطاب ايجاز لقاء اتصال مداخله بث مقال تدوينه افاده جلسه`)

// occasionNouns after في/خلال end a speaker: the occasion, not part of
// the name (قال الوزير في ختام الاجتماع).
var occasionNouns = set(`ختام نهايه مستهل بدايه افتتاح اجتماع جلسه زياره اتصال لقاء مناسبه حفل ندوه
منتدي قمه مراسم اعقاب اطار معرض رده ردها تعليق تعليقه`)

// mediaOutlets, with a ل prefix, name the outlet a statement was given to.
var mediaOutlets = set("صحيفه جريده وكاله قناه موقع اذاعه تلفزيون محطه مجله شبكه")

// audience words after the speaker say to whom, not where (للصحفيين).
var audience = set("للصحفيين للصحافيين للصحافه لوسايل للاعلام للمراسلين للحاضرين")

// thenWords open the content after a clause-initial بحسب (وبحسب المصدر، فإن …).
var thenWords = set("فان فانه فانها فانهم ف")

// clauseOpeners start a new clause before an SVO subject.
var clauseOpeners = set("فيما بينما كما حين حيث وفيما وبينما وكما لكن ولكن غير")

// marker reports whether a folded token introduces reported content:
// إن، أن، بأن with an optional pronoun (إنه، أنها، بأنهم).
func marker(f string) bool {
	rest, ok := strings.CutPrefix(f, "ان")
	if !ok {
		rest, ok = strings.CutPrefix(f, "بان")
	}
	if !ok {
		rest, ok = strings.CutPrefix(f, "لان")
		if !ok || rest == "" {
			return false
		}
	}
	switch rest {
	case "", "ه", "ها", "هم", "هما", "هن", "ني", "نا", "ك", "كم":
		return true
	}
	return false
}

func buildForms(m map[string]string) map[string]string {
	out := make(map[string]string)
	for lemma, forms := range m {
		for _, f := range strings.Fields(forms) {
			out[f] = lemma
		}
	}
	return out
}

func set2(phrases string) map[string]bool {
	out := make(map[string]bool)
	for _, p := range strings.Split(phrases, "|") {
		out[p] = true
	}
	return out
}

func set(words string) map[string]bool {
	out := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

// stripConj removes a leading و or ف conjunction when what is left is a
// word of lex (وقال → قال, فأكد → اكد).
func stripConj[V any](f string, lex map[string]V) (string, bool) {
	if _, ok := lex[f]; ok {
		return f, true
	}
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			if _, ok := lex[rest]; ok {
				return rest, true
			}
		}
	}
	return f, false
}

// withoutArticle drops ال (and a conjunction before it) from a folded word.
func withoutArticle(f string) string {
	for _, p := range []string{"وال", "فال", "ال"} {
		if rest, ok := strings.CutPrefix(f, p); ok && len(rest) >= 4 {
			return rest
		}
	}
	return f
}
