// Package render writes a report.Report for people and programs: Markdown,
// a standalone HTML page (right-to-left Arabic, printable, with the
// timeline and the coverage drawn as inline SVG and no JavaScript) and
// JSON. Every cited item links to the article view by a relative path
// (article/ID#sSTART-END) for a web UI to serve; taqrir has none yet, so in
// a report opened from disk the link only names the article and sentence
// (`taqrir show ID`).
//
// It must never change what the report says: no re-ranking, no dropping or
// merging of items, no text of its own beyond headings and labels; and it
// must never write unescaped article text into HTML (html/template does the
// escaping).
package render
