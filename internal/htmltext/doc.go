// Package htmltext reads the text out of a parsed HTML tree: the one walker
// that feed (an entry's HTML fragment) and extract (titles, bylines, the
// main text's lines, captions, removed widgets) share. Callers say which
// elements break a line, which only add a space, and which are left out;
// scripts, styles, noscript and template elements below the root are
// always left out, and whitespace is folded.
//
// It must never decide what is content: which blocks are boilerplate is
// extract's business, not this package's. It does no I/O and never panics
// on any tree x/net/html builds.
package htmltext
