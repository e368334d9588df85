// Package stance decides whether two statements agree, disagree
// (contradict each other) or neither (other: they are not about the same
// thing), the pairwise decision behind disputed claims and accounts in a
// report. It is a multinomial logistic regression trained by our own code
// (Train, run by `taqrir train stance`) over features of the pair built on
// internal/arabic: how much of each side the other covers (keys, derived
// keys, synonyms, letter trigrams), negation on one side only, words of
// opposite sense (our lexicon, and word pairs that swap between the two
// sides of contradicting pairs, counted on the training data), differing
// numbers and named places, people and bodies (internal/facts/gazetteer),
// and the words each side has that the other lacks. It was trained on the
// ANS news-headline stance set (Khouja 2020) and the shipped weights are
// embedded (model.bin.gz, provenance in MODEL.md) and loaded once by
// Default.
//
// Decide (or Model.Decide) labels a pair with the probability of its
// label; a caller comparing many statements reads each once (Analyse) and
// decides pairs of them (Model.DecideStatements). The answer is the same
// whichever statement comes first. A model file records the version of
// the features it was trained on and is refused by code computing others.
// The
// package must never call a side right or wrong (it says only how two
// statements relate), never panic on any input, never do I/O except
// reading its embedded model and the files a caller names, never ship a
// model without its provenance, and never import a stage above facts
// (store, index, report).
package stance
