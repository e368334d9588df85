// Package reliability is taqrir's reliability campaign: tests that run the
// built taqrir binary against faults and hostile input and check that it
// keeps its promises. SIGKILL at random points of ingest, reindex and
// reprocess loses nothing reported stored and duplicates nothing, and
// `taqrir check` stays clean; a full disk (a small tmpfs) and a read-only
// data directory (a read-only bind mount) stop writers with a clear error
// while readers still read; concurrent writers refuse each other naming the
// holder; hostile inputs (bombs, deep nesting, huge attributes and words,
// broken encodings, control characters, bidi overrides) are refused or
// read within the README's memory bound, each with its peak RSS and time
// recorded in a table.
//
// The campaign is slow, so `go test ./...` skips it. TAQRIR_RELIABILITY=short
// runs every check a few times (CI, under a minute);
// TAQRIR_RELIABILITY=full runs the whole campaign (20 kills of each
// command), and TAQRIR_RELIABILITY_REPORT=FILE writes the table of figures
// to FILE as Markdown (RESULTS.md holds the last full run). Mounts need
// root; where they fail, those cases skip saying why. The rotating fuzz
// campaign over the repository's fuzz targets is .ci/fuzz.
//
// It must never touch a data directory it did not create, or leave a mount
// behind.
package reliability
