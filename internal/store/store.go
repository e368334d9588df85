package store

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
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
}

// Outcome says what Put did with a record.
type Outcome int

// The outcomes of Put.
const (
	New       Outcome = iota + 1 // a new article
	Unchanged                    // the same raw item, URL with the same content, or the same content was already stored
	Updated                      // the canonical URL was known with different content; the article was replaced, its id kept
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Unchanged:
		return "unchanged"
	case Updated:
		return "updated"
	}
	return "unknown"
}

// PutResult is the fate of one record.
type PutResult struct {
	ID      string // the article's id in the store (an existing id for Unchanged and Updated)
	Outcome Outcome
	Seq     int64 // the article's change sequence number after Put
}

// Stats counts articles per source and per month of publication.
type Stats struct {
	Articles int64
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
	// Raw returns a raw item by its SHA-256.
	Raw(ctx context.Context, sha string) (Raw, error)
	// MaxSeq returns the highest Seq in the store (0 when empty).
	MaxSeq(ctx context.Context) (int64, error)
	// Stats counts articles per source and month.
	Stats(ctx context.Context) (Stats, error)
	Close() error
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

// Decompress inflates what Compress produced.
func Decompress(data []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReader(bytes.NewReader(data)))
}
