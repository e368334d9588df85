package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/corpus/synth"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
)

// BenchmarkServeMixed measures the server on loopback under a mix of
// searches (60%), article pages (30%) and reports (10%) sent by two
// clients per core: alone (reads), and while a feed-like ingest posts 20
// synthetic articles every 200 ms through the API (with-ingest). It
// reports p50 and p99 per endpoint and fails on any error. The data
// directory, built once, holds the sample corpus and
// $TAQRIR_BENCH_ARTICLES synthetic articles (default 2000). Give it a
// request count (setup takes a minute or two):
//
//	go test -run '^$' -bench ServeMixed -benchtime 1000x ./internal/server
func BenchmarkServeMixed(b *testing.B) {
	n := 2000
	if v := os.Getenv("TAQRIR_BENCH_ARTICLES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	f := newFixture(b, Options{Rate: 1e9, Burst: 1 << 30})
	ctx := context.Background()
	pool, err := synth.Load(ctx, corpus.FS())
	if err != nil {
		b.Fatal(err)
	}
	items, _ := app.Posted{Format: source.FormatJSONL, Data: pool.JSONL(1, 0, n)}.Items()
	if _, err := f.d.Ingest(ctx, items, ingest.Options{}); err != nil {
		b.Fatal(err)
	}
	// Article ids to ask for: a search's hits.
	res, err := f.s.d.Search(ctx, searchReq("الدوحة", 100))
	if err != nil || len(res.Hits) == 0 {
		b.Fatalf("ids: %v", err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	queries := []string{"الدوحة", "هدنة السودان", "امريكا ايران", "فيضانات -ليبيا", `"سد وادي الخير"`, "مباحثات OR مفاوضات", "ليب*"}
	paths := func(i int) (string, string) {
		switch {
		case i%10 < 6:
			return "search", "/api/v1/search?q=" + url.QueryEscape(queries[i%len(queries)])
		case i%10 < 9:
			return "article", "/api/v1/articles/" + ids[i%len(ids)]
		}
		return "report", "/api/v1/report?limit=100&q=" + url.QueryEscape(queries[i%len(queries)])
	}

	b.Run("reads", func(b *testing.B) { serveMixed(b, f, pool, paths, n, false) })
	b.Run("with-ingest", func(b *testing.B) { serveMixed(b, f, pool, paths, n, true) })
}

// serveMixed sends the mix of paths and reports the latencies.
func serveMixed(b *testing.B, f *fixture, pool *synth.Pool, paths func(int) (string, string), n int, withIngest bool) {
	// The ingest alongside.
	stop := make(chan struct{})
	var ingested atomic.Int64
	var ingestErr atomic.Value
	var wg sync.WaitGroup
	ingestAlongside := func() {
		defer wg.Done()
		for i := n; ; i += 20 {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			req, _ := http.NewRequest("POST", f.ts.URL+"/api/v1/ingest", strings.NewReader(string(pool.JSONL(2, i, i+20))))
			req.Header.Set("Authorization", "Bearer "+f.token)
			req.Header.Set("Content-Type", "application/x-ndjson")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				ingestErr.Store(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				ingestErr.Store(fmt.Errorf("ingest: HTTP %d", resp.StatusCode))
				return
			}
			ingested.Add(20)
		}
	}
	if withIngest {
		wg.Add(1)
		go ingestAlongside()
	}

	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var errs atomic.Int64
	var next atomic.Int64
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.SetParallelism(2) // 2 clients per core: requests wait on each other, as real ones do
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		local := map[string][]time.Duration{}
		for pb.Next() {
			name, p := paths(int(next.Add(1)))
			t0 := time.Now()
			resp, err := client.Get(f.ts.URL + p)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = fmt.Errorf("%s: HTTP %d", p, resp.StatusCode)
				}
			}
			if err != nil {
				errs.Add(1)
				b.Error(err)
				continue
			}
			local[name] = append(local[name], time.Since(t0))
		}
		mu.Lock()
		for k, v := range local {
			lat[k] = append(lat[k], v...)
		}
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if e := ingestErr.Load(); e != nil {
		b.Errorf("the ingest alongside failed: %v", e)
	}
	if errs.Load() > 0 {
		b.Errorf("%d requests failed", errs.Load())
	}
	total := 0
	for _, name := range []string{"search", "article", "report"} {
		d := lat[name]
		if len(d) == 0 {
			continue
		}
		total += len(d)
		slices.Sort(d)
		b.ReportMetric(ms(d[len(d)/2]), name+"-p50-ms")
		b.ReportMetric(ms(d[min(len(d)-1, len(d)*99/100)]), name+"-p99-ms")
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(ingested.Load())/elapsed.Seconds(), "ingested/s")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
