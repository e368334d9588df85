package reliability

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mountOrSkip runs mount with args and unmounts target at cleanup, or
// skips the test saying why the mount failed (not root, no mount rights).
func mountOrSkip(t *testing.T, target string, args ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs or a read-only bind mount (root ignores file permissions, so chmod proves nothing)")
	}
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Skipf("mount %s failed: %v: %s", strings.Join(args, " "), err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", target).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", target, err, out)
		}
	})
}

// TestFullDisk: an ingest onto a disk that fills stops with a clear error
// and keeps what it reported stored; readers still read; once there is room
// the same ingest finishes and check is clean.
func TestFullDisk(t *testing.T) {
	campaign(t, 1, 1)
	base := t.TempDir()
	n := articleCount(100, 400)
	file := articles(t, base, 3, n)
	mnt := filepath.Join(base, "mnt")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	mountOrSkip(t, mnt, "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt)
	dir := filepath.Join(mnt, "data")
	r := run(t, "--data", dir, "ingest", "-v", file)
	noCrash(t, "ingest on a full disk", r)
	if r.code == 0 {
		t.Fatalf("ingest of %d articles into 2 MB succeeded; the test needs the disk to fill", n)
	}
	if !strings.Contains(r.stderr, "no space left") && !strings.Contains(r.stderr, "disk is full") {
		t.Errorf("ingest on a full disk: the error does not say the disk is full:\n%s", firstLines(lastLines(r.stderr, 5), 5))
	}
	reported := reportedStored(r.stderr)
	if _, err := os.Stat(filepath.Join(dir, "taqrir.db")); err == nil {
		ids := storeIDs(t, dir)
		for _, id := range reported {
			if !ids[id] {
				t.Errorf("%s was reported stored and is gone", id)
			}
		}
		s := run(t, "--data", dir, "stats")
		noCrash(t, "stats on a full disk", s)
		if s.code != 0 {
			t.Errorf("stats on a full disk: exit %d: %s", s.code, s.stderr)
		}
	}
	note("full disk (2 MB tmpfs): ingest of %d articles stopped with %q after %d reported stored, none lost", n, lastLines(r.stderr, 1), len(reported))
	if out, err := exec.Command("mount", "-o", "remount,size=512m", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount larger: %v: %s", err, out)
	}
	r = run(t, "--data", dir, "ingest", file)
	if r.code != 0 {
		t.Fatalf("ingest once there is room: exit %d: %s", r.code, firstLines(r.stderr, 5))
	}
	checkClean(t, dir)
	searchWorks(t, dir, len(storeIDs(t, dir)))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestReadOnlyDataDir: on a read-only mount an ingest stops at once with a
// clear error; search, show and stats read the store.
func TestReadOnlyDataDir(t *testing.T) {
	campaign(t, 1, 1)
	base := t.TempDir()
	dir := filepath.Join(base, "data")
	if r := run(t, "--data", dir, "ingest", articles(t, base, 4, 30)); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	ro := filepath.Join(base, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	mountOrSkip(t, ro, "--bind", dir, ro)
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", ro).CombinedOutput(); err != nil {
		t.Skipf("remount read-only: %v: %s", err, out)
	}
	r := run(t, "--data", ro, "ingest", articles(t, base, 5, 10))
	noCrash(t, "ingest on a read-only directory", r)
	if r.code == 0 || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("ingest on a read-only directory: exit %d: %s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"search", "الدوحة OR السودان"}, {"stats"}} {
		r := run(t, append([]string{"--data", ro}, args...)...)
		noCrash(t, args[0], r)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("%s on a read-only directory: exit %d: %s", args[0], r.code, r.stderr)
		}
	}
	note("read-only data directory: ingest refused (%s); search and stats read the store", strings.TrimSpace(lastLines(r.stderr, 1)))
}
