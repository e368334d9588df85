package realnews

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/report"
)

// StoryReportScore is a report on one gold story scored against it.
//
// The measures are automatic proxies, stated so a reader can weigh them:
//   - timeline: of the ten timeline entries carried by most sources (the
//     story's own before those the report marks background), those
//     dated inside the story's span (three days either side) are right; a
//     background date (an old war, a birth year) among the top ten is wrong;
//   - actors: of the ten most salient actors, those that are one of the
//     story's gold actors (by name or alias, folded) are right: a lower
//     bound, since the gold lists the key actors only;
//   - contradictions: a flagged contradiction is found when its citations
//     cover two sides of a gold disagreement (same article URL, the side's
//     quote in the cited sentence), false when they cover two sides of a
//     trap, and unjudged otherwise; precision is found / (found + false),
//     and strict precision found / flagged;
//   - datelines: summary sentences that open with a dateline or an agency
//     tag («لندن - بي بي سي», «(رويترز) -»).
type StoryReportScore struct {
	Story            string `json:"story"`
	Split            string `json:"split"`
	Articles         int    `json:"articles"` // gold articles found in the store
	TimelineTop      int    `json:"timeline_top"`
	TimelineInSpan   int    `json:"timeline_in_span"`
	BackgroundInSpan int    `json:"background_in_span"` // timeline entries marked background yet dated inside the story's span
	ActorsTop        int    `json:"actors_top"`
	ActorsGold       int    `json:"actors_gold"`
	Flagged          int    `json:"flagged"`
	Found            int    `json:"found"`             // flagged contradictions matching a gold disagreement
	False            int    `json:"false"`             // flagged contradictions matching a trap
	GoldTotal        int    `json:"gold_total"`        // gold disagreements
	GoldFound        int    `json:"gold_found"`        // gold disagreements some contradiction matches
	GoldFindable     int    `json:"gold_findable"`     // of which date or count (the kinds the report flags today)
	SummaryDatelines int    `json:"summary_datelines"` // summary sentences opening with a dateline
	Summary          int    `json:"summary"`
	// JudgedReal and JudgedFalse count the flagged contradictions found
	// or false by the anchors, or judged so in contradictions-judged.tsv
	// (Judge); Unjudged those neither decides.
	JudgedReal  int      `json:"judged_real"`
	JudgedFalse int      `json:"judged_false"`
	Unjudged    int      `json:"unjudged"`
	verdicts    []string // per flagged contradiction: found, false or unjudged
	keys        []string // per flagged contradiction: ContradictionKey
	// TopActors are the report's ten most salient actors as "name (TYPE)",
	// for reading and for the judged list (actors-judged.tsv).
	TopActors []string `json:"top_actors"`
	Notes     []string `json:"notes,omitempty"`
}

// datelineRe finds a dateline or agency tag at the start of a sentence: a
// place and a dash, an outlet in parentheses, or both.
var datelineRe = regexp.MustCompile(`^\s*(?:[^\s.:؛()–—-]+[،,]?\s+){0,6}\([^()]{1,40}\)\s*[-–—:]|^\s*(?:[^\s.:؛()–—-]+[،,]?\s+){1,3}[-–—]\s`)

// HasDateline reports whether s opens with a dateline or agency tag.
func HasDateline(s string) bool {
	head := s
	if len(head) > 160 {
		head = head[:160]
	}
	return datelineRe.MatchString(head)
}

// ScoreStoryReport scores rep, a report built over the gold story's
// articles, against the story.
func ScoreStoryReport(st Story, rep *report.Report) StoryReportScore {
	s := StoryReportScore{Story: st.ID, Split: string(st.Split), Articles: rep.Articles.Included, GoldTotal: len(st.Disagreements)}
	from, _ := time.Parse("2006-01-02", st.From)
	to, _ := time.Parse("2006-01-02", st.To)
	from, to = from.AddDate(0, 0, -3), to.AddDate(0, 0, 4)

	inSpan := func(e report.Event) bool {
		a, b, ok := eventSpan(e.Date)
		return ok && !a.Before(from) && !b.After(to)
	}
	events := append([]report.Event(nil), rep.Timeline...)
	sort.SliceStable(events, func(i, j int) bool {
		if events[i].Background != events[j].Background {
			return !events[i].Background // the report puts background below the story's own events
		}
		return events[i].Sources > events[j].Sources
	})
	for _, e := range events[:min(10, len(events))] {
		s.TimelineTop++
		if inSpan(e) {
			s.TimelineInSpan++
		} else {
			head := []rune(e.Text)
			s.Notes = append(s.Notes, fmt.Sprintf("timeline out of span: %s (%d sources, background %v): %s", e.Date, e.Sources, e.Background, string(head[:min(len(head), 90)])))
		}
	}
	for _, e := range events {
		if e.Background && inSpan(e) {
			s.BackgroundInSpan++ // demoted wrongly: the guard against marking everything background
		}
	}

	gold := map[string]bool{}
	for _, a := range st.Actors {
		gold[arabic.Fold(a.Name)] = true
		for _, al := range a.Aliases {
			gold[arabic.Fold(al)] = true
		}
	}
	for _, a := range rep.Actors[:min(10, len(rep.Actors))] {
		s.ActorsTop++
		s.TopActors = append(s.TopActors, a.Name+" ("+a.Type+")")
		hit := gold[arabic.Fold(a.Name)]
		for _, al := range a.Aliases {
			hit = hit || gold[arabic.Fold(al)]
		}
		if hit {
			s.ActorsGold++
		} else {
			s.Notes = append(s.Notes, "actor not in gold: "+a.Name+" ("+a.Type+")")
		}
	}

	found := make([]bool, len(st.Disagreements))
	for _, c := range rep.Contradictions {
		s.Flagged++
		matched := false
		for i, d := range st.Disagreements {
			if sidesCovered(d.Sides, c.Citations) >= 2 {
				matched, found[i] = true, true
			}
		}
		trap := false
		for _, t := range st.Traps {
			if sidesCovered(t.Sides, c.Citations) >= 2 {
				trap = true
			}
		}
		verdict := "unjudged"
		switch {
		case matched:
			s.Found++
			verdict = "found"
		case trap:
			s.False++
			verdict = "false"
		}
		s.verdicts = append(s.verdicts, verdict)
		s.keys = append(s.keys, ContradictionKey(c))
		var vals []string
		for _, v := range c.Values {
			vals = append(vals, v.Value+" «"+v.Text+"»")
		}
		s.Notes = append(s.Notes, fmt.Sprintf("contradiction %s (%s, confidence %.2f, within article %v): %s: %s", verdict, c.Kind, c.Confidence, c.WithinArticle, c.Subject, strings.Join(vals, " / ")))
	}
	for i, d := range st.Disagreements {
		if d.Kind == KindDate || d.Kind == KindCount {
			s.GoldFindable++
		}
		if found[i] {
			s.GoldFound++
		}
	}
	for _, x := range rep.Summary {
		s.Summary++
		if HasDateline(x.Text) {
			s.SummaryDatelines++
			head := []rune(x.Text)
			s.Notes = append(s.Notes, "dateline: "+string(head[:min(len(head), 70)]))
		}
	}
	s.JudgedReal, s.JudgedFalse, s.Unjudged = s.Found, s.False, s.Flagged-s.Found-s.False
	return s
}

// eventSpan is the interval a timeline date covers.
func eventSpan(v string) (time.Time, time.Time, bool) {
	a, b, _ := strings.Cut(v, "/")
	start, ok1 := parsePrefix(a)
	if b == "" {
		b = a
	}
	end, ok2 := parsePrefix(b)
	return start, end, ok1 && ok2
}

func parsePrefix(v string) (time.Time, bool) {
	for _, l := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) >= len(l) {
			if t, err := time.Parse(l, v[:len(l)]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// sidesCovered counts the anchors some citation covers: the same article
// (by canonical URL) and the anchor's quote inside the cited sentence (or
// most of its words, the sentence being cut differently).
func sidesCovered(sides []Anchor, cites []report.Citation) int {
	n := 0
	for _, a := range sides {
		u := news.CanonicalizeURL(a.URL)
		for _, c := range cites {
			if news.CanonicalizeURL(c.URL) == u && quoteIn(a.Quote, c.Sentence) {
				n++
				break
			}
		}
	}
	return n
}

func quoteIn(quote, sentence string) bool {
	q, s := arabic.Fold(quote), arabic.Fold(sentence)
	if strings.Contains(s, q) {
		return true
	}
	words := strings.Fields(q)
	if len(words) == 0 {
		return false
	}
	in := 0
	for _, w := range words {
		if strings.Contains(s, w) {
			in++
		}
	}
	return float64(in) >= 0.7*float64(len(words))
}
