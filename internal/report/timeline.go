package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// maxEvents caps the timeline: the most reported events are kept.
const maxEvents = 120

// sameEventSim is the key overlap (Jaccard) above which two sentences
// giving the same date are the same event.
const sameEventSim = 0.3

type event struct {
	Event
	start, end time.Time
	keys       []string
	sources    map[string]bool
	first      *doc
}

// timeline lists the dated events of the articles in the order they
// happened: each resolved, non-vague date expression with the sentence that
// holds it; the same date in similar sentences from several articles is
// one event, counted per source.
func timeline(docs []*doc) []Event {
	var evs []*event
	byDate := map[string][]*event{}
	for _, d := range docs {
		for _, dd := range sentenceDates(d) {
			dt, start, end, si := dd.dt, dd.start, dd.end, dd.si
			s := d.sents[si]
			key := dt.Granularity + "|" + dt.Value
			var ev *event
			for _, e := range byDate[key] {
				if jaccardSorted(e.keys, s.set) >= sameEventSim {
					ev = e
					break
				}
			}
			if ev == nil {
				ev = &event{Event: Event{Date: dt.Value, Granularity: dt.Granularity, DateText: quote(spanText(d.body, dt.Start, dt.End, dt.Text)), Text: s.text},
					start: start, end: end, keys: s.set, sources: map[string]bool{}, first: d}
				byDate[key] = append(byDate[key], ev)
				evs = append(evs, ev)
			}
			c := d.cite(si)
			if !hasCitation(ev.Citations, c) {
				ev.Citations = append(ev.Citations, c)
				ev.sources[d.src] = true
			}
		}
	}
	if first, ok := firstPublished(docs); ok {
		cut := first.AddDate(0, 0, -backgroundDays)
		for _, e := range evs {
			e.Background = !e.end.After(cut)
		}
	}
	if len(evs) > maxEvents {
		// the story's own events first, then the most reported
		sort.SliceStable(evs, func(i, j int) bool {
			if evs[i].Background != evs[j].Background {
				return !evs[i].Background
			}
			return len(evs[i].sources) > len(evs[j].sources)
		})
		evs = evs[:maxEvents]
	}
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if !a.start.Equal(b.start) {
			return a.start.Before(b.start)
		}
		// The same start: the wider span (a month) before the day in it.
		if !a.end.Equal(b.end) {
			return a.end.After(b.end)
		}
		return docBefore(a.first, b.first)
	})
	out := make([]Event, len(evs))
	for i, e := range evs {
		e.Sources = len(e.sources)
		out[i] = e.Event
	}
	return out
}

// backgroundDays is how long before the report's first article an event
// must have ended to be background: a recalled attack of the week before
// is part of the story, a war of 1973 or an arrest of 2006 is not.
// Chosen on the real-news dev stories (see eval realnews).
const backgroundDays = 3

// firstPublished is the earliest publication day of the report's articles.
func firstPublished(docs []*doc) (time.Time, bool) {
	var first time.Time
	for _, d := range docs {
		if !d.a.HasPublished() {
			continue
		}
		day := d.a.Published.UTC().Truncate(24 * time.Hour)
		if first.IsZero() || day.Before(first) {
			first = day
		}
	}
	return first, !first.IsZero()
}

type sentDate struct {
	dt         news.Date
	start, end time.Time
	si         int
}

// sentenceDates returns the timeline dates of d with their sentence, one
// sentence one event: when a sentence's dates are read at two
// granularities (the day of the crossing and the week of the signing it
// recalls, the month and a day of it) only the finest stays, so the
// sentence is one event at its most precise date. Two dates of the same
// granularity (signed on the 14th, in force on the 1st) stay two events.
func sentenceDates(d *doc) []sentDate {
	var out []sentDate
	finest := map[int]int{} // sentence → finest granularity rank
	for _, dt := range d.a.Dates {
		if !timelineDate(dt) {
			continue
		}
		start, end, ok := dateSpan(dt.Value, dt.Granularity)
		if !ok {
			continue
		}
		si := d.sentenceAt(dt.Start)
		if si < 0 {
			continue
		}
		out = append(out, sentDate{dt, start, end, si})
		r := granRank(start, end)
		if f, ok := finest[si]; !ok || r < f {
			finest[si] = r
		}
	}
	var keep []sentDate
	for _, x := range out {
		if granRank(x.start, x.end) == finest[x.si] {
			keep = append(keep, x)
		}
	}
	return keep
}

// granRank orders spans by precision: a time, a day, up to a week, up to a
// month, longer. A range ranks by its length.
func granRank(start, end time.Time) int {
	switch d := end.Sub(start); {
	case d < 24*time.Hour:
		return 0
	case d <= 24*time.Hour:
		return 1
	case d <= 7*24*time.Hour:
		return 2
	case d <= 31*24*time.Hour:
		return 3
	}
	return 4
}

// timelineDate keeps dates that place an event: resolved, not vague, not a
// bare duration.
func timelineDate(dt news.Date) bool {
	if dt.Value == "" || dt.Unresolved {
		return false
	}
	if dt.Granularity == news.GranYear && dt.Relative && !hasDigit(dt.Text) {
		return false // «هذا العام», «العام الماضي»: a year is no event's date
	}
	if dt.Relative && approximate(dt.Text) {
		return false // «منذ نحو أسبوعين»: our arithmetic on a round figure dates nothing
	}
	switch dt.Granularity {
	case news.GranDay, news.GranWeek, news.GranMonth, news.GranYear, news.GranTime, news.GranRange:
		return true
	}
	return false
}

// dateSpan reads a TIMEX value into the interval it covers, [start, end).
func dateSpan(value, gran string) (start, end time.Time, ok bool) {
	if gran == news.GranRange || strings.Contains(value, "/") {
		a, b, found := strings.Cut(value, "/")
		if !found {
			return time.Time{}, time.Time{}, false
		}
		s, _, ok1 := dateSpan(a, "")
		_, e, ok2 := dateSpan(b, "")
		return s, e, ok1 && ok2 && !e.Before(s)
	}
	switch {
	case len(value) >= 16 && value[10] == 'T':
		t, err := time.Parse("2006-01-02T15:04", value[:16])
		return t, t.Add(time.Minute), err == nil
	case len(value) == 10:
		t, err := time.Parse("2006-01-02", value)
		return t, t.AddDate(0, 0, 1), err == nil
	case len(value) == 7:
		t, err := time.Parse("2006-01", value)
		return t, t.AddDate(0, 1, 0), err == nil
	case len(value) == 4:
		t, err := time.Parse("2006", value)
		return t, t.AddDate(1, 0, 0), err == nil
	case len(value) >= 7 && value[4] == '-' && value[5] == 'W':
		y, err1 := strconv.Atoi(value[:4])
		w, err2 := strconv.Atoi(value[6:])
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return time.Time{}, time.Time{}, false
		}
		// ISO week 1 holds the year's first Thursday.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		s := monday.AddDate(0, 0, 7*(w-1))
		return s, s.AddDate(0, 0, 7), true
	}
	return time.Time{}, time.Time{}, false
}

// quote is a span of an article as its source wrote it, for the reader:
// every character kept (diacritics, hamza, tatweel, Arabic-Indic digits),
// only runs of white space (a line break inside a quote spanning two
// paragraphs) made one space. Never the normalised text: a quote is quoted
// exactly.
func quote(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// spanText returns body[start:end] when the span is valid, else fallback.
func spanText(body string, start, end int, fallback string) string {
	if start >= 0 && end <= len(body) && start < end {
		return body[start:end]
	}
	return fallback
}

func hasCitation(cs []Citation, c Citation) bool {
	for _, x := range cs {
		if x.ArticleID == c.ArticleID && x.Start == c.Start && x.End == c.End {
			return true
		}
	}
	return false
}

// jaccardSorted is jaccard for two sorted lists holding each key once,
// without building sets.
func jaccardSorted(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// approxWords make a relative date a round figure («منذ نحو أسبوعين»،
// «قبل حوالي شهر»).
var approxWords = keySet(`نحو حوالي حوالى قرابة زهاء تقريبا يقارب ما يقرب`)

// approximate reports whether a date expression holds an approximation.
func approximate(text string) bool {
	found := false
	arabic.EachTerm(text, func(_, _ int, key string, _ bool) {
		found = found || approxWords.has(key)
	})
	return found
}
