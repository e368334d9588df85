//go:build !unix

package ner

import "time"

// cpuTime is unknown here; the CPU-second metric is then not reported.
func cpuTime() time.Duration { return 0 }
