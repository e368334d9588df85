package report

import "time"

// Citation points at the sentence an item was read from: the article, its
// source and publication date, and the byte span of the sentence in the
// article's Body().
type Citation struct {
	ArticleID string `json:"article_id"`
	Source    string `json:"source"`
	// Published is the article's publication date as RFC 3339, or "" when
	// the article has none.
	Published string `json:"published"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Sentence  string `json:"sentence,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Report is what Build returns: every section of the report over the
// articles that matched a query. Its JSON keys are the report schema (see
// the package documentation).
type Report struct {
	Query string `json:"query"`
	// StoryID is the story of `taqrir stories` the report is on
	// (report --story), absent for a report on a query.
	StoryID string `json:"story_id,omitempty"`
	// Topic is what was searched for: the query without the words that only
	// frame a request (RequestTopic); Framing lists those words.
	Topic          string          `json:"topic,omitempty"`
	Framing        []string        `json:"framing,omitempty"`
	GeneratedAt    time.Time       `json:"generated_at"`
	Articles       Articles        `json:"articles"`
	Summary        []Sentence      `json:"summary"`
	Timeline       []Event         `json:"timeline"`
	Actors         []Actor         `json:"actors"`
	Figures        []Figure        `json:"figures"`
	Claims         []SpeakerClaims `json:"claims"`
	Contradictions []Contradiction `json:"contradictions"`
	// ContradictionsHidden counts the contradictions found below the
	// confidence the report shows (Options.MinConfidence).
	ContradictionsHidden int      `json:"contradictions_hidden"`
	Coverage             Coverage `json:"coverage"`
}

// Empty reports whether no article matched.
func (r *Report) Empty() bool { return r.Articles.Included == 0 }

// Articles says which articles the report covers.
type Articles struct {
	Matched  int  `json:"matched"`  // articles that matched the query
	Included int  `json:"included"` // articles the report was built from
	Capped   bool `json:"capped"`   // true when Matched > Included: only the most relevant were used
	Limit    int  `json:"limit"`    // the cap in force
	// Relaxed is true when no article had every word of the query and the
	// report reads those that have most of them (as search does).
	Relaxed bool `json:"relaxed"`
	// Distinct counts the articles left once duplicates (syndicated or
	// re-published copies) count once.
	Distinct int `json:"distinct"`
	// Central counts the articles the report's sections are built from:
	// those not set aside as peripheral (see ArticleInfo.Peripheral).
	Central int `json:"central"`
	// Note is a sentence for the reader: no match, or the cap.
	Note string        `json:"note,omitempty"`
	List []ArticleInfo `json:"list"`
}

// ArticleInfo is one article the report used.
type ArticleInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"`
	URL       string `json:"url,omitempty"`
	// DuplicateOf is the id of the first article of the duplicate group
	// this one belongs to, when it is a copy of another.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Weight (0–1) is how central the article is to what was asked: the
	// topic's words in its title or lead, closeness to the most relevant
	// articles, outlets carrying it.
	Weight float64 `json:"weight"`
	// Peripheral articles count in the coverage but give the sections
	// nothing (a profile that names the topic once).
	Peripheral bool `json:"peripheral,omitempty"`
}

// Sentence is one summary sentence.
type Sentence struct {
	Text string `json:"text"`
	// Dateline is the place and outlet tag the sentence opened with
	// («لندن - بي بي سي:»), taken off Text: metadata, not news.
	Dateline string `json:"dateline,omitempty"`
	// Outlets is how many distinct sources carried this sentence (or a
	// near-identical copy of it); Citations holds each copy.
	Outlets   int        `json:"outlets"`
	Citations []Citation `json:"citations"`
}

// Event is one dated event of the timeline: the date an event happened as
// an article states it, not the publication date.
type Event struct {
	Date        string `json:"date"`        // TIMEX value: 2025-03-14, 2025-03, 2025, 2025-W11, start/end
	Granularity string `json:"granularity"` // day, week, month, year, time or range
	DateText    string `json:"date_text"`   // the date as the first source wrote it
	Text        string `json:"text"`        // the sentence that dates the event
	Sources     int    `json:"sources"`     // distinct sources reporting it
	// Background marks an event that ended well before the first article
	// of the report (a birth year, an old war, an earlier attack recalled):
	// it stays, below the story's own events.
	Background bool       `json:"background"`
	Citations  []Citation `json:"citations"`
}

// Actor is one entity of the report, by salience.
type Actor struct {
	Name     string   `json:"name"` // canonical name
	Type     string   `json:"type"` // PERS, ORG, LOC or MISC
	Aliases  []string `json:"aliases"`
	Roles    []string `json:"roles"`
	Mentions int      `json:"mentions"`
	Articles int      `json:"articles"`
	// Salience ranks actors: mentions weighted by where they occur (the
	// title and the lead count more) and by how many sources name them.
	Salience float64 `json:"salience"`
	Claims   []Claim `json:"claims"` // most central first
	// Weight sums the weights of the speaker's claims: speakers come most
	// central first.
	Weight    float64    `json:"weight"`
	Citations []Citation `json:"citations"`
}

// Figure is one quantity: what it counts, who stated it and when.
type Figure struct {
	Text        string  `json:"text"` // the figure as written
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Counted     string  `json:"counted,omitempty"`
	Approximate bool    `json:"approximate"`
	Speaker     string  `json:"speaker,omitempty"` // who stated it, when the sentence is an attributed claim
	Published   string  `json:"published"`         // publication date of the first source
	Sentence    string  `json:"sentence"`
	Sources     int     `json:"sources"`
	// Weight is how central the figure is to the report: for each outlet
	// that carries it, the weight of its most central article carrying
	// it, summed. The report keeps the figures of most weight.
	Weight    float64    `json:"weight"`
	Citations []Citation `json:"citations"`
}

// Claim is one attributed statement.
type Claim struct {
	Speaker   string `json:"speaker"`
	Text      string `json:"text"`
	Cue       string `json:"cue"`
	Anonymous bool   `json:"anonymous"`
	Direct    bool   `json:"direct"`
	// Weight is how central the statement is to the report, as a
	// figure's: summed over the outlets that carry it.
	Weight    float64    `json:"weight"`
	Citations []Citation `json:"citations"`
}

// SpeakerClaims are the claims of one speaker.
type SpeakerClaims struct {
	Speaker   string  `json:"speaker"` // canonical name, or the descriptor as written
	Anonymous bool    `json:"anonymous"`
	Claims    []Claim `json:"claims"` // most central first
	// Weight sums the weights of the speaker's claims: speakers come most
	// central first.
	Weight    float64    `json:"weight"`
	Citations []Citation `json:"citations"`
}

// Contradiction kinds.
const (
	KindDate     = "date"     // the same event dated differently
	KindFigure   = "figure"   // the same counted thing with different values
	KindDecrease = "decrease" // a running count (a toll) lower in a later report
	KindPlace    = "place"    // the same event located in two places
	KindDisputed = "disputed" // different values, each attributed to a different speaker
	KindAccount  = "account"  // accounts that conflict: one party asserts what another denies, or incompatible states
)

// Contradiction is one fact reported with different values, each value with
// its citations. The report does not say which value is right.
type Contradiction struct {
	Kind    string  `json:"kind"`
	Subject string  `json:"subject"` // what the values are about, in words of the sources
	Values  []Value `json:"values"`
	// Confidence (0–1) that the values are about one thing and do not
	// agree: the report shows only contradictions at or above
	// Options.MinConfidence.
	Confidence float64 `json:"confidence"`
	// WithinArticle is true when one article gives both values.
	WithinArticle bool `json:"within_article"`
	// Citations gathers the citations of every value.
	Citations []Citation `json:"citations"`
}

// Value is one side of a contradiction.
type Value struct {
	Value     string     `json:"value"` // 2025-03-14, 2020-01, 41, 2500000 برميل
	Text      string     `json:"text"`  // as written
	Speaker   string     `json:"speaker,omitempty"`
	Citations []Citation `json:"citations"`
}

// Coverage counts articles per source and per day of publication.
type Coverage struct {
	Sources []Count `json:"sources"` // per source, most first
	Days    []Count `json:"days"`    // per day (2025-03-14, or "unknown"), oldest first
	Cells   []Cell  `json:"cells"`   // per source and day
}

// Count is one coverage bar.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
	// Citations cite the opening sentence of each article counted.
	Citations []Citation `json:"citations"`
}

// Cell is the number of articles of one source on one day.
type Cell struct {
	Source string `json:"source"`
	Day    string `json:"day"`
	Count  int    `json:"count"`
}
