// Package source finds and reads raw input for ingest: files, directories
// (recursively) and standard input, in the formats taqrir takes (.txt and
// .jsonl so far). It splits each input into raw items — a whole .txt file, or
// one line of a .jsonl file — each with an origin ("file:line") that error
// messages name. It checks that an item is something we can read (not empty,
// not binary, valid UTF-8, not too large) but never interprets it: turning an
// item into an article is the extract stage's job.
package source
