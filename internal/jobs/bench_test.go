package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/testsuite"
)

const antMulti = "../../../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// antItems reads the first n items of the ANT 2018 multisource corpus.
func antItems(b *testing.B, n int) []source.Item {
	b.Helper()
	if _, err := os.Stat(antMulti); err != nil {
		b.Skipf("%s: %v (the shared data sets)", antMulti, err)
	}
	var items []source.Item
	enough := errors.New("enough")
	err := source.Options{}.Walk(context.Background(), []string{antMulti}, func(it source.Item) error {
		if it.Err == nil {
			items = append(items, it)
		}
		if len(items) == n {
			return enough
		}
		return nil
	})
	if err != nil && !errors.Is(err, enough) {
		b.Fatal(err)
	}
	return items
}

// serverCPU is the CPU time the PostgreSQL cluster whose data directory is
// $TAQRIR_TEST_PGDIR has used (the postmaster, the backends it reaped and
// those alive), or -1 when unknown.
func serverCPU() time.Duration {
	dir := os.Getenv("TAQRIR_TEST_PGDIR")
	if dir == "" {
		return -1
	}
	b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		return -1
	}
	pm, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	ticks := func(pid string, children bool) (int64, int) {
		s, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			return 0, 0
		}
		f := strings.Fields(string(s[strings.LastIndexByte(string(s), ')')+2:])) // fields from 3 on
		ppid, _ := strconv.Atoi(f[1])
		var t int64
		last := 14
		if children {
			last = 16
		}
		for i := 11; i <= last; i++ { // utime, stime (and cutime, cstime): fields 14-17
			v, _ := strconv.ParseInt(f[i], 10, 64)
			t += v
		}
		return t, ppid
	}
	total, _ := ticks(strconv.Itoa(pm), true)
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		if t, ppid := ticks(e.Name(), false); ppid == pm {
			total += t
		}
	}
	return time.Duration(total) * 10 * time.Millisecond // USER_HZ = 100
}

// BenchmarkIngestThroughput: 2,000 ANT articles ingested (extraction,
// facts, store) by the embedded path (ingest.Run into SQLite and the
// index, 1 and 2 extraction workers), by the same in process into
// PostgreSQL, and through the queue by 1 and 2 workers (River clients of
// one job at a time each) against one PostgreSQL, the index then built by
// a replica following the store (replica-ms). Metrics: articles/s (wall),
// cpu-ms/article of this process, and with TAQRIR_TEST_PGDIR (the .ci/pg
// directory of TAQRIR_TEST_PG) the server's. Run with -benchtime=1x and
// -count=1, several times over (so the paths take turns).
func BenchmarkIngestThroughput(b *testing.B) {
	items := antItems(b, 2000)
	ctx := context.Background()
	// Load the models and word tables first: the first path measured
	// would pay for them.
	if _, _, err := ingest.Prepare(items[0], time.Now); err != nil {
		b.Fatal(err)
	}
	// measure runs run b.N times; what run passes to timed is measured.
	measure := func(b *testing.B, run func(b *testing.B, timed func(func()))) {
		var wall, cpu, pg time.Duration
		timed := func(f func()) {
			c0, p0, t0 := testsuite.CPUTime(), serverCPU(), time.Now()
			b.StartTimer()
			f()
			b.StopTimer()
			wall += time.Since(t0)
			cpu += testsuite.CPUTime() - c0
			if p0 >= 0 {
				pg += serverCPU() - p0
			}
		}
		b.StopTimer()
		for range b.N {
			run(b, timed)
		}
		n := float64(b.N * len(items))
		b.ReportMetric(n/wall.Seconds(), "articles/s")
		b.ReportMetric(float64(cpu.Milliseconds())/n, "cpu-ms/article")
		if pg > 0 {
			b.ReportMetric(float64(pg.Milliseconds())/n, "pg-cpu-ms/article")
		}
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("embedded/workers=%d", w), func(b *testing.B) {
			measure(b, func(b *testing.B, timed func(func())) {
				dir := b.TempDir()
				st, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				ix, err := index.Open(filepath.Join(dir, "index.bleve"))
				if err != nil {
					b.Fatal(err)
				}
				defer ix.Close()
				timed(func() {
					sum, err := ingest.Run(ctx, st, ix, itemsOf(items), ingest.Options{Workers: w})
					if err != nil || sum.Failed > 0 {
						b.Fatalf("%s %v", sum, err)
					}
				})
			})
		})
	}
	b.Run("postgres-in-process/workers=2", func(b *testing.B) {
		measure(b, func(b *testing.B, timed func(func())) {
			d := openData(b, testsuite.PostgresSchema(b))
			timed(func() {
				sum, err := ingest.Run(ctx, d.Store, d.Index, itemsOf(items), ingest.Options{Workers: 2})
				if err != nil || sum.Failed > 0 {
					b.Fatalf("%s %v", sum, err)
				}
			})
		})
	})
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("queue/workers=%d", w), func(b *testing.B) {
			var replica, replicaCPU time.Duration
			measure(b, func(b *testing.B, timed func(func())) {
				url := testsuite.PostgresSchema(b)
				q := openQueue(b, url)
				if e, err := q.Items(ctx, itemsOf(items)); err != nil || e.Queued != len(items) {
					b.Fatalf("queue: %s %v", e, err)
				}
				datas := make([]*app.Data, w)
				for i := range datas {
					datas[i] = openData(b, url)
				}
				// Each worker a River client of its own working one job at a
				// time; stories and saved searches left to after the run.
				wctx, stop := context.WithCancel(ctx)
				done := make(chan error, w)
				timed(func() {
					for _, d := range datas {
						go func() { done <- Run(wctx, d, url, Options{Workers: 1, Every: time.Hour}) }()
					}
					for {
						c, err := q.Counts(ctx)
						if err != nil {
							b.Fatal(err)
						}
						if c.Pending() == 0 {
							if c.Done != int64(len(items)) {
								b.Fatalf("queue drained with %+v", c)
							}
							break
						}
						time.Sleep(20 * time.Millisecond)
					}
				})
				stop()
				for range datas {
					if err := <-done; err != nil {
						b.Fatal(err)
					}
				}
				// A server's replica catching up with what the workers stored.
				r0, c0 := time.Now(), testsuite.CPUTime()
				if n, err := datas[0].SyncIndex(ctx); err != nil || n != len(items) {
					b.Fatalf("replica: %d %v", n, err)
				}
				replica += time.Since(r0)
				replicaCPU += testsuite.CPUTime() - c0
			})
			b.ReportMetric(float64(replica.Milliseconds())/float64(b.N), "replica-ms")
			b.ReportMetric(float64(replicaCPU.Milliseconds())/float64(b.N*len(items)), "replica-cpu-ms/article")
		})
	}
}
