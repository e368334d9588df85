// Package store defines taqrir's storage interface: the store is the truth
// (articles and the raw input they came from), the search index is derived
// from it. Drivers live in subpackages — sqlite (embedded, the default) and
// postgres (several workers and servers sharing one database) — and must
// pass the same conformance suite (storetest) against a real database.
//
// The rules of a put and an update (deduplication, copies, replaced pages,
// seq) and the statements that carry them are written once, here, against
// the small SQL interface each driver adapts its transactions to (sql.go);
// a driver owns only its connection, its migrations, how it hands out seq
// and what only it can do (PostgreSQL's import, SQLite's integrity check).
// The interface is kept small and its SQL portable so a second driver is
// cheap. A store never analyses text or talks to the index.
package store
