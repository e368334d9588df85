// Package storetest is the conformance suite every store driver must pass,
// run against a real database: SQLite (internal/store/sqlite) and
// PostgreSQL (internal/store/postgres, with TAQRIR_TEST_PG). It lives
// outside _test files so each driver's tests can call it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

// Copy returns r as another outlet carried it: the same title and body
// (the same content hash) under source and url ("" for none), in raw bytes
// of its own.
func Copy(r store.Record, source, url string) store.Record {
	c := r
	c.Article.Source, c.Article.URL, c.Article.CanonicalURL = source, url, news.CanonicalizeURL(url)
	c.Article.ID = news.ComputeID(c.Article.CanonicalURL, c.Article.Title, c.Article.Body())
	c.Raw.Data = append([]byte(fmt.Sprintf("source: %s\nurl: %s\n", source, url)), r.Raw.Data...)
	c.Raw.SHA256 = news.RawSHA256(c.Raw.Data)
	c.Raw.Origin = r.Raw.Origin + "@" + source
	c.Article.RawSHA256 = c.Raw.SHA256
	return c
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

	t.Run("HoldsAsPutDecides", func(t *testing.T) {
		// Holds says true exactly for the records Put then leaves
		// unchanged, rule by rule; a FactsPending record is refused
		// (nothing written) unless it is unchanged.
		s := open(t)
		orig := Record(1, "https://sada.example/a/1")
		if _, err := s.Put(ctx, []store.Record{orig}); err != nil {
			t.Fatal(err)
		}
		rescraped := orig // the same page, other raw bytes, the same text
		rescraped.Raw.Data = append([]byte("<!-- ad -->"), orig.Raw.Data...)
		rescraped.Raw.SHA256 = news.RawSHA256(rescraped.Raw.Data)
		sameSource := Copy(orig, orig.Article.Source, "") // the same text, same outlet, no URL
		changed := Record(1, "https://sada.example/a/1")  // the same page with new text
		changed.Article.Paragraphs = []string{"نص جديد للخبر بعد التصحيح."}
		changed.ContentHash = "hash-1-corrected"
		changed.Raw.Data = []byte("url: https://sada.example/a/1\n\nنص جديد للخبر بعد التصحيح.")
		changed.Raw.SHA256 = news.RawSHA256(changed.Raw.Data)
		for _, tc := range []struct {
			name string
			rec  store.Record
			want store.Outcome
		}{
			{"the same raw bytes", orig, store.Unchanged},
			{"the same page, the same text", rescraped, store.Unchanged},
			{"the same text from the same source", sameSource, store.Unchanged},
			{"the same text from another source", Copy(orig, "وكالة الأنباء", "https://agency.example/x"), store.Copy},
			{"a new article", Record(2, "https://sada.example/a/2"), store.New},
			{"the same page with new text", changed, store.Updated},
		} {
			held, err := s.Holds(ctx, &tc.rec)
			if err != nil {
				t.Fatal(err)
			}
			if held != (tc.want == store.Unchanged) {
				t.Errorf("%s: Holds = %v, want %v", tc.name, held, tc.want == store.Unchanged)
			}
			before, err := s.MaxSeq(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pending := tc.rec
			pending.FactsPending = true
			res, err := s.Put(ctx, []store.Record{pending})
			if tc.want == store.Unchanged {
				if err != nil || res[0].Outcome != store.Unchanged {
					t.Errorf("%s, facts pending: Put = %+v, %v; want unchanged", tc.name, res, err)
				}
				continue
			}
			if !errors.Is(err, store.ErrFactsPending) {
				t.Errorf("%s, facts pending: Put error %v, want ErrFactsPending", tc.name, err)
			}
			if after, _ := s.MaxSeq(ctx); after != before {
				t.Errorf("%s: a refused Put moved the seq %d → %d", tc.name, before, after)
			}
			res, err = s.Put(ctx, []store.Record{tc.rec})
			if err != nil || res[0].Outcome != tc.want {
				t.Errorf("%s: Put = %+v, %v; want %v", tc.name, res, err, tc.want)
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

	t.Run("CopyFromOtherSource", func(t *testing.T) {
		s := open(t)
		orig := Record(1, "")
		cp := Copy(orig, "الواحة نيوز", "")
		third := Copy(orig, "المدار الإخباري", "")
		res, err := s.Put(ctx, []store.Record{orig, cp, third})
		if err != nil {
			t.Fatal(err)
		}
		want := []store.PutResult{
			{ID: orig.Article.ID, Outcome: store.New, Seq: 1},
			// Without a URL a copy's id is over its content and source;
			// a copy of the text links to the original, never to a copy.
			{ID: news.CopyID("الواحة نيوز", orig.Article.Title, orig.Article.Body()), Outcome: store.Copy, Seq: 2, CopyOf: orig.Article.ID},
			{ID: news.CopyID("المدار الإخباري", orig.Article.Title, orig.Article.Body()), Outcome: store.Copy, Seq: 3, CopyOf: orig.Article.ID},
		}
		if diff := cmp.Diff(want, res); diff != "" {
			t.Fatalf("Put (-want +got):\n%s", diff)
		}
		if res[1].ID == orig.Article.ID || res[1].ID == res[2].ID {
			t.Fatalf("copies share an id: %+v", res)
		}
		got, err := s.Article(ctx, res[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CopyOf != orig.Article.ID || got.Source != "الواحة نيوز" || got.ID != res[1].ID || got.Title != orig.Article.Title {
			t.Errorf("stored copy = %s %q copy_of %q, want %s %q copy_of %s", got.ID, got.Source, got.CopyOf, res[1].ID, "الواحة نيوز", orig.Article.ID)
		}
		if o, _ := s.Article(ctx, orig.Article.ID); o.CopyOf != "" {
			t.Errorf("the original has copy_of %q", o.CopyOf)
		}
		// Every outlet counts.
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantGroups := []store.StatGroup{
			{Source: "المدار الإخباري", Month: "2025-03", Count: 1},
			{Source: "الواحة نيوز", Month: "2025-03", Count: 1},
			{Source: "صدى الخليج", Month: "2025-03", Count: 1},
		}
		if diff := cmp.Diff(wantGroups, st.Groups); diff != "" || st.Articles != 3 || st.Copies != 2 || st.RawItems != 3 {
			t.Errorf("stats: %d articles, %d copies, %d raw; groups (-want +got):\n%s", st.Articles, st.Copies, st.RawItems, diff)
		}
		var scanned []string
		s.Scan(ctx, 0, func(_ int64, a news.Article) error {
			scanned = append(scanned, a.ID+" "+a.CopyOf)
			return nil
		})
		wantScan := []string{orig.Article.ID + " ", res[1].ID + " " + orig.Article.ID, res[2].ID + " " + orig.Article.ID}
		if diff := cmp.Diff(wantScan, scanned); diff != "" {
			t.Errorf("Scan: id copy_of (-want +got):\n%s", diff)
		}
	})

	t.Run("CopyFromOtherURL", func(t *testing.T) {
		s := open(t)
		orig := Record(1, "https://sada.example/a/1")
		cp := Copy(orig, "الواحة نيوز", "https://waha.example/news/77?utm_source=tw")
		res, err := s.Put(ctx, []store.Record{orig})
		if err != nil {
			t.Fatal(err)
		}
		res2, err := s.Put(ctx, []store.Record{cp})
		if err != nil {
			t.Fatal(err)
		}
		// A copy with a URL has its URL's id.
		want := store.PutResult{ID: news.ComputeID("https://waha.example/news/77", "", ""), Outcome: store.Copy, Seq: 2, CopyOf: res[0].ID}
		if diff := cmp.Diff(want, res2[0]); diff != "" {
			t.Fatalf("Put copy (-want +got):\n%s", diff)
		}
		got, err := s.Article(ctx, want.ID)
		if err != nil || got.CopyOf != orig.Article.ID || got.CanonicalURL != "https://waha.example/news/77" {
			t.Errorf("stored copy = %+v, %v", got, err)
		}
	})

	t.Run("SameContentSameSourceIsUnchanged", func(t *testing.T) {
		for _, tc := range []struct{ name, first, again string }{
			{"other URL", "https://sada.example/a/1", "https://sada.example/amp/a/1"},
			{"no URL, other file", "", ""},
			{"URL, then none", "https://sada.example/a/1", ""},
			{"none, then a URL", "", "https://sada.example/a/1"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				r := Record(1, tc.first)
				res, err := s.Put(ctx, []store.Record{r})
				if err != nil {
					t.Fatal(err)
				}
				again := Copy(r, r.Article.Source, tc.again)
				res2, err := s.Put(ctx, []store.Record{again})
				if err != nil {
					t.Fatal(err)
				}
				want := store.PutResult{ID: res[0].ID, Outcome: store.Unchanged, Seq: 1}
				if diff := cmp.Diff(want, res2[0]); diff != "" {
					t.Errorf("same text, same source (-want +got):\n%s", diff)
				}
				if st, _ := s.Stats(ctx); st.Articles != 1 {
					t.Errorf("%d articles stored, want 1", st.Articles)
				}
			})
		}
	})

	t.Run("CopyThenOriginalUpdated", func(t *testing.T) {
		s := open(t)
		orig := Record(1, "https://sada.example/a/1")
		cp := Copy(orig, "الواحة نيوز", "https://waha.example/news/77")
		res, err := s.Put(ctx, []store.Record{orig, cp})
		if err != nil {
			t.Fatal(err)
		}
		// The original's outlet corrects its text: the original is
		// updated in place; the copy keeps its text, seq and link.
		fixed := Record(2, "https://sada.example/a/1")
		up, err := s.Put(ctx, []store.Record{fixed})
		if err != nil {
			t.Fatal(err)
		}
		if up[0].Outcome != store.Updated || up[0].ID != orig.Article.ID || up[0].Seq != 3 || up[0].CopyOf != "" {
			t.Fatalf("update of the original = %+v, want updated %s seq 3", up[0], orig.Article.ID)
		}
		got, err := s.Article(ctx, res[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CopyOf != orig.Article.ID || got.Title != orig.Article.Title {
			t.Errorf("copy after the original's update: %q copy_of %q, want %q copy_of %s", got.Title, got.CopyOf, orig.Article.Title, orig.Article.ID)
		}
		var seqs []int64
		s.Scan(ctx, 0, func(seq int64, a news.Article) error {
			if a.ID == res[1].ID {
				seqs = append(seqs, seq)
			}
			return nil
		})
		if len(seqs) != 1 || seqs[0] != 2 {
			t.Errorf("copy's seq = %v, want [2] (untouched)", seqs)
		}
		// The copy ingested again changes nothing; a third outlet with the
		// first text is a copy of the article that first printed it.
		third := Copy(orig, "المدار الإخباري", "")
		res3, err := s.Put(ctx, []store.Record{cp, third})
		if err != nil {
			t.Fatal(err)
		}
		want := []store.PutResult{
			{ID: res[1].ID, Outcome: store.Unchanged, Seq: 2, CopyOf: orig.Article.ID},
			{ID: news.CopyID("المدار الإخباري", orig.Article.Title, orig.Article.Body()), Outcome: store.Copy, Seq: 4, CopyOf: orig.Article.ID},
		}
		if diff := cmp.Diff(want, res3); diff != "" {
			t.Errorf("after the update (-want +got):\n%s", diff)
		}
	})

	t.Run("CopyIsIdempotent", func(t *testing.T) {
		s := open(t)
		orig := Record(1, "")
		cpNoURL := Copy(orig, "الواحة نيوز", "")
		cpURL := Copy(orig, "المدار الإخباري", "https://madar.example/1")
		first, err := s.Put(ctx, []store.Record{orig, cpNoURL, cpURL})
		if err != nil {
			t.Fatal(err)
		}
		// The same items again, then the copies in other bytes (another
		// file with the same text and source).
		reworded := func(r store.Record) store.Record {
			r.Raw.Data = append([]byte("\n"), r.Raw.Data...)
			r.Raw.SHA256 = news.RawSHA256(r.Raw.Data)
			r.Article.RawSHA256 = r.Raw.SHA256
			return r
		}
		for _, batch := range [][]store.Record{
			{orig, cpNoURL, cpURL},
			{reworded(orig), reworded(cpNoURL), reworded(cpURL)},
		} {
			res, err := s.Put(ctx, batch)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				want := first[i]
				want.Outcome = store.Unchanged
				if diff := cmp.Diff(want, r); diff != "" {
					t.Errorf("re-put[%d] (-want +got):\n%s", i, diff)
				}
			}
		}
		if st, _ := s.Stats(ctx); st.Articles != 3 {
			t.Errorf("%d articles after re-puts, want 3", st.Articles)
		}
		if top, _ := s.MaxSeq(ctx); top != 3 {
			t.Errorf("MaxSeq after re-puts = %d, want 3", top)
		}
	})

	t.Run("UpdateKeepsCopyLink", func(t *testing.T) {
		s := open(t)
		orig := Record(1, "")
		cp := Copy(orig, "الواحة نيوز", "")
		res, err := s.Put(ctx, []store.Record{orig, cp})
		if err != nil {
			t.Fatal(err)
		}
		// Reprocess hands the store what extraction reads; it knows
		// nothing of the link.
		a := cp.Article
		a.ID, a.CopyOf = res[1].ID, ""
		n, err := s.Update(ctx, []store.Record{{Article: a, ContentHash: cp.ContentHash}})
		if err != nil || n != 0 {
			t.Fatalf("Update of an unchanged copy = %d, %v; want 0", n, err)
		}
		a.Paragraphs = []string{"نص أعيد استخراجه"}
		if n, err := s.Update(ctx, []store.Record{{Article: a, ContentHash: "new"}}); err != nil || n != 1 {
			t.Fatalf("Update of a changed copy = %d, %v; want 1", n, err)
		}
		got, _ := s.Article(ctx, res[1].ID)
		if got.CopyOf != orig.Article.ID || got.Paragraphs[0] != "نص أعيد استخراجه" {
			t.Errorf("after Update: copy_of %q, paragraphs %q", got.CopyOf, got.Paragraphs)
		}
	})

	t.Run("ResolveID", func(t *testing.T) {
		s := open(t)
		ids := []string{"abcdef0000000001", "abcdef0000000002", "abcdef1000000000", "0123456789abcdef"}
		for i := range 12 {
			ids = append(ids, fmt.Sprintf("aaaaaa%010d", i))
		}
		var recs []store.Record
		for i, id := range ids {
			r := Record(i, fmt.Sprintf("https://a.example/%d", i))
			r.Article.ID = id
			recs = append(recs, r)
		}
		if _, err := s.Put(ctx, recs); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			prefix string
			want   string   // the id it resolves to
			err    error    // else the error it matches
			cands  []string // an ambiguous prefix's candidates
		}{
			{prefix: "0123456789abcdef", want: "0123456789abcdef"},
			{prefix: "01234567", want: "0123456789abcdef"},
			{prefix: "012345", want: "0123456789abcdef"},
			{prefix: "0123456789ABCDEF", want: "0123456789abcdef"},
			{prefix: " AbCdEf1 ", want: "abcdef1000000000"},
			{prefix: "abcdef000000000", err: store.ErrAmbiguousID, cands: ids[:2]},
			{prefix: "ABCDEF", err: store.ErrAmbiguousID, cands: ids[:3]},
			{prefix: "aaaaaa", err: store.ErrAmbiguousID, cands: ids[4:14]},
			{prefix: "fedcba", err: store.ErrNotFound},
			{prefix: "0123456789abcdef0", err: store.ErrNotFound},
			{prefix: "01234", err: store.ErrBadID},
			{prefix: "", err: store.ErrBadID},
			{prefix: "abcdeg", err: store.ErrBadID},
			{prefix: "٠١٢٣٤٥", err: store.ErrBadID},
			{prefix: "abcdef%", err: store.ErrBadID},
		}
		for _, tt := range tests {
			got, err := s.ResolveID(ctx, tt.prefix)
			if tt.err == nil {
				if err != nil || got != tt.want {
					t.Errorf("ResolveID(%q) = %q, %v; want %s", tt.prefix, got, err, tt.want)
				}
				continue
			}
			if !errors.Is(err, tt.err) || got != "" {
				t.Errorf("ResolveID(%q) = %q, %v; want error %v", tt.prefix, got, err, tt.err)
				continue
			}
			if tt.cands == nil {
				continue
			}
			var amb *store.AmbiguousIDError
			if !errors.As(err, &amb) {
				t.Fatalf("ResolveID(%q): %T is not *store.AmbiguousIDError", tt.prefix, err)
			}
			var gotIDs []string
			for _, c := range amb.Candidates {
				gotIDs = append(gotIDs, c.ID)
				r := recs[slices.Index(ids, c.ID)].Article
				if c.Title != r.Title || c.Source != r.Source {
					t.Errorf("candidate %s = %q · %q, want %q · %q", c.ID, c.Title, c.Source, r.Title, r.Source)
				}
				if msg := err.Error(); !strings.Contains(msg, c.ID) || !strings.Contains(msg, c.Title) || !strings.Contains(msg, c.Source) {
					t.Errorf("error %q does not list %s, its title and source", msg, c.ID)
				}
			}
			if diff := cmp.Diff(tt.cands, gotIDs); diff != "" {
				t.Errorf("ResolveID(%q) candidates (-want +got):\n%s", tt.prefix, diff)
			}
			if amb.More != (tt.prefix == "aaaaaa") {
				t.Errorf("ResolveID(%q): More = %v", tt.prefix, amb.More)
			}
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

	t.Run("OlderVersionAgainIsUnchanged", func(t *testing.T) {
		// Input holding two versions of one page (a crawl that saw it
		// twice): ingested again, it changes nothing; the later version
		// stays.
		s := open(t)
		v1 := Record(1, "https://a.example/x")
		v2 := Record(2, "https://a.example/x")
		res, err := s.Put(ctx, []store.Record{v1, v2})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.New || res[1].Outcome != store.Updated {
			t.Fatalf("first Put = %+v, want new, updated", res)
		}
		for range 2 {
			again, err := s.Put(ctx, []store.Record{v1, v2})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range again {
				if r.Outcome != store.Unchanged || r.ID != v1.Article.ID || r.Seq != 2 {
					t.Errorf("again[%d] = %+v, want unchanged %s seq 2", i, r, v1.Article.ID)
				}
			}
		}
		if got, _ := s.Article(ctx, v1.Article.ID); got.Title != v2.Article.Title {
			t.Errorf("title = %q, want the later version's %q", got.Title, v2.Article.Title)
		}
		// A third version is news again.
		v3 := Record(3, "https://a.example/x")
		if res, err := s.Put(ctx, []store.Record{v3}); err != nil || res[0].Outcome != store.Updated || res[0].Seq != 3 {
			t.Errorf("a third version = %+v, %v; want updated seq 3", res, err)
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
