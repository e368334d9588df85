// Package postgres is taqrir's second store driver: the store.Store
// interface over PostgreSQL (through pgx v5 and its connection pool), for
// the mode that outgrows one SQLite file and one process: several ingest
// workers and servers sharing one database. It passes the same conformance
// suite as the embedded driver (storetest) against a real server, and keeps
// its semantics: idempotent Put (the same raw bytes, the same URL and
// content, the same text from the same source change nothing), copies
// linked to their original, re-scrapes updated in place, raw items kept
// deflated byte for byte as the SQLite driver keeps them, and seq.
//
// # seq is commit order
//
// Consumers (the index, stories, saved searches, a replica) remember the
// last seq they applied and read seq > watermark. That is only safe if no
// seq can become visible before a smaller one: with a plain sequence, two
// writers take n and n+1, n+1 commits first, a consumer reads it and moves
// past n, which it then never reads. So seq is never taken from a sequence:
// every writing transaction (Put, Update) first locks the one row of
// seq_counter (SELECT … FOR UPDATE), hands out seqs from it, writes it back
// and commits, releasing the lock only then. Writers therefore commit one
// at a time in seq order, and a transaction that takes seq n+1 starts
// after the one holding n has committed and become visible.
//
// We chose the counter row over an advisory transaction lock
// (pg_advisory_xact_lock) because it is the same serialisation with the
// counter's value kept beside it, visible in pg_locks and pg_stat_activity
// as a wait on a named table, and impossible to forget in a writer that
// reads the counter. The price is one writer at a time per database; each
// writer also sees everything committed before it, so deduplication
// against the store is as exact as with SQLite's single writer. A batch's
// SQL is short next to extraction and analysis, which run outside the
// transaction; when it is not, the next step is fewer round trips per
// record (pgx batches), not more concurrent writers.
//
// # State documents and import
//
// Docs (DB.Docs) is the statedoc.Store of PostgreSQL mode: the table
// state_docs, one row per document (tokens.json, saved-searches.json,
// sources.json, fetch-validators.json, feeds-seen.json, stories.gob,
// stories-list.gob), its
// bytes the embedded file's. Update inserts the row if missing and reads
// it FOR UPDATE in one transaction, so concurrent updates of one document,
// from any process, apply one after another and none is lost. Import (for
// taqrir migrate) copies another store's rows as stored (store.Rows) and
// the documents in one transaction under the seq counter's lock, reads
// them back and compares checksums before it commits, and refuses a
// database that holds anything.
//
// # What it must never do
//
//   - take a seq from a sequence, or outside the counter's lock, or hold
//     the lock across anything but the batch's own SQL (no network fetch,
//     no analysis, no index write inside a writing transaction);
//   - analyse text or talk to the search index: like every driver it only
//     stores what ingest hands it (package store);
//   - change the stored forms the SQLite driver shares (RFC 3339 text
//     times keeping the outlet's offset, JSON lists, deflated facts and raw
//     data, bytewise-sorted ids and sources): an article and its raw item
//     must move between the two drivers unchanged;
//   - apply a migration twice: migrations (migrations/*.sql, embedded) run
//     under an advisory lock, so servers starting together apply each once.
//
// Text PostgreSQL refuses (a NUL byte, invalid UTF-8) makes Put fail
// where SQLite would store it. The cleaning stage removes both from an
// article's title and body; an origin (a file name) or a source holding
// them would be refused, which no test covers yet.
//
// Tests need a real server: TAQRIR_TEST_PG (see internal/testsuite and
// .ci/pg), one schema per test.
package postgres
