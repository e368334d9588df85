// Package extract turns one raw item (a .txt file or a .jsonl line, as read
// by package source) into a news.Article: it parses the format's fields,
// cleans the scraped text (package clean), detects the language and computes
// the article's stable id and content hash. It is a pure function of the raw
// bytes, which is what lets `taqrir reprocess` re-run it over the kept raw
// input. It must never touch the store or the index.
package extract
