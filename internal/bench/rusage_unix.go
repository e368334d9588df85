//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage is the CPU time (user + system) and peak resident set in bytes of
// a finished child process.
func usage(ps *os.ProcessState) (time.Duration, int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0
	}
	rss := int64(ru.Maxrss)
	if runtime.GOOS != "darwin" {
		rss *= 1024 // kilobytes, except on macOS (bytes)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), rss
}

// cpuTime is the CPU time (user + system) this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// stopProcess asks a child to stop as Ctrl-C would.
func stopProcess(p *os.Process) { p.Signal(syscall.SIGTERM) }
