package datalock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileName is the lock file in a data directory.
const FileName = "taqrir.lock"

// Lock is a held writer lock.
type Lock struct{ f *os.File }

// HeldError is Acquire's error when another process holds the lock.
type HeldError struct {
	Dir     string
	PID     int
	Command string
	Since   string
}

func (e *HeldError) Error() string {
	who := "another taqrir process"
	if e.PID > 0 {
		who = fmt.Sprintf("taqrir process %d", e.PID)
		if e.Command != "" {
			who += " (" + e.Command + ")"
		}
		if e.Since != "" {
			who += ", since " + e.Since
		}
	}
	return fmt.Sprintf("%s is in use by %s: wait for it to finish, or pass --wait 1m to wait for it", e.Dir, who)
}

// ErrHeld matches a HeldError with errors.Is.
var ErrHeld = errors.New("datalock: data directory in use")

// Is makes errors.Is(err, ErrHeld) true for a HeldError.
func (e *HeldError) Is(target error) bool { return target == ErrHeld }

// pollEvery is how often Acquire tries again while it waits.
const pollEvery = 100 * time.Millisecond

// Acquire takes the writer lock of dir (which must exist) for command,
// trying for up to wait (0: once). While another process holds it, the
// error is a HeldError naming that process.
func Acquire(dir, command string, wait time.Duration) (*Lock, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("datalock: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("datalock: %s: %w", path, err)
		}
		if ok {
			break
		}
		if !time.Now().Before(deadline) {
			held := holder(path)
			held.Dir = dir
			f.Close()
			return nil, held
		}
		time.Sleep(min(pollEvery, time.Until(deadline)+time.Millisecond))
	}
	// Name ourselves for whoever finds the lock taken. Not synced to disk:
	// other processes read it from the page cache, and after a crash of
	// the machine the lock is free whatever the file says (an fsync here
	// cost every command, search and show too, a disk flush).
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "%d\n%s\n%s\n", os.Getpid(), oneLine(command), time.Now().Format(time.RFC3339))
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up. It is safe on a nil Lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// holder reads who holds the lock from its file (empty fields when it
// cannot tell).
func holder(path string) *HeldError {
	e := &HeldError{}
	b, err := os.ReadFile(path)
	if err != nil {
		return e
	}
	lines := strings.SplitN(string(b), "\n", 4)
	if len(lines) >= 3 {
		e.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
		e.Command = strings.TrimSpace(lines[1])
		e.Since = strings.TrimSpace(lines[2])
	}
	return e
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
