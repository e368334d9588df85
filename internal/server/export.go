package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/report"
)

// decodeJSON reads a small JSON request body into v, refusing unknown keys.
func decodeJSON(r *http.Request, v any) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return &apiError{http.StatusUnsupportedMediaType, "unsupported_type", "send Content-Type application/json"}
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("the JSON body: " + err.Error())
	}
	return nil
}

// SafeCell neutralises a CSV cell a spreadsheet would read as a formula
// (starting with = + - @, or a tab or carriage return): a leading ' makes
// it text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// table is what an export writes row by row: CSV with a header, or JSONL
// objects with the same keys.
type table struct {
	w      io.Writer
	csv    *csv.Writer
	json   *json.Encoder
	header []string
	rows   int
	flush  func()
}

func newTable(w http.ResponseWriter, format, name string, header []string) (*table, error) {
	t := &table{w: w, header: header, flush: func() {}}
	if f, ok := w.(http.Flusher); ok {
		t.flush = f.Flush
	}
	switch format {
	case "csv", "":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Write([]byte("\ufeff")) // a BOM, so spreadsheets read UTF-8 Arabic right
		t.csv = csv.NewWriter(w)
		t.csv.Write(header)
	case "jsonl":
		w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.jsonl"`)
		t.json = json.NewEncoder(w)
		t.json.SetEscapeHTML(false)
	default:
		return nil, badRequest(fmt.Sprintf("format=%q: want csv or jsonl", format))
	}
	return t, nil
}

// row writes one row: cells in header order.
func (t *table) row(cells ...string) error {
	t.rows++
	if t.csv != nil {
		safe := make([]string, len(cells))
		for i, c := range cells {
			safe[i] = SafeCell(c)
		}
		t.csv.Write(safe)
		if t.rows%200 == 0 {
			t.csv.Flush()
			t.flush()
		}
		return t.csv.Error()
	}
	obj := make(map[string]string, len(cells))
	for i, c := range cells {
		obj[t.header[i]] = c
	}
	return t.json.Encode(obj)
}

func (t *table) close() {
	if t.csv != nil {
		t.csv.Flush()
	}
	t.flush()
}

// exportPage is how many hits an export reads at a time.
const exportPage = 500

// apiExport streams search results (q), a story's articles (story) or a
// report's actors, figures or claims (what=actors|figures|claims, on q or
// story) as CSV or JSONL. Rows are written as they are read: nothing
// holds the whole export in memory.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format != "" && format != "csv" && format != "jsonl" {
		writeError(w, badRequest(fmt.Sprintf("format=%q: want csv or jsonl", format)))
		return
	}
	what := q.Get("what")
	switch what {
	case "", "articles":
		if q.Get("story") != "" {
			s.exportStory(w, r, format)
		} else {
			s.exportSearch(w, r, format)
		}
	case "actors", "figures", "claims":
		s.exportReport(w, r, format, what)
	default:
		writeError(w, badRequest(fmt.Sprintf("what=%q: want articles, actors, figures or claims", what)))
	}
}

var articleHeader = []string{"id", "published", "source", "title", "url", "score"}

func (s *Server) exportSearch(w http.ResponseWriter, r *http.Request, format string) {
	req, err := searchRequest(r, true)
	if err != nil {
		writeError(w, err)
		return
	}
	req.Limit, req.NoFacets, req.NoHighlight = exportPage, true, true
	// The first page is read before anything is written, so a bad query
	// is still a JSON error.
	res, err := s.d.Search(r.Context(), req)
	if err != nil {
		writeError(w, timedOut(r.Context(), err))
		return
	}
	t, err := newTable(w, format, "search", articleHeader)
	if err != nil {
		writeError(w, err)
		return
	}
	defer t.close()
	for {
		for _, h := range res.Hits {
			url := ""
			if a, err := s.d.Store.Article(r.Context(), h.ID); err == nil {
				url = a.URL
			}
			if t.row(h.ID, published(h.Published), h.Source, h.Title, url, strconv.FormatFloat(h.Score, 'f', 4, 64)) != nil {
				return // the client went away
			}
		}
		req.Offset += len(res.Hits)
		if len(res.Hits) < exportPage || uint64(req.Offset) >= res.Total || r.Context().Err() != nil {
			return
		}
		if res, err = s.d.Search(r.Context(), req); err != nil {
			return // mid-stream: the truncated export is all we can say
		}
	}
}

func published(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}

func (s *Server) exportStory(w http.ResponseWriter, r *http.Request, format string) {
	st, err := s.d.Story(r.Context(), r.URL.Query().Get("story"))
	if err != nil {
		writeError(w, err)
		return
	}
	t, err := newTable(w, format, "story-"+st.ID, []string{"id", "published", "source", "title", "url", "duplicate_of"})
	if err != nil {
		writeError(w, err)
		return
	}
	defer t.close()
	for _, ref := range st.Articles {
		url, pub := "", ""
		if a, err := s.d.Store.Article(r.Context(), ref.ID); err == nil {
			url = a.URL
		}
		if !ref.Published.IsZero() {
			pub = ref.Published.Format(time.RFC3339)
		}
		if t.row(ref.ID, pub, ref.Source, ref.Title, url, ref.DuplicateOf) != nil {
			return
		}
	}
}

func (s *Server) exportReport(w http.ResponseWriter, r *http.Request, format, what string) {
	rep, err := s.buildReport(r)
	if err != nil {
		writeError(w, err)
		return
	}
	cite := func(cs []report.Citation) (string, string) {
		if len(cs) == 0 {
			return "", ""
		}
		return cs[0].ArticleID, cs[0].Sentence
	}
	switch what {
	case "actors":
		t, err := newTable(w, format, "actors", []string{"name", "type", "aliases", "roles", "mentions", "articles", "article_id", "sentence"})
		if err != nil {
			writeError(w, err)
			return
		}
		defer t.close()
		for _, a := range rep.Actors {
			id, sent := cite(a.Citations)
			t.row(a.Name, a.Type, strings.Join(a.Aliases, "|"), strings.Join(a.Roles, "|"), strconv.Itoa(a.Mentions), strconv.Itoa(a.Articles), id, sent)
		}
	case "figures":
		t, err := newTable(w, format, "figures", []string{"text", "value", "unit", "counted", "speaker", "article_id", "sentence"})
		if err != nil {
			writeError(w, err)
			return
		}
		defer t.close()
		for _, f := range rep.Figures {
			id, sent := cite(f.Citations)
			t.row(f.Text, strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit, f.Counted, f.Speaker, id, sent)
		}
	case "claims":
		t, err := newTable(w, format, "claims", []string{"speaker", "text", "cue", "direct", "anonymous", "article_id", "sentence"})
		if err != nil {
			writeError(w, err)
			return
		}
		defer t.close()
		for _, sc := range rep.Claims {
			for _, c := range sc.Claims {
				id, sent := cite(c.Citations)
				t.row(sc.Speaker, c.Text, c.Cue, strconv.FormatBool(c.Direct), strconv.FormatBool(c.Anonymous), id, sent)
			}
		}
	}
}
