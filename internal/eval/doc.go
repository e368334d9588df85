// Package eval measures how well taqrir's Arabic analysis serves search: how
// often spelling variants share a key (and unrelated words do not) on the
// hand-made variant set of package arabic, and how well sentences are
// retrieved for questions on the public XQuAD-R Arabic set, each side by side
// with bleve's built-in "ar" analyzer as the baseline to beat.
// It also scores HTML article extraction (extraction*.go): taqrir's extractor
// beside go-trafilatura and go-readability, with the Article Extraction
// Benchmark's word-4-gram metric on the AEB and on our Arabic fixture set
// (testdata/extraction/arabic); the named-entity tagger (ner.go: entity-level
// P/R/F1 on CoNLL and Wojood files, split by entities seen or unseen in
// training); the date and quantity extractors on Wojood's DATE, CARDINAL and
// MONEY spans (wojood_spans.go); and a grouping of items (duplicates,
// stories) pair by pair against a true one (pairwise.go).
//
// It must never be tuned to the data it measures: no lexicon entry, stopword
// or weight may be chosen because it fixes a particular question or pair, or
// the figures stop saying anything about unseen news. XQuAD-R is split by
// article into dev (even) and test (odd): rules and weights are decided on
// dev figures and dev diagnostics alone, and test is only reported. It reads public data
// sets from where they lie and never copies them into the repository.
package eval
