package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/store/postgres"
	"github.com/taqrir/taqrir/internal/testsuite"
)

func TestWorkerAndQueueNeedADatabase(t *testing.T) {
	t.Setenv("TAQRIR_DB", "")
	dir := t.TempDir()
	if code, _, errs := run(t, "", "--data", dir, "worker"); code == 0 || !strings.Contains(errs, "--db") {
		t.Errorf("worker without --db: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "", "--data", dir, "ingest", "--queue", dir); code == 0 || !strings.Contains(errs, "--db") {
		t.Errorf("ingest --queue without --db: exit %d, %q", code, errs)
	}
}

// TestQueueThenWorker: ingest --queue queues each item once; a worker
// stores them and says so (-v, and its summary); another data directory
// on the same database finds them.
func TestQueueThenWorker(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	dir := t.TempDir()
	var b strings.Builder
	for i, city := range []string{"القاهرة", "بغداد", "الرباط"} {
		fmt.Fprintf(&b, `{"url": "https://news.example/%d", "source": "المثال", "title": "وزير الخارجية يصل إلى %s", "text": "وصل وزير الخارجية إلى %s اليوم في زيارة رسمية يلتقي خلالها المسؤولين."}`+"\n", i, city, city)
	}
	file := filepath.Join(dir, "items.jsonl")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "", "--db", url, "ingest", "--queue", file); code != 0 || !strings.HasPrefix(out, "3 queued, 0 already queued") {
		t.Fatalf("ingest --queue: exit %d: %q %q", code, out, errs)
	}
	if code, out, errs := run(t, "", "--db", url, "ingest", "--queue", file); code != 0 || !strings.HasPrefix(out, "0 queued, 3 already queued") {
		t.Fatalf("ingest --queue again: exit %d: %q %q", code, out, errs)
	}

	ctx, stop := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"--db", url, "--data", filepath.Join(dir, "w"), "worker", "-v", "--workers", "2", "--every", "100ms"}, strings.NewReader(""), &out, &errb)
	}()
	st, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		s, err := st.Stats(context.Background())
		if err == nil && s.Articles == 3 {
			break
		}
		if time.Now().After(deadline) {
			stop()
			<-done
			t.Fatalf("the worker stored %d articles (%v) in 3 minutes: %s", s.Articles, err, errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	if code := <-done; code != 0 || !strings.HasPrefix(out.String(), "3 new, 0 copies, 0 unchanged, 0 failed") {
		t.Fatalf("worker: exit %d: %q %q", code, out.String(), errb.String())
	}
	if n := strings.Count(errb.String(), "stored "); n != 3 {
		t.Errorf("worker -v: %d stored lines: %s", n, errb.String())
	}
	code, res, errs := run(t, "", "--db", url, "--data", filepath.Join(dir, "s"), "search", "بغداد")
	if code != 0 || !strings.Contains(res, "1 result") {
		t.Errorf("search on another directory: exit %d: %q %q", code, res, errs)
	}
}
