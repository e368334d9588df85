package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/source"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		ip, want string
	}{
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"2a00:1450:4001:80b::200e", ""},
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"fd12:3456::1", "private"},
		{"169.254.169.254", "cloud metadata"},
		{"fd00:ec2::254", "cloud metadata"},
		{"169.254.1.1", "link-local"},
		{"fe80::1", "link-local"},
		{"0.0.0.0", "this-network"},
		{"::", "unspecified"},
		{"100.64.0.1", "carrier-grade NAT"},
		{"100.127.255.255", "carrier-grade NAT"},
		{"100.128.0.1", ""},
		{"224.0.0.1", "link-local"},
		{"239.1.2.3", "multicast"},
		{"ff02::1", "link-local"},
		{"ff05::1", "multicast"},
		{"255.255.255.255", "reserved"},
		{"64:ff9b::a00:1", "private"},
		{"64:ff9b::808:808", ""},
	}
	for _, c := range cases {
		t.Run(c.ip, func(t *testing.T) {
			if got := Classify(netip.MustParseAddr(c.ip)); got != c.want {
				t.Errorf("Classify(%s) = %q, want %q", c.ip, got, c.want)
			}
		})
	}
}

// site is a test web site on loopback that counts requests per path.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	times []time.Time
	ua    string
}

func newSite(t *testing.T, robots string, h http.HandlerFunc) *site {
	t.Helper()
	s := &site{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.times = append(s.times, time.Now())
		s.ua = r.UserAgent()
		s.mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			if robots == "" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprint(w, robots)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><head><title>صفحة %s</title></head><body><p>نص</p></body></html>", r.URL.Path)
}

func fast() Options {
	return Options{AllowPrivate: true, Interval: time.Millisecond, Backoff: 5 * time.Millisecond, Timeout: 5 * time.Second}
}

func TestGet(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /private\n", page)
	f := New(fast())
	ctx := context.Background()
	p, err := f.Get(ctx, s.URL+"/news/1#top")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != s.URL+"/news/1" || p.ContentType != "text/html; charset=utf-8" || !strings.Contains(string(p.Body), "صفحة /news/1") {
		t.Errorf("page = %+v", p)
	}
	if !strings.HasPrefix(s.ua, "taqrir/") || !strings.Contains(s.ua, "(+https://github.com/taqrir/taqrir)") {
		t.Errorf("User-Agent = %q", s.ua)
	}
	_, err = f.Get(ctx, s.URL+"/private/report")
	if !errors.Is(err, ErrDisallowed) || s.count("/private/report") != 0 {
		t.Errorf("disallowed page: err %v, %d requests", err, s.count("/private/report"))
	}
	if _, err := f.Get(ctx, s.URL+"/news/2"); err != nil {
		t.Fatal(err)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once per host", n)
	}
	for _, bad := range []string{"ftp://a.example/x", "file:///etc/passwd", "http://", "::nope"} {
		if _, err := f.Get(ctx, bad); !errors.Is(err, ErrURL) {
			t.Errorf("Get(%q) err = %v, want ErrURL", bad, err)
		}
	}
}

func TestRobotsExpires(t *testing.T) {
	s := newSite(t, "User-agent: *\nAllow: /\n", page)
	defer func(d time.Duration) { robotsTTL = d }(robotsTTL)
	robotsTTL = 500 * time.Millisecond
	f := New(fast())
	for i := range 3 {
		if _, err := f.Get(context.Background(), fmt.Sprintf("%s/n/%d", s.URL, i)); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			time.Sleep(550 * time.Millisecond)
		}
	}
	if n := s.count("/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times, want twice (once more after it expired)", n)
	}
}

func TestRobotsServerErrorDisallows(t *testing.T) {
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		page(w, r)
	})
	// newSite answers /robots.txt itself with 404; serve a 5xx one instead.
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		page(w, r)
	})
	o := fast()
	o.Retries = -1
	if _, err := New(o).Get(context.Background(), s.URL+"/a"); !errors.Is(err, ErrDisallowed) {
		t.Errorf("robots.txt 503: err = %v, want disallowed", err)
	}
	// 404: no robots.txt, everything allowed.
	s2 := newSite(t, "", page)
	if _, err := New(o).Get(context.Background(), s2.URL+"/a"); err != nil {
		t.Errorf("no robots.txt: %v", err)
	}
}

func TestRateLimitSpacing(t *testing.T) {
	s := newSite(t, "User-agent: *\nAllow: /\n", page)
	o := fast()
	o.Interval = 120 * time.Millisecond
	f := New(o)
	t0 := time.Now()
	var wg sync.WaitGroup
	for i := range 3 { // concurrent callers queue, they do not burst
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(context.Background(), fmt.Sprintf("%s/n/%d", s.URL, i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(s.times) != 4 {
		t.Fatalf("%d requests, want robots.txt and 3 pages", len(s.times))
	}
	// A request can arrive late (a loaded machine), never early: the i-th
	// may not reach the server before i intervals have passed.
	for i, at := range s.times {
		if d := at.Sub(t0); d < time.Duration(i)*o.Interval {
			t.Errorf("request %d arrived %v after the start, want ≥ %v", i, d, time.Duration(i)*o.Interval)
		}
	}
}

func TestCrawlDelayRaisesInterval(t *testing.T) {
	s := newSite(t, "User-agent: taqrir\nCrawl-delay: 0.2\n", page)
	f := New(fast())
	t0 := time.Now()
	for i := range 2 {
		if _, err := f.Get(context.Background(), fmt.Sprintf("%s/n/%d", s.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	// robots.txt at t0, the first page 1ms later, the second no sooner
	// than the Crawl-delay after the first (without it: about 2ms).
	if d := s.times[2].Sub(t0); d < 200*time.Millisecond {
		t.Errorf("second page arrived %v after the start, want ≥ the 200ms Crawl-delay", d)
	}
}

func TestRedirects(t *testing.T) {
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/r/%d", &n); err == nil && n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
			return
		}
		page(w, r)
	})
	f := New(fast())
	p, err := f.Get(context.Background(), s.URL+"/r/5")
	if err != nil || p.URL != s.URL+"/r/0" {
		t.Fatalf("5 redirects: %v %+v", err, p)
	}
	_, err = f.Get(context.Background(), s.URL+"/r/6")
	if !errors.Is(err, ErrRedirects) {
		t.Errorf("6 redirects: err = %v, want ErrRedirects", err)
	}
}

func TestRetries(t *testing.T) {
	var calls atomic.Int32
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/flaky":
			if calls.Add(1) <= 2 {
				w.Header().Set("Retry-After", "0")
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			page(w, r)
		case "/down":
			http.Error(w, "down", http.StatusBadGateway)
		case "/slow-down":
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "/gone":
			http.Error(w, "gone", http.StatusNotFound)
		}
	})
	o := fast()
	o.Retries = 2
	f := New(o)
	ctx := context.Background()
	if _, err := f.Get(ctx, s.URL+"/flaky"); err != nil || calls.Load() != 3 {
		t.Errorf("503 twice then 200: err %v after %d calls", err, calls.Load())
	}
	_, err := f.Get(ctx, s.URL+"/down")
	if !errors.Is(err, ErrStatus) || !strings.Contains(err.Error(), "502 Bad Gateway") || !strings.Contains(err.Error(), "gave up after 3 attempts") || s.count("/down") != 3 {
		t.Errorf("502 always: err %v, %d calls", err, s.count("/down"))
	}
	_, err = f.Get(ctx, s.URL+"/slow-down")
	if err == nil || !strings.Contains(err.Error(), "retry after 1h0m0s") || s.count("/slow-down") != 1 {
		t.Errorf("429 with a long Retry-After: err %v, %d calls", err, s.count("/slow-down"))
	}
	_, err = f.Get(ctx, s.URL+"/gone")
	if !errors.Is(err, ErrStatus) || s.count("/gone") != 1 {
		t.Errorf("404 is not retried: err %v, %d calls", err, s.count("/gone"))
	}
}

func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	var conditional atomic.Int32
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Fri, 14 Mar 2025 09:30:00 GMT")
		page(w, r)
	})
	path := filepath.Join(t.TempDir(), ValidatorsFile)
	v, err := OpenValidators(path)
	if err != nil {
		t.Fatal(err)
	}
	o := fast()
	o.Validators = v
	p, err := New(o).Get(context.Background(), s.URL+"/a")
	if err != nil || p.NotModified || len(p.Body) == 0 {
		t.Fatalf("first fetch: %v %+v", err, p)
	}
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	// A later run loads the validators from the data directory.
	v2, err := OpenValidators(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := v2.Get(s.URL + "/a"); got.ETag != etag || got.LastModified == "" {
		t.Errorf("saved validator = %+v", got)
	}
	o.Validators = v2
	f := New(o)
	p, err = f.Get(context.Background(), s.URL+"/a")
	if err != nil || !p.NotModified || len(p.Body) != 0 || conditional.Load() != 1 {
		t.Errorf("second fetch: %v %+v (conditional requests %d)", err, p, conditional.Load())
	}
	if it := f.Item(context.Background(), s.URL+"/a#comments"); !it.NotModified || it.Err != nil {
		t.Errorf("Item of an unchanged page = %+v", it)
	}
	// Forgetting the URL as the user typed it makes the next fetch whole.
	v2.Forget(" " + s.URL + "/a#top")
	if p, err := f.Get(context.Background(), s.URL+"/a"); err != nil || p.NotModified {
		t.Errorf("after Forget: %v %+v, want the whole page", err, p)
	}
}

func TestSizeLimit(t *testing.T) {
	big := strings.Repeat("<p>نص</p>", 500) // 5,500 bytes
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/chunked" {
			w.(http.Flusher).Flush() // no Content-Length: the limit must hold while reading
		} else {
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		}
		fmt.Fprint(w, big)
	})
	o := fast()
	o.MaxBytes = 1000
	f := New(o)
	_, err := f.Get(context.Background(), s.URL+"/sized")
	if !errors.Is(err, source.ErrTooLarge) || !strings.Contains(err.Error(), "page is 5500 bytes, over the limit of 1000 (--max-page-bytes)") {
		t.Errorf("sized: err = %v", err)
	}
	_, err = f.Get(context.Background(), s.URL+"/chunked")
	if !errors.Is(err, source.ErrTooLarge) || !strings.Contains(err.Error(), "over the limit of 1000 bytes") {
		t.Errorf("chunked: err = %v", err)
	}
}

func TestSSRFGuard(t *testing.T) {
	s := newSite(t, "", page)
	o := fast()
	o.AllowPrivate = false
	_, err := New(o).Get(context.Background(), s.URL+"/a")
	if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "127.0.0.1, a loopback address") {
		t.Errorf("loopback URL without --allow-private: err = %v", err)
	}
	if n := s.count("/a") + s.count("/robots.txt"); n != 0 {
		t.Errorf("the guarded server received %d requests", n)
	}

	// A redirect from a page we may fetch to one we may not: the test
	// treats 127.0.0.1 as public and 127.0.0.2 as internal, standing in
	// for a public site that redirects to 127.0.0.1 or 169.254.169.254.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	var innerHits atomic.Int32
	inner := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		innerHits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	inner.Listener.Close()
	inner.Listener = ln
	inner.Start()
	defer inner.Close()
	outer := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/latest/meta-data/", http.StatusFound)
	})
	f := New(o)
	f.classify = func(ip netip.Addr) string {
		if ip == netip.MustParseAddr("127.0.0.2") {
			return "test-internal"
		}
		return ""
	}
	_, err = f.Get(context.Background(), outer.URL+"/story")
	if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "127.0.0.2, a test-internal address") {
		t.Errorf("redirect to an internal address: err = %v", err)
	}
	if outer.count("/story") != 1 || innerHits.Load() != 0 {
		t.Errorf("outer served %d, inner %d; want 1 and 0", outer.count("/story"), innerHits.Load())
	}
}

func TestItem(t *testing.T) {
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			page(w, r)
		case "/text":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, "عنوان\nنص")
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			fmt.Fprint(w, "\x89PNG")
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<rss/>")
		case "/binary":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "\x00\x01\x02\x03binary")
		}
	})
	f := New(fast())
	ctx := context.Background()
	cases := []struct {
		path   string
		format source.Format
		err    string
	}{
		{"/page", source.FormatHTML, ""},
		{"/text", source.FormatText, ""},
		{"/image", "", "not an HTML page (Content-Type image/png)"},
		{"/binary", "", "binary file"},
		{"/rss", "", "if it is an RSS or Atom feed, pass it with --feed"},
	}
	for _, c := range cases {
		it := f.Item(ctx, s.URL+c.path)
		if it.Origin != s.URL+c.path || it.Format != c.format {
			t.Errorf("%s: %+v", c.path, it)
		}
		if (c.err == "") != (it.Err == nil) || (it.Err != nil && !strings.Contains(it.Err.Error(), c.err)) {
			t.Errorf("%s: err = %v, want %q", c.path, it.Err, c.err)
		}
		if c.err == "" && (it.URL != s.URL+c.path || it.ContentType == "" || len(it.Data) == 0) {
			t.Errorf("%s: item lacks its page meta: %+v", c.path, it)
		}
	}
}

// TestSlowServerDeadline: a server that trickles its answer costs one URL's
// deadline, not every retry's timeout.
func TestSlowServerDeadline(t *testing.T) {
	s := newSite(t, "", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		for range 40 {
			if _, err := w.Write([]byte("<p>")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	opt := fast()
	opt.Timeout, opt.Deadline, opt.Retries = 300*time.Millisecond, 500*time.Millisecond, 5
	start := time.Now()
	_, err := New(opt).Get(context.Background(), s.URL+"/slow")
	el := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "allowed for one URL") {
		t.Errorf("err = %v, want the URL's deadline named", err)
	}
	// Six attempts of 300 ms would take 1.8 s; the deadline ends it at 0.5 s.
	if el > 1500*time.Millisecond {
		t.Errorf("took %s: the retries ran past the deadline", el)
	}
	if n := s.count("/slow"); n > 2 {
		t.Errorf("%d attempts within a 500 ms deadline of 300 ms attempts", n)
	}
}

// TestFirstPageAfterRobotsKeepsCrawlDelay: the page right after robots.txt
// waits the site's Crawl-delay, not the default interval.
func TestFirstPageAfterRobotsKeepsCrawlDelay(t *testing.T) {
	s := newSite(t, "User-agent: *\nCrawl-delay: 0.4\n", page)
	if _, err := New(fast()).Get(context.Background(), s.URL+"/a"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.times) != 2 {
		t.Fatalf("%d requests, want robots.txt and the page", len(s.times))
	}
	if gap := s.times[1].Sub(s.times[0]); gap < 380*time.Millisecond {
		t.Errorf("the page came %s after robots.txt, want the 400ms Crawl-delay", gap)
	}
}
