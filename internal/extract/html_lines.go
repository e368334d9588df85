package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/clean"
)

// dropPageLines removes from the extracted blocks the lines that belong to
// the page rather than the article, which the extractors keep because
// they sit inside the article's container: a line that is only the date, a
// "city - author" byline, a source line ("المصدر: الجزيرة + وكالات"), a
// copyright line, a row of tools ("طباعة | أرسل لصديق"), an advert line.
// A byline line fills pm.byline when the page had none.
func dropPageLines(paras []string, pm *pageMeta, removed *[]Removed) []string {
	out := paras[:0:0]
	for i, p := range paras {
		edge := i < 3 || i >= len(paras)-3
		kind, why := pageLine(p, edge)
		if kind == "" && edge {
			if name, ok := creditOnly(p); ok {
				kind, why = clean.KindCredit, "a credit line"
				pm.credits = append(pm.credits, name)
			}
		}
		if kind == "" && edge && wordCount(p) <= 6 && sourceLine(p, pm.source) {
			kind, why = clean.KindMeta, "the outlet's name and a place"
		}
		if kind == "" && i >= len(paras)-3 && commentPrompts[headingForm(p)] {
			kind, why = clean.KindComments, "a comment prompt"
		}
		if kind == "" && edge && wordCount(p) <= 6 {
			if name, ok := datelineByline(p); ok {
				if pm.byline == "" {
					pm.byline = name
				}
				kind, why = clean.KindMeta, "a place and author line"
			}
		}
		if kind == "" {
			out = append(out, p)
			continue
		}
		*removed = append(*removed, Removed{Kind: kind, Text: cut(p), Why: why})
	}
	return out
}

// pageLine classifies one line, or returns "" for article text.
func pageLine(p string, edge bool) (kind, why string) {
	words := wordCount(p)
	if words > 16 {
		return "", ""
	}
	f := arabic.Fold(p)
	switch {
	case strings.Contains(p, "©") || strings.Contains(f, "جميع الحقوق محفوظه") || strings.Contains(strings.ToLower(p), "all rights reserved"):
		return clean.KindFooter, "copyright line"
	case strings.HasPrefix(f, "للاعلان") || strings.HasPrefix(f, "اعلان:"):
		return clean.KindFooter, "advert line"
	case words <= 8 && (strings.HasPrefix(f, "المصدر") || strings.HasPrefix(f, "المصادر")) && strings.ContainsAny(p, ":：-"):
		return clean.KindCredit, "source line"
	}
	if segs := strings.Split(p, "|"); len(segs) >= 3 {
		short := true
		for _, s := range segs {
			if wordCount(s) > 4 {
				short = false
			}
		}
		if short {
			return clean.KindNav, "a row of links or page tools"
		}
	}
	if edge && words <= 12 && !sentenceLike(p) {
		if _, ok := FindDate(p); ok && dateOnly(p) {
			return clean.KindMeta, "date line"
		}
	}
	return "", ""
}

// sentenceLike: the line closes like a sentence.
func sentenceLike(p string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(p))
	return r == '.' || r == '!' || r == '؟' || r == '?'
}

// dateWords may stand beside a date in a date line.
var dateWords = map[string]bool{}

func init() {
	for _, w := range []string{"الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
		"نشر", "نشر في", "بتاريخ", "تاريخ", "النشر", "في", "الموافق", "هـ", "م", "ه", "ص", "مساء", "صباحا",
		"آخر", "تحديث", "updated", "published", "on", "at", "am", "pm", "gmt", "utc",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"محرم", "صفر", "ربيع", "الأول", "الآخر", "الثاني", "جمادى", "الأولى", "الآخرة", "رجب", "شعبان", "رمضان",
		"شوال", "ذو", "القعدة", "الحجة", "ذي"} {
		dateWords[strings.ToLower(arabic.Fold(w))] = true
	}
}

// dateOnly: every word of p is a number, a month name or a date word.
func dateOnly(p string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(arabic.Fold(p)), func(r rune) bool {
		return r == ' ' || r == ',' || r == '،' || r == '|' || r == '-' || r == '/' || r == ':' || r == '.' || r == '(' || r == ')'
	}) {
		if dateWords[w] || monthNames[w] > 0 || strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			continue
		}
		if w == "كانون" || w == "تشرين" || w == "الاول" || w == "الثاني" {
			continue
		}
		return false
	}
	return true
}

// bylineCities are places a "city - author" line opens with.
var bylineCities = map[string]bool{}

func init() {
	for _, c := range []string{"القاهرة", "الرياض", "جدة", "دبي", "أبوظبي", "أبو ظبي", "الدوحة", "بيروت", "دمشق", "بغداد",
		"عمان", "عمّان", "الرباط", "الدار البيضاء", "تونس", "الجزائر", "الخرطوم", "صنعاء", "عدن", "الكويت", "المنامة",
		"مسقط", "طرابلس", "القدس", "غزة", "رام الله", "الإسكندرية", "نواكشوط", "أربيل", "البصرة", "حلب", "الموصل",
		"لندن", "باريس", "واشنطن", "نيويورك", "موسكو", "بكين", "جنيف", "برلين", "أنقرة", "إسطنبول", "طهران", "بروكسل"} {
		bylineCities[arabic.Fold(c)] = true
	}
}

// datelineByline reads a line "القاهرة - محمد علي": a known city, a dash
// and a two- or three-word name.
func datelineByline(p string) (string, bool) {
	for _, sep := range []string{" - ", " – ", " — ", ": ", " / "} {
		i := strings.Index(p, sep)
		if i <= 0 {
			continue
		}
		place, name := strings.TrimSpace(p[:i]), strings.TrimSpace(p[i+len(sep):])
		if bylineCities[arabic.Fold(place)] && wordCount(name) >= 2 && wordCount(name) <= 3 && !sentenceLike(name) && Language(name) == "ar" {
			return name, true
		}
	}
	return "", false
}

// headingBefore finds the headline of a page whose metadata gives none
// (old table layouts with only "site - section" in <title>): the last
// heading-like element (h1–h4, bold or large-font text of 3 to 30 words
// with no link) before the first block of the main text.
func headingBefore(doc *html.Node, first string) string {
	probe := first
	if len(probe) > 60 {
		i := 60
		for i > 0 && !utf8.RuneStart(probe[i]) {
			i--
		}
		probe = probe[:i]
	}
	var last string
	for n := doc; n != nil; n = nextNode(n) {
		switch n.Type {
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Head:
				n = lastDescendant(n)
				continue
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.B, atom.Strong:
			case atom.Font:
				if attr(n, "size") < "4" {
					continue
				}
			default:
				continue
			}
			if hasDescendant(n, atom.A) {
				continue
			}
			if t := textOf(n); wordCount(t) >= 3 && wordCount(t) <= 30 && !sentenceLike(t) {
				last = t
			}
		case html.TextNode:
			if t := foldSpace(n.Data); t != "" && len(t) >= 20 && strings.HasPrefix(first, t[:min(len(t), len(probe))]) {
				return last
			}
		}
	}
	return ""
}

// creditOnly reads a line that is only an agency credit, after a place or
// not: "القاهرة - (رويترز)", "(أ ف ب)". The name is returned as clean
// normalises it.
func creditOnly(p string) (string, bool) {
	if wordCount(p) > 6 || !strings.HasSuffix(p, ")") {
		return "", false
	}
	i := strings.LastIndex(p, "(")
	if i < 0 {
		return "", false
	}
	place := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(p[:i]), "-–—:"))
	if place != "" && !bylineCities[arabic.Fold(place)] {
		return "", false
	}
	cr := clean.Article("", p[i:])
	if len(cr.Paragraphs) == 0 && len(cr.Credits) == 1 {
		return cr.Credits[0], true
	}
	return "", false
}

// sourceLine: "عنب بلدي – حلب", the outlet's name and a place on a line of
// their own.
func sourceLine(p, source string) bool {
	if source == "" {
		return false
	}
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '|' || r == '/' })
	if len(parts) != 2 {
		return false
	}
	a, b := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	return (arabic.Fold(a) == arabic.Fold(source) && wordCount(b) <= 3) || (arabic.Fold(b) == arabic.Fold(source) && wordCount(a) <= 3)
}

// commentPrompts close an article's page before its comment form.
var commentPrompts = map[string]bool{}

func init() {
	for _, c := range []string{"أضف تعليقك", "أضف تعليقا", "أضف تعليق", "شاركونا آراءكم", "شاركنا رأيك", "اترك تعليقا", "اترك تعليقك",
		"التعليقات", "تعليقات", "اكتب تعليقك", "leave a comment", "add a comment", "add comment", "comments", "post a comment"} {
		commentPrompts[headingForm(c)] = true
	}
}
