package story

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/parallel"
	"github.com/taqrir/taqrir/internal/statedoc"
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
	return CatchUpIn(ctx, src, statedoc.NewFiles(filepath.Dir(path)), filepath.Base(path), opt)
}

// CatchUpIn is CatchUp with the stories kept in the document name of st
// (a file of the data directory, or a row of the database in PostgreSQL
// mode). Two processes catching up at once each save a state right for
// the watermark it records; the later save wins, and the next CatchUp
// redoes what it lacks.
func CatchUpIn(ctx context.Context, src Scanner, st statedoc.Store, name string, opt Options) (*Clusterer, CatchUpResult, error) {
	var res CatchUpResult
	path := st.Where(name)
	c, seq, err := OpenIn(ctx, st, name, opt)
	if ms, ok := src.(interface {
		MaxSeq(context.Context) (int64, error)
	}); ok && err == nil {
		// A watermark past the store's last change: the store was replaced
		// (taqrir.db deleted, say) and the stories are another store's.
		if top, merr := ms.MaxSeq(ctx); merr == nil && seq > top {
			err = fmt.Errorf("%w: %s is at seq %d, the store only at %d", ErrStale, path, seq, top)
		}
	}
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
	// Articles are analysed in batches on all cores (prepare does not
	// depend on the stories), then placed one by one in seq order. The
	// store is read (rows decoded, bodies decompressed) on a goroutine of
	// its own, a batch ahead of the one being placed.
	var added []string
	place := func(batch []news.Article) {
		preps := make([]prepared, len(batch))
		_ = parallel.For(context.Background(), len(batch), parallel.Workers(len(batch), 8), func(_, i int) error {
			if _, known := c.StoryOf(batch[i].ID); !known {
				preps[i] = c.prepare(&batch[i], nil)
			}
			return nil
		})
		for i := range batch {
			if _, ok := c.Update(&batch[i]); ok {
				res.Updated++
				continue
			}
			c.add(&batch[i], preps[i])
			added = append(added, batch[i].ID)
			res.Added++
		}
	}
	scanCtx, stop := context.WithCancel(ctx)
	defer stop()
	batches := make(chan []news.Article, 1)
	scanned := make(chan error, 1)
	go func() {
		defer close(batches)
		var batch []news.Article
		top := seq
		send := func() error {
			select {
			case batches <- batch:
				batch = nil
				return nil
			case <-scanCtx.Done():
				return scanCtx.Err()
			}
		}
		err := src.Scan(scanCtx, seq, func(s int64, a news.Article) error {
			batch = append(batch, a)
			top = max(top, s)
			if len(batch) == catchUpBatch {
				return send()
			}
			return scanCtx.Err()
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		res.Seq = top // read once scanned is received
		scanned <- err
	}()
	for batch := range batches {
		if ctx.Err() == nil {
			place(batch)
		}
	}
	if err = <-scanned; err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, res, fmt.Errorf("story: catch up with the store after seq %d: %w", seq, err)
	}
	if res.Added > 0 {
		c.mu.Lock()
		before := len(c.stories)
		touched := map[int]bool{}
		for _, id := range added {
			touched[c.byArticle[id]] = true
		}
		c.merge(touched)
		res.Merged = before - len(c.stories)
		c.mu.Unlock()
	}
	res.Stories = c.count()
	if res.Added+res.Updated > 0 || res.Rebuilt != nil {
		res.SaveErr = c.SaveIn(ctx, st, name, res.Seq)
	} else if w, err := watermarkIn(ctx, st, ListingName(name), listingFormat, opt); err != nil || w != res.Seq {
		// The state is current and its listing is not (saved by a taqrir
		// before listings, or a save interrupted between the two).
		res.SaveErr = c.SaveListingIn(ctx, st, name, res.Seq)
	}
	return c, res, nil
}

// catchUpBatch is how many articles CatchUp analyses at once.
const catchUpBatch = 256

func (c *Clusterer) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.stories)
}
