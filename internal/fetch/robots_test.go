package fetch

import (
	"testing"
	"time"
	"unicode/utf8"
)

func TestRobots(t *testing.T) {
	const txt = `# a news site
User-agent: *
Disallow: /search
Disallow: /*.pdf$
Allow: /search/about
Crawl-delay: 2

User-agent: BadBot
User-agent: OtherBot
Disallow: /

user-agent: taqrir/1.0
disallow: /private/
allow: /private/open
disallow: /أخبار/خاص
Crawl-delay: 0.5
Sitemap: https://example.com/sitemap.xml
`
	cases := []struct {
		name, agent, path string
		allowed           bool
	}{
		{"our group: its rule", "taqrir", "/private/x", false},
		{"our group: longer allow wins", "taqrir", "/private/open/1", true},
		{"our group replaces *: /search allowed", "taqrir", "/search?q=x", true},
		{"Arabic path written raw matches the escaped URL", "taqrir", "/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/%D8%AE%D8%A7%D8%B5/1", false},
		{"other Arabic path", "taqrir", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", true},
		{"* group: disallow prefix", "someone", "/search?q=x", false},
		{"* group: longer allow", "someone", "/search/about", true},
		{"* group: $ anchors the end", "someone", "/files/a.pdf", false},
		{"* group: $ does not match more", "someone", "/files/a.pdf?x=1", true},
		{"* group: elsewhere allowed", "someone", "/news/1", true},
		{"grouped agents share rules", "otherbot", "/news/1", false},
		{"robots.txt always allowed", "badbot", "/robots.txt", true},
		{"empty path is /", "someone", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ParseRobots([]byte(txt), c.agent)
			if got := r.Allowed(c.path); got != c.allowed {
				t.Errorf("Allowed(%q) for %s = %v, want %v", c.path, c.agent, got, c.allowed)
			}
		})
	}
	if d := ParseRobots([]byte(txt), "taqrir").CrawlDelay(); d != 500*time.Millisecond {
		t.Errorf("taqrir crawl delay = %v, want 500ms", d)
	}
	if d := ParseRobots([]byte(txt), "x").CrawlDelay(); d != 2*time.Second {
		t.Errorf("* crawl delay = %v, want 2s", d)
	}
	if !ParseRobots(nil, "taqrir").Allowed("/anything") {
		t.Error("an empty robots.txt must allow everything")
	}
	if DisallowAll().Allowed("/news") {
		t.Error("DisallowAll allowed a page")
	}
	if !ParseRobots([]byte("User-agent: *\nDisallow:\n"), "taqrir").Allowed("/x") {
		t.Error(`"Disallow:" with no path must allow everything`)
	}
}

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/a", "/a/b", true},
		{"/a", "/b", false},
		{"/*/b", "/x/y/b/z", true},
		{"/*.php$", "/x.php", true},
		{"/*.php$", "/x.php5", false},
		{"*", "/", true},
		{"/a*b*c$", "/aXbYbZc", true},
		{"/a*b*c$", "/aXbYbZ", false},
		{"/exact$", "/exact", true},
		{"/exact$", "/exactly", false},
	}
	for _, c := range cases {
		if got := match(c.pattern, c.path); got != c.want {
			t.Errorf("match(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\nAllow: /a\nCrawl-delay: 3"), "/a/b")
	f.Add([]byte("user-agent: taqrir\n\x00disallow:/أ*\n"), "/%D8%A3")
	f.Add([]byte("Disallow: /\nUser-agent:\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, "taqrir")
		_ = r.Allowed(path)
		if r.CrawlDelay() < 0 || r.CrawlDelay() > 24*time.Hour {
			t.Fatalf("crawl delay %v", r.CrawlDelay())
		}
		if !r.Allowed("/robots.txt") {
			t.Fatal("robots.txt disallowed")
		}
		for _, ru := range r.rules {
			if !utf8.ValidString(ru.pattern) {
				t.Fatalf("pattern %q not normalised to ASCII", ru.pattern)
			}
		}
	})
}

// rfcCases is a conformance table for RFC 9309 (and Google's documented
// reading of it where the RFC leaves room): the same cases were run against
// temoto/robotstxt to choose between it and our parser (see robots.go).
type robotsCase struct {
	name, txt, agent, path string
	allowed                bool
}

var rfcCases = []robotsCase{
	{"longest match wins (allow longer)", "User-agent: *\nDisallow: /a\nAllow: /a/b\n", "taqrir", "/a/b/c", true},
	{"longest match wins (disallow longer)", "User-agent: *\nAllow: /a\nDisallow: /a/b\n", "taqrir", "/a/b/c", false},
	{"equal length: allow wins", "User-agent: *\nDisallow: /a\nAllow: /a\n", "taqrir", "/a", true},
	{"agent match is case-insensitive", "User-agent: TAQRIR\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "taqrir", "/x", false},
	{"our group replaces *", "User-agent: *\nDisallow: /\n\nUser-agent: taqrir\nDisallow: /private\n", "taqrir", "/news", true},
	{"two groups for us are merged", "User-agent: taqrir\nDisallow: /a\n\nUser-agent: taqrir\nDisallow: /b\n", "taqrir", "/b/1", false},
	{"empty disallow allows", "User-agent: *\nDisallow:\n", "taqrir", "/x", true},
	{"rules before any user-agent ignored", "Disallow: /\nUser-agent: *\nAllow: /\n", "taqrir", "/x", true},
	{"wildcard in middle", "User-agent: *\nDisallow: /*/private\n", "taqrir", "/a/b/private/c", false},
	{"$ anchors", "User-agent: *\nDisallow: /*.pdf$\n", "taqrir", "/a.pdf?x", true},
	{"$ anchors match", "User-agent: *\nDisallow: /*.pdf$\n", "taqrir", "/a.pdf", false},
	{"CRLF lines", "User-agent: *\r\nDisallow: /x\r\n", "taqrir", "/x/1", false},
	{"BOM at start", "\ufeffUser-agent: *\nDisallow: /x\n", "taqrir", "/x/1", false},
	{"comment after rule", "User-agent: * # all\nDisallow: /x # secret\n", "taqrir", "/x/1", false},
	{"raw UTF-8 pattern vs escaped path", "User-agent: *\nDisallow: /أخبار\n", "taqrir", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", false},
	{"escaped pattern, lower-case hex in path", "User-agent: *\nDisallow: /%D8%A3\n", "taqrir", "/%d8%a3/1", false},
	{"robots.txt itself allowed", "User-agent: *\nDisallow: /\n", "taqrir", "/robots.txt", true},
	{"group of several agents", "User-agent: a\nUser-agent: taqrir\nDisallow: /x\n", "taqrir", "/x", false},
	{"other agent's group does not apply", "User-agent: googlebot\nDisallow: /\n", "taqrir", "/x", true},
	{"agent with version in file", "User-agent: taqrir/1.0\nDisallow: /x\n", "taqrir", "/x", false},
	{"garbage lines ignored", "User-agent: *\nfoo bar baz\n<html>\nDisallow: /x\n", "taqrir", "/x", false},
	{"query string part of path", "User-agent: *\nDisallow: /search?q=\n", "taqrir", "/search?q=a", false},
	{"star group ignored when ours exists even if ours empty", "User-agent: *\nDisallow: /\n\nUser-agent: taqrir\nAllow: /\n", "taqrir", "/x", true},
}

// TestRobotsRFC runs the conformance table.
func TestRobotsRFC(t *testing.T) {
	for _, c := range rfcCases {
		t.Run(c.name, func(t *testing.T) {
			if got := ParseRobots([]byte(c.txt), c.agent).Allowed(c.path); got != c.allowed {
				t.Errorf("%q for %s: allowed = %v, want %v\nrobots.txt:\n%s", c.path, c.agent, got, c.allowed, c.txt)
			}
		})
	}
}
