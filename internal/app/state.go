package app

import (
	"context"

	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/statedoc"
	"github.com/taqrir/taqrir/internal/store/postgres"
	"github.com/taqrir/taqrir/internal/story"
)

// StateDocs names every state document besides the store, in the order
// migrate lists them: in the embedded mode each is a file of the data
// directory by that name, in PostgreSQL mode a row of state_docs.
var StateDocs = []string{TokensFile, SavedFile, SourcesFile, fetch.ValidatorsFile, feed.SeenFile, StoriesFile, StoriesListFile}

// StateFiles is the state documents of the data directory dir: its files,
// tokens, saved searches and sources readable by their owner only.
func StateFiles(dir string) *statedoc.Files {
	return statedoc.NewFiles(dir, TokensFile, SavedFile, SourcesFile)
}

// State is where the data directory's state documents live (tokens, saved
// searches, sources, fetch validators, feeds seen, stories): its files, or
// with Options.DB the database, shared by every server and worker.
func (d *Data) State() statedoc.Store { return d.state }

// Tokens returns the API tokens.
func (d *Data) Tokens() *Tokens { return NewTokens(d.state) }

// Sources returns the monitored sources.
func (d *Data) Sources() *Sources { return NewSources(d.state) }

// OpenState returns the state documents without opening the data
// directory (its lock, store and index): for `taqrir token` and `taqrir
// sources`, which work while the server runs. With db (a postgres:// URL)
// they are the database's; else the files of dir (the directory is made
// by the first write). close releases what was opened.
func OpenState(ctx context.Context, dir, db string) (st statedoc.Store, close func() error, err error) {
	if db == "" {
		return StateFiles(dir), func() error { return nil }, nil
	}
	pg, err := postgres.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	return pg.Docs(), pg.Close, nil
}

// StoriesWatermark returns the store seq the saved stories have reached,
// reading only their header; errors as story.Watermark's.
func (d *Data) StoriesWatermark(ctx context.Context) (int64, error) {
	return story.WatermarkIn(ctx, d.state, StoriesFile, story.DefaultOptions())
}
