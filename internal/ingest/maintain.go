package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/taqrir/taqrir/internal/facts"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

const syncBatch = 512

// Sync applies to the index every stored change it has not seen (those with
// a Seq above the index's); SyncCount also says how many. After a crash
// between a store commit and the index batch this restores consistency.
func Sync(ctx context.Context, st store.Store, ix *index.Index) error {
	_, err := SyncCount(ctx, st, ix)
	return err
}

// SyncCount is Sync that also reports the number of articles applied.
func SyncCount(ctx context.Context, st store.Store, ix *index.Index) (int, error) {
	from, err := ix.Seq()
	if err != nil {
		return 0, fmt.Errorf("ingest: sync: %w", err)
	}
	top, err := st.MaxSeq(ctx)
	if err != nil {
		return 0, fmt.Errorf("ingest: sync: %w", err)
	}
	if top <= from {
		return 0, nil
	}
	n := 0
	var entries []index.Entry
	err = st.Scan(ctx, from, func(seq int64, a news.Article) error {
		entries = append(entries, index.Entry{Seq: seq, Article: a})
		if len(entries) >= syncBatch {
			n += len(entries)
			err := ix.Apply(entries)
			entries = entries[:0]
			return err
		}
		return nil
	})
	if err == nil {
		n += len(entries)
		err = ix.Apply(entries)
	}
	if err != nil {
		return n, fmt.Errorf("ingest: sync: %w", err)
	}
	return n, nil
}

// Reindex rebuilds the index at path from the store and returns the number
// of articles indexed. The old index is removed first: the store is the
// truth.
func Reindex(ctx context.Context, st store.Store, path string) (*index.Index, int, error) {
	// Build aside, then swap: a reindex that is interrupted (Ctrl-C, a
	// kill, a full disk) leaves the index it was replacing as it was, never
	// half an index.
	aside, old := path+".new", path+".old"
	if err := errors.Join(index.Remove(aside), index.Remove(old)); err != nil {
		return nil, 0, fmt.Errorf("ingest: reindex: %w", err)
	}
	ix, err := index.Open(aside)
	if err != nil {
		return nil, 0, err
	}
	n, err := SyncCount(ctx, st, ix)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		index.Remove(aside)
		return nil, n, err
	}
	if _, serr := os.Stat(path); serr == nil {
		if err := os.Rename(path, old); err != nil {
			return nil, n, fmt.Errorf("ingest: reindex: %w", err)
		}
	}
	if err := os.Rename(aside, path); err != nil {
		os.Rename(old, path) // put the old one back
		return nil, n, fmt.Errorf("ingest: reindex: %w", err)
	}
	index.Remove(old)
	ix, err = index.Open(path)
	if err != nil {
		return nil, n, err
	}
	return ix, n, nil
}

// ReprocessSummary counts a reprocess pass.
type ReprocessSummary struct {
	Articles int       `json:"articles"`
	Changed  int       `json:"changed"`
	Failed   int       `json:"failed"`
	Failures []Failure `json:"failures"`
}

// Reprocess re-extracts every article from its kept raw item with the
// current pipeline, updates those whose result changed (ids are kept) and
// brings the index up to date.
func Reprocess(ctx context.Context, st store.Store, ix *index.Index) (ReprocessSummary, error) {
	sum := ReprocessSummary{Failures: []Failure{}}
	type ref struct{ id, raw, origin string }
	var refs []ref
	err := st.Scan(ctx, 0, func(_ int64, a news.Article) error {
		refs = append(refs, ref{a.ID, a.RawSHA256, a.Origin})
		return nil
	})
	if err != nil {
		return sum, err
	}
	var recs []store.Record
	flush := func() error {
		n, err := st.Update(ctx, recs)
		sum.Changed += n
		recs = recs[:0]
		return err
	}
	for _, r := range refs {
		sum.Articles++
		cur, err := st.Article(ctx, r.id)
		if err != nil {
			return sum, err
		}
		raw, err := st.Raw(ctx, r.raw)
		if err != nil {
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{Origin: r.origin, Reason: err.Error()})
			continue
		}
		res, err := extract.ItemMeta(source.Format(raw.Format), raw.Data, extract.PageMeta{URL: raw.URL, ContentType: raw.ContentType})
		if err != nil {
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{Origin: r.origin, Reason: err.Error()})
			continue
		}
		a := res.Article
		// Ids, the raw item and the copy link are kept: a copy stays a
		// copy of its original even when the pages now extract to texts
		// that differ (the link says where the text came from).
		a.ID, a.RawSHA256, a.IngestedAt, a.Origin, a.CopyOf = cur.ID, cur.RawSHA256, cur.IngestedAt, cur.Origin, cur.CopyOf
		facts.ExtractArticle(&a)
		recs = append(recs, store.Record{Article: a, ContentHash: res.ContentHash})
		if len(recs) >= syncBatch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	return sum, Sync(ctx, st, ix)
}
