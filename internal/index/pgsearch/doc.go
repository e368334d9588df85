// Package pgsearch is the search index kept in PostgreSQL, for the mode in
// which several servers share one database (issue 18): every server asks
// the same table instead of keeping a bleve replica of its own.
//
// The analysis is ours, not PostgreSQL's: each article goes through the
// same taqrir_ar analyzer the bleve index uses (package analyzer: the
// word's key, the second reading where a first letter may be a clitic, the
// derivational keys, all at the word's position), and the keys are stored
// as a tsvector cast from text, so PostgreSQL's own parsers and
// dictionaries never see the text. Title positions carry weight A, body
// positions D, captions C; a GIN index over the tsvector finds the
// matches, a second tsvector over the entity names serves the entity
// filter (a name a phrase: its keys at consecutive positions, names kept
// apart by a gap).
//
// Queries are the query language of package index (index.ParseQuery),
// turned into a tsquery for matching (each word its keys ORed, words
// ANDed, phrases with <N>, prefixes with :*, exclusions with !) and a list
// of scored keys. Ranking has two phases. Every match gets ts_rank_cd with
// the field weights (one read of its tsvector); the best RerankDepth (100,
// or the page when it reaches further) are ranked again by BM25 computed
// in SQL the way bleve computes it (idf squared through the query weight,
// the square root of the term frequency, per-field lengths, title boost
// 2.5, captions 0.5, synonyms 0.3, and the coordination factor of a word's
// alternatives): the term frequency of a key in each field is the count of
// its positions with that field's weight, read by unnest(tsvector), and the
// document frequency of a key is a GIN count, cached while the number of
// documents moves less than 1%. BM25 over every match would read every key
// of every match's tsvector: too dear for a common word. RankCD keeps the
// first phase alone, to measure against.
// Filters (source, date range, entity, ids), facets (sources, months,
// entities), sorting and paging are SQL in the same statement; snippets are
// cut in Go from the stored body around the words whose keys matched.
//
// The index is derived data like the bleve one: Apply upserts articles and
// records the highest store seq applied, atomically with them, so a
// follower catches up from the store with seq > Seq(). Nothing in the
// pipeline imports this package: MEASURE.md compares it with bleve
// replicas kept in step from PostgreSQL's seq on relevance, XQuAD-R and
// CPU a query at 100k articles, and says why the replicas were chosen (as
// relevant, a third of the CPU a query).
package pgsearch
