package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// storedArticles reads every article of a data directory.
func storedArticles(t *testing.T, data string) map[string]news.Article {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(data, "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts := map[string]news.Article{}
	if err := st.Scan(ctx, 0, func(_ int64, a news.Article) error {
		arts[a.ID] = a
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return arts
}

// mostCommon returns up to n keys of counts, the most frequent first (ties
// by name, so the choice is the same on every run).
func mostCommon(counts map[string]int, n int, skip ...string) []string {
	keys := slices.Collect(maps.Keys(counts))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	var out []string
	for _, k := range keys {
		if len(out) == n {
			break
		}
		if !slices.Contains(skip, k) {
			out = append(out, k)
		}
	}
	return out
}

// filterValues picks real values of each filter from the demo articles:
// the most frequent sources and entities (one of them frequent in the
// first source, so that combinations have something to find) and date
// ranges around the corpus's own dates, in each form --since/--until take.
func filterValues(t *testing.T, arts map[string]news.Article) (sources, entities []string, ranges [][2]string) {
	t.Helper()
	bySource := map[string]int{}
	byEntity := map[string]int{}
	var days []string
	for _, a := range arts {
		bySource[a.Source]++
		seen := map[string]bool{}
		for _, e := range a.Entities {
			if e.Canonical != "" && !seen[e.Canonical] {
				seen[e.Canonical] = true
				byEntity[e.Canonical]++
			}
		}
		if a.HasPublished() {
			days = append(days, a.Published.Format("2006-01-02"))
		}
	}
	sources = mostCommon(bySource, 3)
	entities = mostCommon(byEntity, 3)
	inFirst := map[string]int{}
	for _, a := range arts {
		if a.Source != sources[0] {
			continue
		}
		for _, e := range a.Entities {
			if e.Canonical != "" {
				inFirst[e.Canonical]++
			}
		}
	}
	entities = append(entities, mostCommon(inFirst, 1, entities...)...)
	sort.Strings(days)
	if len(days) < 6 {
		t.Fatalf("only %d dated demo articles", len(days))
	}
	d1, d2 := days[len(days)/3], days[2*len(days)/3]
	ranges = [][2]string{
		{d1, ""},
		{"", d1},
		{d1, d2},
		{d2[:7], d2[:7]}, // one whole month
		{d1[:4], ""},     // a year
	}
	return sources, entities, ranges
}

// searchIDs runs `search --json` and returns the ids of the hits.
func searchIDs(t *testing.T, data string, args ...string) []string {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{"--data", data, "--json", "search", "--limit", "1000"}, args...)...)
	if code != 0 {
		t.Fatalf("search %q: exit %d: %s", args, code, errOut)
	}
	var res index.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %q: %v", args, err)
	}
	if int(res.Total) != len(res.Hits) {
		t.Fatalf("search %q: %d hits of %d: raise the limit", args, len(res.Hits), res.Total)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	slices.Sort(ids)
	return ids
}

// namesEntity reports whether a has an entity whose name shares a word
// (by analysed key) with one of the names an --entity filter matches.
func namesEntity(a news.Article, filter string) bool {
	keys := func(s string) []string {
		var out []string
		for _, tok := range arabic.Analyze(s) {
			if tok.Key != "" && !tok.Stop {
				out = append(out, tok.Key)
			}
		}
		return out
	}
	var want []string
	for _, n := range entityAliases(filter) {
		want = append(want, keys(n)...)
	}
	for _, e := range a.Entities {
		for _, k := range append(keys(e.Canonical), keys(e.Text)...) {
			if slices.Contains(want, k) {
				return true
			}
		}
	}
	return false
}

// TestFiltersCombine is a property test on the demo data: for every
// combination of --source, --entity and --since/--until, search and report
// keep exactly the articles that satisfy every filter at once.
func TestFiltersCombine(t *testing.T) {
	data := demoData(t)
	arts := storedArticles(t, data)
	sources, entities, ranges := filterValues(t, arts)
	t.Logf("sources %q, entities %q, ranges %q", sources, entities, ranges)
	queries := []string{
		"-كلمةلاوجودلها", // every article
		"مباحثات OR فيضانات OR النفط OR الدوحة",
	}
	for qi, q := range queries {
		all := searchIDs(t, data, "--", q)
		// What each filter keeps alone, checked against the articles: the
		// source and the dates directly, the entity by its names.
		byEntity := map[string][]string{}
		for _, e := range entities {
			ids := searchIDs(t, data, "--entity", e, "--", q)
			if len(ids) == 0 && qi == 0 {
				t.Errorf("--entity %q alone finds nothing for %q", e, q)
			}
			for _, id := range ids {
				if !namesEntity(arts[id], e) {
					t.Errorf("--entity %q: %s names no such entity", e, id)
				}
			}
			byEntity[e] = ids
		}
		full := 0
		for _, src := range append([]string{""}, sources...) {
			for _, ent := range append([]string{""}, entities...) {
				for _, rg := range append([][2]string{{}}, ranges...) {
					var args []string
					if src != "" {
						args = append(args, "--source", src)
					}
					if ent != "" {
						args = append(args, "--entity", ent)
					}
					if rg[0] != "" {
						args = append(args, "--since", rg[0])
					}
					if rg[1] != "" {
						args = append(args, "--until", rg[1])
					}
					since, err := parseBound("since", rg[0], false)
					if err != nil {
						t.Fatal(err)
					}
					until, err := parseBound("until", rg[1], true)
					if err != nil {
						t.Fatal(err)
					}
					var want []string
					for _, id := range all {
						a := arts[id]
						switch {
						case src != "" && index.SourceKey(a.Source) != index.SourceKey(src):
						case ent != "" && !slices.Contains(byEntity[ent], id):
						case (!since.IsZero() || !until.IsZero()) && !a.HasPublished():
						case !since.IsZero() && a.Published.Before(since):
						case !until.IsZero() && !a.Published.Before(until):
						default:
							want = append(want, id)
						}
					}
					got := searchIDs(t, data, append(args, "--", q)...)
					if !slices.Equal(got, want) {
						t.Errorf("search %q %q: got %d articles %v, want %d %v", args, q, len(got), got, len(want), want)
						for _, id := range got {
							if !slices.Contains(want, id) {
								a := arts[id]
								t.Logf("  extra %s: %s · %s", id, a.Source, a.Published.Format(time.DateOnly))
							}
						}
					}
					if src != "" && ent != "" && rg != [2]string{} && len(want) > 0 {
						full++
					}
				}
			}
		}
		t.Logf("%q: %d combinations, %d of all three filters with articles", q, (len(sources)+1)*(len(entities)+1)*(len(ranges)+1), full)
		if full < 3 {
			t.Errorf("%q: only %d combinations of all three filters match anything; pick other values", q, full)
		}
	}
}

// TestReportFiltersCombine checks that report selects its articles with
// the same combined filters as search, --entity included.
func TestReportFiltersCombine(t *testing.T) {
	data := demoData(t)
	arts := storedArticles(t, data)
	sources, entities, ranges := filterValues(t, arts)
	const q = "-كلمةلاوجودلها"
	checked := 0
	for _, src := range sources[:2] {
		for _, ent := range entities {
			for _, rg := range ranges[2:4] {
				args := []string{"--source", src, "--entity", ent, "--since", rg[0], "--until", rg[1]}
				want := searchIDs(t, data, append(args, "--", q)...)
				out, errOut, code := runCLI(t, append(append([]string{"--data", data, "--json", "report"}, args...), "--", q)...)
				if code != 0 {
					t.Fatalf("report %q: exit %d: %s", args, code, errOut)
				}
				var rep struct {
					Articles struct {
						List []struct {
							ID string `json:"id"`
						} `json:"list"`
					} `json:"articles"`
				}
				if err := json.Unmarshal([]byte(out), &rep); err != nil {
					t.Fatalf("report %q: %v", args, err)
				}
				var got []string
				for _, a := range rep.Articles.List {
					got = append(got, a.ID)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("report %q: articles %v, search finds %v", args, got, want)
				}
				if len(want) > 0 {
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no combination of filters matched anything")
	}
}
