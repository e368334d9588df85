// Package storetest is the conformance suite every store driver must pass,
// run against a real database (SQLite here; PostgreSQL when its driver
// lands). It lives outside _test files so each driver's tests can call it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

// Record builds a test record with distinct content for n.
func Record(n int, url string) store.Record {
	raw := []byte(fmt.Sprintf("url: %s\n\nعنوان الخبر رقم %d\nنص الخبر رقم %d عن المباحثات في الدوحة.", url, n, n))
	a := news.Article{
		URL: url, CanonicalURL: news.CanonicalizeURL(url), Source: "صدى الخليج",
		Title:      fmt.Sprintf("عنوان الخبر رقم %d", n),
		Paragraphs: []string{fmt.Sprintf("نص الخبر رقم %d عن المباحثات في الدوحة.", n)},
		Captions:   []string{}, Credits: []string{},
		Language: "ar", IngestedAt: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC),
		Published: time.Date(2025, 3, n%28+1, 10, 30, 0, 0, time.FixedZone("+03", 3*3600)),
	}
	a.ID = news.ComputeID(a.CanonicalURL, a.Title, a.Body())
	// Facts travel with the article; offsets point into the body.
	body := a.Body()
	place, num := strings.Index(body, "الدوحة"), strings.Index(body, fmt.Sprint(n))
	a.Facts = news.Facts{
		Entities:   []news.Entity{{Text: "الدوحة", Type: news.EntityPlace, Canonical: "الدوحة", Start: place, End: place + len("الدوحة")}},
		Quantities: []news.Quantity{{Text: fmt.Sprint(n), Value: float64(n), Start: num, End: num + len(fmt.Sprint(n))}},
	}
	sha := news.RawSHA256(raw)
	a.RawSHA256 = sha
	return store.Record{
		Raw:         store.Raw{SHA256: sha, Format: "txt", Origin: fmt.Sprintf("test.txt:%d", n), Data: raw, ReceivedAt: a.IngestedAt},
		Article:     a,
		ContentHash: fmt.Sprintf("hash-%d", n),
	}
}

// Run runs the suite. open must return a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()

	t.Run("PutAndGet", func(t *testing.T) {
		s := open(t)
		r := Record(1, "https://sada.example/a/1")
		res, err := s.Put(ctx, []store.Record{r})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.New || res[0].ID != r.Article.ID || res[0].Seq != 1 {
			t.Fatalf("Put = %+v, want new %s seq 1", res[0], r.Article.ID)
		}
		got, err := s.Article(ctx, r.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := r.Article
		if !got.Published.Equal(want.Published) {
			t.Errorf("published = %v, want %v", got.Published, want.Published)
		}
		got.Published, want.Published = time.Time{}, time.Time{}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("article round trip (-want +got):\n%s", diff)
		}
		raw, err := s.Raw(ctx, r.Raw.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if string(raw.Data) != string(r.Raw.Data) || raw.Format != "txt" {
			t.Errorf("raw round trip: got %q (%s)", raw.Data, raw.Format)
		}
	})

	t.Run("RawKeepsPageMeta", func(t *testing.T) {
		s := open(t)
		r := Record(1, "https://sada.example/a/1")
		r.Raw.Format = "html"
		r.Raw.Data = []byte("<html><head><meta charset=windows-1256><title>x</title></head><body><p>\xc7\xe1</p></body></html>")
		r.Raw.SHA256 = news.RawSHA256(r.Raw.Data)
		r.Raw.URL = "https://sada.example/a/1?ref=rss"
		r.Raw.ContentType = "text/html; charset=windows-1256"
		r.Article.RawSHA256 = r.Raw.SHA256
		plain := Record(2, "https://sada.example/a/2")
		if _, err := s.Put(ctx, []store.Record{r, plain}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []store.Raw{r.Raw, plain.Raw} {
			got, err := s.Raw(ctx, want.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			want.Packed = nil
			want.ReceivedAt = want.ReceivedAt.UTC()
			got.ReceivedAt = got.ReceivedAt.UTC()
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("raw %s round trip (-want +got):\n%s", want.Origin, diff)
			}
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		recs := []store.Record{Record(1, "https://a.example/1"), Record(2, "https://a.example/2")}
		if _, err := s.Put(ctx, recs); err != nil {
			t.Fatal(err)
		}
		res, err := s.Put(ctx, recs)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.Outcome != store.Unchanged || r.ID != recs[i].Article.ID {
				t.Errorf("second Put[%d] = %+v, want unchanged %s", i, r, recs[i].Article.ID)
			}
		}
		st, _ := s.Stats(ctx)
		if st.Articles != 2 || st.RawItems != 2 {
			t.Errorf("after re-put: %d articles, %d raw, want 2, 2", st.Articles, st.RawItems)
		}
	})

	t.Run("SameContentOtherFile", func(t *testing.T) {
		s := open(t)
		r := Record(1, "")
		r.Article.CanonicalURL = ""
		if _, err := s.Put(ctx, []store.Record{r}); err != nil {
			t.Fatal(err)
		}
		r2 := r
		r2.Raw.Data = append([]byte("\n"), r.Raw.Data...) // other bytes, same content
		r2.Raw.SHA256 = news.RawSHA256(r2.Raw.Data)
		r2.Article.ID = "other-id"
		res, err := s.Put(ctx, []store.Record{r2})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.Unchanged || res[0].ID != r.Article.ID {
			t.Errorf("same content = %+v, want unchanged %s", res[0], r.Article.ID)
		}
	})

	t.Run("SameURLNewContentUpdates", func(t *testing.T) {
		s := open(t)
		r := Record(1, "https://a.example/x")
		if _, err := s.Put(ctx, []store.Record{r}); err != nil {
			t.Fatal(err)
		}
		r2 := Record(2, "https://www.a.example/x/?utm_source=tw") // same canonical URL
		r2.Article.ID = "ignored"
		res, err := s.Put(ctx, []store.Record{r2})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.Updated || res[0].ID != r.Article.ID || res[0].Seq != 2 {
			t.Fatalf("re-scrape = %+v, want updated %s seq 2", res[0], r.Article.ID)
		}
		got, _ := s.Article(ctx, r.Article.ID)
		if got.Title != r2.Article.Title {
			t.Errorf("title = %q, want the new %q", got.Title, r2.Article.Title)
		}
	})

	t.Run("DuplicatesWithinBatch", func(t *testing.T) {
		s := open(t)
		r := Record(1, "https://a.example/1")
		res, err := s.Put(ctx, []store.Record{r, r})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.New || res[1].Outcome != store.Unchanged {
			t.Errorf("outcomes = %v, %v; want new, unchanged", res[0].Outcome, res[1].Outcome)
		}
	})

	t.Run("ScanAndSeq", func(t *testing.T) {
		s := open(t)
		var recs []store.Record
		for i := range 1200 {
			recs = append(recs, Record(i, fmt.Sprintf("https://a.example/%d", i)))
		}
		if _, err := s.Put(ctx, recs); err != nil {
			t.Fatal(err)
		}
		top, _ := s.MaxSeq(ctx)
		if top != 1200 {
			t.Fatalf("MaxSeq = %d, want 1200", top)
		}
		var n int
		last := int64(1000)
		err := s.Scan(ctx, 1000, func(seq int64, a news.Article) error {
			if seq <= last {
				t.Fatalf("seq %d after %d", seq, last)
			}
			last = seq
			n++
			return nil
		})
		if err != nil || n != 200 {
			t.Fatalf("Scan after 1000: %d articles, err %v; want 200", n, err)
		}
	})

	t.Run("UpdateBumpsSeqOnlyOnChange", func(t *testing.T) {
		s := open(t)
		r := Record(1, "https://a.example/1")
		if _, err := s.Put(ctx, []store.Record{r}); err != nil {
			t.Fatal(err)
		}
		n, err := s.Update(ctx, []store.Record{{Article: r.Article, ContentHash: r.ContentHash}})
		if err != nil || n != 0 {
			t.Fatalf("Update unchanged = %d, %v; want 0", n, err)
		}
		r.Article.Paragraphs = []string{"نص جديد"}
		n, err = s.Update(ctx, []store.Record{{Article: r.Article, ContentHash: "new"}})
		if err != nil || n != 1 {
			t.Fatalf("Update changed = %d, %v; want 1", n, err)
		}
		if top, _ := s.MaxSeq(ctx); top != 2 {
			t.Errorf("MaxSeq after update = %d, want 2", top)
		}
		_, err = s.Update(ctx, []store.Record{{Article: news.Article{ID: "nope"}}})
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Update of unknown id: err = %v, want ErrNotFound", err)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Article(nope) err = %v, want ErrNotFound", err)
		}
		if _, err := s.Raw(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Raw(nope) err = %v, want ErrNotFound", err)
		}
	})

	t.Run("Stats", func(t *testing.T) {
		s := open(t)
		r1 := Record(1, "https://a.example/1")
		r2 := Record(2, "https://a.example/2")
		r2.Article.Source = "الواحة نيوز"
		r3 := Record(3, "https://a.example/3")
		r3.Article.Published = time.Time{}
		if _, err := s.Put(ctx, []store.Record{r1, r2, r3}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.StatGroup{
			{Source: "الواحة نيوز", Month: "2025-03", Count: 1},
			{Source: "صدى الخليج", Month: "2025-03", Count: 1},
			{Source: "صدى الخليج", Month: "unknown", Count: 1},
		}
		if diff := cmp.Diff(want, st.Groups); diff != "" {
			t.Errorf("stats groups (-want +got):\n%s", diff)
		}
	})

	t.Run("BatchIsAtomic", func(t *testing.T) {
		s := open(t)
		good := Record(1, "https://a.example/1")
		bad := Record(2, "https://a.example/2")
		bad.Raw.Data = nil // an article whose raw item is missing violates the foreign key
		bad.Raw.SHA256 = "missing"
		bad.Article.RawSHA256 = "missing"
		if _, err := s.Put(ctx, []store.Record{good, bad}); err == nil {
			t.Fatal("Put with a broken record succeeded")
		}
		st, _ := s.Stats(ctx)
		if st.Articles != 0 {
			t.Errorf("a failed batch left %d articles", st.Articles)
		}
	})
}
