package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
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
	cmd.Env = r.opt.Env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	run := childRun{Wall: time.Since(start), Stdout: out.Bytes()}
	if cmd.ProcessState == nil {
		return run, fmt.Errorf("bench: taqrir %s: %w", strings.Join(args, " "), err)
	}
	run.Code = cmd.ProcessState.ExitCode()
	run.CPU, run.MaxRSS = usage(cmd.ProcessState)
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
