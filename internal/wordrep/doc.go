// Package wordrep learns word representations from unlabeled Arabic news:
// hierarchical word clusters in the Brown family, trained by our own code
// over taqrir's normalisation (a unit is arabic.KeyNoStem of a token, so
// spelling variants of one name share a unit but clitics stay visible).
//
// Training has two stages. The exchange stage moves each word (most
// frequent first) to the class that most raises the likelihood of a
// class bigram model (the objective of Brown et al. 1992; the move
// search of Kneser and Ney's exchange algorithm), until few words move.
// The merge stage then builds a binary tree over those classes, merging
// at each step the two whose union loses least of the likelihood of
// their left and right contexts (held fixed), so every word gets a
// bit-string path whose prefixes are coarser classes, usable as features.
//
// Results depend only on the corpus, the options and the seed: the number
// of workers changes the speed, never the table.
//
// Dense vectors (TrainVectors) are learnt by skip-gram with negative
// sampling over the same units, each unit's vector made of its own row and
// its character n-gram rows (the fastText idea), so a clitic form or a
// word never seen still gets a vector. Workers train replicas on
// contiguous shards and are averaged at fixed points in a fixed order:
// the table depends on the corpus, the options, the seed and the number
// of workers. The vector table is int8 with a scale a row (vectable.go);
// an Expander turns a query word into the search keys of its nearest
// units, for the index's expansion next to the synonyms.
//
// One cluster table ships (clusters.tsv.gz, its provenance in MODEL.md),
// read on first use by Clusters: the NER tagger's cluster features, the
// cluster column of taqrir analyze and taqrir similar's default table come
// from it. No vector table ships (EXPERIMENTS.md says why).
//
// The package must never read the network or a data directory, never
// ship or embed a table without its provenance (corpus, command, seed,
// checksum, the corpus's citation), and never copy corpus text into a
// table: a table holds units, their counts and their paths only.
package wordrep
