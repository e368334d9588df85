package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/version"
)

// Errors a fetch can end with, besides ErrBlocked and network errors.
var (
	ErrDisallowed = errors.New("fetch: disallowed by robots.txt")
	ErrRedirects  = errors.New("fetch: too many redirects")
	ErrStatus     = errors.New("fetch: HTTP error")
	ErrURL        = errors.New("fetch: bad URL")
)

// Options tune a Fetcher. The zero value is polite and safe.
type Options struct {
	UserAgent string        // default UserAgent()
	Interval  time.Duration // least time between two requests to one host; default 1s (a robots.txt Crawl-delay, up to MaxWait, raises it)
	Timeout   time.Duration // one attempt, headers and body; default 30s
	// Deadline bounds one URL, every attempt and wait included; default
	// 2 × Timeout. A server that trickles its answer (slowloris) costs this
	// much at most, not Timeout × (Retries+1) plus the backoff.
	Deadline     time.Duration
	MaxBytes     int64         // largest body; default source.MaxItemSize
	MaxRedirects int           // default 5
	Retries      int           // further attempts after a 5xx, 429 or network error; default 3 (negative: none)
	Backoff      time.Duration // wait before the first retry, doubled each time; default 1s
	MaxWait      time.Duration // the longest Retry-After or Crawl-delay honoured; default 2m
	// AllowPrivate lets the fetcher connect to loopback, private,
	// link-local and other internal addresses (see Classify). Off by
	// default: a URL from a feed or a page must not reach the machine's
	// own services or a cloud metadata endpoint.
	AllowPrivate bool
	// Validators, when set, makes fetches of known pages conditional
	// (If-None-Match, If-Modified-Since) and remembers new validators.
	Validators *Validators
}

// UserAgent is taqrir's User-Agent: its version and where to read about it.
func UserAgent() string {
	return "taqrir/" + version.Short() + " (+https://github.com/taqrir/taqrir)"
}

// agentToken is the name robots.txt groups address us by.
const agentToken = "taqrir"

// Page is a fetched page.
type Page struct {
	URL         string // the final URL, after redirects
	Status      int
	ContentType string
	Body        []byte
	// NotModified is set when the server answered a conditional GET with
	// 304: the page is as it was last fetched, and Body is empty.
	NotModified bool
}

// Fetcher fetches pages politely and safely; one Fetcher is shared by all
// goroutines of a run so the per-host limits hold across them.
type Fetcher struct {
	opt      Options
	client   *http.Client
	classify func(netip.Addr) string

	mu     sync.Mutex
	next   map[string]time.Time     // host → earliest start of its next request
	delay  map[string]time.Duration // host → its robots.txt Crawl-delay
	robots map[string]*robotsEntry  // scheme://host → its robots.txt
}

type robotsEntry struct {
	ready   chan struct{}
	r       *Robots
	err     error
	expires time.Time // set once ready
}

// robotsTTL is how long a robots.txt is trusted (RFC 9309 asks crawlers not
// to cache it for more than a day); a long poll re-reads it after that.
var robotsTTL = 24 * time.Hour

// New returns a Fetcher.
func New(opt Options) *Fetcher {
	if opt.UserAgent == "" {
		opt.UserAgent = UserAgent()
	}
	if opt.Interval <= 0 {
		opt.Interval = time.Second
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.Deadline <= 0 {
		opt.Deadline = 2 * opt.Timeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = source.MaxItemSize
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	if opt.Retries == 0 {
		opt.Retries = 3
	} else if opt.Retries < 0 {
		opt.Retries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = time.Second
	}
	if opt.MaxWait <= 0 {
		opt.MaxWait = 2 * time.Minute
	}
	f := &Fetcher{opt: opt, classify: Classify, next: map[string]time.Time{}, delay: map[string]time.Duration{}, robots: map[string]*robotsEntry{}}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: f.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real address from the guard
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opt.Timeout,
	}
	f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
	return f
}

type ctxKey int

const robotsFetch ctxKey = 1

// checkRedirect limits redirects and holds each hop to the same rules as
// the first request: http(s) only, robots.txt, the per-host interval. The
// address guard runs in the dialer for every hop's connection.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opt.MaxRedirects {
		return fmt.Errorf("%w (more than %d, last to %s)", ErrRedirects, f.opt.MaxRedirects, req.URL)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirect to %q: only http and https are fetched", ErrURL, req.URL.Scheme)
	}
	ctx := req.Context()
	if ctx.Value(robotsFetch) == nil {
		if err := f.checkRobots(ctx, req.URL); err != nil {
			return err
		}
	}
	return f.wait(ctx, req.URL.Host)
}

// Get fetches a page: robots.txt permitting, no sooner than the host's
// interval allows, retrying 5xx, 429 and network errors with exponential
// backoff (honouring Retry-After), conditional when the page's validators
// are known. A status other than 2xx or 304 is an error naming it.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := f.checkRobots(ctx, u); err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, f.opt.Deadline)
	defer cancel()
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := f.wait(ctx, u.Host); err != nil {
			return nil, deadlineErr(parent, ctx, err, f.opt.Deadline)
		}
		page, retryAfter, err := f.do(ctx, u, true)
		if err == nil {
			return page, nil
		}
		lastErr = deadlineErr(parent, ctx, err, f.opt.Deadline)
		if attempt >= f.opt.Retries || !retryable(ctx, err) {
			break
		}
		delay := f.opt.Backoff << attempt
		delay += time.Duration(rand.Int64N(int64(delay)/4 + 1)) // jitter, so many clients do not retry in step
		if retryAfter > 0 {
			if retryAfter > f.opt.MaxWait {
				return nil, fmt.Errorf("%w (the server asks to retry after %s, longer than we wait)", err, retryAfter)
			}
			delay = max(delay, retryAfter)
		}
		if err := sleep(ctx, delay); err != nil {
			return nil, deadlineErr(parent, ctx, err, f.opt.Deadline)
		}
	}
	if f.opt.Retries > 0 && retryable(ctx, lastErr) {
		return nil, fmt.Errorf("%w (gave up after %d attempts)", lastErr, f.opt.Retries+1)
	}
	return nil, lastErr
}

// deadlineErr says so when the URL's own deadline (not the caller's
// context) ended an attempt or a wait.
func deadlineErr(parent, ctx context.Context, err error, d time.Duration) error {
	if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (no answer within the %s allowed for one URL, retries included)", err, d)
	}
	return err
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrURL, raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w %q: only http and https are fetched", ErrURL, raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%w %q: no host", ErrURL, raw)
	}
	u.Fragment = ""
	return u, nil
}

// retryStatus is an HTTP error worth retrying.
type retryStatus struct{ code int }

func (e retryStatus) Error() string { return "" }

func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrBlocked) || errors.Is(err, ErrDisallowed) ||
		errors.Is(err, ErrRedirects) || errors.Is(err, ErrURL) || errors.Is(err, source.ErrTooLarge) {
		return false
	}
	if errors.Is(err, ErrStatus) {
		var rs retryStatus
		return errors.As(err, &rs)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return false
	}
	var cert *tls.CertificateVerificationError
	if errors.As(err, &cert) {
		return false // a bad certificate stays bad
	}
	return true // network errors: resets, timeouts, refused connections
}

// statusError is an HTTP status taqrir does not take as a page.
type statusError struct {
	code   int
	status string
	url    string
}

func (e *statusError) Error() string { return fmt.Sprintf("HTTP %s from %s", e.status, e.url) }
func (e *statusError) Unwrap() []error {
	if e.code == http.StatusTooManyRequests || (e.code >= 500 && e.code != http.StatusNotImplemented) {
		return []error{ErrStatus, retryStatus{e.code}}
	}
	return []error{ErrStatus}
}

// do runs one attempt. retryAfter is the server's Retry-After, if any.
func (f *Fetcher) do(ctx context.Context, u *url.URL, conditional bool) (*Page, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, fmt.Errorf("%w %q: %v", ErrURL, u, err)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Language", "ar,en;q=0.5")
	key := u.String()
	if v, ok := f.opt.Validators.Get(key); ok && conditional {
		if v.ETag != "" {
			req.Header.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			req.Header.Set("If-Modified-Since", v.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is named by the caller
		}
		var be *blockedError
		if errors.As(err, &be) {
			err = be // not "dial tcp …: " around it
		}
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
			err = fmt.Errorf("timed out after %s: %w", f.opt.Timeout, err)
		}
		return nil, 0, err
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode == http.StatusNotModified {
		return &Page{URL: final, Status: resp.StatusCode, NotModified: true}, 0, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		return nil, retryAfter(resp.Header.Get("Retry-After")), &statusError{code: resp.StatusCode, status: resp.Status, url: final}
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return nil, 0, source.TooLarge(resp.ContentLength, f.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("reading the body: %w", err)
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return nil, 0, fmt.Errorf("%w: page is over the limit of %d bytes (--max-page-bytes)", source.ErrTooLarge, f.opt.MaxBytes)
	}
	if conditional {
		f.opt.Validators.Put(key, Validator{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Fetched: time.Now().UTC()})
	}
	return &Page{URL: final, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, 0, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// wait blocks until host may be sent its next request and books the slot
// after it, so concurrent callers queue rather than burst.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	interval := f.opt.Interval
	f.mu.Lock()
	interval = max(interval, min(f.delay[host], f.opt.MaxWait))
	now := time.Now()
	slot := now
	if t, ok := f.next[host]; ok && t.After(now) {
		slot = t
	}
	f.next[host] = slot.Add(interval)
	f.mu.Unlock()
	return sleep(ctx, slot.Sub(now))
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkRobots fetches (once per host and run) and applies robots.txt.
func (f *Fetcher) checkRobots(ctx context.Context, u *url.URL) error {
	r, err := f.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !r.Allowed(path) {
		return fmt.Errorf("%w: %s://%s/robots.txt does not let %s fetch %s", ErrDisallowed, u.Scheme, u.Host, agentToken, path)
	}
	return nil
}

func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	e, ok := f.robots[key]
	if ok {
		select {
		case <-e.ready:
			if time.Now().After(e.expires) {
				ok = false // stale: read it again
			}
		default:
		}
	}
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = e
	}
	f.mu.Unlock()
	if ok {
		select {
		case <-e.ready:
			return e.r, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e.r, e.err = f.fetchRobots(ctx, u)
	e.expires = time.Now().Add(robotsTTL)
	if e.err != nil {
		e.expires = time.Now().Add(time.Minute) // unreachable: try again soon
	}
	f.mu.Lock()
	if e.err != nil && ctx.Err() != nil {
		if f.robots[key] == e {
			delete(f.robots, key) // cancelled, not answered: a later caller tries again
		}
	}
	if e.r != nil && e.r.CrawlDelay() > 0 {
		f.delay[u.Host] = e.r.CrawlDelay()
		// The robots.txt request took the host's slot with the default
		// interval, before the delay was known: the first page waits the
		// crawl delay from it too.
		if d := min(e.r.CrawlDelay(), f.opt.MaxWait); d > f.opt.Interval {
			if next, ok := f.next[u.Host]; ok {
				f.next[u.Host] = next.Add(d - f.opt.Interval)
			}
		}
	}
	f.mu.Unlock()
	close(e.ready)
	return e.r, e.err
}

// fetchRobots reads a site's robots.txt: 2xx is parsed; 4xx (none there)
// allows everything; 5xx or no answer disallows everything (RFC 9309).
func (f *Fetcher) fetchRobots(ctx context.Context, u *url.URL) (*Robots, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	ctx = context.WithValue(ctx, robotsFetch, true)
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	page, _, err := f.do(ctx, ru, false)
	var se *statusError
	switch {
	case err == nil:
		body := page.Body
		if len(body) > maxRobotsBytes {
			body = body[:maxRobotsBytes]
		}
		return ParseRobots(body, agentToken), nil
	case errors.As(err, &se) && se.code >= 400 && se.code < 500:
		return &Robots{}, nil
	case errors.Is(err, ErrBlocked), errors.Is(err, ErrURL), ctx.Err() != nil:
		return nil, err
	case errors.As(err, &se):
		return DisallowAll(), nil
	default:
		return nil, fmt.Errorf("cannot read %s: %w", ru, err)
	}
}

// Forget drops the remembered validators of url, so its next fetch is
// whole rather than conditional (a feed with entries still to retry).
func (f *Fetcher) Forget(url string) { f.opt.Validators.Forget(url) }

// Item fetches a page as a raw item for ingest: an HTML page (or plain
// text) with its final URL and Content-Type; a 304 is an item marked
// NotModified; a failure is an item with Err set naming the problem. The
// origin is the URL asked for.
func (f *Fetcher) Item(ctx context.Context, rawURL string) source.Item {
	it := source.Item{Origin: rawURL}
	page, err := f.Get(ctx, rawURL)
	if err != nil {
		it.Err = err
		return it
	}
	it.URL = page.URL
	if page.NotModified {
		it.NotModified = true
		return it
	}
	it.ContentType = page.ContentType
	format, err := formatOf(page)
	if err == nil {
		it.Data = page.Body
		switch format {
		case source.FormatHTML:
			err = source.CheckPage(page.Body)
		case source.FormatText:
			err = source.CheckText(page.Body) // extract decodes a legacy Arabic code page
		default:
			err = source.Check(page.Body)
		}
	}
	if err != nil {
		it.Err, it.Data = err, nil
		f.opt.Validators.Forget(rawURL) // fetch it whole next time
		return it
	}
	it.Format = format
	return it
}

func formatOf(p *Page) (source.Format, error) {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(p.ContentType, ";", 2)[0]))
	switch mt {
	case "text/html", "application/xhtml+xml", "":
		return source.FormatHTML, nil
	case "text/plain":
		return source.FormatText, nil
	}
	if strings.Contains(mt, "xml") {
		return "", fmt.Errorf("not an HTML page (Content-Type %s); if it is an RSS or Atom feed, pass it with --feed", mt)
	}
	return "", fmt.Errorf("not an HTML page (Content-Type %s)", mt)
}
