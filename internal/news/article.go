package news

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Article is one news article as taqrir stores it. Published is the zero
// time when the publication date is unknown.
type Article struct {
	ID           string    `json:"id"`
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Source       string    `json:"source,omitempty"`
	Title        string    `json:"title"`
	Byline       string    `json:"byline,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Language     string    `json:"language,omitempty"`
	Paragraphs   []string  `json:"paragraphs"`
	Captions     []string  `json:"captions,omitempty"`
	Credits      []string  `json:"credits,omitempty"` // agency credits such as "فرانس برس"
	IngestedAt   time.Time `json:"ingested_at"`
	RawSHA256    string    `json:"raw_sha256"`
	// Origin says where the raw item came from, e.g. "dir/file.jsonl:12".
	Origin string `json:"origin,omitempty"`
	// CopyOf is the id of the article whose text this one repeats, when
	// another outlet (another source) printed the same title and body
	// first: a syndicated or re-published copy, kept as an article of its
	// own so its outlet counts. It always names an original (an article
	// that is no copy). The store sets it; empty for an original.
	CopyOf string `json:"copy_of,omitempty"`
	// Facts are filled by the facts stage; their keys are top-level in JSON.
	Facts
}

// Body joins the paragraphs with blank lines.
func (a *Article) Body() string { return strings.Join(a.Paragraphs, "\n\n") }

// HasPublished reports whether the publication date is known.
func (a *Article) HasPublished() bool { return !a.Published.IsZero() }

// ComputeID returns the stable article id: derived from the canonical URL
// when there is one (so a re-scrape of the same page keeps its id), else
// from the normalised title and body (so the same text keeps its id
// whatever file it came in).
func ComputeID(canonicalURL, title, body string) string {
	h := sha256.New()
	if u := CanonicalizeURL(canonicalURL); u != "" {
		h.Write([]byte("url\x00"))
		h.Write([]byte(u))
	} else {
		h.Write([]byte("text\x00"))
		h.Write([]byte(strings.Join(strings.Fields(title), " ")))
		h.Write([]byte{0})
		h.Write([]byte(strings.Join(strings.Fields(body), " ")))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// CopyID returns the id of a copy that has no URL: derived from its
// source and its whitespace-folded title and body, so the same text from
// a second outlet gets an id of its own, stable across re-ingests. A copy
// with a canonical URL takes ComputeID's URL id like any article.
func CopyID(source, title, body string) string {
	h := sha256.New()
	h.Write([]byte("copy\x00"))
	h.Write([]byte(strings.Join(strings.Fields(source), " ")))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(title), " ")))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(body), " ")))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// RawSHA256 returns the hex SHA-256 of raw input bytes, the key under which
// the raw item is kept.
func RawSHA256(raw []byte) string {
	s := sha256.Sum256(raw)
	return hex.EncodeToString(s[:])
}

// DateOnly reports whether a publication time carries a date alone: a
// source that gave "2025-03-14" is read as midnight UTC, and the store
// keeps only the time, so midnight UTC to the second is taken as "no time
// of day given" (a real article stamped exactly 00:00:00Z loses nothing by
// being shown as its date).
func DateOnly(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	_, offset := t.Zone()
	h, m, s := t.Clock()
	return offset == 0 && h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

// FormatPublished writes a publication time for a reader: the date alone
// when no time of day was given (see DateOnly), else the date, the time
// and the zone offset the source gave.
func FormatPublished(t time.Time) string {
	if DateOnly(t) {
		return t.Format(time.DateOnly)
	}
	return t.Format("2006-01-02 15:04 -0700")
}
