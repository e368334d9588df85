package report

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/wordtable"
)

// An event is one happening (a killing, a meeting, an arrest) that several
// sentences may name with different words: «مقتل X» and «اغتيال X» are one
// event, and so are the outlets' accounts of it. A sentence names an event
// of a class when it holds one of the class's trigger words
// (triggers.tsv); two such sentences name the same event when the classes
// agree and so do the participants (see sameEvent). Dates, places and tolls
// given for one event can then be compared whatever words carried them.

//go:embed triggers.tsv
var triggersTSV string

// triggerLexicon maps trigger words to their class: single keys, and
// sequences of keys (multi-word triggers) by their first key.
type triggerLexicon struct {
	single map[string]string
	multi  map[string][]triggerSeq
	once   map[string]bool // classes of events that happen once to their participants
}

type triggerSeq struct {
	keys  []string
	class string
}

// triggers is the trigger lexicon, parsed on first use.
var triggers = sync.OnceValue(func() triggerLexicon {
	lex, err := parseTriggers(triggersTSV)
	if err != nil {
		panic(err) // the embedded file is checked by TestTriggerLexicon
	}
	return lex
})

// parseTriggers reads class<TAB>form|form… lines (wordtable's format;
// forms may be phrases).
func parseTriggers(tsv string) (triggerLexicon, error) {
	lex := triggerLexicon{single: map[string]string{}, multi: map[string][]triggerSeq{}, once: map[string]bool{}}
	rows, err := wordtable.Parse("triggers.tsv", tsv,
		wordtable.Column{Name: "class", Required: true},
		wordtable.Column{Name: "happens", Required: true},
		wordtable.Column{Name: "forms", Required: true, List: true, Phrase: true})
	if err != nil {
		return lex, err
	}
	for _, r := range rows {
		class := r.Cols[0][0]
		switch r.Cols[1][0] {
		case "once":
			lex.once[class] = true
		case "recurs":
		default:
			return lex, r.Errorf("happens is %q: want once or recurs", r.Cols[1][0])
		}
		for _, f := range r.Cols[2] {
			var keys []string
			arabic.EachTerm(f, func(_, _ int, key string, _ bool) {
				if key != "" {
					keys = append(keys, key)
				}
			})
			switch {
			case len(keys) == 0:
				return lex, r.Errorf("form %q has no word", f)
			case len(keys) == 1:
				if other, dup := lex.single[keys[0]]; dup && other != class {
					return lex, r.Errorf("%q is a trigger of %s and of %s", f, other, class)
				}
				lex.single[keys[0]] = class
			default:
				lex.multi[keys[0]] = append(lex.multi[keys[0]], triggerSeq{keys: keys, class: class})
			}
		}
	}
	return lex, nil
}

// eventMention is one sentence naming an event.
type eventMention struct {
	d          *doc
	si         int
	class      string
	start, end int      // the trigger's bytes in the body
	people     []string // canonical names of the people the sentence names, sorted
	others     []string // canonical names of the bodies and places, sorted
	date       news.Date
	hasDate    bool
}

// maxTriggerDate bounds how far (in bytes, about 35 words of Arabic) a
// date may stand from the trigger to be the event's date: further off, it
// dates something else in the sentence. When a sentence holds several
// dates, the nearest is the event's.
const maxTriggerDate = 400

// eventMentions finds the events d's sentences name, one per sentence and
// class (the first trigger of the class), with the sentence's participants
// and the date nearest the trigger.
func (d *doc) eventMentions() []eventMention {
	lex := triggers()
	var out []eventMention
	for si, s := range d.sents {
		seen := map[string]bool{}
		terms := d.terms[s.t0:s.t1]
		for i := 0; i < len(terms); i++ {
			class, n := lex.match(terms, i)
			if class == "" || seen[class] {
				continue
			}
			seen[class] = true
			m := eventMention{d: d, si: si, class: class, start: terms[i].start, end: terms[i+n-1].end}
			m.people, m.others = d.participants(s.start, s.end)
			m.date, m.hasDate = d.dateNear(s.start, s.end, m.start, m.end)
			out = append(out, m)
		}
	}
	return out
}

// match returns the class of the trigger starting at terms[i] and its
// length in terms ("", 0 when none); the longest trigger wins.
func (lex triggerLexicon) match(terms []term, i int) (string, int) {
	k := terms[i].key
	best, bestLen := "", 0
	for _, seq := range lex.multi[k] {
		if len(seq.keys) <= bestLen || i+len(seq.keys) > len(terms) {
			continue
		}
		ok := true
		for j, sk := range seq.keys {
			if terms[i+j].key != sk {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = seq.class, len(seq.keys)
		}
	}
	if bestLen == 0 {
		if c, ok := lex.single[k]; ok {
			return c, 1
		}
	}
	return best, bestLen
}

// participants returns the canonical names of the people, and of the bodies
// and places, that d's facts find in [start, end).
func (d *doc) participants(start, end int) (people, others []string) {
	for _, e := range d.a.Entities {
		if e.Start < start || e.End > end {
			continue
		}
		name := strings.TrimSpace(e.Canonical)
		if name == "" {
			name = strings.TrimSpace(e.Text)
		}
		if name == "" {
			continue
		}
		switch e.Type {
		case news.EntityPerson:
			people = append(people, name)
		case news.EntityOrg, news.EntityPlace:
			others = append(others, name)
		}
	}
	slices.Sort(people)
	slices.Sort(others)
	return slices.Compact(people), slices.Compact(others)
}

// dateNear returns the resolved calendar date in [start, end) nearest to the
// trigger [ts, te), within maxTriggerDate bytes.
func (d *doc) dateNear(start, end, ts, te int) (news.Date, bool) {
	var best news.Date
	bestDist, found := 0, false
	for _, dt := range d.a.Dates {
		if dt.Start < start || dt.End > end || !timelineDate(dt) {
			continue
		}
		dist := gap(dt.Start, dt.End, ts, te)
		if dist > maxTriggerDate {
			continue
		}
		if !found || dist < bestDist {
			best, bestDist, found = dt, dist, true
		}
	}
	return best, found
}

// gap is how many bytes lie between [start, end) and the trigger [ts, te)
// (0 when they touch or overlap).
func gap(start, end, ts, te int) int {
	switch {
	case start >= te:
		return start - te
	case end <= ts:
		return ts - end
	}
	return 0
}

// sameEvent reports whether two mentions name one event: the same class,
// and a person named by both (or, when neither names a person, two bodies
// or places in common), and no person in one that the other contradicts
// by naming only others. Shared words alone never make an event one:
// precision before recall.
func sameEvent(a, b *eventMention) bool {
	if a.class != b.class || a.d == b.d && a.si == b.si {
		return false
	}
	sharedPeople := overlap(a.people, b.people)
	switch {
	case sharedPeople > 0:
		return true
	case len(a.people) > 0 && len(b.people) > 0:
		return false // different people: different events
	case overlap(a.others, b.others) >= 2:
		return true
	case overlap(a.others, b.others) == 1 && sharedTopic(a.d.sents[a.si].set, b.d.sents[b.si].set) >= 2:
		// one place or body in common and two more words of what the
		// event is about (a truce signed in Doha: «هدنة إنسانية»)
		return true
	case a.d == b.d && len(a.people) == 0 && len(b.people) == 0:
		// One article, nobody named: the same kind of event about the
		// same thing («اكتمل بناء السد» … «سد وادي الخير الذي أنجز
		// بناؤه»), unless each names bodies or places the other does not.
		if len(a.others) > 0 && len(b.others) > 0 && overlap(a.others, b.others) == 0 {
			return false
		}
		return sharedTopic(a.d.sents[a.si].set, b.d.sents[b.si].set) > 0
	}
	return false
}

// sharedTopic counts the content keys two sentences share, leaving out
// event triggers, date words and numbers: what the events are about.
func sharedTopic(a, b []string) int {
	n := 0
	for _, k := range a {
		if _, ok := slices.BinarySearch(b, k); ok && !isTrigger(k) && !dateWords.has(k) && !supportWords.has(k) && !isNumberKey(k) {
			n++
		}
	}
	return n
}

// supportWords carry an event without naming what it is about («عقد
// اجتماع», «جرى لقاء»): sharing one is not sharing a topic.
var supportWords = keySet(`عقد عقدت يعقد أجرى أجرت يجري جرى جرت تم تمت شهد شهدت أعلن أعلنت قال قالت آخر أخرى`)

// isTrigger reports whether the key is a one-word event trigger.
func isTrigger(k string) bool {
	_, ok := triggers().single[k]
	return ok
}

// groupEvents puts the mentions that name one event together (union-find
// over sameEvent, compared within a class), keeping mention order inside
// each group; groups come in order of their first mention.
func groupEvents(ms []eventMention) [][]*eventMention {
	parent := make([]int, len(ms))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byClass := map[string][]int{}
	for i := range ms {
		byClass[ms[i].class] = append(byClass[ms[i].class], i)
	}
	for _, idx := range byClass {
		for x := 0; x < len(idx); x++ {
			for y := x + 1; y < len(idx); y++ {
				i, j := idx[x], idx[y]
				if sameEvent(&ms[i], &ms[j]) {
					if ri, rj := find(i), find(j); ri != rj {
						parent[max(ri, rj)] = min(ri, rj)
					}
				}
			}
		}
	}
	groups := map[int][]*eventMention{}
	var order []int
	for i := range ms {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], &ms[i])
	}
	out := make([][]*eventMention, 0, len(order))
	for _, r := range order {
		out = append(out, groups[r])
	}
	return out
}

// datesConflict reports two dates that cannot both be the date of one
// event: neither interval holds the other («يناير 2020» and «ديسمبر 2020»,
// «15 مارس» and «أبريل»), while «2020» and «ديسمبر 2020» agree.
func datesConflict(a, b news.Date) bool {
	as, ae, ok1 := dateSpan(a.Value, a.Granularity)
	bs, be, ok2 := dateSpan(b.Value, b.Granularity)
	if !ok1 || !ok2 {
		return false
	}
	aInB := !as.Before(bs) && !ae.After(be)
	bInA := !bs.Before(as) && !be.After(ae)
	return !aInB && !bInA
}
