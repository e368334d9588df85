// Package ner is taqrir's named-entity tagger for Arabic news: PERS, ORG,
// LOC and MISC as in ANERcorp (GPE folded into LOC). It is a first-order
// structured perceptron with averaged weights, decoded by Viterbi over BIO
// tags with the BIO constraints built in, over hashed features of each
// token and its neighbours: the folded word, stem and key from
// internal/arabic, affixes, shape, gazetteer hits (internal/facts/gazetteer),
// role words before and speech verbs after, and the word's class in a
// training lexicon (unseen, O, sometimes or mostly a type, opening or
// continuing spans), which training counts from the other folds so unseen
// words are as common there as in new text. A few pair features (a leading
// و, shape, lexicon class, gazetteer tags) are scored with the previous and
// the current tag together, as transition weights that depend on the
// token, so span boundaries are learnt where two names meet. The model is
// trained by our own
// code (Train, run by `taqrir train ner`) on CLEANANERCorp; the shipped
// weights are embedded (model.bin.gz, provenance in MODEL.md) and loaded
// once by Default.
//
// Issue 17 adds features from unlabeled news (TrainOptions.Clusters,
// `taqrir train ner --words shipped|FILE`): the word-cluster path prefixes
// (lengths 4, 6, 10, 20) of each token and its neighbours from a table of
// internal/wordrep; CluWide (--words-wide) those of the tokens two away,
// CluStrip (--words-strip) the path of the word without its leading
// clitics, and Mined (--mined FILE) name slots counted over unlabeled news
// by a NameMiner (`taqrir train names`: how often a word follows a role, a
// given name, a speech verb, a place's or a body's head noun). Each is a
// function of the token alone, so the word cache sums them like the
// word's other features. A model trained with the shipped cluster table
// alone records it (Model.Words, format TAQRIR-NER-4) and ReadModel binds
// the embedded table again; the other options are for measuring and
// Model.Write refuses them. The shipped model reads no clusters (MODEL.md
// says why), so its file and its tags are what they were.
//
// Entities gives spans with byte offsets into the text it was given; a
// span never starts with a leading clitic و ف ب ل ك of its first word
// (والعراق gives العراق; ال is kept), and its Text is always
// text[Start:End]. The package must never panic on any input, never invent
// an entity where no token was tagged, never do I/O except reading its
// embedded model (or a model file the caller names), and never import a
// stage above facts.
package ner
