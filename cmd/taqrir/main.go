// Command taqrir turns raw Arabic news into sourced, searchable reports.
// All capabilities live in internal/; this file only wires the process to
// the command line.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/taqrir/taqrir/internal/cli"
	"github.com/taqrir/taqrir/internal/procbench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	procbench.ReportPeakRSS() // only when a benchmark asked (TAQRIR_PEAK_RSS_FILE)
	os.Exit(code)
}
