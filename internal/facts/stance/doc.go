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
// Decide gives the same answer whichever statement comes first. The
// package must never call a side right or wrong (it says only how two
// statements relate), never panic on any input, never do I/O except
// reading its embedded model and the files a caller names, never ship a
// model without its provenance, and never import a stage above facts
// (store, index, report).
package stance
