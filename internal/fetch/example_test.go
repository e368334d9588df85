package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"time"

	"github.com/taqrir/taqrir/internal/fetch"
)

func ExampleClassify() {
	for _, ip := range []string{"93.184.216.34", "127.0.0.1", "10.0.0.7", "169.254.169.254", "::ffff:192.168.1.1"} {
		class := fetch.Classify(netip.MustParseAddr(ip))
		if class == "" {
			class = "public: fetched"
		}
		fmt.Printf("%s: %s\n", ip, class)
	}
	// Output:
	// 93.184.216.34: public: fetched
	// 127.0.0.1: loopback
	// 10.0.0.7: private
	// 169.254.169.254: cloud metadata
	// ::ffff:192.168.1.1: private
}

func ExampleParseRobots() {
	r := fetch.ParseRobots([]byte("User-agent: *\nDisallow: /search\nAllow: /search/help\nCrawl-delay: 2\n"), "taqrir")
	fmt.Println(r.Allowed("/news/1"), r.Allowed("/search?q=x"), r.Allowed("/search/help"), r.CrawlDelay())
	// Output: true false true 2s
}

func ExampleFetcher_Get() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /drafts/\n")
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<title>خبر</title><p>نص الخبر</p>")
	}))
	defer srv.Close()
	ctx := context.Background()

	// The test server is on loopback: refused unless AllowPrivate.
	_, err := fetch.New(fetch.Options{}).Get(ctx, srv.URL+"/news/1")
	fmt.Println(errors.Is(err, fetch.ErrBlocked))

	f := fetch.New(fetch.Options{AllowPrivate: true, Interval: time.Millisecond})
	page, err := f.Get(ctx, srv.URL+"/news/1")
	fmt.Println(page.Status, page.ContentType, len(page.Body), err)
	_, err = f.Get(ctx, srv.URL+"/drafts/2")
	fmt.Println(errors.Is(err, fetch.ErrDisallowed))
	// Output:
	// true
	// 200 text/html; charset=utf-8 43 <nil>
	// true
}
