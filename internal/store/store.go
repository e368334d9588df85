package store

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// ErrNotFound is returned when an article or raw item does not exist.
var ErrNotFound = errors.New("store: not found")

// Raw is one raw input item, kept so a better pipeline can re-process it.
// It is content-addressed by the SHA-256 of Data.
type Raw struct {
	SHA256 string
	Format string
	Origin string
	// URL and ContentType are what was known of a page besides its bytes
	// (where it was fetched from or a WARC record's target URI, and the
	// HTTP Content-Type, which may name the charset); extraction of HTML
	// depends on them, so reprocess must see them again. Empty for text.
	URL         string
	ContentType string
	Data        []byte // uncompressed
	// Packed is Compress(Data), when the caller has already computed it
	// (ingest does so on its workers, off the single writer); drivers
	// compute it otherwise.
	Packed     []byte
	ReceivedAt time.Time
}

// Record is what ingest hands the store: an extracted article and the raw
// item it came from.
type Record struct {
	Raw         Raw
	Article     news.Article
	ContentHash string
	// FactsPending marks a record whose facts were not extracted because
	// Holds said the store already has it: Put stores nothing of it and
	// fails with ErrFactsPending unless it is still unchanged.
	FactsPending bool
}

// Outcome says what Put did with a record.
type Outcome int

// The outcomes of Put.
const (
	New       Outcome = iota + 1 // a new article
	Unchanged                    // the same raw item, URL with the same content, or the same content from the same source was already stored
	Updated                      // the canonical URL was known with different content; the article was replaced, its id kept
	// Copy is a new article whose title and body another source's article
	// already has: it is stored under its own id (its canonical URL's, or
	// news.CopyID without one) with CopyOf naming that original.
	Copy
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Unchanged:
		return "unchanged"
	case Updated:
		return "updated"
	case Copy:
		return "copy"
	}
	return "unknown"
}

// PutResult is the fate of one record.
type PutResult struct {
	ID      string // the article's id in the store (an existing id for Unchanged and Updated)
	Outcome Outcome
	Seq     int64 // the article's change sequence number after Put
	// CopyOf is the original's id for a Copy (and for any article the
	// store holds as a copy), else empty.
	CopyOf string
}

// Stats counts articles per source and per month of publication.
type Stats struct {
	Articles int64
	Copies   int64 // of Articles, those that are copies of another source's text
	RawItems int64
	Groups   []StatGroup // sorted by source, then month
}

// StatGroup is one (source, month) cell; Month is "2025-03" or "unknown".
type StatGroup struct {
	Source string `json:"source"`
	Month  string `json:"month"`
	Count  int64  `json:"count"`
}

// Store is the storage interface every driver implements.
type Store interface {
	// Put stores a batch atomically: every record lands or none does.
	// Records are deduplicated against the store and within the batch.
	Put(ctx context.Context, recs []Record) ([]PutResult, error)
	// Update replaces articles by id (for reprocess), bumping their Seq
	// when their content changed. It reports how many changed.
	Update(ctx context.Context, recs []Record) (int, error)
	// Article returns one article by id.
	Article(ctx context.Context, id string) (news.Article, error)
	// Scan calls fn for every article whose Seq is greater than afterSeq, in
	// Seq order. fn must not call the store.
	Scan(ctx context.Context, afterSeq int64, fn func(seq int64, a news.Article) error) error
	// Holds reports whether Put would leave the store as it is for a
	// record (the same raw bytes, the same page with the same text, the
	// same text from the same source), reading only: ingest asks before
	// extracting facts it would throw away.
	Holds(ctx context.Context, r *Record) (bool, error)
	// Raw returns a raw item by its SHA-256.
	Raw(ctx context.Context, sha string) (Raw, error)
	// MaxSeq returns the highest Seq in the store (0 when empty).
	MaxSeq(ctx context.Context) (int64, error)
	// Stats counts articles per source and month.
	Stats(ctx context.Context) (Stats, error)
	// ResolveID returns the id of the one article whose id starts with
	// prefix: at least MinIDPrefix hex digits, any case (a whole id
	// resolves to itself). A malformed prefix is an error wrapping
	// ErrBadID, none matching ErrNotFound, several an *AmbiguousIDError.
	ResolveID(ctx context.Context, prefix string) (string, error)
	Close() error
}

// MinIDPrefix is the fewest hex digits an id prefix may have: reports
// print 8, and 6 keep a collision unlikely among a few thousand articles.
const MinIDPrefix = 6

// ErrBadID is wrapped by the error for an id prefix that is too short or
// not hex.
var ErrBadID = errors.New("store: not an article id")

// ErrAmbiguousID is what an *AmbiguousIDError matches with errors.Is.
var ErrAmbiguousID = errors.New("store: ambiguous id prefix")

// ArticleRef names an article well enough to tell it from others.
type ArticleRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
}

// MaxCandidates is how many articles an *AmbiguousIDError lists.
const MaxCandidates = 10

// AmbiguousIDError is ResolveID's error when several ids start with the
// prefix. Candidates holds at most MaxCandidates of them, in id order;
// More says there were others.
type AmbiguousIDError struct {
	Prefix     string
	Candidates []ArticleRef
	More       bool
}

func (e *AmbiguousIDError) Error() string {
	var b strings.Builder
	n := fmt.Sprint(len(e.Candidates))
	if e.More {
		n = "more than " + n
	}
	fmt.Fprintf(&b, "id %q is ambiguous: %s articles start with it; give more digits:", e.Prefix, n)
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s  %s · %s", c.ID, c.Title, c.Source)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrAmbiguousID) true.
func (e *AmbiguousIDError) Is(target error) bool { return target == ErrAmbiguousID }

// IDPrefixError says why a string is not an id or id prefix. It matches
// ErrBadID with errors.Is.
type IDPrefixError struct {
	Input   string // as given
	Problem string // what is wrong with it, for a person
}

func (e *IDPrefixError) Error() string {
	return fmt.Sprintf("store: %q is not an article id: %s", e.Input, e.Problem)
}

// Is makes errors.Is(err, ErrBadID) true.
func (e *IDPrefixError) Is(target error) bool { return target == ErrBadID }

// IDPrefix checks an id or id prefix as a user typed it and returns it
// folded to the lower case ids are stored in; else an *IDPrefixError.
// Drivers call it first in ResolveID, so every driver takes and refuses
// the same prefixes.
func IDPrefix(s string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(s))
	if p == "" {
		return "", &IDPrefixError{s, "it is empty"}
	}
	for _, r := range p {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return "", &IDPrefixError{s, fmt.Sprintf("%q is not a hex digit (0-9, a-f)", r)}
		}
	}
	if len(p) < MinIDPrefix {
		return "", &IDPrefixError{s, fmt.Sprintf("%d digits are too few to tell articles apart; give at least %d", len(p), MinIDPrefix)}
	}
	return p, nil
}

// flateWriters are reused: a new flate writer allocates ~600 KB.
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// Compress deflates raw data for storage; drivers share it so a raw item
// moves between drivers byte for byte.
func Compress(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(data)
	w.Close()
	flateWriters.Put(w)
	return buf.Bytes()
}

// PackedData returns the compressed form of r.Data.
func (r *Raw) PackedData() []byte {
	if r.Packed == nil {
		r.Packed = Compress(r.Data)
	}
	return r.Packed
}

// Decompress inflates what Compress produced. Readers are pooled: a new
// one allocates its 32 KB window and tables, which cost as much as the
// inflating itself on an article's facts.
func Decompress(data []byte) ([]byte, error) {
	src := bytes.NewReader(data)
	r, _ := flateReaders.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(src)
	} else if err := r.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, 3*len(data)+64))
	_, err := out.ReadFrom(r)
	if err != nil {
		return nil, err
	}
	flateReaders.Put(r)
	return out.Bytes(), nil
}

var flateReaders sync.Pool
