// Package procbench measures how long a command takes as a whole process:
// it runs a built binary n times and reports, per run, the wall time from
// exec to exit and the CPU time (user + system) the child used, as median
// and 90th percentile. Start-up of the command line (`taqrir search`,
// `taqrir show` on a data directory) is measured with it, by the Go
// benchmark BenchmarkStartup in cmd/taqrir and by anyone who calls Run (a
// `taqrir bench` stage can). Wall time on a shared machine measures the
// neighbours too; the CPU time is the figure to compare across runs.
//
// It must never import other taqrir packages: it only runs processes.
package procbench
