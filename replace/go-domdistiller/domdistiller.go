// Package distiller stands in for go-domdistiller in taqrir's builds: it
// has the one function go-trafilatura v1.12.2 calls, Apply, and that
// function distils nothing. See README.md for why and what it changes.
package distiller

import (
	"errors"
	"net/url"

	"golang.org/x/net/html"
)

// ErrDisabled is what Apply answers: taqrir links no DOM distiller.
var ErrDisabled = errors.New("go-domdistiller stand-in: no distiller is linked in taqrir")

// Options has the fields go-trafilatura sets.
type Options struct {
	OriginalURL    *url.URL
	SkipPagination bool
}

// Result has the field go-trafilatura reads.
type Result struct {
	Node *html.Node
}

// Apply distils nothing: it answers no result and ErrDisabled, which
// go-trafilatura takes as a candidate that is not there.
func Apply(doc *html.Node, opts *Options) (*Result, error) {
	return nil, ErrDisabled
}
