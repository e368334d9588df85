package app

import (
	"context"
	"errors"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/report"
)

// Report builds the report on a query (report.ForQuery); a query with
// nothing to search for is an error naming it.
// A report asked for again before the store changed is the one built
// then (shared: callers must not change it).
func (d *Data) Report(ctx context.Context, q report.Query, opts report.Options) (*report.Report, error) {
	rep, err := d.reports.get(ctx, d.Store.MaxSeq, reportKey("q", q, opts), func() (*report.Report, error) {
		return report.ForQuery(ctx, d.Store, d.Index, q, opts)
	})
	if errors.Is(err, index.ErrEmptyQuery) {
		return nil, QueryError("report", q.Text, err)
	}
	return rep, err
}

// StoryReport builds the report on one story's articles (report.ForStory).
func (d *Data) StoryReport(ctx context.Context, id string, opts report.Options) (*report.Report, error) {
	s, err := d.FindStory(ctx, "report", id)
	if err != nil {
		return nil, err
	}
	return d.reports.get(ctx, d.Store.MaxSeq, reportKey("story", s.ID, opts), func() (*report.Report, error) {
		return report.ForStory(ctx, d.Store, s, opts)
	})
}
