package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// TestWARCRecordOverLimitNeverTouchesDisk: a gzipped WARC whose one record
// inflates far past the item size limit (here 48 MiB of page under a 1 MiB
// limit, about 50 KB on disk: the shape of a 5 MB file that inflates to
// 5 GiB) fails that record with an error naming the limit, and nothing is
// written to the temporary directory on the way: gowarc buffered the whole
// record in a temporary file before we could apply the limit.
func TestWARCRecordOverLimitNeverTouchesDisk(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("خبر ", 12<<20) + "</p></body></html>"
	rec := warcRecord(t, gowarc.Response, "https://example.com/huge", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html; charset=utf-8", page))
	small := warcRecord(t, gowarc.Response, "https://example.com/small", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html; charset=utf-8", pageA))
	dir := t.TempDir()
	path := filepath.Join(dir, "bomb.warc.gz")
	if err := os.WriteFile(path, append(gz(t, rec), gz(t, small)...), 0o644); err != nil {
		t.Fatal(err)
	}

	// Watch the temporary directory while the file is read (the fixture's
	// own record builder spills too, so it is set only now).
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var spilled atomic.Int64
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			ents, _ := os.ReadDir(tmp)
			for _, e := range ents {
				if fi, err := e.Info(); err == nil && fi.Size() > spilled.Load() {
					spilled.Store(fi.Size())
				} else if err == nil && spilled.Load() == 0 {
					spilled.Store(1)
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	var items []Item
	err := Options{MaxItemBytes: 1 << 20}.Walk(context.Background(), []string{path}, func(it Item) error {
		items = append(items, it)
		return nil
	})
	close(stop)
	<-watched
	if err != nil {
		t.Fatal(err)
	}
	if n := spilled.Load(); n > 0 {
		t.Errorf("reading the WARC wrote a temporary file (%d bytes seen)", n)
	}
	if len(items) == 0 || items[0].Err == nil {
		t.Fatalf("got %d items, the first without an error; want the huge record refused", len(items))
	}
	if msg := items[0].Err.Error(); !strings.Contains(msg, "1048576") || !strings.Contains(items[0].Origin, "bomb.warc.gz@") {
		t.Errorf("huge record: %s: %s; want the origin file@offset and the limit in bytes", items[0].Origin, msg)
	}
	var pages int
	for _, it := range items {
		if it.Err == nil && it.URL == "https://example.com/small" {
			pages++
		}
	}
	if pages != 1 {
		for _, it := range items {
			t.Logf("%s: %v", it.Origin, it.Err)
		}
		t.Errorf("the record after the huge one was read %d times, want once", pages)
	}
}
