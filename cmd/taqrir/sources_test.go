package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/taqrir/taqrir/internal/ingest"
)

// newsPage is a realistic small article page: navigation, the story, a
// related-stories box and a footer.
func newsPage(title string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>%s | صدى الخليج</title>
<meta property="og:site_name" content="صدى الخليج"><meta property="article:published_time" content="2025-03-14T09:30:00+03:00"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/economy">اقتصاد</a></nav>
<article><h1>%s</h1>`, title, title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</article><aside><h3>اقرأ أيضا</h3><ul><li><a href="/x">خبر آخر عن موضوع مختلف تماما</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © 2025 صدى الخليج</footer></body></html>`)
	return b.String()
}

var (
	pageDoha = newsPage("محادثات الدوحة تستأنف",
		"استؤنفت اليوم في الدوحة المحادثات بين الوفدين بعد توقف دام أسبوعين، وسط آمال بالتوصل إلى اتفاق شامل.",
		"وقال مصدر مطلع إن الجولة الجديدة تركز على ترتيبات وقف إطلاق النار وتبادل الأسرى وإدخال المساعدات.",
		"وأضاف المصدر أن الوسطاء قدموا مقترحا معدلا يأخذ في الحسبان ملاحظات الطرفين على الصيغة السابقة.")
	pageFlood = newsPage("فيضانات المرج تودي بأربعين شخصا",
		"ارتفعت حصيلة ضحايا الفيضانات التي اجتاحت مدينة المرج إلى أربعين قتيلا وعشرات المفقودين بحسب الدفاع المدني.",
		"وقال متحدث باسم الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن المفقودين تحت الأنقاض وفي مجرى الوادي.",
		"وأعلنت الحكومة الحداد ثلاثة أيام وخصصت مبالغ عاجلة لإيواء الأسر التي فقدت منازلها في المدينة.")
	pageDam = newsPage("افتتاح سد وادي الخير",
		"افتتح وزير الموارد المائية اليوم سد وادي الخير الذي تبلغ سعته التخزينية خمسين مليون متر مكعب من المياه.",
		"ويهدف السد إلى حماية القرى المجاورة من السيول وتوفير مياه الري لآلاف الهكتارات من الأراضي الزراعية.",
		"وقال الوزير إن المشروع استغرق أربع سنوات وشارك فيه مئات المهندسين والعمال من أبناء المنطقة.")
	pageNav = `<!doctype html><html><head><title>الأقسام</title></head><body><nav><ul>` +
		strings.Repeat(`<li><a href="/s">قسم</a></li>`, 30) + `</ul></nav></body></html>`
)

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// warcOf writes HTTP response records for pages (one gzip member each, as
// crawlers do), with a broken record after the first.
func warcOf(t *testing.T, pages map[string]string) []byte {
	t.Helper()
	urls := make([]string, 0, len(pages))
	for u := range pages {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var out []byte
	for i, u := range urls {
		body := pages[u]
		b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingDigest(true), gowarc.WithFixContentLength(true))
		fmt.Fprintf(b, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		b.AddWarcHeader(gowarc.WarcDate, "2025-03-14T09:30:00Z")
		b.AddWarcHeader(gowarc.WarcTargetURI, u)
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		rec, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, _, err := gowarc.NewMarshaler().Marshal(&buf, rec, 0); err != nil {
			t.Fatal(err)
		}
		out = append(out, gzipBytes(buf.Bytes())...)
		if i == 0 {
			broken := "WARC/1.1\r\nWARC-Type: response\r\nthis line is no header\r\nContent-Length: many\r\n\r\ngarbage\r\n\r\n"
			out = append(out, gzipBytes([]byte(broken))...)
		}
	}
	return out
}

// TestIngestPagesWARCAndFeeds runs `taqrir ingest` over HTML files, a WARC,
// a URL and a feed served from loopback (hence --allow-private), with every
// kind of bad input next to good ones: each bad one is a clear error and
// nothing else is lost.
func TestIngestPagesWARCAndFeeds(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		base := "http://" + r.Host
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/news/doha":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("ETag", `"doha-1"`)
			if r.Header.Get("If-None-Match") == `"doha-1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, pageDoha)
		case "/news/dam":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, pageDam)
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>صدى الخليج</title>
<item><title>افتتاح سد وادي الخير</title><link>%[1]s/news/dam</link><guid>dam</guid></item>
<item><title>خبر محجوب</title><link>%[1]s/private/1</link><guid>p1</guid><description>نص قصير من الموجز عن خبر محجوب عن الزواحف.</description></item>
<item><title>بلا رابط ولا نص</title><guid>empty</guid></item>
</channel></rss>`, base)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	in := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("flood.html", []byte(pageFlood))
	zdoha := gzipBytes([]byte(pageDoha))
	write("doha.htm.gz", zdoha)
	write("cut.html.gz", zdoha[:len(zdoha)/2])
	write("photo.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	write("nav.html", []byte(pageNav))
	write("big.html", []byte(newsPage("صفحة كبيرة", strings.Repeat("نص طويل جدا في صفحة كبيرة. ", 4000))))
	write("crawl.warc.gz", warcOf(t, map[string]string{
		"https://sada.example/news/flood": pageFlood,
		"https://wahat.example/news/dam":  pageDam,
	}))
	data := t.TempDir()
	args := []string{"--data", data, "--json", "ingest", "--allow-private", "--host-interval", "1ms", "--max-page-bytes", "100000",
		in, srv.URL + "/news/doha", "--feed", srv.URL + "/rss"}
	out, errOut, code := run(t, "", args...)
	if code == 0 {
		t.Errorf("ingest with bad items exited 0")
	}
	var sum ingest.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("ingest --json: %v: %s %s", err, out, errOut)
	}
	// New: flood.html, doha.htm.gz, the WARC's two pages (flood and dam
	// are the same stories as the file and the feed, at other URLs), the
	// feed's dam page, and the private entry from its feed text.
	// Unchanged: the doha URL (the same page as doha.htm.gz).
	reasons := map[string]string{}
	for _, f := range sum.Failures {
		reasons[filepath.Base(f.Origin)] = f.Reason
		t.Logf("failure %s: %s", f.Origin, f.Reason)
	}
	for origin, want := range map[string]string{
		"cut.html.gz": "bad gzip data: truncated",
		"photo.html":  "binary file (looks like image/png), not an HTML page",
		"nav.html":    "no article found",
		"big.html":    "over the limit of 100000 (--max-page-bytes)",
		"rss#3":       "has neither a link nor any text",
	} {
		if !strings.Contains(reasons[origin], want) {
			t.Errorf("failure of %s = %q, want it to say %q", origin, reasons[origin], want)
		}
	}
	warcBroken := 0
	for o, r := range reasons {
		if strings.HasPrefix(o, "crawl.warc.gz@") && strings.Contains(r, "broken WARC record") {
			warcBroken++
		}
	}
	if warcBroken != 1 || sum.Failed != 6 {
		t.Errorf("%d broken WARC records reported, %d failures; want 1 and 6", warcBroken, sum.Failed)
	}
	if sum.New+sum.Unchanged != 7 || sum.New < 4 {
		t.Errorf("summary %+v: want 7 pages stored or recognised", sum)
	}

	// Again: files and WARC unchanged, the URL answers 304, the feed has
	// nothing new except its broken entry.
	before := hits.Load()
	out, _, _ = run(t, "", args...)
	var again ingest.Summary
	if err := json.Unmarshal([]byte(out), &again); err != nil {
		t.Fatal(err)
	}
	if again.New != 0 || again.Updated != 0 || again.Unchanged != sum.New+sum.Unchanged-2 || again.Failed != 6 {
		t.Errorf("second ingest %+v after %+v: want nothing new (feed entries already taken are skipped)", again, sum)
	}
	if n := hits.Load() - before; n > 3 {
		t.Errorf("second ingest made %d requests, want robots.txt, the feed and one conditional GET", n)
	}

	// Without --allow-private a loopback URL is refused before any request.
	before = hits.Load()
	_, errOut, code = run(t, "", "--data", data, "ingest", srv.URL+"/news/dam")
	if code == 0 || !strings.Contains(errOut, "refused to connect to 127.0.0.1, a loopback address") || hits.Load() != before {
		t.Errorf("loopback without --allow-private: exit %d, %q, %d requests", code, errOut, hits.Load()-before)
	}
	if _, errOut, code := run(t, "", "--data", data, "ingest"); code == 0 || !strings.Contains(errOut, "nothing to ingest") {
		t.Errorf("ingest without input: exit %d, %q", code, errOut)
	}

	// Reprocess re-extracts the pages from their raw items, URL and all.
	out, errOut, code = run(t, "", "--data", data, "reprocess")
	if code != 0 || !strings.Contains(out, "0 changed") {
		t.Errorf("reprocess: exit %d, %s %s", code, out, errOut)
	}
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "doha.html")
	os.WriteFile(page, []byte(pageDoha), 0o644)
	out, errOut, code := run(t, "", "--json", "extract", "--published", "2025-03-15", page)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := "body byline captions claims dates entities language paragraphs published quantities removed source title url"; strings.Join(keys, " ") != want {
		t.Errorf("keys = %v, want %s", keys, want)
	}
	var e struct {
		Title, Published, Source, Language string
		Paragraphs                         []string
		Removed                            []struct{ Reason, Text string }
	}
	json.Unmarshal([]byte(out), &e)
	if e.Title != "محادثات الدوحة تستأنف" || len(e.Paragraphs) != 3 || e.Published != "2025-03-15T00:00:00Z" || e.Language != "ar" {
		t.Errorf("extracted %+v", e)
	}
	related := false
	for _, r := range e.Removed {
		related = related || strings.Contains(r.Text, "اقرأ أيضا")
	}
	if !related {
		t.Errorf("the related-stories box is not among the removed blocks: %+v", e.Removed)
	}

	// stdin, guessed as HTML; .txt through the plain-text cleaning.
	if out, errOut, code := run(t, pageFlood, "extract", "-"); code != 0 || !strings.HasPrefix(out, "فيضانات المرج تودي بأربعين شخصا\n") {
		t.Errorf("extract - : exit %d, %q %s", code, out, errOut)
	}
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte("source: صدى الخليج\n\nعنوان الخبر\nموضوع يهمك\nنص الخبر الأول.\n"), 0o644)
	out, _, code = run(t, "", "--json", "extract", txt)
	if code != 0 || !strings.Contains(out, `"title": "عنوان الخبر"`) || !strings.Contains(out, `"reason": "teaser-label"`) {
		t.Errorf("extract .txt: exit %d, %s", code, out)
	}

	// Bad input: each a clear error naming the input.
	nav := filepath.Join(dir, "nav.html")
	os.WriteFile(nav, []byte(pageNav), 0o644)
	bin := filepath.Join(dir, "x.html")
	os.WriteFile(bin, []byte("\x00\x01\x02\x03"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract", nav}, nav + ": extract: no article found"},
		{[]string{"extract", bin}, bin + ": binary file"},
		{[]string{"extract", filepath.Join(dir, "missing.html")}, "missing.html: cannot read: no such file"},
		{[]string{"extract", "--published", "March", page}, `--published "March"`},
		{[]string{"extract", "http://127.0.0.1:1/x"}, "refused to connect to 127.0.0.1"},
	} {
		if _, errOut, code := run(t, "", c.args...); code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want it to say %q", c.args, code, errOut, c.want)
		}
	}
}

// TestIngestEveryPolls runs `ingest --every` on a feed file, adds an entry
// between rounds, and interrupts it: each round prints a summary, the
// second takes only the new entry, and an interrupt ends it cleanly.
func TestIngestEveryPolls(t *testing.T) {
	dir := t.TempDir()
	feedFile := filepath.Join(dir, "feed.xml")
	entry := func(id, title, text string) string {
		return fmt.Sprintf(`<item><title>%s</title><guid>%s</guid><description>%s</description></item>`, title, id, text)
	}
	writeFeed := func(items ...string) {
		x := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>صدى الخليج</title>` + strings.Join(items, "") + `</channel></rss>`
		if err := os.WriteFile(feedFile, []byte(x), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := entry("1", "محادثات الدوحة تستأنف", "استؤنفت اليوم المحادثات في الدوحة بين الوفدين.")
	writeFeed(first)
	cmd := command(t, "--data", t.TempDir(), "ingest", "--every", "1s", "--feed", feedFile)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(30 * time.Second):
			t.Fatal("no round summary within 30s")
		}
		return ""
	}
	if l := next(); !strings.Contains(l, "1 new, 0 copies, 0 unchanged, 0 failed") || !strings.Contains(l, "next round at") {
		t.Errorf("first round: %q", l)
	}
	writeFeed(first, entry("2", "فيضانات المرج", "ارتفعت حصيلة الفيضانات في المرج إلى 40 قتيلا."))
	// A round may have started before the feed changed; it takes nothing.
	for round := 2; ; round++ {
		l := next()
		if strings.Contains(l, "1 new, 0 copies, 0 unchanged, 0 failed") {
			break
		}
		if !strings.Contains(l, "0 new, 0 copies, 0 unchanged, 0 failed") || round > 5 {
			t.Fatalf("round %d: %q (want only the new entry)", round, l)
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("interrupted poll: %v, want a clean exit", err)
	}
}
