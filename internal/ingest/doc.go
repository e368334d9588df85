// Package ingest runs taqrir's pipeline over raw input: source → extract →
// facts → store → index. One goroutine reads the items in input order;
// extraction and fact extraction run on all cores; one writer stores
// batches in transactions (the store is the truth) and hands them, one
// batch behind, to an indexer that applies them to the index, which
// records the last store sequence number it holds, so a crash between the
// two is repaired by Sync on the next run. A worker asks the store
// whether it already holds an item as it is (Store.Holds) before
// extracting its facts, which Put would throw away; Put mends the rare
// case where the store changed in between. It also holds the maintenance
// passes over stored data: Sync, Reindex and Reprocess. It must never parse
// formats or analyse text itself.
package ingest
