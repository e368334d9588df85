//go:build !unix

package bench

import (
	"os"
	"time"
)

// usage is the CPU time of a finished child process; its peak resident
// set is not known here (0).
func usage(ps *os.ProcessState) (time.Duration, int64) {
	return ps.UserTime() + ps.SystemTime(), 0
}

// cpuTime is not measured here (0).
func cpuTime() time.Duration { return 0 }

// stopProcess stops a child.
func stopProcess(p *os.Process) { p.Kill() }
