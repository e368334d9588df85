package reliability

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/procbench"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// mode is the campaign's size: "" (skip), "short" or "full".
var mode = os.Getenv("TAQRIR_RELIABILITY")

// bin is the taqrir binary built for the campaign.
var bin string

func TestMain(m *testing.M) {
	if mode != "short" && mode != "full" {
		if mode != "" {
			fmt.Fprintf(os.Stderr, "TAQRIR_RELIABILITY=%q: want short or full\n", mode)
			os.Exit(2)
		}
		os.Exit(m.Run()) // every test skips
	}
	dir, err := os.MkdirTemp("", "taqrir-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "taqrir")
	build := exec.Command("go", "build", "-o", bin, "github.com/taqrir/taqrir/cmd/taqrir")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building taqrir:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	writeReport()
	os.RemoveAll(dir)
	os.Exit(code)
}

// campaign skips the test unless the campaign runs, and returns how many
// times to repeat a randomised check: short or full.
func campaign(t *testing.T, short, full int) int {
	t.Helper()
	switch mode {
	case "short":
		return short
	case "full":
		return full
	}
	t.Skip("the reliability campaign runs with TAQRIR_RELIABILITY=short or full")
	return 0
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
	maxRSS         int64 // KiB
	wall           time.Duration
	killed         bool
}

// run runs taqrir with args and returns what it did.
func run(t *testing.T, args ...string) result {
	t.Helper()
	return runCtx(t, context.Background(), args...)
}

func runCtx(t *testing.T, ctx context.Context, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	// The child reports its own peak: ru_maxrss would charge it this test
	// process's (procbench.PeakRSSEnv says why).
	peak, err := procbench.NewPeakFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = peak.Env(nil)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), wall: time.Since(start)}
	fill(&r, cmd, err)
	if own, ok := peak.Read(); ok {
		r.maxRSS = own >> 10
	}
	if r.code == -1 && !r.killed {
		t.Fatalf("taqrir %s: %v", strings.Join(args, " "), err)
	}
	return r
}

func fill(r *result, cmd *exec.Cmd, err error) {
	if cmd.ProcessState == nil {
		r.code = -1
		return
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = int64(ru.Maxrss)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.killed = true
	}
	_ = err
}

// runKilled starts taqrir with args and sends it SIGKILL after delay (if
// it is still running). It returns what the process printed before it died.
func runKilled(t *testing.T, delay time.Duration, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
	err := cmd.Wait()
	timer.Stop()
	r := result{stdout: out.String(), stderr: errb.String(), wall: time.Since(start)}
	fill(&r, cmd, err)
	return r
}

// syncBuffer is a bytes.Buffer safe for the two copying goroutines of exec.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// noCrash fails the test when the run panicked or died of a signal it was
// not sent.
func noCrash(t *testing.T, what string, r result) {
	t.Helper()
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "fatal error:") {
		t.Errorf("%s crashed:\n%s", what, firstLines(r.stderr, 20))
	}
	if r.code != 0 && r.code != 1 {
		t.Errorf("%s: exit code %d (want 0 or 1):\n%s", what, r.code, firstLines(r.stderr, 10))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// reportedStored returns the ids an ingest -v printed as stored.
func reportedStored(stderr string) []string {
	var ids []string
	for _, line := range strings.Split(stderr, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == "stored" {
			ids = append(ids, f[1])
		}
	}
	return ids
}

// storeIDs reads every article id in the store of dir, and fails on a
// duplicate id, URL or content.
func storeIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	st, err := sqlite.OpenReadOnly(context.Background(), filepath.Join(dir, "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := map[string]bool{}
	urls := map[string]string{}
	err = st.Scan(context.Background(), 0, func(_ int64, a news.Article) error {
		if ids[a.ID] {
			t.Errorf("article %s stored twice", a.ID)
		}
		ids[a.ID] = true
		if a.CanonicalURL != "" {
			if other, ok := urls[a.CanonicalURL]; ok {
				t.Errorf("%s stored twice: %s and %s", a.CanonicalURL, other, a.ID)
			}
			urls[a.CanonicalURL] = a.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// reference writes n synthetic articles (seed) into dir and ingests them
// into a directory of their own the embedded way: the file, and the ids a
// run under faults must end with.
func reference(t *testing.T, dir string, seed uint64, n int) (string, map[string]bool) {
	t.Helper()
	file := articles(t, dir, seed, n)
	ref := filepath.Join(dir, "ref")
	if r := run(t, "--data", ref, "ingest", file); r.code != 0 {
		t.Fatalf("reference ingest: %s", r.stderr)
	}
	return file, storeIDs(t, ref)
}

// checkClean runs taqrir check on dir and fails unless it finds no problem.
func checkClean(t *testing.T, dir string) {
	t.Helper()
	r := run(t, "--data", dir, "check")
	noCrash(t, "check", r)
	if r.code != 0 {
		t.Errorf("check: exit %d:\n%s%s", r.code, r.stdout, firstLines(r.stderr, 20))
	}
}

// searchWorks fails unless a search on dir finds something and stats says
// the index holds every stored article.
func searchWorks(t *testing.T, dir string, want int) {
	t.Helper()
	r := run(t, "--data", dir, "search", "الدوحة OR السودان OR الحكومة")
	noCrash(t, "search", r)
	if r.code != 0 || !strings.Contains(r.stdout, "results") {
		t.Errorf("search: exit %d:\n%s%s", r.code, firstLines(r.stdout, 5), firstLines(r.stderr, 5))
	}
	r = run(t, "--data", dir, "--json", "stats")
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf(`"indexed": %d`, want)) || !strings.Contains(r.stdout, fmt.Sprintf(`"articles": %d`, want)) {
		t.Errorf("stats: want %d articles all indexed:\n%s%s", want, firstLines(r.stdout, 4), firstLines(r.stderr, 5))
	}
}

var (
	poolOnce sync.Once
	pool     *synth.Pool
	poolErr  error
)

// articles writes n synthetic articles as JSONL into dir and returns the path.
func articles(t *testing.T, dir string, seed uint64, n int) string {
	t.Helper()
	poolOnce.Do(func() { pool, poolErr = synth.Load(context.Background(), corpus.FS()) })
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	p := filepath.Join(dir, fmt.Sprintf("synth-%d.jsonl", seed))
	if err := os.WriteFile(p, pool.JSONL(seed, 0, n), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The figures of a run, for the report.
var figures struct {
	mu      sync.Mutex
	kills   map[string][2]int // command → survived, tried
	lost    int
	dupes   int
	hostile []hostileRow
	notes   []string
}

type hostileRow struct {
	class, input string
	bytes        int64
	rss          int64 // KiB
	wall         time.Duration
	outcome      string
}

func recordKill(command string, ok bool) {
	figures.mu.Lock()
	defer figures.mu.Unlock()
	if figures.kills == nil {
		figures.kills = map[string][2]int{}
	}
	k := figures.kills[command]
	k[1]++
	if ok {
		k[0]++
	}
	figures.kills[command] = k
}

func note(format string, args ...any) {
	figures.mu.Lock()
	defer figures.mu.Unlock()
	figures.notes = append(figures.notes, fmt.Sprintf(format, args...))
}

// writeReport prints the campaign's figures and writes them to
// TAQRIR_RELIABILITY_REPORT when set.
func writeReport() {
	figures.mu.Lock()
	defer figures.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "# taqrir reliability campaign (%s, %s)\n\n", mode, time.Now().UTC().Format(time.RFC3339))
	if len(figures.kills) > 0 {
		b.WriteString("| SIGKILL during | survived / tried |\n|---|---|\n")
		var cmds []string
		for c := range figures.kills {
			cmds = append(cmds, c)
		}
		sort.Strings(cmds)
		for _, c := range cmds {
			fmt.Fprintf(&b, "| %s | %d / %d |\n", c, figures.kills[c][0], figures.kills[c][1])
		}
		fmt.Fprintf(&b, "\nItems reported stored and then lost: %d; duplicated: %d.\n\n", figures.lost, figures.dupes)
	}
	if len(figures.hostile) > 0 {
		b.WriteString("| class | input | bytes | peak RSS | time | outcome |\n|---|---|---|---|---|---|\n")
		for _, h := range figures.hostile {
			fmt.Fprintf(&b, "| %s | %s | %d | %.0f MB | %.2f s | %s |\n", h.class, h.input, h.bytes, float64(h.rss)/1024, h.wall.Seconds(), strings.ReplaceAll(h.outcome, "|", "/"))
		}
		b.WriteString("\n")
	}
	for _, n := range figures.notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	fmt.Fprint(os.Stderr, b.String())
	if p := os.Getenv("TAQRIR_RELIABILITY_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
		}
	}
}
