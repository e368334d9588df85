package server

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/version"
)

//go:embed openapi.json
var openAPI []byte

func (s *Server) routesAPI() {
	s.handle("GET /api/v1/health", open, s.apiHealth)
	s.handle("GET /api/v1/openapi.json", open, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	s.handle("GET /api/v1/metrics", read, s.apiMetrics)
	s.handle("GET /api/v1/search", read, s.apiSearch)
	s.handle("GET /api/v1/articles/{id}", read, s.apiArticle)
	s.handle("GET /api/v1/report", read, s.apiReport)
	s.handle("GET /api/v1/stories", read, s.apiStories)
	s.handle("GET /api/v1/stories/{id}", read, s.apiStory)
	s.handle("GET /api/v1/entities/{name}", read, s.apiEntity)
	s.handle("GET /api/v1/stats", read, s.apiStats)
	s.handle("GET /api/v1/volume", read, s.apiVolume)
	s.handle("GET /api/v1/export", read, s.apiExport)
	s.handle("POST /api/v1/ingest", write, s.apiIngest)
	s.handle("GET /api/v1/sources", read, s.apiSources)
	s.handle("POST /api/v1/sources", write, s.apiAddSource)
	s.handle("DELETE /api/v1/sources/{name}", write, s.apiRemoveSource)
	s.handle("GET /api/v1/saved", read, s.apiSavedList)
	s.handle("POST /api/v1/saved", write, s.apiAddSaved)
	s.handle("GET /api/v1/saved/{name}", read, s.apiSavedOne)
	s.handle("DELETE /api/v1/saved/{name}", write, s.apiRemoveSaved)
	s.handle("/api/", open, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{http.StatusNotFound, "not_found", "no API route " + r.Method + " " + r.URL.Path + " (see /api/v1/openapi.json)"})
	})
}

func (s *Server) apiHealth(w http.ResponseWriter, r *http.Request) {
	n, err := s.d.Index.Count()
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "version": version.Short(), "indexed": n,
		"uptime_s": int(time.Since(s.start).Seconds())})
}

func (s *Server) apiMetrics(w http.ResponseWriter, r *http.Request) {
	n, _ := s.d.Index.Count()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w, []gauge{
		{"taqrir_indexed_articles", "Articles in the search index.", float64(n)},
		{"taqrir_uptime_seconds", "Seconds since the server started.", time.Since(s.start).Seconds()},
	})
}

// intParam reads an integer query parameter within [lo, hi].
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest(fmt.Sprintf("%s=%q: want a whole number from %d to %d", name, v, lo, hi))
	}
	return n, nil
}

// boolParam reads true/false (default def).
func boolParam(r *http.Request, name string, def bool) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest(fmt.Sprintf("%s=%q: want true or false", name, v))
	}
	return b, nil
}

// searchRequest reads the search parameters every search-like route
// takes: q, source, entity, since, until, sort, synonyms.
func searchRequest(r *http.Request, needQuery bool) (index.Request, error) {
	q := r.URL.Query()
	req := index.Request{Query: strings.TrimSpace(q.Get("q")), Source: q.Get("source"), Sort: q.Get("sort")}
	if len(req.Query) > MaxQueryBytes {
		return req, badRequest(fmt.Sprintf("q is %d bytes: at most %d", len(req.Query), MaxQueryBytes))
	}
	if needQuery && req.Query == "" {
		return req, badRequest("q is missing: give the words to search for")
	}
	var err error
	if req.Since, req.Until, err = app.ParseRange("since", "until", q.Get("since"), q.Get("until")); err != nil {
		return req, badRequest(err.Error())
	}
	if e := q.Get("entity"); e != "" {
		req.Entities = app.EntityAliases(e)
	}
	switch req.Sort {
	case "", "relevance", "newest", "oldest":
	default:
		return req, badRequest(fmt.Sprintf("sort=%q: want relevance, newest or oldest", req.Sort))
	}
	syn, err := boolParam(r, "synonyms", true)
	req.Synonyms = syn
	return req, err
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	res, err := s.search(r)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// search runs the search a request asks for (API and UI alike).
func (s *Server) search(r *http.Request) (index.Result, error) {
	req, err := searchRequest(r, true)
	if err != nil {
		return index.Result{}, err
	}
	if req.Limit, err = intParam(r, "limit", 10, 1, MaxLimit); err != nil {
		return index.Result{}, err
	}
	if req.Offset, err = intParam(r, "offset", 0, 0, MaxOffset); err != nil {
		return index.Result{}, err
	}
	facets, err := boolParam(r, "facets", true)
	if err != nil {
		return index.Result{}, err
	}
	hl, err := boolParam(r, "highlight", true)
	if err != nil {
		return index.Result{}, err
	}
	req.NoFacets, req.NoHighlight = !facets, !hl
	res, err := s.d.Search(r.Context(), req)
	return res, timedOut(r.Context(), err)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.d.ArticleByID(r.Context(), "article", r.PathValue("id"))
	if err != nil {
		writeError(w, err)
		return
	}
	a.FillEmpty()
	writeJSON(w, http.StatusOK, a)
}

// buildReport builds the report a request asks for: on q (with the
// search filters) or on story.
func (s *Server) buildReport(r *http.Request) (*report.Report, error) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", report.DefaultLimit, 1, MaxReport)
	if err != nil {
		return nil, err
	}
	opts := report.Options{Limit: limit}
	if v := q.Get("min_confidence"); v != "" {
		c, err := strconv.ParseFloat(v, 64)
		if err != nil || c < -1 || c > 1 {
			return nil, badRequest(fmt.Sprintf("min_confidence=%q: want a number from 0 to 1 (0: every contradiction found)", v))
		}
		opts.MinConfidence = c
		if c == 0 {
			opts.MinConfidence = -1 // every contradiction found, as report --min-confidence 0
		}
	}
	if id := q.Get("story"); id != "" {
		if q.Get("q") != "" {
			return nil, badRequest("give q or story, not both")
		}
		rep, err := s.d.StoryReport(r.Context(), id, opts)
		return rep, timedOut(r.Context(), err)
	}
	req, err := searchRequest(r, true)
	if err != nil {
		return nil, badRequest(strings.Replace(err.Error(), "q is missing", "q (or story) is missing", 1))
	}
	rq := report.Query{Text: req.Query, Source: req.Source, Entities: req.Entities, Since: req.Since, Until: req.Until, NoSynonyms: !req.Synonyms}
	rep, err := s.d.Report(r.Context(), rq, opts)
	return rep, timedOut(r.Context(), err)
}

// reportLinks points a report's citations at the article view, the cited
// sentence highlighted, and its sources list at the article view too.
var reportLinks = render.WithLinks(render.Links{
	Citation: func(c report.Citation) string {
		return fmt.Sprintf("/articles/%s?hl=%d-%d#s-%d", c.ArticleID, c.Start, c.End, c.Start)
	},
	Article: func(a report.ArticleInfo) string { return "/articles/" + a.ID },
})

func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	ct := map[string]string{"json": "application/json; charset=utf-8", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}[format]
	if ct == "" {
		writeError(w, badRequest(fmt.Sprintf("format=%q: want json, html or md", format)))
		return
	}
	rep, err := s.buildReport(r)
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", ct)
	render.Write(w, format, rep, reportLinks)
}

// storyFilter reads since, until and source for the stories list.
func storyFilter(r *http.Request) (app.StoryFilter, error) {
	q := r.URL.Query()
	var f app.StoryFilter
	var err error
	if f.Since, f.Until, err = app.ParseRange("since", "until", q.Get("since"), q.Get("until")); err != nil {
		return f, badRequest(err.Error())
	}
	f.Source = q.Get("source")
	return f, nil
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	f, err := storyFilter(r)
	if err != nil {
		writeError(w, err)
		return
	}
	limit, err := intParam(r, "limit", 50, 1, 500)
	if err != nil {
		writeError(w, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 0, MaxOffset)
	if err != nil {
		writeError(w, err)
		return
	}
	stories, n, err := s.d.Stories(r.Context(), f)
	if err != nil {
		writeError(w, err)
		return
	}
	total := len(stories)
	stories = stories[min(offset, total):min(offset+limit, total)]
	writeJSON(w, http.StatusOK, map[string]any{"stories": stories, "total": total, "articles": n})
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	st, err := s.d.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	e, err := s.d.Entity(r.Context(), r.PathValue("name"))
	if err != nil {
		writeError(w, timedOut(r.Context(), err))
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.d.Stats(r.Context())
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiVolume(w http.ResponseWriter, r *http.Request) {
	v, err := s.d.Volume(r.Context())
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"months": v})
}

// postedFormat maps a request's Content-Type to an ingest format.
func postedFormat(ct string) (source.Format, bool, error) {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil && ct != "" {
		return "", false, badRequest(fmt.Sprintf("Content-Type %q: %v", ct, err))
	}
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		return source.FormatJSONL, false, nil
	case "text/html":
		return source.FormatHTML, false, nil
	case "text/plain":
		return source.FormatText, false, nil
	case "text/uri-list":
		return "", true, nil
	}
	return "", false, &apiError{http.StatusUnsupportedMediaType, "unsupported_type",
		fmt.Sprintf("Content-Type %q: want application/x-ndjson (lines as ingest --format jsonl), text/html (?url= names its URL), text/plain (a .txt article) or text/uri-list (URLs to fetch)", mt)}
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	sum, err := s.ingest(r)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sum)
}

// ingest stores what a request posts: its body in its format, or the
// URLs it lists, fetched through the SSRF guard (never AllowPrivate).
func (s *Server) ingest(r *http.Request) (ingest.Summary, error) {
	format, urls, err := postedFormat(r.Header.Get("Content-Type"))
	if err != nil {
		return ingest.Summary{}, err
	}
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return ingest.Summary{}, &apiError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is over %d bytes: split it", tooBig.Limit)}
	} else if err != nil {
		return ingest.Summary{}, badRequest("reading the body: " + err.Error())
	}
	var items source.Func
	if urls {
		var list []string
		sc := bufio.NewScanner(strings.NewReader(string(body)))
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
				return ingest.Summary{}, badRequest(fmt.Sprintf("%q is not an http(s) URL", l))
			}
			list = append(list, l)
		}
		if len(list) == 0 {
			return ingest.Summary{}, badRequest("the body lists no URL")
		}
		fx, err := s.d.OpenFetching(fetch.Options{}) // the SSRF guard on: AllowPrivate is never set over HTTP
		if err != nil {
			return ingest.Summary{}, err
		}
		items = fx.Items(list, nil)
		// Fetching is not bound by the request's timeout: it is polite
		// and bounded by the fetcher's own deadlines.
		sum, err := s.d.Ingest(context.WithoutCancel(r.Context()), items, ingest.Options{})
		if serr := fx.Settle(sum); serr != nil && err == nil {
			err = serr
		}
		return sum, err
	}
	p := app.Posted{Format: format, Data: body, URL: r.URL.Query().Get("url"), ContentType: r.Header.Get("Content-Type")}
	if p.URL != "" && format != source.FormatHTML {
		return ingest.Summary{}, badRequest("url= names the URL of an HTML page: send Content-Type text/html")
	}
	if items, err = p.Items(); err != nil {
		return ingest.Summary{}, badRequest(err.Error())
	}
	// The ingest finishes even if the client goes away: what it stored is kept whole.
	return s.d.Ingest(context.WithoutCancel(r.Context()), items, ingest.Options{})
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	list, err := s.sources.List()
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": list})
}

func (s *Server) apiAddSource(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name     string `json:"name"`
		URL      string `json:"url"`
		Feed     bool   `json:"feed"`
		Interval string `json:"interval"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, err)
		return
	}
	iv, err := time.ParseDuration(in.Interval)
	if err != nil {
		writeError(w, badRequest(fmt.Sprintf("interval %q: want a duration like 10m", in.Interval)))
		return
	}
	src := app.Source{Name: in.Name, URL: in.URL, Feed: in.Feed, Interval: iv}
	if err := s.sources.Add(src, time.Now()); err != nil {
		if !errors.Is(err, app.ErrExists) {
			err = badRequest(err.Error())
		}
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"source": src})
}

func (s *Server) apiRemoveSource(w http.ResponseWriter, r *http.Request) {
	if err := s.sources.Remove(r.PathValue("name")); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiSavedList(w http.ResponseWriter, r *http.Request) {
	list, err := s.d.Saved().List()
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"saved": list})
}

func (s *Server) apiSavedOne(w http.ResponseWriter, r *http.Request) {
	sv, err := s.d.Saved().Get(r.PathValue("name"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sv)
}

func (s *Server) apiAddSaved(w http.ResponseWriter, r *http.Request) {
	var in app.SavedSearch
	if err := decodeJSON(r, &in); err != nil {
		writeError(w, err)
		return
	}
	if err := s.addSaved(r.Context(), in); err != nil {
		writeError(w, err)
		return
	}
	sv, _ := s.d.Saved().Get(in.Name)
	writeJSON(w, http.StatusCreated, sv)
}

func (s *Server) addSaved(ctx context.Context, in app.SavedSearch) error {
	err := s.d.Saved().Add(ctx, app.SavedSearch{Name: in.Name, Query: in.Query, Source: in.Source, Entity: in.Entity,
		Since: in.Since, Until: in.Until, Webhook: in.Webhook}, time.Now())
	if err != nil && !errors.Is(err, app.ErrExists) {
		return badRequest(err.Error())
	}
	return err
}

func (s *Server) apiRemoveSaved(w http.ResponseWriter, r *http.Request) {
	if err := s.d.Saved().Remove(r.PathValue("name")); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
