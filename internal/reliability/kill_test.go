package reliability

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// killPoint picks when to kill: uniformly over the time an uninterrupted
// run took, so kills land in start-up, the middle and the final commits.
func killPoint(r *rand.Rand, ref time.Duration) time.Duration {
	return time.Duration(r.Int64N(int64(ref)*9/10)) + time.Millisecond
}

func articleCount(short, full int) int {
	if mode == "full" {
		return full
	}
	return short
}

// TestKillIngest: SIGKILL at a random point of an ingest loses no article
// it reported stored, duplicates none, leaves `check` clean, and the same
// ingest run again finishes the rest: every article once, all searchable.
func TestKillIngest(t *testing.T) {
	trials := campaign(t, 3, 20)
	t.Parallel()
	base := t.TempDir()
	file := articles(t, base, 1, articleCount(30, 300))
	ref := filepath.Join(base, "ref")
	r := run(t, "--data", ref, "ingest", file)
	if r.code != 0 {
		t.Fatalf("reference ingest: %s", r.stderr)
	}
	want := len(storeIDs(t, ref))
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for i := range trials {
		dir := filepath.Join(base, fmt.Sprintf("kill%02d", i))
		delay := killPoint(rng, r.wall)
		if i%2 == 1 {
			// Every other kill lands in the first fifth: start-up, where
			// the store and the index are created.
			delay = killPoint(rng, r.wall/5)
		}
		var killed bool
		ok := t.Run(fmt.Sprintf("kill%02d", i+1), func(t *testing.T) {
			k := runKilled(t, delay, "--data", dir, "ingest", "-v", file)
			for try := 0; !k.killed && try < 3; try++ {
				// It finished first: start afresh and kill sooner.
				os.RemoveAll(dir)
				delay /= 2
				k = runKilled(t, delay, "--data", dir, "ingest", "-v", file)
			}
			killed = k.killed
			reported := reportedStored(k.stderr)
			if _, err := os.Stat(filepath.Join(dir, "taqrir.db")); err == nil {
				ids := storeIDs(t, dir)
				for _, id := range reported {
					if !ids[id] {
						t.Errorf("kill at %v: %s was reported stored and is gone", delay, id)
						figures.mu.Lock()
						figures.lost++
						figures.mu.Unlock()
					}
				}
				checkClean(t, dir)
			}
			again := run(t, "--data", dir, "ingest", file)
			noCrash(t, "ingest after a kill", again)
			if again.code != 0 {
				t.Errorf("ingest after a kill at %v: exit %d: %s", delay, again.code, firstLines(again.stderr, 5))
			}
			if n := len(storeIDs(t, dir)); n != want {
				t.Errorf("after a kill at %v and a second ingest: %d articles, want %d", delay, n, want)
				if n > want {
					figures.mu.Lock()
					figures.dupes += n - want
					figures.mu.Unlock()
				}
			}
			checkClean(t, dir)
			searchWorks(t, dir, want)
			t.Logf("kill at %v (killed %v): %d reported stored before it", delay, k.killed, len(reported))
		})
		if killed {
			recordKill("ingest", ok)
		}
		os.RemoveAll(dir)
	}
}

// TestKillReindex: SIGKILL at a random point of a reindex leaves an index
// that is whole (the old one or the new one), `check` clean and every
// article searchable.
func TestKillReindex(t *testing.T) {
	killMaintenance(t, "reindex")
}

// TestKillReprocess: the same for reprocess, which rewrites every article
// and the index.
func TestKillReprocess(t *testing.T) {
	killMaintenance(t, "reprocess")
}

func killMaintenance(t *testing.T, command string) {
	trials := campaign(t, 3, 20)
	t.Parallel()
	base := t.TempDir()
	file := articles(t, base, 2, articleCount(30, 300))
	dir := filepath.Join(base, "data")
	if r := run(t, "--data", dir, "ingest", file); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	want := len(storeIDs(t, dir))
	ref := run(t, "--data", dir, command)
	if ref.code != 0 {
		t.Fatalf("%s: %s", command, ref.stderr)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	for i := range trials {
		delay := killPoint(rng, ref.wall)
		var killed bool
		ok := t.Run(fmt.Sprintf("kill%02d", i+1), func(t *testing.T) {
			k := runKilled(t, delay, "--data", dir, command)
			for try := 0; !k.killed && try < 3; try++ {
				delay /= 2
				k = runKilled(t, delay, "--data", dir, command)
			}
			killed = k.killed
			checkClean(t, dir)
			if n := len(storeIDs(t, dir)); n != want {
				t.Errorf("after a kill of %s at %v: %d articles, want %d", command, delay, n, want)
			}
			searchWorks(t, dir, want)
			t.Logf("kill of %s at %v (killed %v)", command, delay, k.killed)
		})
		if killed {
			recordKill(command, ok)
		}
	}
}
