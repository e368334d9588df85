package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/render"
	"github.com/taqrir/taqrir/internal/story"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the UI's pages, each templates/NAME.html over layout.html.
var pageNames = []string{"home", "search", "article", "stories", "story", "entity", "saved", "login", "error"}

var funcs = template.FuncMap{
	"day": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			if !v.IsZero() {
				return v.Format("2006-01-02")
			}
		case *time.Time:
			if v != nil && !v.IsZero() {
				return v.Format("2006-01-02")
			}
		}
		return ""
	},
	"snippet": snippetHTML,
	"short": func(id string) string {
		if len(id) > 8 {
			return id[:8]
		}
		return id
	},
	"pathEscape": url.PathEscape,
	"add":        func(a, b int) int { return a + b },
}

// parsePages parses each page over the layout.
func parsePages() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, n := range pageNames {
		out[n] = template.Must(template.New(n).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+n+".html"))
	}
	return out
}

// page is what every page template gets.
type page struct {
	Lang, Dir string
	T         map[string]string
	Title     string
	Q         string
	SignedIn  bool
	CSRF      string
	LangURL   string
	Body      any
}

// render writes a page: the layout around the page's content.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, body any) {
	lang := langOf(w, r)
	p := page{Lang: lang, Dir: "rtl", T: uiStrings[lang], Title: title, Q: r.URL.Query().Get("q"), Body: body}
	if lang == "en" {
		p.Dir = "ltr"
	}
	if tok, fromCookie := bearer(r); fromCookie {
		if _, ok := s.tokens.Check(tok); ok {
			p.SignedIn, p.CSRF = true, s.csrfToken(tok)
		}
	}
	u := *r.URL
	q := u.Query()
	q.Set("lang", uiStrings[lang]["langcode"])
	u.RawQuery = q.Encode()
	p.LangURL = u.RequestURI()
	var buf bytes.Buffer
	err := s.pages[name].ExecuteTemplate(&buf, "layout", p)
	if err != nil {
		http.Error(w, "page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// uiError renders an error page with the status of err.
func (s *Server) uiError(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(timedOut(r.Context(), err))
	s.render(w, r, e.Status, "error", strconv.Itoa(e.Status), e)
}

func (s *Server) routesUI() {
	s.handle("GET /{$}", read, s.uiHome)
	s.handle("GET /search", read, s.uiSearch)
	s.handle("GET /articles/{id}", read, s.uiArticle)
	s.handle("GET /stories", read, s.uiStories)
	s.handle("GET /stories/{id}", read, s.uiStory)
	s.handle("GET /entities/{name}", read, s.uiEntity)
	s.handle("GET /report", read, s.uiReport)
	s.handle("GET /saved", read, s.uiSaved)
	s.handle("POST /saved", write, s.uiAddSaved)
	s.handle("POST /saved/{name}/delete", write, s.uiRemoveSaved)
	s.handle("GET /feeds/{file}", read, s.feed)
	s.handle("GET /login", open, s.uiLogin)
	s.handle("POST /login", open, s.uiSignIn)
	s.handle("POST /logout", open, s.uiSignOut)
	s.handle("GET /favicon.ico", open, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	static, _ := fs.Sub(staticFS, "static")
	files := http.FileServerFS(static)
	s.handle("GET /static/", open, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.StripPrefix("/static/", files).ServeHTTP(w, r)
	})
}

type homeBody struct {
	Stats   app.Stats
	Volume  *volumeChart
	Stories []story.Story
	Saved   []app.SavedSearch
}

func (s *Server) uiHome(w http.ResponseWriter, r *http.Request) {
	st, err := s.d.Stats(r.Context())
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	stories, _, err := s.d.Stories(r.Context(), app.StoryFilter{})
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	saved, _ := s.d.Saved().List()
	b := homeBody{Stats: st, Volume: buildVolume(app.VolumeOf(st.Groups)), Stories: stories[:min(8, len(stories))], Saved: saved}
	s.render(w, r, http.StatusOK, "home", "", b)
}

type facetLink struct {
	Value string
	Count int
	Href  string
	On    bool
}

type searchBody struct {
	Res                   index.Result
	Err                   string
	Offset, Limit         int
	Prev, Next            string
	Sources, Months, Ents []facetLink
	Source, Entity, Since string
	Until, Sort           string
	ReportURL, ExportURL  string
	JSONURL               string
	First                 int
	Volume                *volumeChart // the matching articles per month
}

// withParam is the current URL with one parameter set (or removed when v
// is "") and the page offset reset.
func withParam(r *http.Request, kv ...string) string {
	q := r.URL.Query()
	q.Del("offset")
	q.Del("lang")
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	return r.URL.Path + "?" + q.Encode()
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	b := searchBody{Source: q.Get("source"), Entity: q.Get("entity"), Since: q.Get("since"), Until: q.Get("until"), Sort: q.Get("sort"), Limit: 20}
	if strings.TrimSpace(q.Get("q")) == "" {
		s.render(w, r, http.StatusOK, "search", "", b)
		return
	}
	if q.Get("limit") == "" {
		q.Set("limit", "20")
		r.URL.RawQuery = q.Encode()
	}
	res, err := s.search(r)
	if err != nil {
		e := classify(err)
		if e.Status >= 500 && e.Code != "timeout" {
			s.uiError(w, r, err)
			return
		}
		b.Err = e.Message
		s.render(w, r, e.Status, "search", "", b)
		return
	}
	b.Res = res
	b.Offset, _ = strconv.Atoi(q.Get("offset"))
	b.Limit, _ = strconv.Atoi(q.Get("limit"))
	b.First = b.Offset + 1
	if b.Offset > 0 {
		p := r.URL.Query()
		p.Set("offset", strconv.Itoa(max(0, b.Offset-b.Limit)))
		b.Prev = "/search?" + p.Encode()
	}
	if uint64(b.Offset+b.Limit) < res.Total && b.Offset+b.Limit <= MaxOffset {
		p := r.URL.Query()
		p.Set("offset", strconv.Itoa(b.Offset+b.Limit))
		b.Next = "/search?" + p.Encode()
	}
	for _, f := range res.Sources {
		b.Sources = append(b.Sources, facetLink{f.Value, f.Count, withParam(r, "source", f.Value), f.Value == b.Source})
	}
	for _, f := range res.Months {
		fl := facetLink{Value: f.Value, Count: f.Count}
		if f.Value != "unknown" {
			fl.Href, fl.On = withParam(r, "since", f.Value, "until", f.Value), b.Since == f.Value && b.Until == f.Value
		}
		b.Months = append(b.Months, fl)
	}
	months := []app.VolumePoint{}
	for _, m := range res.Months {
		months = append(months, app.VolumePoint{Month: m.Value, Count: int64(m.Count)})
	}
	b.Volume = buildVolume(months)
	for _, f := range res.Entities {
		b.Ents = append(b.Ents, facetLink{f.Value, f.Count, withParam(r, "entity", f.Value), f.Value == b.Entity})
	}
	rq := r.URL.Query()
	for _, k := range []string{"offset", "limit", "lang", "facets", "highlight"} {
		rq.Del(k)
	}
	b.ReportURL = "/report?" + rq.Encode()
	b.ExportURL = "/api/v1/export?" + rq.Encode() + "&format=csv"
	b.JSONURL = "/api/v1/search?" + r.URL.Query().Encode()
	s.render(w, r, http.StatusOK, "search", q.Get("q"), b)
}

type articleBody struct {
	A       news.Article
	Paras   []paragraph
	CopyOf  string
	StoryID string
	Cited   bool
}

func (s *Server) uiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.d.ArticleByID(r.Context(), "article", r.PathValue("id"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	hs, he := -1, -1
	if hl := r.URL.Query().Get("hl"); hl != "" {
		a1, b1, ok := strings.Cut(hl, "-")
		x, e1 := strconv.Atoi(a1)
		y, e2 := strconv.Atoi(b1)
		if !ok || e1 != nil || e2 != nil || x < 0 || y <= x {
			s.uiError(w, r, badRequest(fmt.Sprintf("hl=%q: want START-END byte offsets of a sentence", hl)))
			return
		}
		hs, he = x, y
	}
	b := articleBody{A: a, Paras: markBody(&a, hs, he), Cited: he > 0}
	if a.CopyOf != "" {
		b.CopyOf = s.d.CopyOfLine(r.Context(), a.CopyOf)
	}
	s.render(w, r, http.StatusOK, "article", a.Title, b)
}

func (s *Server) uiStories(w http.ResponseWriter, r *http.Request) {
	f, err := storyFilter(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	stories, _, err := s.d.Stories(r.Context(), f)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "stories", uiStrings[langOf(w, r)]["stories"], stories[:min(200, len(stories))])
}

func (s *Server) uiStory(w http.ResponseWriter, r *http.Request) {
	st, err := s.d.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "story", st.Title, st)
}

func (s *Server) uiEntity(w http.ResponseWriter, r *http.Request) {
	e, err := s.d.Entity(r.Context(), r.PathValue("name"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", e.Name, e)
}

// uiReport is the report page: the very page `report --format html`
// writes, its citations opening the article view at the cited sentence.
func (s *Server) uiReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.buildReport(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := render.HTML(&buf, rep, reportLinks); err != nil {
		s.uiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

type savedBody struct {
	Saved []app.SavedSearch
	Err   string
	Form  app.SavedSearch
}

func (s *Server) uiSaved(w http.ResponseWriter, r *http.Request) {
	list, err := s.d.Saved().List()
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	q := r.URL.Query()
	b := savedBody{Saved: list, Form: app.SavedSearch{Query: q.Get("q"), Source: q.Get("source"), Entity: q.Get("entity"), Since: q.Get("since"), Until: q.Get("until")}}
	s.render(w, r, http.StatusOK, "saved", uiStrings[langOf(w, r)]["saved"], b)
}

func (s *Server) uiAddSaved(w http.ResponseWriter, r *http.Request) {
	in := app.SavedSearch{Name: strings.TrimSpace(r.PostFormValue("name")), Query: r.PostFormValue("q"), Source: r.PostFormValue("source"),
		Entity: r.PostFormValue("entity"), Since: r.PostFormValue("since"), Until: r.PostFormValue("until"), Webhook: strings.TrimSpace(r.PostFormValue("webhook"))}
	if err := s.addSaved(r.Context(), in); err != nil {
		list, _ := s.d.Saved().List()
		s.render(w, r, classify(err).Status, "saved", uiStrings[langOf(w, r)]["saved"], savedBody{Saved: list, Err: err.Error(), Form: in})
		return
	}
	http.Redirect(w, r, "/saved", http.StatusSeeOther)
}

func (s *Server) uiRemoveSaved(w http.ResponseWriter, r *http.Request) {
	if err := s.d.Saved().Remove(r.PathValue("name")); err != nil {
		s.uiError(w, r, err)
		return
	}
	http.Redirect(w, r, "/saved", http.StatusSeeOther)
}

func (s *Server) uiLogin(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", uiStrings[langOf(w, r)]["login"], map[string]string{"Next": safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a post-login redirect on this site.
func safeNext(n string) string {
	if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.HasPrefix(n, "/\\") {
		return "/"
	}
	return path.Clean("/"+strings.TrimPrefix(strings.SplitN(n, "?", 2)[0], "/")) + queryOf(n)
}

func queryOf(n string) string {
	if _, q, ok := strings.Cut(n, "?"); ok {
		return "?" + q
	}
	return ""
}

// uiSignIn checks a token and keeps it in an HttpOnly, SameSite=Strict
// cookie. The login form needs no CSRF token: a forged one could only
// sign the victim in with the forger's token, and SameSite=Strict keeps
// it from being sent cross-site.
func (s *Server) uiSignIn(w http.ResponseWriter, r *http.Request) {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		s.uiError(w, r, &apiError{http.StatusForbidden, "csrf", "sign in from this site's own login page"})
		return
	}
	tok := strings.TrimSpace(r.PostFormValue("token"))
	if _, ok := s.tokens.Check(tok); !ok {
		s.render(w, r, http.StatusUnauthorized, "login", "", map[string]string{"Next": safeNext(r.PostFormValue("next")), "Err": "the token is not valid"})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 30 * 24 * 3600})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

func (s *Server) uiSignOut(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
