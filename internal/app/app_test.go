package app

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// openDemo opens a fresh data directory holding the sample corpus.
func openDemo(t *testing.T) *Data {
	t.Helper()
	dir := t.TempDir()
	l, err := Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Release() })
	ctx := context.Background()
	d, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	sum, err := d.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{})
	if err != nil || sum.New == 0 {
		t.Fatalf("ingest the sample corpus: %v (%s)", err, sum)
	}
	return d
}

func TestOpenRefusesAMissingStore(t *testing.T) {
	_, err := Open(context.Background(), t.TempDir(), Options{})
	var nd *NoDataError
	if !errors.As(err, &nd) {
		t.Fatalf("Open of an empty directory: %v, want a NoDataError", err)
	}
}

func TestOperations(t *testing.T) {
	d := openDemo(t)
	ctx := context.Background()

	res, err := d.Search(ctx, index.Request{Query: "امريكا", Limit: 5, Synonyms: true})
	if err != nil || res.Total == 0 || len(res.Entities) == 0 || len(res.Sources) == 0 {
		t.Fatalf("search: %v, %d hits, entities facet %v", err, res.Total, res.Entities)
	}
	if _, err := d.Search(ctx, index.Request{Query: "في"}); !errors.Is(err, index.ErrEmptyQuery) || !strings.Contains(err.Error(), "stopword") {
		t.Errorf("a stopword-only search: %v, want ErrEmptyQuery naming the stopword", err)
	}

	art, err := d.ArticleByID(ctx, "show", res.Hits[0].ID[:8])
	if err != nil || art.ID != res.Hits[0].ID {
		t.Fatalf("article by an 8-digit prefix: %v (%s)", err, art.ID)
	}
	if _, err := d.ArticleByID(ctx, "show", "0000000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unknown id: %v, want ErrNotFound", err)
	}

	stories, n, err := d.Stories(ctx, StoryFilter{})
	if err != nil || len(stories) == 0 || n == 0 {
		t.Fatalf("stories: %v, %d", err, len(stories))
	}
	s, err := d.Story(ctx, stories[0].Articles[0].ID)
	if err != nil || s.ID != stories[0].ID {
		t.Fatalf("the story of an article: %v, %q want %q", err, s.ID, stories[0].ID)
	}
	if _, err := d.Story(ctx, "0000000000000000"); !errors.Is(err, ErrNoStory) {
		t.Errorf("an unknown story: %v", err)
	}
	rep, err := d.StoryReport(ctx, s.ID, report.Options{})
	if err != nil || rep.Articles.Included != min(s.Size, report.DefaultLimit) {
		t.Fatalf("story report: %v, %d articles of %d", err, rep.Articles.Included, s.Size)
	}

	e, err := d.Entity(ctx, "الولايات المتحدة")
	if err != nil || e.Total == 0 || len(e.Articles) == 0 || len(e.Aliases) < 2 {
		t.Fatalf("entity: %v, %+v", err, e)
	}

	vol, err := d.Volume(ctx)
	if err != nil || len(vol) == 0 {
		t.Fatalf("volume: %v", err)
	}
	var total int64
	for _, p := range vol {
		total += p.Count
	}
	st, _ := d.Stats(ctx)
	if total != st.Articles {
		t.Errorf("volume counts %d articles, stats %d", total, st.Articles)
	}
}

func TestIngestPostedTellsHooks(t *testing.T) {
	d := openDemo(t)
	ctx := context.Background()
	var got []string
	d.OnNew(func(_ context.Context, ids []string) { got = append(got, ids...) })
	tests := []struct {
		name string
		p    Posted
		new  int
	}{
		{"jsonl", Posted{Format: source.FormatJSONL, Data: []byte(`{"title":"خبر تجريبي أول","text":"نص الخبر التجريبي الأول عن مباحثات في الدوحة.","source":"اختبار"}` + "\n" +
			`{"title":"خبر تجريبي ثان","text":"نص الخبر التجريبي الثاني عن فيضانات في ليبيا.","source":"اختبار"}`)}, 2},
		{"text", Posted{Format: source.FormatText, Data: []byte("source: اختبار\nعنوان نص\nنص قصير عن سد وادي الخير.\n")}, 1},
		{"html", Posted{Format: source.FormatHTML, URL: "https://example.com/a/1", Data: []byte(`<html><head><title>صفحة</title></head><body><article><h1>صفحة تجريبية</h1><p>فقرة أولى طويلة بما يكفي عن المباحثات الجارية في العاصمة اليوم بين الوفود.</p></article></body></html>`)}, 1},
		{"the same again", Posted{Format: source.FormatText, Data: []byte("source: اختبار\nعنوان نص\nنص قصير عن سد وادي الخير.\n")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			items, err := tt.p.Items()
			if err != nil {
				t.Fatal(err)
			}
			sum, err := d.Ingest(ctx, items, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if sum.New+sum.Copies != tt.new || len(got) != tt.new {
				t.Errorf("%s: new %d, hooks told %v; want %d", tt.name, sum.New+sum.Copies, got, tt.new)
			}
		})
	}
	if _, err := (Posted{Format: "pdf"}).Items(); err == nil {
		t.Error("an unknown format: no error")
	}
}

func TestParseRange(t *testing.T) {
	if _, _, err := ParseRange("since", "until", "2025-05", "2025-04"); err == nil || !strings.Contains(err.Error(), "since 2025-05 is after until 2025-04") {
		t.Errorf("an empty range: %v", err)
	}
	from, to, err := ParseRange("since", "until", "2025", "2025-03")
	if err != nil || from.Year() != 2025 || to.Month() != 4 {
		t.Errorf("2025..2025-03: %v %v %v", from, to, err)
	}
}

func TestVolumeOf(t *testing.T) {
	got := VolumeOf([]store.StatGroup{{Source: "ب", Month: "unknown", Count: 1}, {Source: "ب", Month: "2025-04", Count: 2}, {Source: "أ", Month: "2025-04", Count: 3}, {Source: "أ", Month: "2025-03", Count: 1}})
	var months []string
	for _, p := range got {
		months = append(months, p.Month)
	}
	if strings.Join(months, " ") != "2025-03 2025-04 unknown" || got[1].Count != 5 || got[1].BySource["أ"] != 3 {
		t.Errorf("VolumeOf = %+v", got)
	}
}

func TestSavedSearchMatchesNewArticles(t *testing.T) {
	d := openDemo(t)
	ctx := context.Background()
	sv := d.Saved()
	if err := sv.Add(ctx, SavedSearch{Name: "doha", Query: "مباحثات الدوحة"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sv.Add(ctx, SavedSearch{Name: "doha", Query: "قطر"}, time.Now()); !errors.Is(err, ErrExists) {
		t.Errorf("a second search of the same name: %v", err)
	}
	for _, bad := range []SavedSearch{{Name: "a b", Query: "قطر"}, {Name: "x", Query: "في"}, {Name: "y", Query: "قطر", Since: "soon"}, {Name: "z", Query: "قطر", Webhook: "file:///etc/passwd"}} {
		if err := sv.Add(ctx, bad, time.Now()); err == nil {
			t.Errorf("saved %+v without an error", bad)
		}
	}
	var alerted []Match
	sv.Alert = func(_ SavedSearch, batch []Match) { alerted = append(alerted, batch...) }
	post := func(title, text string) {
		items, _ := Posted{Format: source.FormatJSONL, Data: []byte(`{"title":"` + title + `","text":"` + text + `","source":"اختبار"}`)}.Items()
		if _, err := d.Ingest(ctx, items, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	post("مباحثات جديدة في الدوحة", "استؤنفت المباحثات في الدوحة صباح اليوم بحضور الوسطاء.")
	post("فيضانات في الجنوب", "غمرت الفيضانات قرى في الجنوب.")
	s, err := sv.Get("doha")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Matches) != 1 || s.Matches[0].Title != "مباحثات جديدة في الدوحة" || len(alerted) != 1 {
		t.Errorf("matches %+v, alerted %+v; want the one new Doha article (the corpus's own articles predate the search)", s.Matches, alerted)
	}
	// The same ids matched again (a match_saved job run twice) record and
	// alert nothing more.
	if len(s.Matches) == 1 {
		if err := sv.Match(ctx, []string{s.Matches[0].ID}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if again, err := sv.Get("doha"); err != nil || len(again.Matches) != 1 || len(alerted) != 1 {
			t.Errorf("matched again: %d matches, %d alerts (%v); want 1 and 1", len(again.Matches), len(alerted), err)
		}
	}
	if err := sv.Remove("doha"); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.Get("doha"); !errors.Is(err, ErrUnknown) {
		t.Errorf("removed search still there: %v", err)
	}
}

func TestTokens(t *testing.T) {
	tk := OpenTokens(t.TempDir())
	secret, err := tk.Create("ci", time.Now())
	if err != nil || !strings.HasPrefix(secret, TokenPrefix) {
		t.Fatalf("create: %q %v", secret, err)
	}
	if _, err := tk.Create("ci", time.Now()); !errors.Is(err, ErrExists) {
		t.Errorf("a second ci token: %v", err)
	}
	if name, ok := tk.Check(secret); !ok || name != "ci" {
		t.Errorf("Check(secret) = %q %v", name, ok)
	}
	for _, bad := range []string{"", secret + "x", secret[:len(secret)-1]} {
		if _, ok := tk.Check(bad); ok {
			t.Errorf("Check(%q) accepted", bad)
		}
	}
	list, _ := tk.List()
	if len(list) != 1 || strings.Contains(list[0].SHA256, secret) || list[0].SHA256 == secret {
		t.Errorf("list %+v: want one hashed token", list)
	}
	if err := tk.Revoke("ci"); err != nil {
		t.Fatal(err)
	}
	if _, ok := tk.Check(secret); ok {
		t.Error("a revoked token still passes")
	}
	if err := tk.Revoke("ci"); !errors.Is(err, ErrUnknown) {
		t.Errorf("revoke twice: %v", err)
	}
}

// TestMonitor: a monitored feed is read when due, its new entries land in
// the store (and the saved searches), and the source records the round.
func TestMonitor(t *testing.T) {
	d := openDemo(t)
	feedXML := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>اختبار</title>
<item><title>افتتاح ميناء جديد في الخليج</title><guid>m-1</guid><description>افتتحت هيئة الموانئ ميناء جديدا في الخليج اليوم بحضور الوزير.</description></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, feedXML)
	}))
	defer srv.Close()
	srcs := OpenSources(d.Dir)
	if err := srcs.Add(Source{Name: "test", URL: srv.URL + "/rss.xml", Feed: true, Interval: time.Hour}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := d.Saved().Add(context.Background(), SavedSearch{Name: "port", Query: "ميناء"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Monitor(ctx, true, 20*time.Millisecond) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, _ := srcs.List()
		if len(list) == 1 && !list[0].Last.IsZero() {
			if !strings.Contains(list[0].LastResult, "1 new") {
				t.Errorf("last result %q, want 1 new", list[0].LastResult)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the monitor never read the source")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s, _ := d.Saved().Get("port")
	if len(s.Matches) != 1 || s.Matches[0].Title != "افتتاح ميناء جديد في الخليج" {
		t.Errorf("the saved search matched %+v, want the feed's entry", s.Matches)
	}
}

// TestReportCache: the same report asked twice is built once, until the
// store changes.
func TestReportCache(t *testing.T) {
	d := openDemo(t)
	ctx := context.Background()
	q := report.Query{Text: "هدنة السودان"}
	r1, err := d.Report(ctx, q, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := d.Report(ctx, q, report.Options{})
	if r1 != r2 {
		t.Error("the same report was built twice with nothing stored between")
	}
	if r3, _ := d.Report(ctx, q, report.Options{Limit: 5}); r3 == r1 {
		t.Error("other options gave the cached report")
	}
	items, _ := Posted{Format: source.FormatJSONL, Data: []byte(`{"title":"هدنة السودان تصمد","text":"قالت مصادر إن هدنة السودان صامدة في يومها العاشر.","source":"اختبار"}`)}.Items()
	if _, err := d.Ingest(ctx, items, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	r4, _ := d.Report(ctx, q, report.Options{})
	if r4 == r1 || r4.Articles.Matched != r1.Articles.Matched+1 {
		t.Errorf("after an ingest: matched %d (was %d), same report %v", r4.Articles.Matched, r1.Articles.Matched, r4 == r1)
	}
}
