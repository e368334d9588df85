// Package arabic is taqrir's Arabic text analysis: display normalisation,
// match folding, tokenisation with byte offsets into the original text,
// sentence splitting for news prose, a light stemmer guarded by a protected
// lexicon, spelling-variant keys for foreign names and countries, second
// keys for index terms stacked on a word (a possible clitic; a verb's
// masdar, a broken plural's singular, a number's digits), news synonyms
// for query expansion, and stopwords. Extraction, search, fact extraction,
// near-duplicates, stories and reports all stand on it, so it is pure Go
// (standard library and golang.org/x/text only) and fast enough to run over
// every stored article.
//
// Its word lists (stopwords, the protected lexicon, aliases and nisbas,
// broken plurals, number words, synonyms, Latin abbreviations) are data
// written by the taqrir authors, kept out of the code in lexicon/*.tsv:
// each file's header says what it holds, its source and how it is
// written. They are embedded and parsed on first use, so importing the
// package costs nothing until text is analysed.
//
// It must never lose or move source offsets (tokens and sentences point into
// the text they were given, even when it is not valid UTF-8), never import an
// index or storage library, never do I/O outside the explicit LoadVariantSet
// helper, and never apply synonyms to stored text: they are for widening a
// query, not for rewriting a document.
package arabic
