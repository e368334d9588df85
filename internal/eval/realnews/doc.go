// Package realnews loads and checks the real-news gold set in
// testdata/realnews: stories of the ANT multi-source corpus (2018) with
// their articles, key events, key actors and the disagreements between
// outlets and parties, and labelled article pairs (same story or not, many
// of them hard negatives). Everything in the set is anchored to the corpus
// by article URL and a short verbatim quote; Resolve checks those anchors
// against the corpus where ../shared/data holds it.
//
// The set is split by story into dev and test. Rules and thresholds of the
// pipeline may be decided on dev alone; test is only reported. This package
// must never score the pipeline (the scorers belong to the report
// evaluation) and must never copy corpus text into the repository: it reads
// the corpus from where it lies and hands out only what the gold files hold.
package realnews
