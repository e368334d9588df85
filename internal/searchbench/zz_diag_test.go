package searchbench

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/index"
)

func TestZZDiag(t *testing.T) {
	ix, err := index.OpenReadOnly("/tmp/srch100k/taqrir.bleve")
	if err != nil {
		t.Skip(err)
	}
	defer ix.Close()
	ix.SetCacheSize(0)
	ix.PrepareFacets()
	qs, _ := Queries()
	ctx := context.Background()
	o := Options{Facets: true, Highlights: true}
	type r struct {
		q    Query
		best time.Duration
		hits uint64
	}
	var rs []r
	var with, without time.Duration
	for _, q := range qs {
		if q.Kind != KindEntity {
			continue
		}
		for _, drop := range []bool{false, true} {
			b := time.Hour
			for range 3 {
				r := q.Request(o)
				if drop {
					r.Entities = nil
				}
				s := time.Now()
				if _, err := ix.Search(ctx, r); err != nil {
					t.Fatal(err)
				}
				b = min(b, time.Since(s))
			}
			if drop {
				without += b
			} else {
				with += b
			}
		}
	}
	fmt.Printf("entity queries: with filter %v, without %v (sum of best of 3)\n", with, without)
	for _, q := range qs {
		best := time.Hour
		var hits uint64
		for range 3 {
			s := time.Now()
			res, err := ix.Search(ctx, q.Request(o))
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(s))
			hits = res.Total
		}
		rs = append(rs, r{q, best, hits})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].best > rs[j].best })
	byKind := map[string][]time.Duration{}
	for _, x := range rs {
		byKind[x.q.Kind] = append(byKind[x.q.Kind], x.best)
	}
	for k, v := range byKind {
		fmt.Printf("%s: n=%d max %v p50 %v\n", k, len(v), v[0], v[len(v)/2])
	}
	for _, x := range rs[:20] {
		fmt.Printf("%v\t%s\t%d\t%q src=%q ent=%q\n", x.best, x.q.Kind, x.hits, x.q.Text, x.q.Source, x.q.Entity)
	}
}
