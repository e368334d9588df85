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

// Command says what to run: the binary, its arguments and, when Env is not
// nil, its whole environment (nil: the caller's). Name labels it in results.
type Command struct {
	Name string
	Path string
	Args []string
	Env  []string
}

// Stats summarises one measure over the runs.
type Stats struct {
	Median time.Duration `json:"median_ns"`
	P90    time.Duration `json:"p90_ns"`
	Min    time.Duration `json:"min_ns"`
	Max    time.Duration `json:"max_ns"`
}

// Result is what was measured of one command: Wall from exec to exit, CPU
// the child's user + system time, each over Runs runs.
type Result struct {
	Name string `json:"name"`
	Runs int    `json:"runs"`
	Wall Stats  `json:"wall"`
	CPU  Stats  `json:"cpu"`
}

// String is "search: wall median 38ms p90 45ms, cpu median 31ms p90 33ms (20 runs)".
func (r Result) String() string {
	ms := func(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }
	return fmt.Sprintf("%s: wall median %s p90 %s, cpu median %s p90 %s (%d runs)",
		r.Name, ms(r.Wall.Median), ms(r.Wall.P90), ms(r.CPU.Median), ms(r.CPU.P90), r.Runs)
}

// Run runs each command n times and returns their results in order. The
// commands take turns (one run of each per round, after one untimed round
// that fills the page cache), so a machine that gets busier or quieter
// meanwhile weighs on all of them alike. A run that fails (exit status
// other than 0) stops it with an error quoting the run's stderr; output is
// discarded.
func Run(ctx context.Context, cmds []Command, n int) ([]Result, error) {
	if n < 1 {
		return nil, fmt.Errorf("procbench: %d runs: want at least 1", n)
	}
	wall := make([][]time.Duration, len(cmds))
	cpu := make([][]time.Duration, len(cmds))
	for round := -1; round < n; round++ {
		for i, c := range cmds {
			w, u, err := Once(ctx, c)
			if err != nil {
				return nil, err
			}
			if round >= 0 {
				wall[i], cpu[i] = append(wall[i], w), append(cpu[i], u)
			}
		}
	}
	out := make([]Result, len(cmds))
	for i, c := range cmds {
		out[i] = Result{Name: c.Name, Runs: n, Wall: Summarise(wall[i]), CPU: Summarise(cpu[i])}
	}
	return out, nil
}

// Once runs c and returns its wall time and CPU time (user + system).
func Once(ctx context.Context, c Command) (wall, cpu time.Duration, err error) {
	cmd := exec.CommandContext(ctx, c.Path, c.Args...)
	cmd.Env = c.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("procbench: %s %s: %w: %s", c.Path, strings.Join(c.Args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// Summarise returns the median (the lower middle of an even count), the
// 90th percentile (nearest rank), the least and the greatest of ds, which
// must not be empty.
func Summarise(ds []time.Duration) Stats {
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p int) time.Duration { // nearest rank: ceil(p/100·n), 1-based
		return s[max((p*len(s)+99)/100-1, 0)]
	}
	return Stats{Median: rank(50), P90: rank(90), Min: s[0], Max: s[len(s)-1]}
}

// ReadCommands are the start-up measures of the taqrir binary bin on the
// data directory data: `--version` (the process alone), `search QUERY` and
// `show ID` (open the directory, answer, exit).
func ReadCommands(bin, data, query, id string) []Command {
	return []Command{
		{Name: "version", Path: bin, Args: []string{"--version"}},
		{Name: "search", Path: bin, Args: []string{"--data", data, "search", query}},
		{Name: "show", Path: bin, Args: []string{"--data", data, "show", id}},
	}
}
