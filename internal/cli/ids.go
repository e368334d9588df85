package cli

import (
	"context"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store"
)

// articleByID loads the article an id names, for every command that takes
// one (taqapp.ArticleByID).
func articleByID(ctx context.Context, st store.Store, command, arg string) (news.Article, error) {
	return taqapp.ArticleByID(ctx, st, command, arg)
}
