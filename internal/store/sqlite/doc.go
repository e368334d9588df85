// Package sqlite is taqrir's embedded store driver: one SQLite file in the
// data directory, through the pure-Go modernc.org/sqlite driver (no cgo, no
// service to install, cross-compiles). We chose it over ncruces/go-sqlite3
// (also pure Go, via WebAssembly) because it is a plain database/sql driver
// with the widest use, needs no WASM runtime compiled at start-up, and both
// measured about the same for our batched inserts. WAL mode, synchronous=FULL
// (a batch reported stored survives a crash), versioned migrations embedded
// from migrations/, and a single writer per process. It must never hold
// analysis or index logic.
package sqlite
