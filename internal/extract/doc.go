// Package extract turns one raw item (a .txt file, a .jsonl line or an HTML
// page, as read by package source) into a news.Article: it parses the
// format's fields, cleans the scraped text (package clean), detects the
// language and computes the article's stable id and content hash. A .txt
// file that is not UTF-8 is decoded as an undeclared page is (DecodeText:
// windows-1256 or ISO-8859-6 when it reads as Arabic). For HTML
// (HTML, HTMLWith) it also decodes the page (declared or detected charset,
// windows-1256 and ISO-8859-6 included), reads the metadata and the
// publication date (JSON-LD, meta tags, <time>, the URL, Arabic date text),
// keeps captions apart and strips related-story, share, comment and cookie
// blocks before go-trafilatura (with go-readability as its fallback) finds
// the main text, and reports every block it removed and why. It is a pure
// function of the raw bytes, which is what lets `taqrir reprocess` re-run it
// over the kept raw input. It must never touch the store or the index, fetch
// anything from the network, or panic on hostile input.
package extract
