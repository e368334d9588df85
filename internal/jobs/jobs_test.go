package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// openData opens a data directory of its own on the database url (a
// server's or a worker's), or the embedded store when url is "".
func openData(t testing.TB, url string) *app.Data {
	t.Helper()
	dir := t.TempDir()
	l, err := app.Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Release() })
	d, err := app.Open(context.Background(), dir, app.Options{Create: true, DB: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// openQueue connects to the queue of url.
func openQueue(t testing.TB, url string) *Queue {
	t.Helper()
	q, err := Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

// startWorker runs a worker on d until the test ends.
func startWorker(t *testing.T, d *app.Data, url string, o Options) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{})
	o.Ready = func() { close(ready) }
	if o.Every == 0 {
		o.Every = 200 * time.Millisecond
	}
	go func() { done <- Run(ctx, d, url, o) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("worker: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
	})
}

// waitFor polls cond until it holds, failing the test after a generous
// deadline (a stuck queue, not a slow one).
func waitFor(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still not so after 3 minutes: %s", what, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sample is the embedded sample corpus as raw items.
func sample(t *testing.T) []source.Item {
	t.Helper()
	var items []source.Item
	err := source.Options{}.FS(corpus.FS(), ".")(context.Background(), func(it source.Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func itemsOf(items []source.Item) source.Func {
	return func(ctx context.Context, send func(source.Item) error) error {
		for _, it := range items {
			if err := send(it); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestIngestJobRunTwice: River may run a job twice (a worker killed after
// the store's commit and before River marks the job done). The same
// ingest job, completed, is made to run again (JobRetry): the second run
// finds the same raw bytes in the store and stores nothing.
func TestIngestJobRunTwice(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	q := openQueue(t, url)
	w := openData(t, url)
	startWorker(t, w, url, Options{Workers: 2})
	it := sample(t)[0]
	res, err := q.client.Insert(ctx, IngestFor(it), nil)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Job.ID
	outcome := func() Result {
		t.Helper()
		var job *rivertype.JobRow
		waitFor(t, "the ingest job completed", func() (bool, string) {
			job, err = q.client.JobGet(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return job.State == rivertype.JobStateCompleted, fmt.Sprintf("state %s, errors %v", job.State, job.Errors)
		})
		var r Result
		if err := json.Unmarshal(job.Output(), &r); err != nil {
			t.Fatalf("output %s: %v", job.Output(), err)
		}
		return r
	}
	first := outcome()
	if first.Outcome != store.New.String() || first.ID == "" {
		t.Fatalf("first run: %+v, want a new article", first)
	}
	if _, err := q.client.JobRetry(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the job run again", func() (bool, string) {
		job, err := q.client.JobGet(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return job.State == rivertype.JobStateCompleted && len(job.AttemptedBy) > 1 || job.Attempt > 1, fmt.Sprintf("state %s attempt %d", job.State, job.Attempt)
	})
	second := outcome()
	if second.Outcome != store.Unchanged.String() || second.ID != first.ID || second.Seq != first.Seq {
		t.Errorf("second run: %+v, want %s unchanged at seq %d", second, first.ID, first.Seq)
	}
	st, err := w.Store.Stats(ctx)
	if err != nil || st.Articles != 1 || st.RawItems != 1 {
		t.Errorf("store after the job ran twice: %d articles, %d raw items (%v), want 1 and 1", st.Articles, st.RawItems, err)
	}
	// Ingest itself (what the worker calls) is idempotent too.
	again, err := Ingest(ctx, w.Store, it)
	if err != nil || again.Outcome != store.Unchanged || again.ID != first.ID {
		t.Errorf("Ingest of the same item again: %+v, %v", again, err)
	}
}

// TestQueueUniqueByRawHash: queueing the same items twice queues each
// once; an unreadable item is a failure, never queued.
func TestQueueUniqueByRawHash(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	q := openQueue(t, url)
	items := sample(t)
	bad := source.Item{Origin: "bad.bin", Err: fmt.Errorf("binary")}
	e, err := q.Items(ctx, itemsOf(append(append([]source.Item{}, items...), bad)))
	if err != nil || e.Queued != len(items) || e.Duplicates != 0 || e.Failed != 1 {
		t.Fatalf("first queueing: %s, %v; want %d queued, 1 failed", e, err, len(items))
	}
	e, err = q.Items(ctx, itemsOf(items))
	if err != nil || e.Queued != 0 || e.Duplicates != len(items) {
		t.Fatalf("second queueing: %s, %v; want all %d already queued", e, err, len(items))
	}
	c, err := q.Counts(ctx)
	if err != nil || c.Waiting != int64(len(items)) {
		t.Fatalf("counts %+v, %v: want %d waiting", c, err, len(items))
	}
}

// TestTwoServersOneWorker: two servers (data directories following the
// shared store, app.Data.Follow) and one worker. What the worker stores
// from the queue is found on both servers without a restart, as the
// embedded ingest of the same items finds it; stories and saved searches
// follow on the worker.
func TestTwoServersOneWorker(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	items := sample(t)
	const query = "امريكا ايران"
	search := func(d *app.Data) uint64 {
		t.Helper()
		res, err := d.Search(ctx, index.Request{Query: query, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}

	embedded := openData(t, "")
	if _, err := embedded.Ingest(ctx, itemsOf(items), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	want := search(embedded)
	wantStats, err := embedded.Store.Stats(ctx)
	if err != nil || want == 0 {
		t.Fatalf("embedded: %d hits, %v", want, err)
	}

	q := openQueue(t, url)
	servers := []*app.Data{openData(t, url), openData(t, url)}
	fctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, s := range servers {
		if n := search(s); n != 0 {
			t.Fatalf("a server finds %d before anything is stored", n)
		}
		wg.Add(1)
		go func() { defer wg.Done(); s.Follow(fctx, 50*time.Millisecond) }()
	}
	t.Cleanup(func() { stop(); wg.Wait() })

	w := openData(t, url)
	if err := w.Saved().Add(ctx, app.SavedSearch{Name: "iran", Query: "ايران"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Items(ctx, itemsOf(items)); err != nil {
		t.Fatal(err)
	}
	startWorker(t, w, url, Options{Workers: 2})
	waitFor(t, "the queue drained", func() (bool, string) {
		c, err := q.Counts(ctx)
		return err == nil && c.Pending() == 0, fmt.Sprintf("%+v %v", c, err)
	})
	st, err := w.Store.Stats(ctx)
	if err != nil || st.Articles != wantStats.Articles || st.Copies != wantStats.Copies || st.RawItems != wantStats.RawItems {
		t.Fatalf("store: %d articles (%d copies), %d raw (%v); embedded %d (%d), %d",
			st.Articles, st.Copies, st.RawItems, err, wantStats.Articles, wantStats.Copies, wantStats.RawItems)
	}
	for i, s := range servers {
		waitFor(t, fmt.Sprintf("server %d finds what the worker stored", i+1), func() (bool, string) {
			n := search(s)
			return n == want, fmt.Sprintf("%d hits, embedded %d", n, want)
		})
	}
	waitFor(t, "the saved search matched on the worker", func() (bool, string) {
		s, err := w.Saved().Get("iran")
		return err == nil && len(s.Matches) > 0, fmt.Sprintf("%d matches, %v", len(s.Matches), err)
	})
	waitFor(t, "the stories caught up on the worker", func() (bool, string) {
		list, n, err := w.Stories(ctx, app.StoryFilter{})
		return err == nil && len(list) > 0, fmt.Sprintf("%d stories (%d), %v", len(list), n, err)
	})
}

// TestPollSourceQueuesItsEntries: a monitored feed is polled by the
// worker (schedule_polls → poll_source), its entry's page queued and
// stored, and the source's last reading recorded.
func TestPollSourceQueuesItsEntries(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	page := `<html lang="ar"><head><title>وزير الخارجية يزور القاهرة</title></head><body><article><h1>وزير الخارجية يزور القاهرة</h1>
<p>وصل وزير الخارجية إلى القاهرة صباح اليوم في زيارة رسمية تستمر يومين يلتقي خلالها عددا من المسؤولين لبحث العلاقات الثنائية.</p>
<p>وقال الوزير في تصريح للصحفيين إن الزيارة تأتي في إطار التنسيق المستمر بين البلدين في القضايا الإقليمية.</p></article></body></html>`
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			rw.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>%[1]s/</link>
<item><title>وزير الخارجية يزور القاهرة</title><link>%[1]s/news/1</link><guid>%[1]s/news/1</guid></item></channel></rss>`, srv.URL)
		case "/news/1":
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(rw, page)
		default:
			http.NotFound(rw, r)
		}
	}))
	defer srv.Close()
	w := openData(t, url)
	srcs := w.Sources()
	if err := srcs.Add(app.Source{Name: "site", URL: srv.URL + "/rss.xml", Feed: true, Interval: time.Hour}, time.Now()); err != nil {
		t.Fatal(err)
	}
	startWorker(t, w, url, Options{Workers: 2, AllowPrivate: true})
	waitFor(t, "the feed's entry stored", func() (bool, string) {
		st, err := w.Store.Stats(ctx)
		return err == nil && st.Articles == 1, fmt.Sprintf("%d articles, %v", st.Articles, err)
	})
	waitFor(t, "the source's reading recorded", func() (bool, string) {
		list, err := srcs.List()
		return err == nil && len(list) == 1 && !list[0].Last.IsZero(), fmt.Sprintf("%+v %v", list, err)
	})
	if list, _ := srcs.List(); !strings.Contains(list[0].LastResult, "1 queued") {
		t.Errorf("last result %q, want 1 queued", list[0].LastResult)
	}
}
