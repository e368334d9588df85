// Package render writes a report.Report for people and programs: Markdown,
// a standalone HTML page (right-to-left Arabic, printable, readable on a
// phone, with the timeline and the articles over time drawn as inline SVG
// and no JavaScript) and JSON. A citation opens the cited sentence: by
// default the article's own page with a text fragment (#:~:text=) and the
// sentence on hover, or the article's entry in the sources list that ends
// the page; WithLinks points them elsewhere (the web UI's article view).
// Counts agree with their number (arabic.Count); mixed Arabic and Latin
// runs are isolated (<bdi>, dir="ltr" on ISO dates and ids).
//
// It must never change what the report says: no re-ranking, no dropping or
// merging of items, no text of its own beyond headings, labels and counts
// (long lists and the copies of a citation are folded, never dropped from
// the JSON); it must never write unescaped article text into HTML
// (html/template does the escaping), nor anything remote or scripted into
// the page.
package render
