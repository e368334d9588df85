package clean

import (
	"strings"
	"unicode"
)

// labelKind says how much a teaser label takes with it.
type labelKind int

const (
	// labelAlone stands by itself: "إعلان", "تابعونا على". Nothing after it
	// is taken, since what follows is usually the article resuming.
	labelAlone labelKind = iota + 1
	// labelOne introduces one related story: "اقرأ أيضا", "موضوع يهمك".
	labelOne
	// labelList introduces a list of related stories: "الأكثر قراءة".
	labelList
)

// labels maps the fold form of each teaser label to its kind. Written by
// us from the boilerplate of Arabic news sites. labelStarts holds their
// first words, so that an ordinary line is rejected after one word.
var labels, labelStarts = map[string]labelKind{}, map[string]bool{}

func init() {
	for kind, ls := range map[labelKind][]string{
		labelAlone: {
			"إعلان", "إعلانات", "تابعونا على", "تابعنا على", "تابعونا عبر", "شارك", "شارك الخبر",
			"شارك المقال", "مشاركة", "اقرأ المزيد", "نسخ الرابط", "تم نسخ الرابط", "طباعة",
			"advertisement", "إعلان ممول", "محتوى مدفوع", "المحتوى الممول",
		},
		labelOne: {
			"موضوع يهمك", "اقرأ أيضا", "اقرأ كذلك", "إقرأ أيضا", "شاهد أيضا", "شاهد كذلك",
			"اخترنا لك", "قد يهمك", "قد يهمك أيضا", "يهمك أيضا", "طالع أيضا", "انظر أيضا",
			"اقرأ أيضا في", "ربما يهمك", "لا تفوتك", "اقرأ كمان",
		},
		labelList: {
			"مواضيع ذات صلة", "موضوعات ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة",
			"الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر قراءة اليوم",
			"مواضيع تهمك", "موضوعات تهمك", "أخبار متعلقة", "أخبار تهمك", "روابط ذات صلة",
			"المزيد من الأخبار", "آخر الأخبار", "أحدث الأخبار", "مواضيع قد تهمك",
		},
	} {
		for _, l := range ls {
			f := labelForm(l)
			labels[f] = kind
			first, _, _ := strings.Cut(f, " ")
			labelStarts[first] = true
		}
	}
}

// maxLabelLen bounds the lines looked up as labels, so the lookup costs
// nothing on real paragraphs.
const maxLabelLen = 80

// labelTrim reports the marks a label may carry around it: "اقرأ أيضاً:",
// "موضوع يهمك ?", "» الأكثر قراءة".
func labelTrim(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// labelForm is the form under which a line is looked up in labels.
func labelForm(s string) string {
	return strings.Join(strings.Fields(fold(strings.TrimFunc(s, labelTrim))), " ")
}

// lineLabel returns the kind of a line that is a teaser label on its own.
func lineLabel(s string) (labelKind, bool) {
	if len(s) > maxLabelLen || !mayBeLabel(s) {
		return 0, false
	}
	k, ok := labels[labelForm(s)]
	return k, ok
}

// mayBeLabel reports whether the first word of s starts some label.
func mayBeLabel(s string) bool {
	s = strings.TrimLeftFunc(s, labelTrim)
	w, _, _ := strings.Cut(s, " ")
	if len(w) > 40 {
		return false // no label word is that long
	}
	return labelStarts[fold(strings.TrimRightFunc(w, labelTrim))]
}

// inlineLabel recognises a label that shares its line with the related
// headline, "اقرأ أيضا: الحكومة تدرس خطة لدعم الأسر", and returns the
// headline. The headline must look like one (short, no closing period), so
// a sentence that mentions "اقرأ أيضا" is never taken.
func inlineLabel(s string) (labelKind, string, bool) {
	if !mayBeLabel(s) {
		return 0, "", false
	}
	head := s
	if len(head) > maxLabelLen {
		head = head[:maxLabelLen] // only ASCII separators are searched
	}
	i := strings.IndexAny(head, ":|-")
	if i <= 0 {
		return 0, "", false
	}
	k, ok := labels[labelForm(s[:i])]
	if !ok || k == labelAlone {
		return 0, "", false
	}
	rest := strings.TrimLeftFunc(s[i:], labelTrim)
	if rest == "" {
		return 0, "", false
	}
	if !headlineLike(rest) && !(endsWithEllipsis(rest) && wordCount(rest, maxTeaserWords) <= maxTeaserWords) {
		return 0, "", false
	}
	return k, rest, true
}

// maxHeadlineWords bounds a related headline; Arabic news headlines run
// from about four to fourteen words.
const maxHeadlineWords = 16

// maxTeaserWords bounds a truncated teaser inside a labelled block: sites
// cut the opening paragraph of the related story at 150-300 characters.
const maxTeaserWords = 60

// headlineLike reports a short line that does not close like a sentence: a
// headline (or a crosshead, which is why it is only ever removed in the
// context of a teaser). A question mark is allowed; headlines ask.
func headlineLike(s string) bool {
	if len(s) > 300 {
		return false
	}
	n := wordCount(s, maxHeadlineWords)
	if n < 2 || n > maxHeadlineWords {
		return false
	}
	if r := lastRune(s); r != '؟' && r != '?' && sentenceEnd(r) {
		return false
	}
	if endsWithEllipsis(s) {
		return false
	}
	if _, _, ok := splitTrailingCredit(s); ok {
		return false // a caption, not a headline
	}
	return !opensParagraph(s)
}

// paragraphOpeners are the connectives that open running text in Arabic
// news ("وقال", "وأضاف", "وفي"): a paragraph continues the story, a
// headline never starts with one. In fold form.
var paragraphOpeners = map[string]bool{}

func init() {
	for _, w := range []string{
		"وقال", "وقالت", "وأضاف", "وأضافت", "وأكد", "وأكدت", "وأوضح", "وأوضحت", "وأشار", "وأشارت",
		"وتابع", "وتابعت", "وكان", "وكانت", "وفي", "ومن", "وأعلن", "وأعلنت", "وذكر", "وذكرت",
		"وبحسب", "ووفق", "ووفقا", "وتأتي", "ويأتي", "ولم", "ولا", "وهو", "وهي", "وقد", "وبعد",
		"وخلال", "وتشير", "ويشير", "وأفاد", "وأفادت", "وشدد", "وشددت", "واعتبر", "واعتبرت",
		"ورأى", "ويعد", "وتعد", "وأظهرت", "وأظهر", "وعلى", "وإلى", "وأن", "وإن", "ولكن", "لكن",
		"كما", "فيما", "بينما", "إلا", "ثم", "وبينما", "وحذر", "وحذرت", "ودعا", "ودعت", "وطالب",
		"وطالبت", "وختم", "وختمت", "ونقل", "ونقلت", "وبين", "وبينت", "وجاء", "وتساءل", "وتساءلت",
		"ويرى", "وترى", "ويقول", "وتقول", "وأردف", "وأردفت", "ولفت", "ولفتت", "واختتم", "وكذلك",
	} {
		paragraphOpeners[fold(w)] = true
	}
}

// opensParagraph reports a line whose first word is a paragraph opener.
func opensParagraph(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	return paragraphOpeners[fold(strings.TrimRight(w, ":،,"))]
}

// gluedDouble recognises a line printed twice with no line break between
// the copies, "XX" or "X X" (the scraper read a caption or headline from
// two elements of the page). It compares with spaces removed, since the
// copies often differ only there, and returns the two copies as they
// appear. A copy must hold at least minWords words.
func gluedDouble(s string, minWords int) (first, second string, ok bool) {
	if len(s) < 4 {
		return "", "", false
	}
	k := s
	if strings.IndexByte(s, ' ') >= 0 {
		k = strings.ReplaceAll(s, " ", "")
	}
	if len(k)%2 != 0 {
		return "", "", false
	}
	h := len(k) / 2
	if k[:h] != k[h:] {
		return "", "", false
	}
	// Find the byte of s where the second copy starts. Equal halves of
	// valid UTF-8 start at a rune boundary, so the cut is clean.
	pos, seen := 0, 0
	for pos < len(s) && seen < h {
		if s[pos] != ' ' {
			seen++
		}
		pos++
	}
	first, second = strings.TrimSpace(s[:pos]), strings.TrimSpace(s[pos:])
	if first == "" || second == "" || wordCount(first, minWords) < minWords {
		return "", "", false
	}
	return first, second, true
}

// maxLabelWords bounds the section label that may follow a doubled
// related headline («… العراق», «… كرة القدم»).
const maxLabelWords = 3

// labelledDouble recognises a related story's headline printed twice on one
// line and followed by its section label: "X X label" or "XX label", where X
// is shaped like a headline (three words or more, not closing like a
// sentence) and the label has one to maxLabelWords words. A headline is
// printed twice by the page's markup, never by a writer, so no teaser label
// is needed before it. It returns the headline.
func labelledDouble(l string) (string, bool) {
	if _, _, credited := splitTrailingCredit(l); credited || strings.ContainsAny(l, "()") {
		return "", false // "X X (رويترز)" is a doubled caption and its credit
	}
	fields := strings.Fields(l)
	for k := 1; k <= maxLabelWords && k < len(fields); k++ {
		label := fields[len(fields)-k:]
		if sentenceEnd(lastRune(label[len(label)-1])) {
			return "", false
		}
		head := strings.Join(fields[:len(fields)-k], " ")
		a, _, ok := gluedDouble(head, 3)
		if ok && headlineLike(a) {
			return a, true
		}
	}
	return "", false
}

// platforms are the social network names that make up share-button rows;
// platformStarts holds their first words, so that shareLinks rejects an
// ordinary line after looking at one word.
var platforms, platformStarts = map[string]bool{}, map[string]bool{}

func init() {
	for _, p := range []string{
		"فيسبوك", "فيس بوك", "تويتر", "إكس", "انستغرام", "انستجرام", "إنستغرام", "إنستجرام",
		"يوتيوب", "تيليجرام", "تلغرام", "تليجرام", "واتساب", "واتس آب", "لينكدإن", "تيك توك",
		"تيكتوك", "سناب شات", "سنابشات", "ماسنجر", "البريد الإلكتروني", "جوجل نيوز", "غوغل نيوز",
		"facebook", "twitter", "x", "instagram", "youtube", "telegram", "whatsapp", "linkedin",
		"tiktok", "snapchat", "messenger", "email", "google news", "pinterest", "reddit",
	} {
		platforms[creditKey(p)] = true
		first, _, _ := strings.Cut(p, " ")
		platformStarts[creditKey(first)] = true
	}
}

// shareLinks reports a line made only of social network names, the text
// left behind by a row of share buttons: "فيسبوك تويتر واتساب".
func shareLinks(s string) bool {
	if len(s) > 200 {
		return false
	}
	first := s
	if i := strings.IndexAny(s, " |-،,/•·"); i >= 0 {
		first = s[:i]
	}
	if !platformStarts[creditKey(first)] {
		return false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == '-' || r == '،' || r == ',' || r == '/' || r == '•' || r == '·'
	})
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		if !platforms[creditKey(p)] && !platformWords(p) {
			return false
		}
	}
	return true
}

// platformWords reports a space-separated run of platform names,
// "فيسبوك تويتر".
func platformWords(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if !platforms[creditKey(w)] {
			return false
		}
	}
	return true
}
