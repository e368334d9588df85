// Package feed reads RSS and Atom feeds (through gofeed) into raw items for
// ingest: each entry not taken before becomes the page its link points to,
// fetched through package fetch, or — when it has no link or the page
// cannot be fetched — the entry's own title and text. Which entries were
// taken is remembered per feed in the data directory, so polling a feed
// ingests only what is new. A malformed entry is one failed item; the rest
// of its feed still lands. It must never fetch anything except through
// package fetch, and never interprets a page beyond the feed's own fields.
package feed
