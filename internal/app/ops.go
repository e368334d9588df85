package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

// Search runs a search request; a query search cannot run is an error
// naming it (QueryError).
func (d *Data) Search(ctx context.Context, r index.Request) (index.Result, error) {
	res, err := d.Index.Search(ctx, r)
	if err != nil {
		return res, QueryError("search", r.Query, err)
	}
	return res, nil
}

// ArticleByID loads the article an id names: the whole id or any unique
// prefix of at least store.MinIDPrefix hex digits, in any case (reports
// print 8). Errors name the command and what was typed, wrap
// store.ErrNotFound, store.ErrBadID or store.ErrAmbiguousID, and an
// ambiguous prefix lists the candidates.
func (d *Data) ArticleByID(ctx context.Context, command, arg string) (news.Article, error) {
	return ArticleByID(ctx, d.Store, command, arg)
}

// ArticleByID is Data.ArticleByID on any store.
func ArticleByID(ctx context.Context, st store.Store, command, arg string) (news.Article, error) {
	id, err := st.ResolveID(ctx, arg)
	if err == nil {
		var a news.Article
		if a, err = st.Article(ctx, id); err == nil {
			return a, nil
		}
	}
	var bad *store.IDPrefixError
	switch {
	case errors.As(err, &bad):
		return news.Article{}, &idError{fmt.Sprintf("%s: no article with id %q: %s; ids are printed by search, report, stories and ingest -v", command, arg, bad.Problem), err}
	case errors.Is(err, store.ErrNotFound):
		return news.Article{}, &idError{fmt.Sprintf("%s: no article with id %q (ids are printed by search, report, stories and ingest -v)", command, arg), err}
	}
	return news.Article{}, fmt.Errorf("%s: %w", command, err)
}

type idError struct {
	msg string
	err error
}

func (e *idError) Error() string { return e.msg }
func (e *idError) Unwrap() error { return e.err }

// CopyOfLine is the line for a copy: the original's id, outlet and date,
// so the reader can open it.
func (d *Data) CopyOfLine(ctx context.Context, id string) string {
	o, err := d.Store.Article(ctx, id)
	return CopyLine(id, o, err == nil)
}

// CopyLine is CopyOfLine for an original already read (found false when
// it could not be).
func CopyLine(id string, o news.Article, found bool) string {
	if !found {
		return "copy of " + id
	}
	line := fmt.Sprintf("copy of %s (%s", id, o.Source)
	if o.HasPublished() {
		line += " · " + o.Published.Format("2006-01-02")
	}
	return line + ")"
}

// Stats is what `taqrir stats` reports: counts per source and month and
// the size of the index.
// Its keys are in the order `stats --json` has always printed them.
type Stats struct {
	Articles int64             `json:"articles"`
	Copies   int64             `json:"copies"`
	Groups   []store.StatGroup `json:"groups"`
	Indexed  uint64            `json:"indexed"`
	RawItems int64             `json:"raw_items"`
}

// Stats counts the stored articles per source and month.
func (d *Data) Stats(ctx context.Context) (Stats, error) {
	st, err := d.Store.Stats(ctx)
	if err != nil {
		return Stats{}, err
	}
	if st.Groups == nil {
		st.Groups = []store.StatGroup{}
	}
	out := Stats{Articles: st.Articles, Copies: st.Copies, RawItems: st.RawItems, Groups: st.Groups}
	if d.Index != nil {
		if out.Indexed, err = d.Index.Count(); err != nil {
			return Stats{}, err
		}
	}
	return out, nil
}

// VolumePoint is the number of articles of one month ("2025-03", or
// "unknown"), in all and per source.
type VolumePoint struct {
	Month    string           `json:"month"`
	Count    int64            `json:"count"`
	BySource map[string]int64 `json:"by_source"`
}

// Volume is the number of stored articles per month of publication,
// oldest first (undated last).
func (d *Data) Volume(ctx context.Context) ([]VolumePoint, error) {
	st, err := d.Stats(ctx)
	if err != nil {
		return nil, err
	}
	return VolumeOf(st.Groups), nil
}

// VolumeOf folds stat groups into months.
func VolumeOf(groups []store.StatGroup) []VolumePoint {
	by := map[string]*VolumePoint{}
	var order []string
	for _, g := range groups {
		p := by[g.Month]
		if p == nil {
			p = &VolumePoint{Month: g.Month, BySource: map[string]int64{}}
			by[g.Month] = p
			order = append(order, g.Month)
		}
		p.Count += g.Count
		p.BySource[g.Source] += g.Count
	}
	sortMonths(order)
	out := make([]VolumePoint, 0, len(order))
	for _, m := range order {
		out = append(out, *by[m])
	}
	return out
}

func sortMonths(ms []string) {
	less := func(a, b string) bool {
		if (a == "unknown") != (b == "unknown") {
			return b == "unknown"
		}
		return a < b
	}
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && less(ms[j], ms[j-1]); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}
