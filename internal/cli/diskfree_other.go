//go:build !unix

package cli

// diskFree cannot tell on this system.
func diskFree(string) int64 { return -1 }
