package feed_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/feed"
)

func ExampleParse() {
	entries, bad, err := feed.Parse([]byte(`<rss version="2.0"><channel><title>صدى الخليج</title>
<item><title>محادثات الدوحة</title><link>https://sada.example/a/1</link><guid>1</guid></item>
<item><title>بلا رابط</title><description>&lt;p&gt;نص الخبر.&lt;/p&gt;</description></item>
<item><title>فارغ</title></item>
</channel></rss>`))
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		fmt.Printf("%d %s | %s | %q | %s\n", e.N, e.Title, e.Link, feed.TextOf(e.Text), e.Key())
	}
	for _, b := range bad {
		fmt.Println(b.Err)
	}
	// Output:
	// 1 محادثات الدوحة | https://sada.example/a/1 | "" | guid:1
	// 2 بلا رابط |  | "نص الخبر." | hash:cf2573bb9df0c6dc41139daf
	// feed entry 3 ("فارغ") has neither a link nor any text
}

func ExampleTextOf() {
	fmt.Printf("%q\n", feed.TextOf(`<p>قال الوزير &laquo;نعم&raquo;</p><script>track()</script><p>وأضاف<br>أن الاتفاق قريب</p>`))
	// Output: "قال الوزير «نعم»\nوأضاف\nأن الاتفاق قريب"
}
