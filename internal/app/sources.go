package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/statedoc"
)

// SourcesFile lists the feeds and pages `taqrir serve` monitors.
const SourcesFile = "sources.json"

// MinInterval is the shortest interval a monitored source may have.
const MinInterval = time.Minute

// Source is a monitored feed (RSS or Atom: every new entry's page) or
// page, read every Interval.
type Source struct {
	Name     string        `json:"name"`
	URL      string        `json:"url"`
	Feed     bool          `json:"feed"`
	Interval time.Duration `json:"interval_ns"`
	Added    time.Time     `json:"added"`
	// Last is when the monitor last read it, LastResult what came of it.
	Last       time.Time `json:"last,omitzero"`
	LastResult string    `json:"last_result,omitempty"`
}

type sourcesDoc struct {
	Sources []Source `json:"sources"`
}

// Sources holds a data directory's monitored sources. Like the tokens they
// live in a document of their own (a file, or with --db a row of the
// database), which `taqrir sources` changes while the server runs: the
// monitor reads it on every round.
type Sources struct{ f jsonFile[sourcesDoc] }

// OpenSources returns the monitored sources of the data directory dir (its
// file).
func OpenSources(dir string) *Sources { return NewSources(StateFiles(dir)) }

// NewSources returns the monitored sources kept in st.
func NewSources(st statedoc.Store) *Sources {
	return &Sources{f: jsonFile[sourcesDoc]{st: st, name: SourcesFile}}
}

// Add adds a source after checking its name, URL and interval.
func (s *Sources) Add(src Source, now time.Time) error {
	if err := CheckName("source", src.Name); err != nil {
		return err
	}
	if !feed.IsURL(src.URL) {
		return fmt.Errorf("source %s: %q is not an http(s) URL", src.Name, src.URL)
	}
	if src.Interval < MinInterval {
		return fmt.Errorf("source %s: interval %s: want at least %s", src.Name, src.Interval, MinInterval)
	}
	src.Added, src.Last, src.LastResult = now.UTC(), time.Time{}, ""
	return s.f.update(func(d *sourcesDoc) error {
		for _, x := range d.Sources {
			if x.Name == src.Name {
				return fmt.Errorf("%w: a source is named %q", ErrExists, src.Name)
			}
		}
		d.Sources = append(d.Sources, src)
		sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].Name < d.Sources[j].Name })
		return nil
	})
}

// List returns the sources by name.
func (s *Sources) List() ([]Source, error) {
	d, err := s.f.read()
	if d.Sources == nil {
		d.Sources = []Source{}
	}
	return d.Sources, err
}

// Remove deletes a source.
func (s *Sources) Remove(name string) error {
	return s.f.update(func(d *sourcesDoc) error {
		for i, x := range d.Sources {
			if x.Name == name {
				d.Sources = append(d.Sources[:i], d.Sources[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("%w: no source named %q (taqrir sources list shows them)", ErrUnknown, name)
	})
}

// done records a round's outcome for a source still listed.
func (s *Sources) done(name string, at time.Time, result string) error {
	return s.f.update(func(d *sourcesDoc) error {
		for i := range d.Sources {
			if d.Sources[i].Name == name {
				d.Sources[i].Last, d.Sources[i].LastResult = at.UTC(), result
			}
		}
		return nil
	})
}

// Fetching is what reading URLs and feeds into a data directory needs:
// the polite fetcher, the conditional-GET validators and the feeds'
// entries already taken, both kept in the data directory.
type Fetching struct {
	Fetcher    *fetch.Fetcher
	validators *fetch.Validators
	seen       *feed.Seen
	maxBytes   int64
}

// OpenFetching opens the validators and seen entries of the data directory
// (its state documents: Data.State) and makes a fetcher with opt (its
// Validators set here).
func (d *Data) OpenFetching(opt fetch.Options) (*Fetching, error) {
	ctx := context.Background()
	v, err := fetch.LoadValidators(ctx, d.state, fetch.ValidatorsFile)
	if err != nil {
		return nil, err
	}
	seen, err := feed.LoadSeen(ctx, d.state, feed.SeenFile)
	if err != nil {
		return nil, err
	}
	opt.Validators = v
	return &Fetching{Fetcher: fetch.New(opt), validators: v, seen: seen, maxBytes: opt.MaxBytes}, nil
}

// Items sends a fetched item for each page URL and the new entries of
// each feed. It first reads the validators and seen entries again, so what
// another server or worker sharing them (PostgreSQL mode) saved since is
// not fetched or taken twice.
func (f *Fetching) Items(urls, feeds []string) source.Func {
	return func(ctx context.Context, send func(source.Item) error) error {
		// Unreadable now: carry on with what was read before.
		_ = f.validators.Reload(ctx)
		_ = f.seen.Reload(ctx)
		for _, u := range urls {
			if err := send(f.Fetcher.Item(ctx, u)); err != nil {
				return err
			}
		}
		for _, fd := range feeds {
			if _, err := feed.Read(ctx, fd, feed.Options{Fetcher: f.Fetcher, Seen: f.seen, MaxBytes: f.maxBytes}, send); err != nil {
				return err
			}
		}
		return nil
	}
}

// Settle ends a round: a fetched page that did not make it into the store
// must be fetched whole next time, not answered with a 304, and its feed
// entry taken again; then the validators and seen entries are saved.
func (f *Fetching) Settle(sum ingest.Summary) error {
	if f == nil {
		return nil
	}
	for _, fl := range sum.Failures {
		f.validators.Forget(fl.Origin)
		if feedSrc, ok := f.seen.ForgetOrigin(fl.Origin); ok {
			f.validators.Forget(feedSrc) // its entry is taken again: read the feed whole
		}
	}
	return errors.Join(f.validators.Save(), f.seen.Save())
}

// Monitor reads every source of the data directory when its interval has
// passed, until ctx is done: one round per due source, through Ingest (so
// stories and saved searches follow), with the fetcher's SSRF guard
// (never AllowPrivate unless allowPrivate, a command-line choice). Each
// round's summary is a note and is recorded with the source.
func (d *Data) Monitor(ctx context.Context, allowPrivate bool, tick time.Duration) error {
	srcs := d.Sources()
	fx, err := d.OpenFetching(fetch.Options{AllowPrivate: allowPrivate})
	if err != nil {
		return err
	}
	if tick <= 0 {
		tick = 10 * time.Second
	}
	for {
		list, err := srcs.List()
		if err != nil {
			d.Note("taqrir: monitor: %v\n", err)
		}
		for _, s := range list {
			if ctx.Err() != nil {
				return nil
			}
			now := time.Now()
			if !s.Last.IsZero() && now.Sub(s.Last) < s.Interval {
				continue
			}
			var urls, feeds []string
			if s.Feed {
				feeds = []string{s.URL}
			} else {
				urls = []string{s.URL}
			}
			sum, err := d.Ingest(ctx, fx.Items(urls, feeds), ingest.Options{})
			result := sum.String()
			if err != nil {
				result = err.Error()
			}
			if serr := fx.Settle(sum); serr != nil {
				result += "; " + serr.Error()
			}
			d.Note("taqrir: monitor: %s: %s\n", s.Name, result)
			if err := srcs.done(s.Name, now, result); err != nil {
				d.Note("taqrir: monitor: %v\n", err)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(tick):
		}
	}
}
