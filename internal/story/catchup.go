package story

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/news"
)

// Scanner gives articles in the order of their change sequence number,
// from after afterSeq: store.Store is one. CatchUp only reads through it.
type Scanner interface {
	Scan(ctx context.Context, afterSeq int64, fn func(seq int64, a news.Article) error) error
}

// CatchUpResult says what CatchUp did.
type CatchUpResult struct {
	From, Seq int64 // the watermark loaded (0 on a rebuild) and the one saved
	Added     int   // articles new to the stories
	Updated   int   // articles already in a story whose content changed (see Update)
	Merged    int   // stories absorbed by an older one in the Merge pass
	Stories   int   // stories after the catch-up
	// Rebuilt is the reason the saved state could not be used (wrapping
	// ErrNoState, ErrStale or ErrCorrupt), nil when it was.
	Rebuilt error
	// SaveErr is why the new state could not be saved, nil when it was.
	// The returned Clusterer is still right; the next CatchUp redoes the
	// work.
	SaveErr error
}

// CatchUp loads the stories saved at path (or starts afresh when they
// cannot be used), adds every article src has changed since their
// watermark in sequence order (arrival order: Add for a new article,
// Update for one already placed), runs a Merge pass when anything was
// added, and saves the result with the new watermark. A state of another
// version, a damaged or a missing file costs a rebuild from seq 0, never
// an error; the error is src's or ctx's.
func CatchUp(ctx context.Context, src Scanner, path string, opt Options) (*Clusterer, CatchUpResult, error) {
	var res CatchUpResult
	c, seq, err := Open(path, opt)
	if err != nil {
		if !errors.Is(err, ErrNoState) && !errors.Is(err, ErrStale) && !errors.Is(err, ErrCorrupt) {
			err = fmt.Errorf("%w: %w", ErrCorrupt, err) // unreadable: rebuild all the same
		}
		res.Rebuilt = err
		if c, err = New(opt); err != nil {
			return nil, res, err
		}
		seq = 0
	}
	res.From, res.Seq = seq, seq
	err = src.Scan(ctx, seq, func(s int64, a news.Article) error {
		if _, ok := c.Update(&a); ok {
			res.Updated++
		} else {
			c.Add(&a)
			res.Added++
		}
		res.Seq = max(res.Seq, s)
		return ctx.Err()
	})
	if err != nil {
		return nil, res, fmt.Errorf("story: catch up with the store after seq %d: %w", seq, err)
	}
	if res.Added > 0 {
		before := c.count()
		c.Merge()
		res.Merged = before - c.count()
	}
	res.Stories = c.count()
	if res.Added+res.Updated > 0 || res.Rebuilt != nil {
		res.SaveErr = c.Save(path, res.Seq)
	}
	return c, res, nil
}

func (c *Clusterer) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories)
}
