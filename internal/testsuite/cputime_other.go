//go:build !unix

package testsuite

import "time"

// CPUTime is unknown here: it returns 0, and benchmarks then leave out
// their CPU-second metrics.
func CPUTime() time.Duration { return 0 }
