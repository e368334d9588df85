// Package index is taqrir's full-text search index: bleve v2 with BM25
// scoring and taqrir's own Arabic analyzer (package analyzer), so a query for
// امريكا finds الأميركية and مباحثات can reach محادثات through synonym
// expansion at a lower weight. Titles are boosted and captions weighted
// down; results carry highlighted snippets and facets by source and month,
// and filters by source, date and entity (any alias, matched against the
// article's entity names).
//
// The index is derived data: it can always be rebuilt from the store. It
// remembers the store sequence number (Seq) of the last change it applied,
// atomically with that change, so after a crash the missing tail is replayed
// from the store. It must never be the only copy of anything.
package index
