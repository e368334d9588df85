package procbench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Stats summarises one measure over the runs.
type Stats struct {
	Median time.Duration `json:"median_ns"`
	P90    time.Duration `json:"p90_ns"`
	Min    time.Duration `json:"min_ns"`
	Max    time.Duration `json:"max_ns"`
}

// Result is what Run measured: Wall from exec to exit, CPU the child's user +
// system time, each over Runs runs.
type Result struct {
	Runs int   `json:"runs"`
	Wall Stats `json:"wall"`
	CPU  Stats `json:"cpu"`
}

// String is "wall median 38ms p90 45ms, cpu median 31ms p90 33ms (20 runs)".
func (r Result) String() string {
	ms := func(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }
	return fmt.Sprintf("wall median %s p90 %s, cpu median %s p90 %s (%d runs)",
		ms(r.Wall.Median), ms(r.Wall.P90), ms(r.CPU.Median), ms(r.CPU.P90), r.Runs)
}

// Command says what to run: the binary, its arguments and, when Env is not
// nil, its whole environment (nil: the caller's).
type Command struct {
	Path string
	Args []string
	Env  []string
}

// Run runs cmd n times, one after the other, its output discarded, and
// returns the statistics. A run that fails (exit status other than 0) stops
// it with an error that quotes the run's stderr.
func Run(ctx context.Context, cmd Command, n int) (Result, error) {
	if n < 1 {
		return Result{}, fmt.Errorf("procbench: %d runs: want at least 1", n)
	}
	wall := make([]time.Duration, 0, n)
	cpu := make([]time.Duration, 0, n)
	for range n {
		w, c, err := once(ctx, cmd)
		if err != nil {
			return Result{}, err
		}
		wall, cpu = append(wall, w), append(cpu, c)
	}
	return Result{Runs: n, Wall: summarise(wall), CPU: summarise(cpu)}, nil
}

// once runs cmd and returns its wall and CPU time.
func once(ctx context.Context, cmd Command) (wall, cpu time.Duration, err error) {
	c := exec.CommandContext(ctx, cmd.Path, cmd.Args...)
	c.Env = cmd.Env
	var stderr bytes.Buffer
	c.Stderr = &stderr
	start := time.Now()
	err = c.Run()
	wall = time.Since(start)
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		return 0, 0, fmt.Errorf("procbench: %s %s: %w: %s", cmd.Path, strings.Join(cmd.Args, " "), err, msg)
	}
	return wall, c.ProcessState.UserTime() + c.ProcessState.SystemTime(), nil
}

// summarise returns the median (the lower middle of an even count), the
// 90th percentile (nearest rank), the least and the greatest of ds.
func summarise(ds []time.Duration) Stats {
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p int) time.Duration { // nearest rank: ceil(p/100·n), 1-based
		i := (p*len(s)+99)/100 - 1
		return s[max(i, 0)]
	}
	return Stats{Median: rank(50), P90: rank(90), Min: s[0], Max: s[len(s)-1]}
}
