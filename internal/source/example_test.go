package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/source"
)

func ExampleCheckPage() {
	for _, page := range []string{
		"<html><title>خبر</title><p>نص</p></html>",
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"%PDF-1.7\n",
		"   ",
	} {
		fmt.Println(source.CheckPage([]byte(page)))
	}
	// Output:
	// <nil>
	// binary file (looks like image/png), not an HTML page
	// binary file (looks like application/pdf), not an HTML page
	// empty file
}

func ExampleOptions_Walk() {
	opt := source.Options{
		Stdin:        strings.NewReader("<html><title>خبر</title><body><p>نص الخبر</p></body></html>"),
		StdinFormat:  source.FormatHTML,
		MaxItemBytes: 1 << 20,
	}
	err := opt.Walk(context.Background(), []string{"-", "missing.warc.gz"}, func(it source.Item) error {
		if it.Err != nil {
			fmt.Printf("%s: %v\n", it.Origin, it.Err)
			return nil
		}
		fmt.Printf("%s: %s, %d bytes\n", it.Origin, it.Format, len(it.Data))
		return nil
	})
	fmt.Println(err)
	// Output:
	// -: html, 69 bytes
	// missing.warc.gz: cannot read: no such file or directory
	// <nil>
}

func ExampleReadPage() {
	_, err := source.ReadPage(strings.NewReader(strings.Repeat("x", 5000)), 4096)
	fmt.Println(err)
	// Output: source: page too large: page is 5000 bytes, over the limit of 4096 (--max-page-bytes)
}
