package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/storetest"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// openShared opens n stores on one fresh schema: n workers (each with its
// own connection pool) sharing one database.
func openShared(t *testing.T, n int) []*DB {
	t.Helper()
	url := testsuite.PostgresSchema(t)
	var dbs []*DB
	for range n {
		s, err := Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		dbs = append(dbs, s)
	}
	return dbs
}

// seen is what a consumer following seq > watermark has read.
type follower struct {
	watermark int64
	ids       []string
}

// poll reads every article past the watermark and checks that the seqs it
// reads continue the ones read before without a hole: a hole would be a
// seq the consumer has passed and will never read.
func (f *follower) poll(t *testing.T, s store.Store) {
	t.Helper()
	err := s.Scan(context.Background(), f.watermark, func(seq int64, a news.Article) error {
		if seq != f.watermark+1 {
			return fmt.Errorf("read seq %d right after %d: seq %d is passed and will never be read", seq, f.watermark, f.watermark+1)
		}
		f.watermark = seq
		f.ids = append(f.ids, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSeqWaitsForAnOpenWriter: writer A has taken its seq and not
// committed; writer B, on another connection, waits for A instead of
// taking the next seq and committing first (which is what a plain
// sequence allows, and what would let a consumer read B's seq, move its
// watermark past A's and never read A's article). A consumer polling
// throughout reads both, in order.
func TestSeqWaitsForAnOpenWriter(t *testing.T) {
	testsuite.PostgresURL(t)
	ctx := context.Background()
	dbs := openShared(t, 3)
	a, b, reader := dbs[0], dbs[1], dbs[2]
	gotSeq, release := make(chan int64), make(chan struct{})
	a.beforeCommit = func(ctx context.Context, last int64) {
		gotSeq <- last
		<-release
	}
	recA, recB := storetest.Record(1, "https://a.example/1"), storetest.Record(2, "https://a.example/2")
	var resA, resB []store.PutResult
	var errA, errB error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); resA, errA = a.Put(ctx, []store.Record{recA}) }()
	seqA := <-gotSeq // A holds seq 1, uncommitted

	var f follower
	f.poll(t, reader)
	if len(f.ids) != 0 {
		t.Fatalf("a consumer read %v before any writer committed", f.ids)
	}
	wg.Add(1)
	bDone := make(chan struct{})
	go func() { defer wg.Done(); defer close(bDone); resB, errB = b.Put(ctx, []store.Record{recB}) }()
	// B is waiting on the lock A holds (PostgreSQL says so), not done.
	waitForLockWaiters(t, reader, 1, bDone)
	f.poll(t, reader)
	if len(f.ids) != 0 {
		t.Fatalf("a consumer read %v while A was open and B waited", f.ids)
	}
	close(release)
	wg.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("Put: A %v, B %v", errA, errB)
	}
	if seqA != 1 || resA[0].Seq != 1 || resB[0].Seq != 2 {
		t.Fatalf("seqs: A took %d and stored %d, B stored %d; want 1, 1, 2", seqA, resA[0].Seq, resB[0].Seq)
	}
	f.poll(t, reader)
	if want := []string{recA.Article.ID, recB.Article.ID}; fmt.Sprint(f.ids) != fmt.Sprint(want) {
		t.Fatalf("the consumer read %v, want %v", f.ids, want)
	}
}

// waitForLockWaiters waits until n sessions of the database wait on the
// seq counter's lock, a condition PostgreSQL reports; it fails if the
// writer expected to wait finishes (done closes) first.
func waitForLockWaiters(t *testing.T, s *DB, n int, done <-chan struct{}) {
	t.Helper()
	for {
		select {
		case <-done:
			t.Fatal("writer B finished while writer A still held its seq uncommitted: B did not wait")
		default:
		}
		var waiting int
		err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%seq_counter%'`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestConcurrentWritersNoSeqSkipped: several workers put batches at once
// while a consumer follows seq > watermark the whole time; every article
// is read, each once, and no read ever finds a hole in the seqs.
func TestConcurrentWritersNoSeqSkipped(t *testing.T) {
	testsuite.PostgresURL(t)
	ctx := context.Background()
	const workers, batches, perBatch = 4, 15, 5
	dbs := openShared(t, workers+1)
	reader := dbs[workers]
	var want []string
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		var recs [][]store.Record
		for b := range batches {
			var batch []store.Record
			for i := range perBatch {
				n := (w*batches+b)*perBatch + i
				r := storetest.Record(n, fmt.Sprintf("https://a.example/%d", n))
				batch = append(batch, r)
				want = append(want, r.Article.ID)
			}
			recs = append(recs, batch)
		}
		wg.Add(1)
		go func(s *DB) {
			defer wg.Done()
			for _, batch := range recs {
				if _, err := s.Put(ctx, batch); err != nil {
					errs <- err
					return
				}
			}
		}(dbs[w])
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	var f follower
	polls := 0
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		f.poll(t, reader)
		polls++
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(f.ids) != len(want) {
		t.Fatalf("the consumer read %d articles in %d polls, want %d", len(f.ids), polls, len(want))
	}
	got := map[string]bool{}
	for _, id := range f.ids {
		got[id] = true
	}
	for _, id := range want {
		if !got[id] {
			t.Errorf("article %s never read", id)
		}
	}
	t.Logf("%d articles from %d workers, read in %d polls", len(want), workers, polls)
}

// TestConcurrentSamePut: two workers put the same records at once; the
// writers' lock makes one of them store each and the other find it.
func TestConcurrentSamePut(t *testing.T) {
	testsuite.PostgresURL(t)
	ctx := context.Background()
	dbs := openShared(t, 2)
	var recs []store.Record
	for i := range 20 {
		recs = append(recs, storetest.Record(i, ""))
		recs = append(recs, storetest.Copy(recs[len(recs)-1], "الواحة نيوز", ""))
	}
	res := make([][]store.PutResult, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := append([]store.Record(nil), recs...)
			res[w], errs[w] = dbs[w].Put(ctx, batch)
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	for i := range recs {
		a, b := res[0][i], res[1][i]
		if a.ID != b.ID || (a.Outcome == store.Unchanged) == (b.Outcome == store.Unchanged) {
			t.Errorf("record %d: worker 1 %+v, worker 2 %+v; want the same id, stored by one and found by the other", i, a, b)
		}
	}
	st, err := dbs[0].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 40 || st.Copies != 20 || st.RawItems != 40 {
		t.Errorf("stored %d articles (%d copies), %d raw items; want 40 (20), 40", st.Articles, st.Copies, st.RawItems)
	}
}
