package facts

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/claims"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/facts/quantity"
	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/facts/timex"
	"github.com/taqrir/taqrir/internal/news"
)

// Extract returns the facts of an article body (news.Article.Body()):
// entities with canonical names and roles, dates resolved against
// published (the zero time leaves relative dates unresolved), figures and
// claims. Every offset is a byte offset into body.
func Extract(body string, published time.Time) news.Facts {
	if len(body) <= MaxWindowBytes {
		return extractWindow(body, published)
	}
	var all news.Facts
	for s := 0; s < len(body); {
		e := windowEnd(body, s)
		f := extractWindow(body[s:e], published)
		for _, x := range f.Entities {
			x.Start, x.End = x.Start+s, x.End+s
			all.Entities = append(all.Entities, x)
		}
		for _, x := range f.Dates {
			x.Start, x.End = x.Start+s, x.End+s
			all.Dates = append(all.Dates, x)
		}
		for _, x := range f.Quantities {
			x.Start, x.End = x.Start+s, x.End+s
			all.Quantities = append(all.Quantities, x)
		}
		for _, x := range f.Claims {
			x.Start, x.End = x.Start+s, x.End+s
			x.SentenceStart, x.SentenceEnd = x.SentenceStart+s, x.SentenceEnd+s
			all.Claims = append(all.Claims, x)
		}
		s = e
	}
	return all
}

// MaxWindowBytes is the most body text the fact stages read at once. A
// longer body (a news article is a few kilobytes; this is some forty
// pages) is read in windows cut at paragraph breaks, so the stages' working
// memory, tens of bytes per token in each of them, is bounded by the window
// and not by the item: a 7 MB item of prose had 368 MB live in one pass.
// Entities are resolved, and the tagger's document memory kept, within a
// window.
const MaxWindowBytes = 256 << 10

// windowEnd returns the end of the window that starts at s: the last
// paragraph break within MaxWindowBytes, else the last line break, else the
// last space, else a rune boundary.
func windowEnd(body string, s int) int {
	limit := s + MaxWindowBytes
	if limit >= len(body) {
		return len(body)
	}
	w := body[s:limit]
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(w, sep); i > 0 {
			return s + i + len(sep)
		}
	}
	for limit > s+1 && !utf8.RuneStart(body[limit]) {
		limit--
	}
	return limit
}

// extractWindow is Extract over text of at most MaxWindowBytes.
func extractWindow(body string, published time.Time) news.Facts {
	if body == "" {
		return news.Facts{}
	}
	// The text is analysed once (sentences, tokens, folds) and every
	// stage reads that analysis; the gazetteer keys the tagger's word
	// cache holds serve the gazetteer hits and the resolver alike.
	d := arabic.Analyse(body)
	mentions, keys, starts := mentionsDoc(d)
	entities := resolve.ResolveDoc(d, keys, starts, mentions)
	dates := timex.ExtractDoc(d, published)
	// Figures are read outside the dates (a year is not a count); the
	// date spans are passed on rather than found a second time.
	skip := make([][2]int, len(dates))
	for i, d := range dates {
		skip[i] = [2]int{d.Start, d.End}
	}
	var quantities []news.Quantity
	for _, m := range quantity.FindDoc(d, skip) {
		quantities = append(quantities, m.Quantity)
	}
	return news.Facts{
		Entities:   entities,
		Dates:      dates,
		Quantities: quantities,
		Claims:     claims.ExtractDoc(d, entities),
	}
}

// ExtractArticle fills a.Facts from the article's body and publication
// date, replacing any facts it had.
func ExtractArticle(a *news.Article) {
	a.Facts = Extract(a.Body(), a.Published)
}

// Mentions returns the entity mentions of body that resolution starts
// from: the tagger's spans, then the gazetteer names the tagger missed
// (see gazetteerHits), with no two overlapping.
func Mentions(body string) []resolve.Mention {
	ms, _, _ := mentionsDoc(arabic.Analyse(body))
	return ms
}

// mentionsDoc is Mentions over an analysed text, with the gazetteer key of
// each token ("" for punctuation) and the key's gazetteer.Starts.
func mentionsDoc(d *arabic.Doc) ([]resolve.Mention, []string, [][]gazetteer.Start) {
	var ms []resolve.Mention
	spans, keys, starts := ner.Default().EntitiesDocKeys(d)
	for _, s := range spans {
		ms = append(ms, resolve.Mention{Start: s.Start, End: s.End, Type: s.Type, Text: s.Text})
	}
	return mentionsFrom(d, keys, starts, ms), keys, starts
}

// mentionsFrom is Mentions given the tagger's spans ms and the tokens'
// gazetteer keys and starts.
func mentionsFrom(d *arabic.Doc, keys []string, starts [][]gazetteer.Start, ms []resolve.Mention) []resolve.Mention {
	hits := gazetteerHits(d, keys, starts, ms)
	// A known name of two words or more that the tagger cut into pieces
	// (سلطنة + عمان) stands for them.
	kept := ms[:0]
	for _, m := range ms {
		inside := false
		for _, h := range hits {
			inside = inside || h.Start <= m.Start && m.End <= h.End
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	return append(kept, hits...)
}

// ambiguous are one-word gazetteer names that are also common words
// (مالي "financial", الفريق "the team" or a rank), kept out of the hits.
var ambiguous = map[string]bool{"مالي": true, "الفريق": true}

// gazetteerHits returns the gazetteer names in body that no tagger span
// overlaps, or that the tagger cut in pieces, taking the generic head of
// a name of two words or more for a name (سلطنة + عمان): names of two words or more of any kind but role and given
// name, and one-word country, city, organisation and person names of at
// least four letters. The gazetteer is evidence the tagger already
// weighs; these are the names it let through.
func gazetteerHits(d *arabic.Doc, keys []string, starts [][]gazetteer.Start, spans []resolve.Mention) []resolve.Mention {
	body, toks := d.Text, d.Tokens
	covered := func(s, e int) bool {
		for _, m := range spans {
			if m.Start < e && s < m.End {
				return true
			}
		}
		return false
	}
	// holds reports whether the tagger cut the known name [s,e) in
	// pieces, taking its generic head for a name (سلطنة + عمان): every
	// span overlapping it lies inside it and the first is the head alone.
	holds := func(s, e int) bool {
		head := false
		for _, m := range spans {
			if m.Start < e && s < m.End {
				if m.Start < s || m.End > e {
					return false
				}
				head = head || m.Start == s && resolve.BareHead(m.Text)
			}
		}
		return head
	}
	var out []resolve.Mention
	for i := 0; i < len(toks); i++ {
		if keys[i] == "" || len(starts[i]) == 0 {
			continue // no gazetteer name starts here
		}
		n, entries := gazetteer.MatchStarts(keys, i, starts[i])
		if n == 0 {
			continue
		}
		e := entries[0]
		if e.Kind == gazetteer.Role || e.Kind == gazetteer.GivenName || e.Type == "" {
			continue
		}
		if n == 1 {
			f := d.Folds[i]
			switch e.Kind {
			case gazetteer.Country, gazetteer.City, gazetteer.Org, gazetteer.Person:
			default:
				continue
			}
			if utf8.RuneCountInString(f) < 4 || ambiguous[toks[i].Text] {
				continue
			}
			// A word the training data knows as a plain word is a name
			// only if the tagger says so: never for a place or a body
			// it never saw as a name, and not for a person's one-word
			// name that is mostly a word (رييس, the folded رئيس).
			plain, everName := ner.Default().CommonWord(toks[i].Text)
			if plain && (!everName || e.Kind == gazetteer.Person) {
				continue
			}
		}
		start, end := toks[i].Start, toks[i+n-1].End
		// A clitic on the first word (والعراق، بالقاهرة) stays out of the span.
		if pre := cliticLen(toks[i].Text, keys[i], entries); pre > 0 {
			start += pre
		}
		if covered(start, end) && (n < 2 || !holds(start, end)) {
			i += n - 1
			continue
		}
		out = append(out, resolve.Mention{Start: start, End: end, Type: e.Type, Text: body[start:end]})
		i += n - 1
	}
	return out
}

// cliticLen returns the byte length of the clitic letters (و ف ب ل ك, at
// most two) before a gazetteer name in word, or 0 when no name of entries
// starts with word as written.
func cliticLen(word, key string, entries []gazetteer.Entry) int {
	firsts := map[string]bool{}
	for _, e := range entries {
		for _, name := range e.Names() {
			if k := strings.Fields(gazetteer.Phrase(name)); len(k) > 0 {
				firsts[k[0]] = true
			}
		}
	}
	if firsts[key] {
		return 0
	}
	s := 0
	for n := 0; n < 2 && s < len(word); n++ {
		_, size := utf8.DecodeRuneInString(word[s:])
		s += size
		rest := word[s:]
		if firsts[gazetteer.WordKey(rest)] || firsts[gazetteer.WordKey("ا"+rest)] {
			return s
		}
	}
	return 0
}
