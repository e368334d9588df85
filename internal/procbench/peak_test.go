package procbench

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// touch allocates n bytes and writes every page, so that they are resident.
func touch(n int) []byte {
	b := make([]byte, n)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	return b
}

var held []byte

// TestPeakRSS runs this test binary as a child that grows to about 32 MB
// and reports its peak, from a parent that has grown past 128 MB first:
// the child's report is its own peak, while ru_maxrss (on Linux) charges
// it the parent's.
func TestPeakRSS(t *testing.T) {
	if os.Getenv("PROCBENCH_CHILD") == "peak" {
		held = touch(32 << 20)
		ReportPeakRSS()
		os.Exit(0)
	}
	if runtime.GOOS != "linux" {
		t.Skip("a process's own peak is read from /proc/self/status (Linux)")
	}
	const mb = 1 << 20
	held = touch(128 * mb)
	defer func() { held = nil }()
	pf, err := NewPeakFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSS$")
	cmd.Env = append(pf.Env(nil), "PROCBENCH_CHILD=peak")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v: %s", err, out)
	}
	peak, ok := pf.Read()
	if !ok {
		t.Fatal("the child reported no peak")
	}
	if peak < 32*mb || peak > 100*mb {
		t.Errorf("child's own peak %d MB, want between 32 and 100", peak/mb)
	}
	maxrss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10
	t.Logf("child's own peak %d MB; ru_maxrss %d MB", peak/mb, maxrss/mb)
	if maxrss < 128*mb {
		t.Logf("ru_maxrss is not charged the parent's peak here: the report and ru_maxrss agree")
	}
	if _, ok := pf.Read(); ok {
		t.Error("Read found the file again: it should remove it")
	}
}

func TestPeakFileUnreported(t *testing.T) {
	pf, err := NewPeakFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pf.Read(); ok {
		t.Error("an empty file (a child killed before it reported) read as a peak")
	}
}

func TestPeakFileEnv(t *testing.T) {
	pf, err := NewPeakFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env := pf.Env([]string{"A=1", PeakRSSEnv + "=/elsewhere", "B=2"})
	var set []string
	for _, kv := range env {
		if strings.HasPrefix(kv, PeakRSSEnv+"=") {
			set = append(set, kv)
		}
	}
	if len(set) != 1 || set[0] != PeakRSSEnv+"="+pf.path || !slices.Contains(env, "A=1") || !slices.Contains(env, "B=2") {
		t.Errorf("Env = %q", env)
	}
}

func TestVmHWM(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		err  string
	}{
		{"Name:\ttaqrir\nVmPeak:\t  900000 kB\nVmHWM:\t   51416 kB\nVmRSS:\t 51000 kB\n", 51416 << 10, ""},
		{"Name:\ttaqrir\n", 0, "no VmHWM line"},
		{"VmHWM:\t 12 MB\n", 0, "want a size in kB"},
		{"VmHWM:\t x kB\n", 0, "want a size in kB"},
	} {
		got, err := vmHWM([]byte(tt.in))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("vmHWM(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("vmHWM(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
