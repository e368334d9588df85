package app

import (
	"context"
	"time"

	"github.com/taqrir/taqrir/internal/ingest"
)

// SyncIndex applies to this directory's index every article the store
// holds beyond it (ingest.Sync), between this Data's own ingests, and says
// how many it applied. With a shared store (Options.DB) that is how an
// article another process stored reaches this replica.
func (d *Data) SyncIndex(ctx context.Context) (int, error) {
	if d.Index == nil {
		return 0, nil
	}
	d.ingMu.Lock()
	defer d.ingMu.Unlock()
	return ingest.SyncCount(ctx, d.Store, d.Index)
}

// Follow keeps the index in step with the store until ctx is done: every
// `every` it compares the store's highest seq with the index's and applies
// what is new (SyncIndex; one query when nothing is). A server on a shared
// store (--db) runs it, so an article a worker or another server stored is
// found here within about `every`, without a restart. A failed round (the
// database restarting) is a note; the next round retries.
func (d *Data) Follow(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, err := d.SyncIndex(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			d.Note("taqrir: index not caught up with the store (retrying every %s): %v\n", every, err)
			failing = true
		case err == nil && failing:
			d.Note("taqrir: index caught up with the store again\n")
			failing = false
		}
	}
}

// Done records a round's outcome for a source (Last, LastResult), as the
// monitor does; a job queue's poll worker calls it.
func (s *Sources) Done(name string, at time.Time, result string) error {
	return s.done(name, at, result)
}
