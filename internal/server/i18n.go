package server

import "net/http"

// strings of the UI, Arabic first; ?lang=en (kept in a cookie) switches
// them to English. The articles themselves stay as written.
var uiStrings = map[string]map[string]string{
	"ar": {
		"title": "تقرير", "tagline": "بحث وتقارير موثّقة في الأخبار العربية",
		"search": "بحث", "stories": "القصص", "saved": "عمليات البحث المحفوظة", "report": "تقرير",
		"home": "الرئيسية", "login": "دخول", "logout": "خروج", "token": "الرمز",
		"results": "نتيجة", "sources": "المصادر", "months": "الأشهر", "entities": "الكيانات",
		"source": "المصدر", "entity": "الكيان", "since": "من", "until": "إلى", "sort": "الترتيب",
		"relevance": "الأهمية", "newest": "الأحدث", "oldest": "الأقدم",
		"next": "التالي", "prev": "السابق", "noresults": "لا نتائج",
		"undated": "بلا تاريخ", "captions": "تعليقات الصور", "credits": "المصادر والحقوق",
		"facts": "الحقائق", "dates": "التواريخ", "figures": "الأرقام", "claims": "التصريحات",
		"copyof": "نسخة من", "articles": "مقالات", "aliases": "أسماء أخرى", "timeline": "التسلسل الزمني",
		"related": "كيانات مرتبطة", "volume": "عدد المقالات شهريًا", "save": "احفظ البحث",
		"name": "الاسم", "query": "الاستعلام", "feed": "خلاصة Atom", "delete": "احذف",
		"matches": "مطابقات جديدة", "add": "أضف", "webhook": "عنوان webhook (اختياري)",
		"export": "تصدير", "reportof": "تقرير عن هذا", "said": "قال", "relaxed": "لا مقال فيه كل الكلمات؛ هذه المقالات فيها أكثرها.",
		"signin": "أدخل رمزًا أنشأه الأمر taqrir token create", "open": "افتح", "story": "القصة",
		"lang": "English", "langcode": "en", "nostories": "لا قصص بعد",
	},
	"en": {
		"title": "taqrir", "tagline": "Sourced search and reports on Arabic news",
		"search": "Search", "stories": "Stories", "saved": "Saved searches", "report": "Report",
		"home": "Home", "login": "Sign in", "logout": "Sign out", "token": "Token",
		"results": "results", "sources": "Sources", "months": "Months", "entities": "Entities",
		"source": "Source", "entity": "Entity", "since": "Since", "until": "Until", "sort": "Order",
		"relevance": "relevance", "newest": "newest", "oldest": "oldest",
		"next": "Next", "prev": "Previous", "noresults": "No results",
		"undated": "undated", "captions": "Captions", "credits": "Credits",
		"facts": "Facts", "dates": "Dates", "figures": "Figures", "claims": "Claims",
		"copyof": "copy of", "articles": "articles", "aliases": "Aliases", "timeline": "Timeline",
		"related": "Related entities", "volume": "Articles per month", "save": "Save this search",
		"name": "Name", "query": "Query", "feed": "Atom feed", "delete": "Delete",
		"matches": "new matches", "add": "Add", "webhook": "Webhook URL (optional)",
		"export": "Export", "reportof": "Report on this", "said": "said", "relaxed": "No article has every word; these have most of them.",
		"signin": "Enter a token made by taqrir token create", "open": "Open", "story": "Story",
		"lang": "العربية", "langcode": "ar", "nostories": "No stories yet",
	},
}

// langOf picks the UI language: ?lang=, else the cookie, else Arabic. A
// ?lang= is remembered in a cookie.
func langOf(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "ar" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteStrictMode, HttpOnly: true})
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "ar" || c.Value == "en") {
		return c.Value
	}
	return "ar"
}
