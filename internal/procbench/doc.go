// Package procbench measures commands as whole processes: it runs built
// binaries n times each, taking turns, and reports per command the wall
// time from exec to exit and the CPU time (user + system) the child used,
// as median and 90th percentile (Run). ReadCommands are the start-up
// measures of taqrir's read commands (`--version`, `search`, `show` on a
// data directory); BenchmarkStartup in cmd/taqrir runs them on the built
// binary, and a `taqrir bench` stage can call Run the same way.
//
// A measured process's peak resident set is its own to tell: on Linux the
// ru_maxrss of a child a Go process started is at least the parent's peak
// (PeakRSSEnv says why). The taqrir binary calls ReportPeakRSS as it exits;
// a parent gives each child a PeakFile and reads the child's own VmHWM
// from it (taqrir bench, the reliability campaign).
//
// Wall time on a shared machine measures the neighbours too; the CPU time
// is the figure to compare across runs and machines' moods.
//
// It must never import other taqrir packages: it only runs and measures
// processes.
package procbench
