package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

// articleByID loads the article an id names, for every command that takes
// one: the whole id or any unique prefix of at least store.MinIDPrefix hex
// digits, in any case (reports print 8). Errors name the command and what
// was typed; an ambiguous prefix lists the candidates.
func articleByID(ctx context.Context, st store.Store, command, arg string) (news.Article, error) {
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
		return news.Article{}, fmt.Errorf("%s: no article with id %q: %s; ids are printed by search, report, stories and ingest -v", command, arg, bad.Problem)
	case errors.Is(err, store.ErrNotFound):
		return news.Article{}, fmt.Errorf("%s: no article with id %q (ids are printed by search, report, stories and ingest -v)", command, arg)
	case errors.Is(err, store.ErrAmbiguousID):
		return news.Article{}, fmt.Errorf("%s: %w", command, err)
	}
	return news.Article{}, fmt.Errorf("%s: %w", command, err)
}

// copyOfLine is show's line for a copy: the original's id, outlet and
// date, so the reader can open it.
func copyOfLine(ctx context.Context, st store.Store, id string) string {
	o, err := st.Article(ctx, id)
	if err != nil {
		return "copy of " + id
	}
	line := fmt.Sprintf("copy of %s (%s", id, o.Source)
	if o.HasPublished() {
		line += " · " + o.Published.Format("2006-01-02")
	}
	return line + ")"
}
