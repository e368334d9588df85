// Package testsuite holds what the tests and benchmarks of several packages
// share: reading the TSV suites (testdata/*.tsv: one case a line, columns
// split by tabs, grouped under "# category:" lines) and the process's CPU
// clock, which measures a benchmark's work where wall time on a shared
// machine measures its neighbours too; the real browser and the real
// PostgreSQL (TAQRIR_TEST_PG, a schema per test) that some tests need,
// which skip without them except under CI (CI=true), where they fail.
//
// It must never be imported by code that ships: only by _test.go files.
package testsuite
