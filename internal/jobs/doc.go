// Package jobs is taqrir's work queue for the PostgreSQL mode (issue 18):
// River (riverqueue/river, pgx v5) jobs in the same database as the store,
// worked by any number of `taqrir worker` processes.
//
// Job kinds:
//
//   - ingest_raw: one raw item (its bytes, format, origin and, for a page,
//     URL and Content-Type) extracted, read for facts and put in the store.
//     Unique by the raw bytes' SHA-256 while queued, running or recently
//     done, so queueing the same file twice queues it once.
//   - fetch_url: one page fetched politely (internal/fetch, the SSRF guard,
//     conditional GET), its bytes queued as ingest_raw. Unique by URL while
//     queued or running.
//   - poll_source: one monitored source (app.Sources) read: a feed's new
//     entries or the page, each queued as ingest_raw; the source's last
//     reading recorded. Unique by name while queued or running.
//   - schedule_polls: periodic; queues poll_source for every source whose
//     interval has passed, so a source added with `taqrir sources add`
//     anywhere is polled without restarting a worker.
//   - assign_stories: periodic; the story clusterer caught up with the
//     store's seq (app.Data.CatchUpStories).
//   - match_saved: periodic; saved searches run over the articles stored
//     since the last match (a watermark in job_marks, migration 0003).
//
// River may run a job twice (a worker killed after its commit and before
// River marks the job done, a rescued job, a retry): every worker is
// idempotent. ingest_raw relies on the store's deduplication (the same raw
// bytes are Unchanged), fetch_url and poll_source only queue ingest_raw
// (unique), assign_stories and match_saved move a watermark forward, and a
// saved search records (and alerts) an article once however often it is
// matched.
// Failures are retried with exponential backoff (1 s, 2 s, 4 s … capped at
// 10 min); an item that cannot be extracted is cancelled, not retried.
//
// River's own tables are created by its migrations (rivermigrate) under
// the store's migration lock (postgres.WithMigrationLock), so processes
// starting together apply them once.
//
// It must never:
//
//   - put anything in the store except through store.Store.Put, or write
//     the search index: replicas follow the store's seq (app.Data.Follow);
//   - hold a store transaction across extraction, analysis or a fetch;
//   - assume a job runs once, or that jobs run in the order queued;
//   - keep state a worker alone knows: what a job needs is in its
//     arguments, the store, or the application state (app), which lives in
//     PostgreSQL in this mode.
package jobs
