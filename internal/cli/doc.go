// Package cli is the `taqrir` command line: cobra commands that parse flags,
// open the data directory and call the capability packages, then print
// human-readable text or, with --json, stable JSON for scripts. Commands
// hold no domain logic; anything worth testing on its own lives in the
// package the command calls.
package cli
