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
