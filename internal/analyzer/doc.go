// Package analyzer plugs taqrir's Arabic analysis (package arabic) into bleve
// as named analyzers and tokenizers, so that an index built with bleve finds
// the spelling variants, clitic forms and inflections an Arabic reader takes
// for the same word, while each token keeps its byte offsets into the
// original text for highlighting. Importing the package registers the names
// "taqrir_ar" (stemmed keys), "taqrir_ar_nostem" (variant keys without
// stemming), "taqrir_ar_ngram" (letter trigrams of the unstemmed keys) and
// "taqrir_ar_stemgram" (edge-marked trigrams of the stemmed keys; these two
// for a second, lower-weighted field) with bleve's registry, as analyzers
// and as tokenizers; a field mapping refers to them by name.
//
// The package must never hold linguistic knowledge of its own: every
// decision about what a word is and what it matches lives in package arabic,
// so that search, extraction and evaluation agree. It must never rewrite or
// lose token offsets, and its analyzers must stay safe for concurrent use,
// because bleve calls one analyzer instance from many goroutines.
package analyzer
