package server

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/app"
)

// Options tune a Server. The zero value serves loopback with the limits
// below.
type Options struct {
	// Loopback says the server listens on loopback only: reads need no
	// token there (the Host header is checked instead, against DNS
	// rebinding). Elsewhere every request needs a token unless OpenReads.
	Loopback  bool
	OpenReads bool
	// Hosts are further Host header names accepted on loopback (besides
	// localhost, 127.0.0.1 and [::1]).
	Hosts []string
	// Timeout bounds a request (default 30s); an export streams for up
	// to ExportTimeout (default 10m).
	Timeout       time.Duration
	ExportTimeout time.Duration
	// MaxBody is the largest request body (default 32 MiB).
	MaxBody int64
	// Rate and Burst limit each client (by address): Rate requests a
	// second on average, Burst at once (defaults 20 and 60).
	Rate  float64
	Burst int
}

// Limits of a request.
const (
	MaxLimit      = 100   // hits per page
	MaxOffset     = 10000 // deepest page
	MaxQueryBytes = 1000  // longest query
	MaxReport     = 2000  // articles a report reads
)

// Server is the HTTP handler of `taqrir serve`.
type Server struct {
	d       *app.Data
	tokens  *app.Tokens
	sources *app.Sources
	opt     Options
	mux     *http.ServeMux
	metrics *metrics
	limiter *limiter
	pages   map[string]*template.Template
	routes  []string // every API pattern registered, for the OpenAPI check
	secret  []byte   // per-process key of the CSRF tokens
	start   time.Time
}

// New returns the server of an open data directory.
func New(d *app.Data, opt Options) *Server {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.ExportTimeout <= 0 {
		opt.ExportTimeout = 10 * time.Minute
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = 32 << 20
	}
	if opt.Rate <= 0 {
		opt.Rate = 20
	}
	if opt.Burst <= 0 {
		opt.Burst = 60
	}
	s := &Server{d: d, tokens: d.Tokens(), sources: d.Sources(), opt: opt,
		mux: http.NewServeMux(), metrics: newMetrics(), limiter: newLimiter(opt.Rate, opt.Burst),
		pages: parsePages(), start: time.Now()}
	s.secret = make([]byte, 32)
	if _, err := rand.Read(s.secret); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	s.routesAPI()
	s.routesUI()
	return s
}

// access is what a route needs of its caller.
type access int

const (
	read  access = iota // a token unless on loopback (or OpenReads)
	write               // always a token
	open                // nothing: health, the login page, static files
)

// handle registers h for pattern, behind the access check and the
// metrics; an API pattern is listed for the OpenAPI check.
func (s *Server) handle(pattern string, acc access, h http.HandlerFunc) {
	if _, path, _ := strings.Cut(pattern, " "); strings.HasPrefix(path, "/api/") {
		s.routes = append(s.routes, pattern)
	}
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if acc != open {
			if _, ok := s.authorize(w, r, acc); !ok {
				return
			}
		}
		h(w, r)
	})
}

// APIRoutes lists the patterns of the API handlers ("GET /api/v1/search").
func (s *Server) APIRoutes() []string { return append([]string(nil), s.routes...) }

type trustedKey struct{}

// Trusted is the handler for the command line's unix socket: its requests
// come from the data directory's owner (the socket is mode 0600), so they
// need no token, Host check or rate limit.
func (s *Server) Trusted() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), trustedKey{}, true)))
	})
}

func trusted(r *http.Request) bool { return r.Context().Value(trustedKey{}) != nil }

// ServeHTTP checks the Host header and the client's rate, sets the
// security headers and a time limit, and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	defer func() { s.metrics.observe(r.Pattern, r.Method, rec.status, time.Since(start)) }()
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", csp)
	if !trusted(r) && !s.hostAllowed(r.Host) {
		writeError(rec, &apiError{http.StatusMisdirectedRequest, "bad_host", "Host " + strconv.Quote(r.Host) + " is not this server's: open it as localhost or 127.0.0.1"})
		return
	}
	remaining, ok := s.limiter.allow(clientKey(r), time.Now())
	if trusted(r) {
		remaining, ok = s.opt.Burst, true
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.opt.Burst))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	if !ok {
		writeError(rec, &apiError{http.StatusTooManyRequests, "rate_limited", "too many requests: slow down and retry after a second"})
		return
	}
	timeout := s.opt.Timeout
	if r.URL.Path == "/api/v1/export" {
		timeout = s.opt.ExportTimeout
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	r.Body = http.MaxBytesReader(rec, r.Body, s.opt.MaxBody)
	s.mux.ServeHTTP(rec, r.WithContext(ctx))
}

// csp forbids every script and everything remote: the pages work without
// JavaScript, and an article's text can never run as one.
const csp = "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// hostAllowed is the DNS-rebinding check: on loopback the Host header must
// name the loopback itself (or one of Options.Hosts).
func (s *Server) hostAllowed(host string) bool {
	if !s.opt.Loopback {
		return true
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.Trim(strings.ToLower(name), "[]")
	if name == "localhost" {
		return true
	}
	if ip, err := netip.ParseAddr(name); err == nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.opt.Hosts {
		if strings.EqualFold(h, name) {
			return true
		}
	}
	return false
}

// sessionCookie holds the UI's token (HttpOnly, SameSite=Strict).
const sessionCookie = "taqrir_session"

// bearer returns the token of a request: the Authorization header's, else
// the session cookie's; fromCookie says which.
func bearer(r *http.Request) (tok string, fromCookie bool) {
	if a := r.Header.Get("Authorization"); a != "" {
		if t, ok := strings.CutPrefix(a, "Bearer "); ok {
			return strings.TrimSpace(t), false
		}
		return "", false
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value, true
	}
	return "", false
}

// authorize answers 401 (and false) when the request may not do what acc
// says. A write authorised by the session cookie must also carry the form's
// CSRF token.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, acc access) (string, bool) {
	if trusted(r) {
		return "socket", true
	}
	tok, fromCookie := bearer(r)
	name, valid := s.tokens.Check(tok)
	if acc == read && (s.opt.Loopback || s.opt.OpenReads) {
		return name, true
	}
	if !valid {
		if isUI(r) {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return "", false
		}
		msg := "a valid token is needed: send Authorization: Bearer TOKEN (taqrir token create NAME makes one)"
		if tok != "" {
			msg = "the token is not valid (revoked or mistyped): taqrir token list shows the names of valid ones"
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="taqrir"`)
		writeError(w, &apiError{http.StatusUnauthorized, "unauthorized", msg})
		return "", false
	}
	if acc == write && fromCookie && !s.csrfOK(r, tok) {
		writeError(w, &apiError{http.StatusForbidden, "csrf", "the form is stale or from another site: reload the page and try again"})
		return "", false
	}
	return name, true
}

// csrfToken is the token a form of a signed-in page carries: an HMAC of
// the session's token under a per-process key.
func (s *Server) csrfToken(session string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf\x00" + session))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

func (s *Server) csrfOK(r *http.Request, session string) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(s.csrfToken(session)))
}

func isUI(r *http.Request) bool { return !strings.HasPrefix(r.URL.Path, "/api/") }

// clientKey is who a rate limit counts: the client's address.
func clientKey(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// limiter is a token bucket per client.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket; it returns what is left.
func (l *limiter) allow(key string, now time.Time) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.at) > time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return 0, false
	}
	b.tokens--
	return int(b.tokens), true
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Flush lets an export stream.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// timedOut maps a request's expired deadline to errTimeout.
func timedOut(ctx context.Context, err error) error {
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errTimeout
	}
	return err
}
