package fetch_test

import (
	"fmt"
	"net/netip"

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
