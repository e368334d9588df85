package server

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/app"
)

// atomFeed is the Atom document of a saved search's matches.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string   `xml:"title"`
	ID        string   `xml:"id"`
	Updated   string   `xml:"updated"`
	Published string   `xml:"published,omitempty"`
	Link      atomLink `xml:"link"`
	Summary   string   `xml:"summary"`
}

// feed serves /feeds/NAME.atom: the latest new matches of a saved search
// (recorded as articles are ingested, never by re-running the query here).
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok {
		writeError(w, &apiError{http.StatusNotFound, "not_found", "feeds are /feeds/NAME.atom"})
		return
	}
	sv, err := s.d.Saved().Get(name)
	if err != nil {
		writeError(w, err)
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	f := atomFeed{Lang: "ar", Title: "taqrir: " + sv.Name + " — " + sv.Query, ID: "tag:taqrir,2026:saved/" + sv.Name,
		Updated: sv.Created.Format(time.RFC3339), Author: atomAuthor{Name: "taqrir"},
		Link: []atomLink{{Href: base + "/feeds/" + sv.Name + ".atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/search?q=" + url.QueryEscape(sv.Query), Rel: "alternate", Type: "text/html"}}}
	if len(sv.Matches) > 0 {
		f.Updated = sv.Matches[0].Matched.Format(time.RFC3339)
	}
	for _, m := range sv.Matches {
		e := atomEntry{Title: m.Title, ID: "tag:taqrir,2026:article/" + m.ID, Updated: m.Matched.Format(time.RFC3339),
			Link: atomLink{Href: base + "/articles/" + m.ID, Rel: "alternate", Type: "text/html"}, Summary: summaryOf(m)}
		if m.Published != nil {
			e.Published = m.Published.Format(time.RFC3339)
		}
		f.Entries = append(f.Entries, e)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	enc.Encode(f)
}

func summaryOf(m app.Match) string {
	s := m.Source
	if m.Published != nil {
		s += " · " + m.Published.Format("2006-01-02")
	}
	return fmt.Sprintf("%s (%s)", m.Title, s)
}
