package extract

import "errors"

// PageMeta is what is known of a page besides its bytes.
type PageMeta struct {
	URL         string // where the page was fetched from (or a WARC record's target URI)
	ContentType string // the HTTP Content-Type header, when known (it may name the charset)
}

// HTML extracts the article of an HTML page.
//
// Placeholder until the HTML extractor lands (issue 4).
func HTML(data []byte, meta PageMeta) (Result, error) {
	return Result{}, errors.New("HTML extraction is not built yet")
}
