package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Paragraphs shared by the cases: ordinary body text that no rule may touch.
const (
	para1 = "أعلنت الحكومة اليوم خطة جديدة لدعم الأسر محدودة الدخل تشمل زيادة المعاشات ورفع حد الإعفاء الضريبي."
	para2 = "وقال وزير المالية إن تكلفة الخطة تبلغ نحو 180 مليار جنيه سيتم تمويلها من وفورات خفض دعم الوقود."
	para3 = "ولم يعلق صندوق النقد الدولي على الخطة حتى الآن."
)

type ruleCase struct {
	name  string
	title string
	body  string
	want  Result
}

// lines joins body lines the way a scraper saves them.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

func ps(ls ...string) []string {
	if ls == nil {
		return []string{}
	}
	return ls
}

func rm(pairs ...string) []Removed {
	out := []Removed{}
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Removed{Reason: pairs[i], Text: pairs[i+1]})
	}
	return out
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Article(tc.title, tc.body)
			want := tc.want
			for _, s := range []*[]string{&want.Paragraphs, &want.Captions, &want.Credits} {
				if *s == nil {
					*s = []string{}
				}
			}
			if want.Removed == nil {
				want.Removed = []Removed{}
			}
			want.Removed = append([]Removed{}, want.Removed...)
			for i := range want.Removed {
				want.Removed[i].Kind = KindOf(want.Removed[i].Reason) // the one table says it
			}
			opt := cmpopts.IgnoreFields(Result{}, "Title", "Body")
			if diff := cmp.Diff(want, got, opt); diff != "" {
				t.Errorf("Article mismatch (-want +got):\n%s", diff)
			}
			if wantBody := strings.Join(got.Paragraphs, "\n\n"); got.Body != wantBody {
				t.Errorf("Body = %q, want the paragraphs joined: %q", got.Body, wantBody)
			}
		})
	}
}

func TestPunctuationOnly(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name: "icon debris",
			body: lines(para1, "?", "؟", "...", "-", "|", "•", "🔴", para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonPunctuationOnly, "?", ReasonPunctuationOnly, "؟", ReasonPunctuationOnly, "...",
					ReasonPunctuationOnly, "-", ReasonPunctuationOnly, "|", ReasonPunctuationOnly, "•", ReasonPunctuationOnly, "🔴"),
			},
		},
		{
			name: "keeps a line holding a number",
			body: lines(para1, "2024", para2),
			want: Result{Paragraphs: ps(para1, "2024", para2)},
		},
		{
			name: "keeps a short sentence with a question mark",
			body: lines(para1, "لماذا؟", para2),
			want: Result{Paragraphs: ps(para1, "لماذا؟", para2)},
		},
	})
}

func TestTeaserLabel(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name: "labels alone with marks and spelling variants",
			body: lines(para1, "اقرأ أيضاً:", "إعلان", "موضوع يهمك ?", "تابعونا على", "اقرا ايضا", para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonTeaserLabel, "اقرأ أيضاً:", ReasonTeaserLabel, "إعلان", ReasonTeaserLabel, "موضوع يهمك ?",
					ReasonTeaserLabel, "تابعونا على", ReasonTeaserLabel, "اقرا ايضا"),
			},
		},
		{
			name: "label takes the related headline printed twice",
			body: lines(para1, "اقرأ أيضا", "الحكومة تدرس خطة لدعم الأسر", "الحكومة تدرس خطة لدعم الأسر", para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonTeaserLabel, "اقرأ أيضا", ReasonRelatedHeadline, "الحكومة تدرس خطة لدعم الأسر",
					ReasonRelatedHeadline, "الحكومة تدرس خطة لدعم الأسر"),
			},
		},
		{
			name: "single label takes one headline, not the crosshead after it",
			body: lines(para1, "اقرأ أيضا", "الحكومة تدرس خطة لدعم الأسر", "تفاصيل الخطة", para2),
			want: Result{
				Paragraphs: ps(para1, "تفاصيل الخطة", para2),
				Removed:    rm(ReasonTeaserLabel, "اقرأ أيضا", ReasonRelatedHeadline, "الحكومة تدرس خطة لدعم الأسر"),
			},
		},
		{
			name: "question headline printed twice",
			body: lines(para1, "اقرأ أيضا", "هل تنجح الحكومة في خفض التضخم؟", "هل تنجح الحكومة في خفض التضخم؟", para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonTeaserLabel, "اقرأ أيضا", ReasonRelatedHeadline, "هل تنجح الحكومة في خفض التضخم؟",
					ReasonRelatedHeadline, "هل تنجح الحكومة في خفض التضخم؟"),
			},
		},
		{
			name: "keeps a lone question after a label",
			body: lines(para1, "اقرأ أيضا", "لماذا تأخر القرار؟", para2),
			want: Result{
				Paragraphs: ps(para1, "لماذا تأخر القرار؟", para2),
				Removed:    rm(ReasonTeaserLabel, "اقرأ أيضا"),
			},
		},
		{
			name: "keeps a short paragraph opening with a connective after a label",
			body: lines(para1, "اقرأ أيضا", "وقال: \"سنواصل العمل حتى...\"", para2),
			want: Result{
				Paragraphs: ps(para1, "وقال: \"سنواصل العمل حتى...\"", para2),
				Removed:    rm(ReasonTeaserLabel, "اقرأ أيضا"),
			},
		},
		{
			name: "list label takes several headlines",
			body: lines(para1, "الأكثر قراءة", "أسعار الذهب اليوم", "موعد صرف المعاشات", "نتيجة الثانوية العامة"),
			want: Result{
				Paragraphs: ps(para1),
				Removed: rm(ReasonTeaserLabel, "الأكثر قراءة", ReasonRelatedHeadline, "أسعار الذهب اليوم",
					ReasonRelatedHeadline, "موعد صرف المعاشات", ReasonRelatedHeadline, "نتيجة الثانوية العامة"),
			},
		},
		{
			name: "label does not take a real paragraph",
			body: lines(para1, "اقرأ أيضا", para2, para3),
			want: Result{
				Paragraphs: ps(para1, para2, para3),
				Removed:    rm(ReasonTeaserLabel, "اقرأ أيضا"),
			},
		},
		{
			name: "inline label with headline",
			body: lines(para1, "اقرأ أيضاً: الأرصاد تكشف موعد انتهاء موجة البرد", para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed:    rm(ReasonTeaserLabel, "اقرأ أيضاً: الأرصاد تكشف موعد انتهاء موجة البرد"),
			},
		},
		{
			name: "keeps a sentence that mentions the label",
			body: lines(para1, "وكتب أحد المرشحين على حسابه: \"اقرأ أيضا ما نشرناه أمس عن المخالفات قبل أن تحكموا\".", "اقرأ أيضا ما كتبه الوزير في مذكراته عن تلك المرحلة، وستجد أن الرواية مختلفة تماما.", para2),
			want: Result{
				Paragraphs: ps(para1, "وكتب أحد المرشحين على حسابه: \"اقرأ أيضا ما نشرناه أمس عن المخالفات قبل أن تحكموا\".",
					"اقرأ أيضا ما كتبه الوزير في مذكراته عن تلك المرحلة، وستجد أن الرواية مختلفة تماما.", para2),
			},
		},
		{
			name: "label at the start of a real sentence after a colon is kept",
			body: lines("اقرأ أيضا: قال الوزير إن الحكومة لن تتراجع عن قرارها مهما كانت الضغوط الخارجية والداخلية التي تتعرض لها في هذه المرحلة الصعبة."),
			want: Result{Paragraphs: ps("اقرأ أيضا: قال الوزير إن الحكومة لن تتراجع عن قرارها مهما كانت الضغوط الخارجية والداخلية التي تتعرض لها في هذه المرحلة الصعبة.")},
		},
		{
			name: "share buttons",
			body: lines(para1, "شارك", "فيسبوك | تويتر | واتساب"),
			want: Result{
				Paragraphs: ps(para1),
				Removed:    rm(ReasonTeaserLabel, "شارك", ReasonShareLinks, "فيسبوك | تويتر | واتساب"),
			},
		},
	})
}

const (
	teaser   = "قال وزير المالية إن الحكومة تدرس خطة جديدة لدعم الأسر محدودة الدخل في ظل…"
	headline = "الحكومة تدرس خطة لدعم الأسر"
)

func TestTruncatedTeaser(t *testing.T) {
	trailing := "وكان الفريق قد عانى في بداية الموسم من سلسلة إصابات، وتأخر بفارق سبع نقاط عن المتصدر، قبل أن يحقق 15 انتصارا متتاليا غيرت شكل المنافسة تماما، وسط تساؤلات عن قدرته على الاستمرار..."
	quote := "وقال المدرب في المؤتمر الصحفي: \"اللاعبون قدموا موسما استثنائيا، وهذا اللقب هدية للجماهير...\" ثم غادر القاعة دون أن يجيب عن الأسئلة."
	runCases(t, []ruleCase{
		{
			name: "teaser then headline printed twice",
			body: lines(para1, teaser, headline, headline, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonTruncatedTeaser, teaser, ReasonRelatedHeadline, headline,
					ReasonRelatedHeadline, headline),
			},
		},
		{
			name: "teaser then headline glued twice",
			body: lines(para1, teaser, headline+headline, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed:    rm(ReasonTruncatedTeaser, teaser, ReasonRelatedHeadline, headline+headline),
			},
		},
		{
			name: "three dots and a glued copy with a space",
			body: lines(para1, strings.TrimSuffix(teaser, "…")+"...", headline+" "+headline, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed:    rm(ReasonTruncatedTeaser, strings.TrimSuffix(teaser, "…")+"...", ReasonRelatedHeadline, headline+" "+headline),
			},
		},
		{
			name: "short teaser and a headline sharing its words, printed once",
			body: lines(para1, teaser, headline, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed:    rm(ReasonTruncatedTeaser, teaser, ReasonRelatedHeadline, headline),
			},
		},
		{
			name: "keeps a paragraph that trails off before a normal paragraph",
			body: lines(para1, trailing, para2),
			want: Result{Paragraphs: ps(para1, trailing, para2)},
		},
		{
			name: "keeps a short paragraph ending in dots before a normal paragraph",
			body: lines(para1, "والقصة لم تنته بعد...", para2),
			want: Result{Paragraphs: ps(para1, "والقصة لم تنته بعد...", para2)},
		},
		{
			name: "keeps a quote ending in dots inside a long paragraph",
			body: lines(para1, quote, headline, para2),
			want: Result{Paragraphs: ps(para1, quote, headline, para2)},
		},
		{
			name: "keeps a trailing-off paragraph followed by an unrelated crosshead",
			body: lines(para1, trailing, "ردود الفعل", para2),
			want: Result{Paragraphs: ps(para1, trailing, "ردود الفعل", para2)},
		},
		{
			name: "keeps a continuing paragraph that trails off before a crosshead sharing its words",
			body: lines(para1, "وتساءل المواطنون عن مصير الدعم الحكومي بعد القرار...", "مصير الدعم الحكومي", para2),
			want: Result{Paragraphs: ps(para1, "وتساءل المواطنون عن مصير الدعم الحكومي بعد القرار...", "مصير الدعم الحكومي", para2)},
		},
		{
			name: "a continuing-looking teaser still goes when its headline is printed twice",
			body: lines(para1, "وقال الوزير إن الحكومة تدرس خطة جديدة لدعم الأسر…", headline, headline, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed: rm(ReasonTruncatedTeaser, "وقال الوزير إن الحكومة تدرس خطة جديدة لدعم الأسر…",
					ReasonRelatedHeadline, headline, ReasonRelatedHeadline, headline),
			},
		},
		{
			name: "keeps a final paragraph ending in dots",
			body: lines(para1, "والقصة لم تنته بعد..."),
			want: Result{Paragraphs: ps(para1, "والقصة لم تنته بعد...")},
		},
	})
}

func TestRepeated(t *testing.T) {
	title := "الحكومة تعلن خطة جديدة لدعم الأسر"
	runCases(t, []ruleCase{
		{
			name:  "title as first line",
			title: title,
			body:  lines(title, para1, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Removed:    rm(ReasonRepeatedTitle, title),
			},
		},
		{
			name:  "title with other spacing and tatweel",
			title: title,
			body:  lines("  الحكومة  تعلـــن خطة جديدة لدعم الأسر ", para1),
			want: Result{
				Paragraphs: ps(para1),
				Removed:    rm(ReasonRepeatedTitle, "الحكومة تعلـــن خطة جديدة لدعم الأسر"),
			},
		},
		{
			name:  "keeps the title's words later in the body",
			title: title,
			body:  lines(para1, title, para2),
			want:  Result{Paragraphs: ps(para1, title, para2)},
		},
		{
			name: "paragraph repeated with whitespace and harakat differences",
			body: lines(para1, para2, "", "وَقالَ  وزير المالية إن تكلفة الخطة تبلغ نحو 180 مليار جنيه سيتم تمويلها من وفورات خفض دعم الوقود.", para3),
			want: Result{
				Paragraphs: ps(para1, para2, para3),
				Removed:    rm(ReasonRepeatedParagraph, "وَقالَ وزير المالية إن تكلفة الخطة تبلغ نحو 180 مليار جنيه سيتم تمويلها من وفورات خفض دعم الوقود."),
			},
		},
		{
			name: "sentence glued twice on one line is kept once",
			body: lines(para3 + para3),
			want: Result{
				Paragraphs: ps(para3),
				Removed:    rm(ReasonRepeatedParagraph, para3),
			},
		},
		{
			name: "keeps paragraphs that differ in one letter",
			body: lines(para3, "ولم يعلق صندوق النقد العربي على الخطة حتى الآن."),
			want: Result{Paragraphs: ps(para3, "ولم يعلق صندوق النقد العربي على الخطة حتى الآن.")},
		},
	})
}

func TestCaption(t *testing.T) {
	glued := "رجال الإنقاذ يبحثون عن ناجين تحت الأنقاض (فرانس برس)"
	runCases(t, []ruleCase{
		{
			name: "glued with credit",
			body: lines(para1, glued+glued, para2),
			want: Result{
				Paragraphs: ps(para1, para2),
				Captions:   ps("رجال الإنقاذ يبحثون عن ناجين تحت الأنقاض"),
				Credits:    ps("فرانس برس"),
				Removed:    rm(ReasonCaption, glued, ReasonDuplicateCaption, glued),
			},
		},
		{
			name: "glued with credit and a space",
			body: lines(para1, glued+" "+glued),
			want: Result{
				Paragraphs: ps(para1),
				Captions:   ps("رجال الإنقاذ يبحثون عن ناجين تحت الأنقاض"),
				Credits:    ps("فرانس برس"),
				Removed:    rm(ReasonCaption, glued, ReasonDuplicateCaption, glued),
			},
		},
		{
			name: "glued, credit printed once",
			body: lines(para1, "ناقلة نفط في ميناء رأس تنورةناقلة نفط في ميناء رأس تنورة (رويترز)"),
			want: Result{
				Paragraphs: ps(para1),
				Captions:   ps("ناقلة نفط في ميناء رأس تنورة"),
				Credits:    ps("رويترز"),
				Removed:    rm(ReasonCaption, "ناقلة نفط في ميناء رأس تنورة", ReasonDuplicateCaption, "ناقلة نفط في ميناء رأس تنورة (رويترز)"),
			},
		},
		{
			name: "glued without credit",
			body: lines(para1, "احتفال لاعبي الأهلي بالكأس احتفال لاعبي الأهلي بالكأس"),
			want: Result{
				Paragraphs: ps(para1),
				Captions:   ps("احتفال لاعبي الأهلي بالكأس"),
				Removed:    rm(ReasonCaption, "احتفال لاعبي الأهلي بالكأس", ReasonDuplicateCaption, "احتفال لاعبي الأهلي بالكأس"),
			},
		},
		{
			name: "single line with credit, and a later copy",
			body: lines(para1, "صورة أرشيفية لمقر البنك المركزي (رويترز)", para2, "صورة أرشيفية لمقر البنك المركزي"),
			want: Result{
				Paragraphs: ps(para1, para2),
				Captions:   ps("صورة أرشيفية لمقر البنك المركزي"),
				Credits:    ps("رويترز"),
				Removed:    rm(ReasonCaption, "صورة أرشيفية لمقر البنك المركزي (رويترز)", ReasonDuplicateCaption, "صورة أرشيفية لمقر البنك المركزي"),
			},
		},
		{
			name: "credit variants",
			body: lines("مشهد عام للعاصمة (أ.ف.ب)", "جانب من الاجتماع (صورة: واس)", "دخان يتصاعد فوق المدينة (أ ف ب - أرشيفية)", "(رويترز)"),
			want: Result{
				Captions: ps("مشهد عام للعاصمة", "جانب من الاجتماع", "دخان يتصاعد فوق المدينة"),
				Credits:  ps("فرانس برس", "واس", "رويترز"),
				Removed: rm(ReasonCaption, "مشهد عام للعاصمة (أ.ف.ب)", ReasonCaption, "جانب من الاجتماع (صورة: واس)",
					ReasonCaption, "دخان يتصاعد فوق المدينة (أ ف ب - أرشيفية)", ReasonCreditLine, "(رويترز)"),
			},
		},
		{
			name: "keeps a sentence ending with a period before the credit",
			body: lines("ويعتمد أكثر من مليوني شخص على المساعدات. (الأناضول)"),
			want: Result{
				Paragraphs: ps("ويعتمد أكثر من مليوني شخص على المساعدات. (الأناضول)"),
				Credits:    ps("الأناضول"),
			},
		},
		{
			name: "caption and credit glued before the paragraph: the name after it stays whole",
			body: lines(para1, "الرئيس الأمريكي جو بايدن خلال كلمته في البيت الأبيض (رويترز)بايدن يقول إن الاتفاق مهم للمنطقة كلها."),
			want: Result{
				Paragraphs: ps(para1, "بايدن يقول إن الاتفاق مهم للمنطقة كلها."),
				Captions:   ps("الرئيس الأمريكي جو بايدن خلال كلمته في البيت الأبيض"),
				Credits:    ps("رويترز"),
				Removed:    rm(ReasonCaption, "الرئيس الأمريكي جو بايدن خلال كلمته في البيت الأبيض (رويترز)"),
			},
		},
		{
			name: "keeps a dateline glued to its paragraph",
			body: lines("القاهرة (رويترز)قال وزير المالية إن الخطة ستنفذ هذا العام.", "واشنطن، الولايات المتحدة (CNN)— قال مسؤول إن المحادثات ستستأنف غدا."),
			want: Result{
				Paragraphs: ps("القاهرة (رويترز)قال وزير المالية إن الخطة ستنفذ هذا العام.", "واشنطن، الولايات المتحدة (CNN)— قال مسؤول إن المحادثات ستستأنف غدا."),
			},
		},
		{
			name: "keeps a line whose parentheses are not a credit",
			body: lines("وزير الخارجية (الصورة) في مؤتمر صحفي", "المؤتمر (بحسب مصادر رويترز)"),
			want: Result{Paragraphs: ps("وزير الخارجية (الصورة) في مؤتمر صحفي", "المؤتمر (بحسب مصادر رويترز)")},
		},
		{
			name: "keeps a long line ending in a credit",
			body: lines("وقال الوزير في كلمة ألقاها أمام البرلمان إن الحكومة ماضية في خطتها لإصلاح منظومة الدعم رغم الانتقادات التي وجهتها المعارضة والنقابات العمالية خلال الأسابيع الماضية والتي طالبت بتأجيلها (رويترز)"),
			want: Result{Paragraphs: ps("وقال الوزير في كلمة ألقاها أمام البرلمان إن الحكومة ماضية في خطتها لإصلاح منظومة الدعم رغم الانتقادات التي وجهتها المعارضة والنقابات العمالية خلال الأسابيع الماضية والتي طالبت بتأجيلها (رويترز)")},
		},
		{
			name: "keeps a short sentence without a period that ends in a credit",
			body: lines("وقال الوزير إن الحكومة لن تتراجع (رويترز)"),
			want: Result{Paragraphs: ps("وقال الوزير إن الحكومة لن تتراجع (رويترز)")},
		},
		{
			name: "long unpunctuated paragraph glued twice is kept once, not made a caption",
			body: lines(strings.Repeat("الحكومة تدرس خطة جديدة لدعم الأسر ", 6) + "والعمال" + strings.Repeat("الحكومة تدرس خطة جديدة لدعم الأسر ", 6) + "والعمال"),
			want: Result{
				Paragraphs: ps(strings.Repeat("الحكومة تدرس خطة جديدة لدعم الأسر ", 6) + "والعمال"),
				Removed:    rm(ReasonRepeatedParagraph, strings.Repeat("الحكومة تدرس خطة جديدة لدعم الأسر ", 6)+"والعمال"),
			},
		},
		{
			name: "keeps a short speech repetition",
			body: lines("نعم نعم"),
			want: Result{Paragraphs: ps("نعم نعم")},
		},
	})
}

func TestDatelineCredit(t *testing.T) {
	cases := []struct {
		name, first string
		want        []string
	}{
		{"parenthesised", "القاهرة - (رويترز) - قال مسؤول إن المحادثات ستستمر.", []string{"رويترز"}},
		{"bare with colon", "بيروت - أ ف ب: قال مسؤول إن المحادثات ستستمر.", []string{"فرانس برس"}},
		{"place and date", "الرياض، 10 ديسمبر (واس) - انطلقت القمة اليوم.", []string{"واس"}},
		{"dotted initials", "برلين - (د.ب.أ) - أعلنت الحكومة.", []string{"د ب أ"}},
		{"no dateline", "قال مسؤول لرويترز إن المحادثات ستستمر.", []string{}},
		{"agency named in a sentence", "وقال المتحدث - في تصريح لرويترز - إن المحادثات ستستمر.", []string{}},
		{"credit closing a short sentence", "وقال الوزير إن الحكومة لن تتراجع (رويترز)", []string{}},
		{"parenthesis far into a sentence", "وقال المتحدث باسم الحكومة في مؤتمر صحفي عقده اليوم (رويترز) إن المحادثات ستستمر.", []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Article("", lines(tc.first, para1))
			if diff := cmp.Diff(tc.want, got.Credits); diff != "" {
				t.Errorf("credits (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{tc.first, para1}, got.Paragraphs); diff != "" {
				t.Errorf("the dateline must stay in the text (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeverRemovesNormalParagraphs(t *testing.T) {
	normal := []string{
		para1, para2, para3,
		"الميناء مغلق.",
		"وأكد الأطباء أن حالته مستقرة.",
		"وقال: \"سنواصل العمل حتى...\"",
		"وكتب على حسابه: اقرأ أيضا ما قاله الوزير، فالقصة أكبر مما تظن.",
		"الجماهير احتفلت حتى الفجر.",
		"لماذا تأخر القرار؟",
	}
	for _, p := range normal {
		t.Run(p, func(t *testing.T) {
			for _, around := range [][2]string{{"", ""}, {para1, ""}, {"", para2}, {"اقرأ أيضا", ""}} {
				body := lines(around[0], p, around[1])
				got := Article("", body)
				found := false
				for _, q := range got.Paragraphs {
					found = found || q == p
				}
				if !found {
					t.Errorf("Article(%q) lost %q: removed %v", body, p, got.Removed)
				}
			}
		})
	}
}

func TestInputHygiene(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name: "empty",
			body: "",
			want: Result{},
		},
		{
			name: "CRLF, tabs, NBSP, BOM, bidi marks, invalid bytes",
			body: "\ufeff\u200fأعلنت\tالحكومة\u00a0اليوم\xff خطة.\r\n\r\nقال الوزير.\r",
			want: Result{Paragraphs: ps("أعلنت الحكومة اليوم خطة.", "قال الوزير.")},
		},
		{
			name: "control characters",
			body: "أعلنت\x00الحكومة\x07 خطة.",
			want: Result{Paragraphs: ps("أعلنت الحكومة خطة.")},
		},
	})
}

func TestJSONHasNoNull(t *testing.T) {
	b, err := json.Marshal(Article("", ""))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"title":"","body":"","paragraphs":[],"captions":[],"credits":[],"removed":[]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

// TestTruncatedInput cuts a realistic article at every byte, so that the
// cleaner sees multi-byte runes split at each awkward place, and checks
// that the output stays valid UTF-8 and comes from the input.
func TestTruncatedInput(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "earthquake_rescue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for i := 0; i <= len(s) && i < 4000; i++ {
		got := Article(s[:i%97], s[:i])
		for _, p := range append(append([]string{got.Title, got.Body}, got.Captions...), got.Credits...) {
			if !utf8.ValidString(p) {
				t.Fatalf("cut at %d: invalid UTF-8 in %q", i, p)
			}
		}
		in := flatten(s[:i])
		for _, r := range got.Removed {
			if !strings.Contains(in, r.Text) {
				t.Fatalf("cut at %d: removed %q is not in the input", i, r.Text)
			}
		}
	}
}

// TestManyRemovals crosses the size at which removal records are collected
// in chunks, and checks that none is lost or reordered.
func TestManyRemovals(t *testing.T) {
	n := removedChunk*2 + 10
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			b.WriteString("اقرأ أيضا\n")
		} else {
			b.WriteString("?\n")
		}
	}
	got := Article("", b.String())
	if len(got.Removed) != n {
		t.Fatalf("got %d removal records, want %d", len(got.Removed), n)
	}
	for i, r := range got.Removed {
		want := ReasonPunctuationOnly
		if i%1000 == 0 {
			want = ReasonTeaserLabel
		}
		if r.Reason != want {
			t.Fatalf("record %d: reason %q, want %q", i, r.Reason, want)
		}
	}
}

func TestGluedTeaser(t *testing.T) {
	tests := []struct {
		name         string
		line         string
		wantOK       bool
		wantHeadline string
	}{
		{"headline glued twice", "حذر ناشطون من أن الأهوار تفقد كل عام مساحات واسعة بسبب الجفاف وتراجع…الأهوار العراقية تواجه خطر الجفافالأهوار العراقية تواجه خطر الجفاف", true, "الأهوار العراقية تواجه خطر الجفاف"},
		{"headline once, shared words", "قال وزير المالية إن الحكومة تدرس خطة جديدة لدعم الأسر محدودة الدخل في ظل... الحكومة تدرس خطة لدعم الأسر", true, "الحكومة تدرس خطة لدعم الأسر"},
		{"quote trailing off mid-paragraph", "وقال الشاهد: \"كانت المياه ترتفع بسرعة…\" ثم صمت طويلا قبل أن يكمل حديثه للصحفيين.", false, ""},
		{"ellipsis at the end", "وتابع المتحدث أن المفاوضات مستمرة…", false, ""},
		{"unrelated words after", "كانت الرحلة طويلة… وصل الوفد أخيرا", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, h, ok := gluedTeaser(tt.line)
			if ok != tt.wantOK || h != tt.wantHeadline {
				t.Errorf("gluedTeaser(%q) = %q, %v; want %q, %v", tt.line, h, ok, tt.wantHeadline, tt.wantOK)
			}
		})
	}
}

// TestReasonKinds: every reason code belongs to a kind of the one vocabulary
// that extraction uses too, and the kinds are the documented ones.
func TestReasonKinds(t *testing.T) {
	kinds := map[string]bool{KindTeaser: true, KindRelated: true, KindShare: true, KindComments: true, KindCookie: true,
		KindHeadline: true, KindCredit: true, KindCaption: true, KindRepeated: true, KindDebris: true, KindFooter: true,
		KindMeta: true, KindNav: true, KindEmbed: true}
	for _, r := range []string{ReasonTeaserLabel, ReasonPunctuationOnly, ReasonShareLinks, ReasonTruncatedTeaser,
		ReasonRelatedHeadline, ReasonRepeatedParagraph, ReasonRepeatedTitle, ReasonCaption, ReasonDuplicateCaption, ReasonCreditLine} {
		if _, ok := reasonKinds[r]; !ok {
			t.Errorf("reason %q has no kind", r)
		}
		if !kinds[KindOf(r)] {
			t.Errorf("reason %q: kind %q is not in the vocabulary", r, KindOf(r))
		}
	}
	if len(reasonKinds) != 10 {
		t.Errorf("%d reasons have a kind; a new reason needs a line in TestReasonKinds too", len(reasonKinds))
	}
	got := Article("عنوان", "اقرأ أيضا\nعنوان آخر\n?\nنص الخبر كما هو.")
	for _, r := range got.Removed {
		if r.Kind != KindOf(r.Reason) || r.Kind == "" {
			t.Errorf("removal %+v: kind %q, want %q", r, r.Kind, KindOf(r.Reason))
		}
	}
}

// TestLabelledDoubleHeadline: a related story's headline printed twice on
// one line and followed by its section label («X X العراق») is a related
// headline, wherever it stands; the article's own lines are kept.
func TestLabelledDoubleHeadline(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name: "headline twice then a one-word section",
			body: "بدأت المفاوضات صباح اليوم في جنيف.\nارتفاع أسعار النفط في الأسواق العالمية ارتفاع أسعار النفط في الأسواق العالمية اقتصاد\nوقال الوسيط إن الجولة ستستمر.",
			want: Result{
				Paragraphs: ps("بدأت المفاوضات صباح اليوم في جنيف.", "وقال الوسيط إن الجولة ستستمر."),
				Removed:    rm(ReasonRelatedHeadline, "ارتفاع أسعار النفط في الأسواق العالمية ارتفاع أسعار النفط في الأسواق العالمية اقتصاد"),
			},
		},
		{
			name: "glued without a space, two-word section",
			body: "أعلنت الوزارة النتائج.\nمنتخب المغرب يتأهل إلى النهائيمنتخب المغرب يتأهل إلى النهائي كرة القدم",
			want: Result{
				Paragraphs: ps("أعلنت الوزارة النتائج."),
				Removed:    rm(ReasonRelatedHeadline, "منتخب المغرب يتأهل إلى النهائيمنتخب المغرب يتأهل إلى النهائي كرة القدم"),
			},
		},
		{
			name: "a sentence that repeats a phrase is kept",
			body: "قال الرئيس إن الحرب انتهت، الحرب انتهت فعلا.",
			want: Result{Paragraphs: ps("قال الرئيس إن الحرب انتهت، الحرب انتهت فعلا.")},
		},
		{
			name: "a doubled two-word phrase and a word is not a headline",
			body: "نعم نعم للسلام",
			want: Result{Paragraphs: ps("نعم نعم للسلام")},
		},
	})
}
