// Package searchbench measures search at scale on real Arabic news: it
// builds synthetic corpora from the sentences of the ANT news corpus
// (../shared/data/ant-news/, real titles, sentences recombined, real
// outlets, dates spread over 2018, entities carried with their sentences),
// loads a committed set of queries drawn from ANT titles with a stated mix
// of filters (testdata/queries.tsv), and runs that set against a taqrir
// index and against a plain bleve index with bleve's `ar` analyzer (the
// peer) on the same articles, returning p50/p99 latencies so the ratio can
// be reported.
//
// It is the search part of `taqrir bench` and of the Go benchmark
// BenchmarkSearchANT; nothing in the program's normal path uses it.
//
// ANT corpus: A. Chouigui, O. Ben Khiroun, B. Elayeb, "ANT Corpus: An
// Arabic News Text Collection for Textual Classification", AICCSA 2017,
// pp. 135-142 (https://antcorpus.github.io).
package searchbench
