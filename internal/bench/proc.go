package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/procbench"
)

// childRun is what one child process cost.
type childRun struct {
	Wall   time.Duration
	CPU    time.Duration // user + system
	MaxRSS int64         // peak resident set, bytes
	Stdout []byte
	Code   int
}

// runChild runs the taqrir binary with args and measures it. A non-zero
// exit is returned as a run with its code (ingest exits 1 when some item
// failed), not as an error; failing to start is an error.
func (r *runner) runChild(ctx context.Context, args ...string) (childRun, error) {
	cmd := exec.CommandContext(ctx, r.opt.Exe, args...)
	cost, err := r.measured(cmd)
	if err != nil {
		return childRun{}, err
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	run := childRun{Wall: time.Since(start), Stdout: out.Bytes()}
	run.CPU, run.MaxRSS = cost()
	if cmd.ProcessState == nil {
		return run, fmt.Errorf("bench: taqrir %s: %w", strings.Join(args, " "), err)
	}
	run.Code = cmd.ProcessState.ExitCode()
	if ctx.Err() != nil {
		return run, ctx.Err()
	}
	if run.Code != 0 && run.Code != 1 {
		return run, fmt.Errorf("bench: taqrir %s: exit %d: %s", strings.Join(args, " "), run.Code, strings.TrimSpace(errb.String()))
	}
	if run.Code == 1 && len(out.Bytes()) == 0 {
		return run, fmt.Errorf("bench: taqrir %s: %s", strings.Join(args, " "), strings.TrimSpace(errb.String()))
	}
	return run, nil
}

// measured gives cmd, before it starts, the options' environment and a
// file to report its own peak resident set in (ru_maxrss would charge it
// this process's: procbench.PeakRSSEnv says why). The function returned
// reads, once cmd has exited, its CPU time and its peak: the reported one,
// else ru_maxrss (a child killed before it reported).
func (r *runner) measured(cmd *exec.Cmd) (func() (time.Duration, int64), error) {
	peak, err := procbench.NewPeakFile(r.dir)
	if err != nil {
		return nil, err
	}
	cmd.Env = peak.Env(r.opt.Env)
	return func() (time.Duration, int64) {
		own, reported := peak.Read()
		if cmd.ProcessState == nil {
			return 0, 0
		}
		cpu, rss := usage(cmd.ProcessState)
		if reported {
			rss = own
		}
		return cpu, rss
	}, nil
}
