package report

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

// ForQuery runs q through the search index (the same query language,
// spelling variants and synonyms as `taqrir search`, with its source and
// date filters), reads the most relevant matching articles from the store,
// at most opts.Limit of them, and builds their report. A query that
// matches nothing gives an empty report, not an error.
func ForQuery(ctx context.Context, st store.Store, ix *index.Index, q Query, opts Options) (*Report, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	res, err := ix.Search(ctx, index.Request{
		Query: q.Text, Source: q.Source, Since: q.Since, Until: q.Until,
		Limit: limit, Synonyms: !q.NoSynonyms,
	})
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", q.Text, err)
	}
	arts := make([]news.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, err := st.Article(ctx, h.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // indexed but gone from the store: the store is the truth
		} else if err != nil {
			return nil, fmt.Errorf("report %q: reading article %s: %w", q.Text, h.ID, err)
		}
		arts = append(arts, a)
	}
	opts.Limit = limit
	opts.Matched = int(res.Total)
	if missing := len(res.Hits) - len(arts); missing > 0 {
		opts.Matched -= missing
	}
	return Build(ctx, arts, q, opts)
}
