package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/htmltext"
	"github.com/taqrir/taqrir/internal/source"
)

// Options say how to read feeds.
type Options struct {
	// Fetcher fetches feeds given by URL and every new entry's link. When
	// nil, entries are taken from the feed's own text only.
	Fetcher *fetch.Fetcher
	// Seen remembers the entries already taken; nil takes every entry.
	Seen *Seen
	// MaxBytes is the largest feed file read; default source.MaxItemSize.
	MaxBytes int64
}

// Stats count one reading of a feed.
type Stats struct {
	Entries int `json:"entries"` // entries in the feed (as far as it could be read)
	New     int `json:"new"`     // entries sent as items (fetched or from the feed's text)
	Seen    int `json:"seen"`    // entries skipped because an earlier run took them
	Failed  int `json:"failed"`  // entries sent as failed items
}

// Read reads one feed (an http(s) URL or a file) and sends an item for
// every entry not seen before: the page its link points to, fetched
// through the polite fetcher; or, when there is no link or it cannot be
// fetched, the entry's own title and text from the feed (as a .jsonl
// item). A malformed entry is one failed item; a feed that cannot be read
// at all is one failed item named after the feed. Read returns an error
// only when ctx is done or send returns one.
func Read(ctx context.Context, src string, opt Options, send func(source.Item) error) (Stats, error) {
	var st Stats
	data, base, notModified, err := load(ctx, src, opt)
	if err != nil {
		st.Failed++
		return st, send(source.Item{Origin: src, Err: err})
	}
	if notModified {
		return st, nil
	}
	entries, bad, ferr := Parse(data)
	if ferr != nil {
		st.Failed++
		return st, send(source.Item{Origin: src, Err: ferr})
	}
	st.Entries = len(entries) + len(bad)
	for _, b := range bad {
		st.Failed++
		if err := send(source.Item{Origin: fmt.Sprintf("%s#%d", src, b.N), Err: b.Err}); err != nil {
			return st, err
		}
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		key := e.Key()
		if opt.Seen.Has(src, key) {
			st.Seen++
			continue
		}
		it := entryItem(ctx, src, base, e, opt)
		if it.Err != nil {
			st.Failed++
		} else {
			st.New++
		}
		if err := send(it); err != nil {
			return st, err
		}
		if it.Err == nil {
			opt.Seen.Add(src, key, it.Origin)
		}
	}
	if st.Failed > 0 && IsURL(src) && opt.Fetcher != nil {
		// An entry to retry: read the feed whole next time, even if it
		// has not changed (a 304 would hide the entry).
		opt.Fetcher.Forget(src)
	}
	return st, nil
}

// load reads a feed's bytes and the URL its relative links resolve against.
func load(ctx context.Context, src string, opt Options) (data []byte, base *url.URL, notModified bool, err error) {
	if IsURL(src) {
		if opt.Fetcher == nil {
			return nil, nil, false, errors.New("feed: a URL needs a fetcher")
		}
		p, err := opt.Fetcher.Get(ctx, src)
		if err != nil {
			return nil, nil, false, err
		}
		base, _ = url.Parse(p.URL)
		return p.Body, base, p.NotModified, nil
	}
	f, err := os.Open(src)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, false, fmt.Errorf("cannot read: %w", err)
	}
	defer f.Close()
	max := opt.MaxBytes
	if max <= 0 {
		max = source.MaxItemSize
	}
	data, err = source.ReadPage(f, max)
	return data, nil, false, err
}

// IsURL reports whether s is an http(s) URL rather than a path.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Entry is one item of a feed, as far as taqrir uses it.
type Entry struct {
	N         int // position in the feed, from 1
	Feed      string
	Title     string
	Link      string
	GUID      string
	Text      string // the entry's content (or else its description), as HTML
	Byline    string
	Published time.Time
}

// Key identifies an entry across readings of its feed: its GUID, else its
// link, else a hash of its title and text.
func (e Entry) Key() string {
	switch {
	case e.GUID != "":
		return "guid:" + e.GUID
	case e.Link != "":
		return "link:" + e.Link
	}
	h := sha256.Sum256([]byte(e.Title + "\x00" + e.Text))
	return "hash:" + hex.EncodeToString(h[:12])
}

// BadEntry is an entry that could not be read.
type BadEntry struct {
	N   int
	Err error
}

// Parse reads an RSS or Atom feed. When the feed as a whole is not
// well-formed, each <item> or <entry> is read on its own, so one malformed
// entry costs only itself. An entry with neither a link nor any text is a
// BadEntry. err is set only when nothing of a feed could be read.
func Parse(data []byte) (entries []Entry, bad []BadEntry, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, errors.New("empty file")
	}
	p := gofeed.NewParser()
	f, perr := p.Parse(bytes.NewReader(data))
	chunks, wrap := splitEntries(data)
	// The parser is lenient: a broken entry can swallow the ones after it
	// without an error. Fewer entries than <item>/<entry> tags means that
	// happened, and each entry is read on its own instead.
	if perr == nil && len(f.Items) >= len(chunks) {
		for i, it := range f.Items {
			e, err := entryOf(i+1, f.Title, it)
			if err != nil {
				bad = append(bad, BadEntry{N: i + 1, Err: err})
				continue
			}
			entries = append(entries, e)
		}
		return entries, bad, nil
	}
	if len(chunks) == 0 {
		return nil, nil, fmt.Errorf("not an RSS or Atom feed: %v", perr)
	}
	title := feedTitle(data)
	for i, c := range chunks {
		f, err := p.Parse(strings.NewReader(wrap(c)))
		if err == nil && len(f.Items) != 1 {
			err = errors.New("no entry")
		}
		if err != nil {
			bad = append(bad, BadEntry{N: i + 1, Err: fmt.Errorf("malformed feed entry %d: %v", i+1, err)})
			continue
		}
		e, err := entryOf(i+1, title, f.Items[0])
		if err != nil {
			bad = append(bad, BadEntry{N: i + 1, Err: err})
			continue
		}
		entries = append(entries, e)
	}
	return entries, bad, nil
}

var (
	rssItem    = regexp.MustCompile(`(?s)<item[\s>].*?</item>`)
	atomEntry  = regexp.MustCompile(`(?s)<entry[\s>].*?</entry>`)
	titleTag   = regexp.MustCompile(`(?s)<title[^>]*>(.*?)</title>`)
	namespaces = ` xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"`
)

// splitEntries cuts a broken feed into its entries, each with a function
// that wraps it in a minimal feed of its kind.
func splitEntries(data []byte) ([]string, func(string) string) {
	s := string(data)
	if m := rssItem.FindAllString(s, -1); len(m) > 0 {
		return m, func(c string) string {
			return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"` + namespaces + `><channel><title>x</title>` + c + `</channel></rss>`
		}
	}
	if m := atomEntry.FindAllString(s, -1); len(m) > 0 {
		return m, func(c string) string {
			return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"` + namespaces + `><title>x</title>` + c + `</feed>`
		}
	}
	return nil, nil
}

// feedTitle is the first <title> before the first entry of a broken feed.
func feedTitle(data []byte) string {
	s := string(data)
	if i := strings.Index(s, "<item"); i >= 0 {
		s = s[:i]
	} else if i := strings.Index(s, "<entry"); i >= 0 {
		s = s[:i]
	}
	if m := titleTag.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(m[1]), "<![CDATA["), "]]>")))
	}
	return ""
}

func entryOf(n int, feedTitle string, it *gofeed.Item) (Entry, error) {
	e := Entry{N: n, Feed: strings.TrimSpace(feedTitle), Title: strings.TrimSpace(it.Title),
		Link: strings.TrimSpace(it.Link), GUID: strings.TrimSpace(it.GUID)}
	if e.Link == "" {
		for _, l := range it.Links {
			if l = strings.TrimSpace(l); l != "" {
				e.Link = l
				break
			}
		}
	}
	e.Text = it.Content
	if strings.TrimSpace(TextOf(e.Text)) == "" {
		e.Text = it.Description
	}
	if it.PublishedParsed != nil {
		e.Published = withZone(*it.PublishedParsed, it.Published)
	} else if it.UpdatedParsed != nil {
		e.Published = withZone(*it.UpdatedParsed, it.Updated)
	}
	var names []string
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			names = append(names, strings.TrimSpace(a.Name))
		}
	}
	e.Byline = strings.Join(names, "، ")
	if e.Link == "" && strings.TrimSpace(TextOf(e.Text)) == "" {
		what := "untitled"
		if e.Title != "" {
			what = fmt.Sprintf("%q", e.Title)
		}
		return e, fmt.Errorf("feed entry %d (%s) has neither a link nor any text", n, what)
	}
	return e, nil
}

// entryItem turns an entry into a raw item: its linked page when that can
// be fetched, else its own text.
func entryItem(ctx context.Context, src string, base *url.URL, e Entry, opt Options) source.Item {
	link := e.Link
	if link != "" && base != nil {
		if u, err := base.Parse(link); err == nil {
			link = u.String()
		}
	}
	var fetchErr error
	if link != "" && IsURL(link) && opt.Fetcher != nil {
		it := opt.Fetcher.Item(ctx, link)
		if it.Err == nil {
			return it
		}
		fetchErr = it.Err
	} else if link != "" && !IsURL(link) {
		fetchErr = fmt.Errorf("link %q is not an http(s) URL", link)
	}
	origin := link
	if origin == "" {
		origin = fmt.Sprintf("%s#%d", src, e.N)
	}
	text := TextOf(e.Text)
	if strings.TrimSpace(text) == "" {
		if fetchErr == nil {
			fetchErr = errors.New("no text in the feed entry")
		}
		return source.Item{Origin: origin, URL: link, Err: fmt.Errorf("%w (and the feed entry has no text of its own)", fetchErr)}
	}
	title := e.Title
	if title == "" {
		title, _, _ = strings.Cut(text, "\n")
	}
	obj := map[string]string{"url": link, "title": title, "text": text, "source": e.Feed, "byline": e.Byline}
	if !e.Published.IsZero() {
		obj["published"] = e.Published.Format(time.RFC3339)
	}
	b, _ := json.Marshal(obj)
	return source.Item{Origin: origin, Format: source.FormatJSONL, Data: b, URL: link}
}

// blockTags end a paragraph in TextOf.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "figcaption": true, "tr": true, "section": true, "article": true,
}

// TextOf turns a feed's HTML fragment into plain text, one paragraph a
// line (scripts and styles dropped).
func TextOf(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return collapse(fragment)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: htmlatom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return collapse(fragment)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return strings.Join(htmltext.Lines(body, textOptions), "\n")
}

// textOptions: the block tags end a paragraph.
var textOptions = htmltext.Options{Break: func(n *html.Node) bool { return blockTags[n.Data] }}

// collapse folds runs of spaces and drops blank lines.
func collapse(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// withZone gives t the UTC offset written in raw, when raw is in a common
// layout: the parser keeps the instant but not the offset, and the local
// date of a story is the one its readers saw.
func withZone(t time.Time, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	for _, l := range []string{time.RFC1123Z, time.RFC3339, "Mon, 2 Jan 2006 15:04:05 -0700", time.RFC1123} {
		if z, err := time.Parse(l, raw); err == nil && z.Equal(t) {
			return z
		}
	}
	return t
}
