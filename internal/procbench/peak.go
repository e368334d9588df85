package procbench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// PeakRSSEnv names the file a measured process writes its own peak
// resident set to as it exits (ReportPeakRSS), for the parent to read
// (PeakRSS).
//
// Why a child must say it itself: on Linux a Go parent starts a child with
// clone(CLONE_VM|CLONE_VFORK), and exec charges the mm it leaves, the
// parent's, to the child's peak. The ru_maxrss that wait4 returns is
// therefore at least the parent's own peak when it started the child: a
// `taqrir --version` started by a benchmark that had grown to 340 MB
// "peaked" at 340 MB. VmHWM in /proc/self/status belongs to the child's
// own mm, made fresh at exec, and is its true peak.
const PeakRSSEnv = "TAQRIR_PEAK_RSS_FILE"

// ReportPeakRSS writes this process's peak resident set, in bytes as a
// decimal number, to the file PeakRSSEnv names, when it names one and the
// system tells the peak (Linux); otherwise it does nothing. A process that
// a benchmark measures calls it last, just before it exits.
func ReportPeakRSS() {
	path := os.Getenv(PeakRSSEnv)
	if path == "" {
		return
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	peak, err := vmHWM(status)
	if err != nil {
		return
	}
	// Best effort: a parent that finds no file falls back to ru_maxrss.
	_ = os.WriteFile(path, []byte(strconv.FormatInt(peak, 10)), 0o600)
}

// vmHWM reads the VmHWM line of a /proc/PID/status text, in bytes.
func vmHWM(status []byte) (int64, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, ok := strings.CutSuffix(strings.TrimSpace(rest), " kB")
		if !ok {
			return 0, fmt.Errorf("VmHWM %q: want a size in kB", strings.TrimSpace(rest))
		}
		n, err := strconv.ParseInt(strings.TrimSpace(kb), 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("VmHWM %q: want a size in kB", strings.TrimSpace(rest))
		}
		return n << 10, nil
	}
	return 0, errors.New("no VmHWM line")
}

// PeakFile is where one child run reports its peak: Env is the child's
// environment with PeakRSSEnv set to it, and Read takes the figure after
// the child exits.
type PeakFile struct {
	path string
}

// NewPeakFile makes the report file of one child run in dir (the system's
// temporary directory when dir is "").
func NewPeakFile(dir string) (*PeakFile, error) {
	f, err := os.CreateTemp(dir, "peak-rss-*")
	if err != nil {
		return nil, fmt.Errorf("procbench: peak RSS file: %w", err)
	}
	path := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("procbench: peak RSS file: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("procbench: peak RSS file: %w", err)
	}
	return &PeakFile{path: abs}, nil
}

// Env is env (the caller's environment when nil) with PeakRSSEnv set to
// the file, replacing any value it had.
func (p *PeakFile) Env(env []string) []string {
	if env == nil {
		env = os.Environ()
	}
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, PeakRSSEnv+"=") {
			out = append(out, kv)
		}
	}
	return append(out, PeakRSSEnv+"="+p.path)
}

// Read returns the peak the child reported and removes the file; ok is
// false when it reported none (it was killed, or the system does not tell
// a process its peak), and the caller falls back to ru_maxrss.
func (p *PeakFile) Read() (peak int64, ok bool) {
	b, err := os.ReadFile(p.path)
	os.Remove(p.path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
