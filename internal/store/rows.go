package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
)

// The rows of a store as both drivers keep them, column for column, for
// moving a store from one driver to the other (taqrir migrate) without
// reading an article back into a news.Article and writing it again: the
// bytes move as they are, seq and copy_of included.

// RawRow is a row of raw_items.
type RawRow struct {
	SHA256, Format, Origin string
	Size                   int64
	Data                   []byte // deflated, as stored
	ReceivedAt             string
	URL, ContentType       string
}

// ArticleRow is a row of articles.
type ArticleRow struct {
	ID                            string
	Seq                           int64
	URL, CanonicalURL, Source     string
	Title, Byline                 string
	Published                     *string // nil: NULL (unknown)
	Language                      string
	Paragraphs, Captions, Credits string // JSON lists
	Origin, IngestedAt            string
	RawSHA256, ContentHash        string
	Facts                         []byte // the binary form, deflated (or JSON, deflated or plain, as written before)
	CopyOf                        string
}

// Rows reads a store's rows as stored: raw items in sha256 order,
// articles in seq order. Both drivers implement it.
type Rows interface {
	RawRows(ctx context.Context, fn func(*RawRow) error) error
	ArticleRows(ctx context.Context, fn func(*ArticleRow) error) error
}

// Checksum is a table's row count and the SHA-256 of its rows in order,
// each in a canonical form (every column length-prefixed, NULL told from
// empty): computed the same way over either driver, equal when the rows
// are.
type Checksum struct {
	Count  int64  `json:"count"`
	SHA256 string `json:"sha256"`
}

// RowHash accumulates a Checksum.
type RowHash struct {
	h hash.Hash
	n int64
}

// NewRowHash starts a checksum.
func NewRowHash() *RowHash { return &RowHash{h: sha256.New()} }

func (r *RowHash) field(b []byte) {
	var l [8]byte
	binary.BigEndian.PutUint64(l[:], uint64(len(b)))
	r.h.Write(l[:])
	r.h.Write(b)
}

func (r *RowHash) str(s string) { r.field([]byte(s)) }

func (r *RowHash) num(n int64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	r.field(b[:])
}

// AddRaw adds a raw item row.
func (r *RowHash) AddRaw(x *RawRow) {
	r.n++
	r.str(x.SHA256)
	r.str(x.Format)
	r.str(x.Origin)
	r.num(x.Size)
	r.field(x.Data)
	r.str(x.ReceivedAt)
	r.str(x.URL)
	r.str(x.ContentType)
}

// AddArticle adds an article row.
func (r *RowHash) AddArticle(a *ArticleRow) {
	r.n++
	r.str(a.ID)
	r.num(a.Seq)
	for _, s := range []string{a.URL, a.CanonicalURL, a.Source, a.Title, a.Byline} {
		r.str(s)
	}
	if a.Published == nil {
		r.h.Write([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}) // NULL: no length a value can have
	} else {
		r.str(*a.Published)
	}
	for _, s := range []string{a.Language, a.Paragraphs, a.Captions, a.Credits, a.Origin, a.IngestedAt, a.RawSHA256, a.ContentHash} {
		r.str(s)
	}
	r.field(a.Facts)
	r.str(a.CopyOf)
}

// Sum is the checksum so far.
func (r *RowHash) Sum() Checksum {
	return Checksum{Count: r.n, SHA256: hex.EncodeToString(r.h.Sum(nil))}
}

// SumRows computes the checksums of a store's two tables.
func SumRows(ctx context.Context, src Rows) (raw, articles Checksum, err error) {
	rh, ah := NewRowHash(), NewRowHash()
	if err := src.RawRows(ctx, func(x *RawRow) error { rh.AddRaw(x); return nil }); err != nil {
		return raw, articles, err
	}
	if err := src.ArticleRows(ctx, func(a *ArticleRow) error { ah.AddArticle(a); return nil }); err != nil {
		return raw, articles, err
	}
	return rh.Sum(), ah.Sum(), nil
}

// DocChecksum is the checksum of a state document: its length as the
// count and the SHA-256 of its bytes.
func DocChecksum(b []byte) Checksum {
	s := sha256.Sum256(b)
	return Checksum{Count: int64(len(b)), SHA256: hex.EncodeToString(s[:])}
}
