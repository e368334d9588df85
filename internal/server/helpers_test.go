package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// hostile is an article whose every field carries a script payload.
const hostile = `<!doctype html><html><head><title>عنوان </title><script>window.pwned=1</script> خبيث</title></head>
<body><article><h1>هجوم <img src=x onerror="window.pwned=2"> على الصفحة &#x202E;مقلوب</h1>
<p>فقرة أولى طويلة بما يكفي عن مفاوضات التهدئة في العاصمة، وفيها <script>window.pwned=3</script> نص خبيث و<a href="javascript:window.pwned=4">رابط</a> ضار.</p>
<p>فقرة ثانية عن مفاوضات التهدئة: &lt;img src=x onerror=window.pwned=5&gt; و` + "\u202e" + ` رموز اتجاه ` + "\u202c" + ` مقحمة في وسط الجملة الطويلة.</p>
<figure><img src="/x.jpg"><figcaption>تعليق "><script>window.pwned=6</script></figcaption></figure>
</article></body></html>`

// hostileURL is the hostile page's URL: a </title> break and quotes.
const hostileURL = `https://evil.example/a?x="><script>window.pwned=7</script>`

// fixture is a server over a fresh data directory holding the sample
// corpus and the hostile article, with a token.
type fixture struct {
	d      *app.Data
	s      *Server
	ts     *httptest.Server
	token  string
	hostID string
}

func newFixture(t testing.TB, opt Options) *fixture {
	t.Helper()
	dir := t.TempDir()
	l, err := app.Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Release() })
	ctx := context.Background()
	d, err := app.Open(ctx, dir, app.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	var hostID string
	items, _ := app.Posted{Format: source.FormatHTML, URL: hostileURL, Data: []byte(hostile)}.Items()
	if _, err := d.Ingest(ctx, items, ingest.Options{Stored: func(_ string, r store.PutResult) { hostID = r.ID }}); err != nil || hostID == "" {
		t.Fatalf("ingest the hostile page: %v", err)
	}
	tok, err := app.OpenTokens(dir).Create("test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !opt.Loopback && !opt.OpenReads {
		opt.Loopback = true
	}
	s := New(d, opt)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &fixture{d: d, s: s, ts: ts, token: tok, hostID: hostID}
}

// do sends a request; auth adds the bearer token.
func (f *fixture) do(t testing.TB, method, path, ctype, body string, auth bool) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func (f *fixture) get(t testing.TB, path string) (*http.Response, string) {
	return f.do(t, "GET", path, "", "", false)
}

// nilData is a data directory that is never opened: enough to build the
// routes.
func nilData(t testing.TB) *app.Data { return &app.Data{Dir: t.TempDir()} }

func searchReq(q string, limit int) index.Request {
	return index.Request{Query: q, Limit: limit, Synonyms: true, IDsOnly: true}
}
