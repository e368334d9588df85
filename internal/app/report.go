package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/store"
)

// Report builds the report on a query (report.ForQuery); a query with
// nothing to search for is an error naming it.
func (d *Data) Report(ctx context.Context, q report.Query, opts report.Options) (*report.Report, error) {
	rep, err := report.ForQuery(ctx, d.Store, d.Index, q, opts)
	if errors.Is(err, index.ErrEmptyQuery) {
		return nil, QueryError("report", q.Text, err)
	}
	return rep, err
}

// StoryReport builds the report on one story's articles (at most
// opts.Limit, the story's order kept), its title as the report's query.
func (d *Data) StoryReport(ctx context.Context, id string, opts report.Options) (*report.Report, error) {
	s, err := d.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = report.DefaultLimit
	}
	arts := make([]news.Article, 0, min(len(s.Articles), limit))
	for _, r := range s.Articles {
		if len(arts) == limit {
			break
		}
		a, err := d.Store.Article(ctx, r.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // the store is the truth
		} else if err != nil {
			return nil, fmt.Errorf("story %s: reading article %s: %w", s.ID, r.ID, err)
		}
		arts = append(arts, a)
	}
	opts.Limit = limit
	opts.Matched = len(s.Articles)
	return report.Build(ctx, arts, report.Query{Text: s.Title}, opts)
}
