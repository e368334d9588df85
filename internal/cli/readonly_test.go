package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
)

// mountOrSkip runs mount with args and unmounts at cleanup, or skips the
// test saying why the mount failed.
func mountOrSkip(t *testing.T, target string, args ...string) {
	t.Helper()
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Skipf("mount %s failed (a read-only bind mount and a tmpfs need root and mount rights): %v: %s", strings.Join(args, " "), err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", target).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", target, err, out)
		}
	})
}

// TestReadersOnUnwritableData: search, show, stats, report and stories read the committed
// store of a data directory that cannot be written (a read-only mount, a
// full disk) and whose index is behind the store, and say that the index
// lags instead of failing (they failed on the lock file, and on the full
// disk bleve panicked after a sync it could not persist).
func TestReadersOnUnwritableData(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping ingests and mounts")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a read-only bind mount and a tmpfs (root ignores file permissions, so chmod proves nothing)")
	}
	// A data directory with one outlet indexed and two stored.
	base := t.TempDir()
	src, lagIdx := filepath.Join(base, "src"), filepath.Join(base, "lagidx")
	for i, f := range []string{"jsonl/almadar.jsonl", "jsonl/alwaha-news.jsonl"} {
		data, err := fs.ReadFile(corpus.FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(base, filepath.Base(f))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := runCLI(t, "--data", src, "ingest", p); code != 0 {
			t.Fatalf("ingest %s: exit %d: %s", f, code, errOut)
		}
		if i == 0 {
			if err := os.CopyFS(lagIdx, os.DirFS(filepath.Join(src, "index.bleve"))); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, errOut, code := runCLI(t, "--data", src, "--json", "search", "الدوحة")
	var found struct {
		Hits []struct{ ID string } `json:"hits"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &found) != nil || len(found.Hits) == 0 {
		t.Fatalf("search: exit %d: %s%s", code, out, errOut)
	}
	id := found.Hits[0].ID
	// lagged copies src into dir with the index of the first ingest.
	lagged := func(dir string) {
		t.Helper()
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Join(dir, "index.bleve")); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, "index.bleve"), os.DirFS(lagIdx)); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name  string
		setup func(t *testing.T) string // returns the data directory
	}{
		{"read-only mount", func(t *testing.T) string {
			dir, ro := filepath.Join(t.TempDir(), "d"), filepath.Join(t.TempDir(), "ro")
			lagged(dir)
			if err := os.Mkdir(ro, 0o755); err != nil {
				t.Fatal(err)
			}
			mountOrSkip(t, ro, "--bind", dir, ro)
			if out, err := exec.Command("mount", "-o", "remount,bind,ro", ro).CombinedOutput(); err != nil {
				t.Skipf("remount read-only failed: %v: %s", err, out)
			}
			return ro
		}},
		{"full disk", func(t *testing.T) string {
			mnt := t.TempDir()
			mountOrSkip(t, mnt, "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt)
			dir := filepath.Join(mnt, "d")
			lagged(dir)
			fill, err := os.Create(filepath.Join(mnt, "fill"))
			if err != nil {
				t.Fatal(err)
			}
			block := make([]byte, 1<<20)
			for {
				if _, err := fill.Write(block); err != nil {
					break // no space left
				}
			}
			fill.Close()
			return dir
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t)
			out, errOut, code := runCLI(t, "--data", dir, "--json", "stats")
			if code != 0 {
				t.Fatalf("stats: exit %d: %s", code, errOut)
			}
			var st struct{ Articles, Indexed int }
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				t.Fatal(err)
			}
			if st.Articles == 0 || st.Indexed == 0 || st.Indexed >= st.Articles {
				t.Errorf("stats: %d articles, %d indexed; want the lagging index read as it is", st.Articles, st.Indexed)
			}
			if !strings.Contains(errOut, "behind the store") || !strings.Contains(errOut, "cannot be written") {
				t.Errorf("stats said on stderr:\n%s\nwant that the directory cannot be written and the index is behind", errOut)
			}
			out, errOut, code = runCLI(t, "--data", dir, "search", "الدوحة")
			if code != 0 || !strings.Contains(out, "الدوحة") || !strings.Contains(errOut, "behind the store") {
				t.Errorf("search: exit %d\n%s\n%s", code, out, errOut)
			}
			out, errOut, code = runCLI(t, "--data", dir, "show", id)
			if code != 0 || !strings.Contains(out, id[:6]) && !strings.Contains(out, "الدوحة") {
				t.Errorf("show %s: exit %d\n%s\n%s", id, code, out, errOut)
			}
			// A report and the stories read too: what the index has, the
			// stories from the store (not saved), and the lag said.
			out, errOut, code = runCLI(t, "--data", dir, "report", "الدوحة")
			if code != 0 || !strings.Contains(out, "الدوحة") {
				t.Errorf("report: exit %d\n%.300s\n%s", code, out, errOut)
			}
			out, errOut, code = runCLI(t, "--data", dir, "stories")
			if code != 0 || !strings.Contains(out, "stories from") {
				t.Errorf("stories: exit %d\n%.300s\n%s", code, out, errOut)
			}
			// check reads it too, and reports the index it could not repair.
			out, errOut, code = runCLI(t, "--data", dir, "check")
			if !strings.Contains(out, "checked") || !strings.Contains(out, "OUT OF STEP") {
				t.Errorf("check: exit %d\n%s\n%s", code, out, errOut)
			}
			// A writer still refuses, with the cause.
			if _, errOut, code := runCLI(t, "--data", dir, "reindex"); code == 0 {
				t.Errorf("reindex on an unwritable directory succeeded: %s", errOut)
			}
		})
	}
}
