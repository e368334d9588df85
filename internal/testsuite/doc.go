// Package testsuite holds what the tests and benchmarks of several packages
// share: reading the TSV suites (testdata/*.tsv: one case a line, columns
// split by tabs, grouped under "# category:" lines) and the process's CPU
// clock, which measures a benchmark's work where wall time on a shared
// machine measures its neighbours too.
//
// It must never be imported by code that ships: only by _test.go files.
package testsuite
