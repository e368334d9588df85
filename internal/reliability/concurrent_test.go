package reliability

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentWritersAndReaders: while an ingest runs, a second writer is
// refused within 5 s naming the holder's pid; readers and writers given
// --wait wait their turn and succeed; the data directory ends whole.
func TestConcurrentWritersAndReaders(t *testing.T) {
	rounds := campaign(t, 1, 5)
	base := t.TempDir()
	dir := filepath.Join(base, "data")
	if r := run(t, "--data", dir, "ingest", articles(t, base, 6, 20)); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	for round := range rounds {
		big := articles(t, base, uint64(100+round), articleCount(120, 200))
		cmd := exec.Command(bin, "--data", dir, "ingest", big)
		var out, errb syncBuffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until it holds the lock: the lock file names its pid.
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			b, _ := os.ReadFile(filepath.Join(dir, "taqrir.lock"))
			if strings.HasPrefix(string(b), fmt.Sprintf("%d\n", cmd.Process.Pid)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the ingest did not take the lock in 20 s: %s", errb.String())
			}
		}
		start := time.Now()
		second := run(t, "--data", dir, "ingest", articles(t, base, uint64(200+round), 5))
		if took := time.Since(start); second.code == 0 || took > 5*time.Second ||
			!strings.Contains(second.stderr, fmt.Sprint(cmd.Process.Pid)) {
			t.Errorf("second writer: exit %d after %v: %s (want a refusal naming pid %d within 5 s)", second.code, took, second.stderr, cmd.Process.Pid)
		}
		var wg sync.WaitGroup
		results := make([]result, 4)
		cmds := [][]string{
			{"--wait", "2m", "search", "الدوحة"},
			{"--wait", "2m", "stats"},
			{"--wait", "2m", "--json", "search", "السودان"},
			{"--wait", "2m", "ingest", articles(t, base, uint64(300+round), 5)},
		}
		for i, c := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = run(t, append([]string{"--data", dir}, c...)...)
			}()
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("first ingest: %v: %s", err, errb.String())
		}
		wg.Wait()
		for i, r := range results {
			noCrash(t, strings.Join(cmds[i], " "), r)
			if r.code != 0 {
				t.Errorf("%s while an ingest ran: exit %d: %s", strings.Join(cmds[i], " "), r.code, r.stderr)
			}
		}
		checkClean(t, dir)
		n := len(storeIDs(t, dir))
		searchWorks(t, dir, n)
	}
	note("concurrent: %d round(s) of an ingest beside a second writer (refused naming the pid) and 4 waiting commands (all succeeded)", rounds)
}
