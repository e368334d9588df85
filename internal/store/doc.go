// Package store defines taqrir's storage interface: the store is the truth
// (articles and the raw input they came from), the search index is derived
// from it. Drivers live in subpackages — sqlite (embedded, the default) and
// postgres (several workers and servers sharing one database) — and must
// pass the same conformance suite (storetest) against a real database. The interface is kept small and its SQL portable so a second
// driver is cheap. A store never analyses text or talks to the index.
package store
