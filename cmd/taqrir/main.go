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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
