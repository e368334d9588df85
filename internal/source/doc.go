// Package source finds and reads raw input for ingest: files, directories
// (recursively) and standard input, in the formats taqrir takes: .txt,
// .jsonl, .html/.htm pages and .warc web archives, each optionally gzipped
// (.gz). It splits each input into raw items — a whole .txt file or page,
// one line of a .jsonl file, one HTML response record of a WARC — each with
// an origin ("file", "file:line", "file@offset") that error messages name,
// and for pages the URL and Content-Type they came with. It checks that an
// item is something we can read (not empty, not binary, .jsonl lines valid
// UTF-8, not over the size limit; a truncated gzip or a broken WARC record
// is one failed item, never the end of the batch) but never interprets it:
// turning an item into an article is the extract stage's job, and fetching
// over the network is package fetch's. Choosing the encoding of a .txt file
// or a page that is not UTF-8 is interpretation (it weighs how Arabic the
// decoded words read), so those bytes pass through as they are, are kept so
// raw, and package extract decodes them; JSON is UTF-8 by definition, so a
// .jsonl line that is not is rejected here.
package source
