package cli

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
)

// parseBound reads a --since/--until date (taqapp.ParseBound).
func parseBound(flag, s string, end bool) (time.Time, error) {
	return taqapp.ParseBound("--"+flag, s, end)
}

// parseRange reads a --since/--until pair (taqapp.ParseRange).
func parseRange(since, until string) (from, to time.Time, err error) {
	return taqapp.ParseRange("--since", "--until", since, until)
}

// queryError is the message for a query search cannot run (taqapp.QueryError).
func queryError(cmd, q string, err error) error { return taqapp.QueryError(cmd, q, err) }

// entityFilter returns the names an --entity flag keeps (see
// entityAliases), nil when the flag is not set.
func entityFilter(cmd *cobra.Command, entity string) ([]string, error) {
	if !cmd.Flags().Changed("entity") {
		return nil, nil
	}
	if strings.TrimSpace(entity) == "" {
		return nil, fmt.Errorf("--entity %q: empty name", entity)
	}
	return entityAliases(entity), nil
}

var markRe = regexp.MustCompile(`</?mark>`)

// plainSnippet turns an HTML snippet into terminal text, matches in bold
// when writing to a terminal and in [brackets] otherwise.
func plainSnippet(s string, tty bool) string {
	open, closeTag := "[", "]"
	if tty {
		open, closeTag = "\033[1m", "\033[0m"
	}
	// The text is the article's (untrusted): made terminal-safe first, with
	// the match marks held as private-use placeholders, then the marks
	// become our own bold or brackets.
	const openMark, closeMark = "\ue000", "\ue001"
	s = markRe.ReplaceAllStringFunc(s, func(m string) string {
		if m == "<mark>" {
			return openMark
		}
		return closeMark
	})
	if strings.IndexByte(s, '&') >= 0 { // html builds its table of entities on first use
		s = html.UnescapeString(s)
	}
	s = termSafe(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer(openMark, open, closeMark, closeTag).Replace(s)
}

func (a *app) searchCmd() *cobra.Command {
	var r index.Request
	var since, until string
	var noSyn bool
	var entity string
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Search articles: words, \"phrases\", -exclusions, OR; spelling variants and synonyms included",
		Example: `  taqrir search امريكا ايران
  taqrir search '"سد وادي الخير" -درنة'
  taqrir search 'ليب*' فيضانات
  taqrir search --source "صدى الخليج" --since 2025-03 مباحثات OR مفاوضات
  taqrir search --entity "جو بايدن" العراق`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if r.Limit < 1 {
				return fmt.Errorf("search: --limit %d: want at least 1 result", r.Limit)
			}
			if r.Offset < 0 {
				return fmt.Errorf("search: --offset %d: want 0 or more", r.Offset)
			}
			var err error
			if r.Since, r.Until, err = parseRange(since, until); err != nil {
				return err
			}
			if r.Entities, err = entityFilter(cmd, entity); err != nil {
				return err
			}
			r.Query = strings.Join(args, " ")
			r.Synonyms = !noSyn
			var res index.Result
			d, err := a.openReader(cmd.Context(), true)
			if sv := a.servedBy(err); sv != nil {
				q := setNonEmpty(url.Values{}, "q", r.Query, "source", r.Source, "entity", strings.TrimSpace(entity), "since", since, "until", until,
					"sort", r.Sort, "limit", strconv.Itoa(r.Limit), "offset", strconv.Itoa(r.Offset))
				if noSyn {
					q.Set("synonyms", "false")
				}
				if err := sv.getJSON(cmd.Context(), "/api/v1/search", q, &res); err != nil {
					return err
				}
			} else if err != nil {
				return err
			} else {
				defer d.Close()
				// The text shows the sources facet only; JSON gives all three.
				r.SourcesFacet = !a.json
				if res, err = d.Search(cmd.Context(), r); err != nil {
					return err
				}
			}
			if a.json {
				return a.printJSON(res)
			}
			tty := isTerminal(a.stdout)
			fmt.Fprintf(a.stdout, "%d results (%s)\n", res.Total, res.Took.Round(time.Microsecond))
			if res.Relaxed {
				fmt.Fprintln(a.stdout, "No article has every word; showing those with most of them.")
			}
			if len(res.Ignored) > 0 {
				fmt.Fprintf(a.stdout, "Not searched for (common words): %s\n", strings.Join(res.Ignored, "، "))
			}
			for i, h := range res.Hits {
				date := "date unknown"
				if h.Published != nil {
					date = h.Published.Format("2006-01-02")
				}
				fmt.Fprintf(a.stdout, "\n%d. %s\n   %s · %s · %s · score %.2f\n", r.Offset+i+1, termSafe(h.Title), termSafe(h.Source), date, h.ID, h.Score)
				if h.Snippet != "" {
					fmt.Fprintf(a.stdout, "   %s\n", plainSnippet(h.Snippet, tty))
				}
			}
			if len(res.Sources) > 0 {
				var parts []string
				for _, f := range res.Sources {
					parts = append(parts, fmt.Sprintf("%s (%d)", termSafe(f.Value), f.Count))
				}
				fmt.Fprintf(a.stdout, "\nSources: %s\n", strings.Join(parts, ", "))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&r.Limit, "limit", 10, "number of results")
	f.IntVar(&r.Offset, "offset", 0, "skip this many results (paging)")
	f.StringVar(&r.Source, "source", "", "only articles from this source")
	f.StringVar(&since, "since", "", "only articles published on or after this date (2025-03-14, 2025-03, 2025)")
	f.StringVar(&until, "until", "", "only articles published up to this date, inclusive")
	f.BoolVar(&noSyn, "no-synonyms", false, "do not expand words with news-vocabulary synonyms")
	f.StringVar(&r.Sort, "sort", "relevance", "order: relevance, newest or oldest")
	f.StringVar(&entity, "entity", "", "only articles naming this entity (any of its aliases and spellings)")
	return cmd
}

// entityAliases returns the names an --entity filter matches (taqapp.EntityAliases).
func entityAliases(name string) []string { return taqapp.EntityAliases(name) }

func (a *app) showCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Print one stored article",
		Long: `Print one stored article with its facts. ID is the article's id, or its first 6 or
more hex digits in any case when no other id starts with them (reports print 8). A copy
(the same text another outlet printed first) names its original.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var art news.Article
			var copyLine func(id string) string
			d, err := a.openReader(cmd.Context(), false)
			if sv := a.servedBy(err); sv != nil {
				if err := sv.getJSON(cmd.Context(), "/api/v1/articles/"+url.PathEscape(args[0]), nil, &art); err != nil {
					return fmt.Errorf("show: %w", err)
				}
				copyLine = func(id string) string {
					var o news.Article
					err := sv.getJSON(cmd.Context(), "/api/v1/articles/"+id, nil, &o)
					return taqapp.CopyLine(id, o, err == nil)
				}
			} else if err != nil {
				return err
			} else {
				defer d.Close()
				if art, err = d.ArticleByID(cmd.Context(), "show", args[0]); err != nil {
					return err
				}
				copyLine = func(id string) string { return d.CopyOfLine(cmd.Context(), id) }
			}
			if a.json {
				art.FillEmpty()
				return a.printJSON(art)
			}
			fmt.Fprintln(a.stdout, termSafe(art.Title))
			meta := []string{termSafe(art.Source)}
			if art.HasPublished() {
				meta = append(meta, news.FormatPublished(art.Published))
			} else {
				meta = append(meta, "date unknown")
			}
			if art.Byline != "" {
				meta = append(meta, termSafe(art.Byline))
			}
			fmt.Fprintln(a.stdout, strings.Join(meta, " · "))
			if art.URL != "" {
				fmt.Fprintln(a.stdout, termSafe(art.URL))
			}
			if art.CopyOf != "" {
				fmt.Fprintln(a.stdout, copyLine(art.CopyOf))
			}
			fmt.Fprintln(a.stdout)
			for _, p := range art.Paragraphs {
				fmt.Fprintln(a.stdout, termSafe(p))
				fmt.Fprintln(a.stdout)
			}
			for _, c := range art.Captions {
				fmt.Fprintln(a.stdout, "[caption] "+termSafe(c))
			}
			if len(art.Credits) > 0 {
				fmt.Fprintln(a.stdout, "[credits] "+termSafe(strings.Join(art.Credits, "، ")))
			}
			printFacts(a.stdout, &art.Facts)
			return nil
		},
	}
}

func (a *app) statsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Count stored articles per source and month",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var st taqapp.Stats
			d, err := a.openReader(cmd.Context(), true)
			if sv := a.servedBy(err); sv != nil {
				if err := sv.getJSON(cmd.Context(), "/api/v1/stats", nil, &st); err != nil {
					return err
				}
			} else if err != nil {
				return err
			} else {
				defer d.Close()
				if st, err = d.Stats(cmd.Context()); err != nil {
					return err
				}
			}
			indexed := st.Indexed
			if a.json {
				return a.printJSON(st)
			}
			copies := ""
			if st.Copies > 0 {
				copies = fmt.Sprintf("; %d of the articles are copies of another outlet's text", st.Copies)
			}
			fmt.Fprintf(a.stdout, "%d articles (%d raw items kept%s), %d in the search index\n", st.Articles, st.RawItems, copies, indexed)
			last := "\x00"
			for _, g := range st.Groups {
				if g.Source != last {
					fmt.Fprintf(a.stdout, "\n%s\n", termSafe(g.Source))
					last = g.Source
				}
				fmt.Fprintf(a.stdout, "  %-8s %5d\n", g.Month, g.Count)
			}
			return nil
		},
	}
}
