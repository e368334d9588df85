package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/story"
)

// StoryFilter selects the articles of the stories listed.
type StoryFilter struct {
	Since, Until time.Time // zero: open; Until is exclusive (ParseBound moved it past the day)
	Source       string    // as typed; "" for every source
}

func (f StoryFilter) keep() func(story.Ref) bool {
	source := index.SourceKey(f.Source)
	return func(r story.Ref) bool {
		if source != "" && index.SourceKey(r.Source) != source {
			return false
		}
		if f.Since.IsZero() && f.Until.IsZero() {
			return true
		}
		if r.Published.IsZero() {
			return false // a date range cannot vouch for an undated article
		}
		return (f.Since.IsZero() || !r.Published.Before(f.Since)) && (f.Until.IsZero() || r.Published.Before(f.Until))
	}
}

// CatchUpStories brings the persisted stories up to the store: only the
// articles stored since the last catch-up are clustered. A state that
// cannot be used is rebuilt from the whole store and a state that cannot
// be saved is redone next time; both are notes, neither an error.
func (d *Data) CatchUpStories(ctx context.Context) (*story.Clusterer, error) {
	d.storyMu.Lock()
	defer d.storyMu.Unlock()
	c, res, err := story.CatchUpIn(ctx, d.Store, d.state, StoriesFile, story.DefaultOptions())
	if err != nil {
		return nil, err
	}
	// A first run has no state to rebuild: nothing to say.
	if res.Rebuilt != nil && !errors.Is(res.Rebuilt, story.ErrNoState) {
		d.Note("taqrir: stories rebuilt from the store (%d articles, %d stories): %v\n", res.Added+res.Updated, res.Stories, res.Rebuilt)
	}
	if res.SaveErr != nil {
		d.Note("taqrir: stories not saved (the next run redoes them): %v\n", res.SaveErr)
	}
	return c, nil
}

// CatchUpIfBehind is CatchUpStories after an ingest, when the store holds
// changes the stories have not seen (reading the state's header is enough
// to tell). Its errors are notes: the articles are stored, and the next
// listing of stories catches up.
func (d *Data) CatchUpIfBehind(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	top, err := d.Store.MaxSeq(ctx)
	if err == nil {
		if w, werr := d.StoriesWatermark(ctx); werr == nil && w == top {
			return
		}
		_, err = d.CatchUpStories(ctx)
	}
	if err != nil && ctx.Err() == nil {
		d.Note("taqrir: stories not brought up to date (taqrir stories will): %v\n", err)
	}
}

// listing returns the listing of the stories caught up with the store:
// the last one when the store has not changed since (a server lists
// stories often), else the saved one when it is up to date, read without
// the state (on 10k articles, 108 MB peak for `taqrir stories` instead of
// 272), else the listing of CatchUpStories's.
func (d *Data) listing(ctx context.Context) (*story.Listing, error) {
	top, topErr := d.Store.MaxSeq(ctx)
	if topErr == nil {
		d.listedMu.Lock()
		l, seq := d.listed, d.listedSeq
		d.listedMu.Unlock()
		if l != nil && seq == top {
			return l, nil
		}
		if l, seq, err := story.ListingIn(ctx, d.state, StoriesFile, story.DefaultOptions()); err == nil && seq == top {
			d.remember(l, seq)
			return l, nil
		}
	}
	c, err := d.CatchUpStories(ctx)
	if err != nil {
		return nil, err
	}
	l := c.Listing()
	// The catch-up went to top, or past it when articles came meanwhile:
	// only a listing known to be at top is kept.
	if w, err := d.StoriesWatermark(ctx); topErr == nil && err == nil && w == top {
		d.remember(l, top)
	}
	return l, nil
}

// remember keeps l, the listing at the store's seq, for the next listing.
func (d *Data) remember(l *story.Listing, seq int64) {
	d.listedMu.Lock()
	d.listed, d.listedSeq = l, seq
	d.listedMu.Unlock()
}

// Stories catches the stories up with the store and lists those with
// articles the filter keeps, most recently active first, with the number
// of such articles.
func (d *Data) Stories(ctx context.Context, f StoryFilter) ([]story.Story, int, error) {
	l, err := d.listing(ctx)
	if err != nil {
		return nil, 0, err
	}
	stories := l.Select(f.keep())
	n := 0
	for i, s := range stories {
		n += s.Size
		if stories[i].Articles == nil {
			stories[i].Articles = []story.Ref{}
		}
	}
	return stories, n, nil
}

// ErrNoStory is wrapped by the error for an id that names no story.
var ErrNoStory = errors.New("app: no such story")

// Story returns one story by its id or the id of any of its articles (a
// unique prefix will do); errors as FindStory's for the command "story".
func (d *Data) Story(ctx context.Context, id string) (story.Story, error) {
	return d.FindStory(ctx, "story", id)
}

// FindStory returns the story of the article arg names (a story's id is
// its first article's). Errors name the command and what was typed; an id
// that names no story wraps ErrNoStory, a malformed one store.ErrBadID.
func (d *Data) FindStory(ctx context.Context, command, arg string) (story.Story, error) {
	id, err := d.Store.ResolveID(ctx, arg)
	var bad *store.IDPrefixError
	switch {
	case errors.As(err, &bad):
		return story.Story{}, &idError{fmt.Sprintf("%s: no story with id %q: %s; story ids are printed by taqrir stories", command, arg, bad.Problem), err}
	case errors.Is(err, store.ErrNotFound):
		return story.Story{}, &idError{fmt.Sprintf("%s: no story with id %q (story ids are printed by taqrir stories)", command, arg), ErrNoStory}
	case err != nil:
		return story.Story{}, fmt.Errorf("%s: %w", command, err)
	}
	l, err := d.listing(ctx)
	if err != nil {
		return story.Story{}, err
	}
	s, ok := l.StoryWith(id)
	if !ok {
		return story.Story{}, &idError{fmt.Sprintf("%s: article %s is in no story yet", command, id), ErrNoStory}
	}
	return s, nil
}
