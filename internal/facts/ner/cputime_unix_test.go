//go:build unix

package ner

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user + system), so a
// benchmark on a shared, loaded machine can report throughput per CPU
// second as well as per wall second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
