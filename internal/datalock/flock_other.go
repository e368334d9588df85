//go:build !unix

package datalock

import "os"

// Elsewhere there is no flock: the lock is always granted, and bleve's own
// file lock is what stops a second writer.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlock(*os.File) error { return nil }
