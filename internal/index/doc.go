// Package index is taqrir's full-text search index: bleve v2 with BM25
// scoring and taqrir's own Arabic analyzer (package analyzer), so a query for
// امريكا finds الأميركية and مباحثات can reach محادثات through synonym
// expansion at a lower weight. Words are matched in one text field that
// holds the title, the body and the captions (one value each, so a phrase
// stays within one); a title that has them adds its own score, boosted, as
// an optional clause. Results carry snippets with the words marked (cut from
// the stored body by Snippet, our own, which PostgreSQL search shares) and
// facets by source and month, and filters by source, date and entity (any
// alias, matched against the article's entity names).
//
// A search asked again of the same state of the index is answered from a
// bounded result cache (SetCacheSize; 0 turns it off for measuring, and
// CacheStats counts hits): an entry is valid for the index's Seq and write
// generation it was computed at, so any write makes it stale. Facets are
// what a search costs most at scale (bleve decompresses the facet fields'
// doc values of every match, each search): from the second faceted search
// at one state of the index, they are counted from a facet column built
// once for that state (facets.go), with bleve's counts and order. With a
// column, a search is one pass (pass.go): the column counts the facets and
// checks the source and date filters as bleve's collector takes each match,
// and the other filters are conjuncts that score nothing, so results are
// bleve's bit for bit at a fraction of the cost.
//
// The filters join the words' own required clauses, and so does a
// candidates conjunct (candidates.go): the documents holding every word,
// the AND over the words of the OR of each word's terms, from the segments'
// posting bitmaps; it leads the leapfrog, so the words' searchers stop only
// at documents that match. With a column, a query of Build's shape is then
// run by our own loop (exec.go) instead of bleve's searchers: the same
// posting readers and bleve's BM25 formula, summed in bleve's order, so the
// hits, scores and order are bleve's exactly (TestFacetColumnCountsAsBleve,
// on one segment and on several with deleted documents), without a scored
// DocumentMatch handed up a tree of searchers at every stop, and without
// scoring a match that BM25's bound on its words' scores keeps off the
// page. Phrases, prefixes, relaxed queries and date sorts stay bleve's.
//
// The index is derived data: it can always be rebuilt from the store. It
// remembers the store sequence number (Seq) of the last change it applied,
// atomically with that change, so after a crash the missing tail is replayed
// from the store. It must never be the only copy of anything.
package index
