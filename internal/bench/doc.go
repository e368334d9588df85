// Package bench is the harness behind `taqrir bench`: it measures this
// machine on a corpus, stage by stage — Arabic analysis, ingest, search,
// report, process start-up, serving — and sets each of taqrir's figures beside a
// peer's measured in the same run on the same input (bleve's `ar` analyzer;
// a plain bleve index with that analyzer), ratios first. The corpus is the
// embedded sample recombined (corpus/synth), the first articles of a real
// .jsonl[.gz] file, or a synthetic corpus built once from real sentences
// and kept (Build) so search can be measured at 100k or 1M articles.
//
// Ingest, start-up and serving run in child processes of the taqrir
// binary (Options.Exe), so they take the path `taqrir ingest`, `taqrir
// search` and `taqrir serve` take and their peak RSS is theirs alone; search and report run in this
// process over the data directory that ingest made.
//
// The package must never write outside the work directory it is given
// (everything it makes lives under it, and what it made is removed unless
// kept), never touch a data directory it did not create, and never be
// imported by the pipeline: it only calls the stages (app, ingest, index,
// report) the way the command line does. It asserts nothing about speed:
// figures are reported, judged by people.
package bench
