package report

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/parallel"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/story"
)

// ForQuery runs q through the search index (the same query language,
// spelling variants and synonyms as `taqrir search`, with its source,
// entity and date filters, all of which an article must pass), reads the
// most relevant matching articles from the store, at most opts.Limit of them, and builds their report. A query that
// matches nothing gives an empty report, not an error.
func ForQuery(ctx context.Context, st store.Store, ix *index.Index, q Query, opts Options) (*Report, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	// A report is asked for in words: the words that only frame the request
	// («تقرير عن»، «ماذا قال») are not searched for.
	topic, framing := RequestTopic(q.Text)
	res, err := ix.Search(ctx, index.Request{
		Query: topic, Source: q.Source, Entities: q.Entities, Since: q.Since, Until: q.Until,
		Limit: limit, Synonyms: !q.NoSynonyms, IDsOnly: true,
	})
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", q.Text, err)
	}
	arts, missing, err := fetch(ctx, st, res.Hits)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", q.Text, err)
	}
	opts.Limit = limit
	opts.Matched = int(res.Total)
	opts.Matched -= missing
	rep, err := Build(ctx, arts, q, opts)
	if err == nil && len(framing) > 0 {
		rep.Topic, rep.Framing = topic, framing
	}
	if err == nil && res.Relaxed && !rep.Empty() {
		rep.Articles.Relaxed = true
		note := "no article has every word of the query; this report reads those with most of them"
		if rep.Articles.Note != "" {
			note += "; " + rep.Articles.Note
		}
		rep.Articles.Note = note
	}
	return rep, err
}

// fetchWorkers read articles from the store side by side (SQLite in WAL
// mode serves concurrent readers).
const fetchWorkers = 4

// fetch reads the hits' articles from the store, keeping the hits' order.
// An id the index knows and the store does not is skipped and counted:
// the store is the truth.
func fetch(ctx context.Context, st store.Store, hits []index.Hit) ([]news.Article, int, error) {
	arts := make([]news.Article, len(hits))
	found := make([]bool, len(hits))
	err := parallel.For(ctx, len(hits), fetchWorkers, func(_, i int) error {
		a, err := st.Article(ctx, hits[i].ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading article %s: %w", hits[i].ID, err)
		}
		arts[i], found[i] = a, true
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	out := arts[:0]
	for i := range arts {
		if found[i] {
			out = append(out, arts[i])
		}
	}
	return out, len(hits) - len(out), nil
}

// ForStory builds the report on one story of `taqrir stories`: every one
// of its articles the store holds (at most opts.Limit, the earliest
// first), with the story's title as the query and its id in story_id.
func ForStory(ctx context.Context, st store.Store, s story.Story, opts Options) (*Report, error) {
	hits := make([]index.Hit, len(s.Articles))
	for i, r := range s.Articles {
		hits[i] = index.Hit{ID: r.ID}
	}
	arts, missing, err := fetch(ctx, st, hits)
	if err != nil {
		return nil, fmt.Errorf("report on story %s: %w", s.ID, err)
	}
	opts.Matched = len(s.Articles) - missing
	rep, err := Build(ctx, arts, Query{Text: s.Title}, opts)
	if err != nil {
		return nil, err
	}
	rep.StoryID = s.ID
	return rep, nil
}
