package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// EntityArticles is how many of an entity's articles its page reads (the
// newest): its claims and timeline come from them.
const EntityArticles = 200

// Entity is an entity's page: its names, the articles naming it, what it
// said and the dated events of those articles.
type Entity struct {
	Name      string             `json:"name"`      // as asked
	Canonical string             `json:"canonical"` // the resolver's name for it ("" when unknown)
	Type      string             `json:"type,omitempty"`
	Aliases   []string           `json:"aliases"`
	Total     uint64             `json:"total"` // articles naming it
	Articles  []index.Hit        `json:"articles"`
	Months    []index.FacetCount `json:"months"`
	Sources   []index.FacetCount `json:"sources"`
	Related   []index.FacetCount `json:"related"`  // entities named in the same articles
	Claims    []report.Claim     `json:"claims"`   // what it said, as the report reads claims
	Timeline  []report.Event     `json:"timeline"` // dated events of its articles
	Roles     []string           `json:"roles"`
}

// Entity builds an entity's page from the index (its articles, by any of
// its aliases) and their stored facts (claims and timeline through the
// report's reading of them). An entity no article names is no error: its
// page says so.
func (d *Data) Entity(ctx context.Context, name string) (Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Entity{}, fmt.Errorf("entity: empty name")
	}
	e := Entity{Name: name, Aliases: EntityAliases(name), Articles: []index.Hit{}, Claims: []report.Claim{},
		Timeline: []report.Event{}, Roles: []string{}}
	e.Canonical, _ = resolve.CanonicalOf(name)
	res, err := d.Index.Search(ctx, index.Request{All: true, Entities: e.Aliases, Limit: EntityArticles, Sort: "newest"})
	if err != nil {
		return Entity{}, fmt.Errorf("entity %q: %w", name, err)
	}
	e.Total, e.Articles, e.Months, e.Sources = res.Total, res.Hits, res.Months, res.Sources
	names := map[string]bool{}
	for _, a := range e.Aliases {
		names[a] = true
	}
	for _, f := range res.Entities {
		if !names[f.Value] {
			e.Related = append(e.Related, f)
		}
	}
	if e.Related == nil {
		e.Related = []index.FacetCount{}
	}
	if len(res.Hits) == 0 {
		return e, nil
	}
	arts := make([]news.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, err := d.Store.Article(ctx, h.ID)
		if err != nil {
			continue // the index knows an article the store lost: the store is the truth
		}
		arts = append(arts, a)
	}
	rep, err := report.Build(ctx, arts, report.Query{Text: name, Entities: e.Aliases}, report.Options{Limit: EntityArticles})
	if err != nil {
		return Entity{}, fmt.Errorf("entity %q: %w", name, err)
	}
	for _, a := range rep.Actors {
		if names[a.Name] || hasAny(a.Aliases, names) {
			e.Type = a.Type
			if e.Canonical == "" {
				e.Canonical = a.Name
			}
			e.Roles = append(e.Roles, a.Roles...)
			break
		}
	}
	for _, sc := range rep.Claims {
		if names[sc.Speaker] || (e.Canonical != "" && sc.Speaker == e.Canonical) {
			e.Claims = append(e.Claims, sc.Claims...)
		}
	}
	e.Timeline = append(e.Timeline, rep.Timeline...)
	return e, nil
}

func hasAny(list []string, set map[string]bool) bool {
	for _, s := range list {
		if set[s] {
			return true
		}
	}
	return false
}
