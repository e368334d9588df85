// Package datalock is the writer lock of a data directory: one taqrir
// process at a time opens a data directory (ingest, reindex, and the
// commands that bring the index or the stories up to date when they open
// it), so two of them never write the index or the store's derived files
// at once. The lock is an flock on taqrir.lock in the directory, which
// also names the holder (pid, command, since when) for the error another
// process gets; the kernel releases it when the holder dies, so a killed
// ingest leaves no stale lock.
//
// It must never delete or rewrite anything in the data directory but its
// own lock file.
package datalock
