package realnews

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrBadGold is returned, wrapped, when a gold file does not have the shape
// or the consistency this package expects.
var ErrBadGold = errors.New("realnews: bad gold set")

// Default locations, relative to the repository root.
const (
	DefaultDir        = "testdata/realnews"
	DefaultCorpusPath = "../shared/data/ant-news/ant-multisource-2018.jsonl.gz"
	StoriesFile       = "stories.json"
	PairsFile         = "pairs.tsv"
)

// MaxQuoteWords is the longest anchor quote allowed: quotes identify a
// passage, they must not carry the article.
const MaxQuoteWords = 12

// Split names a side of the gold set.
type Split string

// The two splits. Decide on dev; report test.
const (
	SplitDev  Split = "dev"
	SplitTest Split = "test"
)

// Disagreement kinds.
const (
	KindDate    = "date"
	KindCount   = "count"
	KindAccount = "account"
)

// Pair kinds.
const (
	PairPositive     = "positive"
	PairHardNegative = "hard_negative"
	PairEasyNegative = "easy_negative"
)

// NoStory marks, in a pair, an article that belongs to no gold story.
const NoStory = "-"

// MaxHardNegativeDays is how far apart the articles of a hard negative may
// be published.
const MaxHardNegativeDays = 10

// Anchor points at a passage of one corpus article.
type Anchor struct {
	URL   string `json:"url"`
	Quote string `json:"quote"`
	// Value is what this side says (a date, a number, an account); empty
	// for event anchors and traps.
	Value string `json:"value,omitempty"`
	// Source is the outlet of the article, as a short slug.
	Source string `json:"source,omitempty"`
}

// Article is a story member, identified by its URL.
type Article struct {
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
}

// Event is a key event of a story. Date is YYYY-MM-DD or YYYY-MM: the day
// the event happened, not the day it was reported.
type Event struct {
	Event  string `json:"event"`
	Date   string `json:"date"`
	Anchor Anchor `json:"anchor"`
}

// Actor is a key actor of a story; Type is PERS, ORG or LOC. Aliases are
// other spellings and short forms of the same actor seen in the corpus
// (ترمب for ترامب, أردوغان for رجب طيب أردوغان).
type Actor struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases,omitempty"`
}

// Disagreement is a conflict between sources (or inside one source) about
// one event or quantity. No side is right.
type Disagreement struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	About string `json:"about"`
	// WithinArticle is true when every side is in one article.
	WithinArticle bool `json:"within_article"`
	// OverTime is true when the difference is a revision (a rising toll, a
	// corrected account) rather than two sources differing at once.
	OverTime bool     `json:"over_time"`
	Note     string   `json:"note,omitempty"`
	Sides    []Anchor `json:"sides"`
}

// Trap is a pair of statements that look alike (shared words or numbers)
// but are not a disagreement; flagging it is a false contradiction.
type Trap struct {
	ID    string   `json:"id"`
	About string   `json:"about"`
	Sides []Anchor `json:"sides"`
}

// Story is one gold story.
type Story struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameEn string `json:"name_en"`
	// Query is what a user would type to ask for the story's report: a
	// few words, written with the gold before any tuning (eval realnews
	// --query runs them over the whole corpus within the story's span).
	Query         string         `json:"query,omitempty"`
	Split         Split          `json:"split"`
	From          string         `json:"from"`
	To            string         `json:"to"`
	Articles      []Article      `json:"articles"`
	Events        []Event        `json:"events"`
	Actors        []Actor        `json:"actors"`
	Disagreements []Disagreement `json:"disagreements"`
	Traps         []Trap         `json:"traps"`
}

// Pair is a labelled pair of articles.
type Pair struct {
	URL1, URL2     string
	Same           bool
	Split          Split
	Kind           string
	Story1, Story2 string
	SharedEntity   string
	DaysApart      int
}

// Set is the whole gold set.
type Set struct {
	Stories []Story
	Pairs   []Pair
}

// Load reads stories.json and pairs.tsv from dir and validates them.
func Load(dir string) (*Set, error) {
	sf, err := os.Open(filepath.Join(dir, StoriesFile))
	if err != nil {
		return nil, err
	}
	defer sf.Close()
	stories, err := ReadStories(sf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, StoriesFile), err)
	}
	pf, err := os.Open(filepath.Join(dir, PairsFile))
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	pairs, err := ReadPairs(pf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, PairsFile), err)
	}
	s := &Set{Stories: stories, Pairs: pairs}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return s, nil
}

// ReadStories decodes a stories.json array. Unknown keys are an error, so
// a misspelt key is not silently dropped.
func ReadStories(r io.Reader) ([]Story, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var stories []Story
	if err := dec.Decode(&stories); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadGold, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the stories array", ErrBadGold)
	}
	return stories, nil
}

var pairsHeader = []string{"url1", "url2", "same_story", "split", "kind", "story1", "story2", "shared_entity", "days_apart"}

// ReadPairs parses pairs.tsv: a header line, then one pair per line.
func ReadPairs(r io.Reader) ([]Pair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var pairs []Pair
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		cols := strings.Split(text, "\t")
		if line == 1 {
			if strings.Join(cols, "\t") != strings.Join(pairsHeader, "\t") {
				return nil, fmt.Errorf("%w: line 1: header %q, want %q", ErrBadGold, text, strings.Join(pairsHeader, "\t"))
			}
			continue
		}
		if text == "" {
			continue
		}
		if len(cols) != len(pairsHeader) {
			return nil, fmt.Errorf("%w: line %d: %d columns, want %d", ErrBadGold, line, len(cols), len(pairsHeader))
		}
		p := Pair{URL1: cols[0], URL2: cols[1], Split: Split(cols[3]), Kind: cols[4], Story1: cols[5], Story2: cols[6], SharedEntity: cols[7]}
		switch cols[2] {
		case "yes":
			p.Same = true
		case "no":
		default:
			return nil, fmt.Errorf("%w: line %d: same_story %q, want yes or no", ErrBadGold, line, cols[2])
		}
		d, err := strconv.Atoi(cols[8])
		if err != nil || d < 0 {
			return nil, fmt.Errorf("%w: line %d: days_apart %q is not a whole number of days", ErrBadGold, line, cols[8])
		}
		p.DaysApart = d
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: line %d: %v", ErrBadGold, line+1, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("%w: empty file, want the header %q", ErrBadGold, strings.Join(pairsHeader, "\t"))
	}
	return pairs, nil
}

// Validate checks the set for consistency on its own (no corpus needed):
// ids, splits, kinds, dates, quotes, and that every pair label agrees with
// the stories. It returns every problem found, joined.
func (s *Set) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrBadGold}, a...)...))
	}
	storyOf := map[string]string{}
	split := map[string]Split{}
	ids := map[string]bool{}
	for _, st := range s.Stories {
		where := "story " + strconv.Quote(st.ID)
		if st.ID == "" || st.ID == NoStory || strings.ContainsAny(st.ID, " \t\n") {
			bad("%s: id must be non-empty, not %q, without spaces", where, NoStory)
		}
		if ids[st.ID] {
			bad("%s: duplicate id", where)
		}
		ids[st.ID] = true
		if st.Split != SplitDev && st.Split != SplitTest {
			bad("%s: split %q, want dev or test", where, st.Split)
		}
		split[st.ID] = st.Split
		if st.Name == "" {
			bad("%s: no name", where)
		}
		from, err1 := time.Parse(time.DateOnly, st.From)
		to, err2 := time.Parse(time.DateOnly, st.To)
		if err1 != nil || err2 != nil || to.Before(from) {
			bad("%s: period %q..%q is not two ordered YYYY-MM-DD dates", where, st.From, st.To)
		}
		if len(st.Articles) == 0 {
			bad("%s: no articles", where)
		}
		members := map[string]bool{}
		for _, a := range st.Articles {
			if a.URL == "" {
				bad("%s: article without url", where)
				continue
			}
			if members[a.URL] {
				bad("%s: article %s listed twice", where, a.URL)
			}
			members[a.URL] = true
			if other, ok := storyOf[a.URL]; ok && other != st.ID {
				bad("%s: article %s is also in story %q", where, a.URL, other)
			}
			storyOf[a.URL] = st.ID
		}
		anchor := func(what string, a Anchor) {
			if !members[a.URL] {
				bad("%s: %s anchor %s is not one of the story's articles", where, what, a.URL)
			}
			if err := checkQuote(a.Quote); err != nil {
				bad("%s: %s anchor in %s: %v", where, what, a.URL, err)
			}
		}
		for i, e := range st.Events {
			what := fmt.Sprintf("event %d", i+1)
			if e.Event == "" {
				bad("%s: %s has no description", where, what)
			}
			if !validEventDate(e.Date) {
				bad("%s: %s date %q, want YYYY-MM-DD or YYYY-MM", where, what, e.Date)
			}
			anchor(what, e.Anchor)
		}
		for _, a := range st.Actors {
			if a.Name == "" || (a.Type != "PERS" && a.Type != "ORG" && a.Type != "LOC") {
				bad("%s: actor %q of type %q, want a name and PERS, ORG or LOC", where, a.Name, a.Type)
			}
			for _, al := range a.Aliases {
				if strings.TrimSpace(al) == "" || al == a.Name {
					bad("%s: actor %q: alias %q is empty or the name itself", where, a.Name, al)
				}
			}
		}
		dids := map[string]bool{}
		for _, d := range st.Disagreements {
			what := "disagreement " + strconv.Quote(d.ID)
			if d.ID == "" || dids[d.ID] {
				bad("%s: %s: missing or duplicate id", where, what)
			}
			dids[d.ID] = true
			if d.Kind != KindDate && d.Kind != KindCount && d.Kind != KindAccount {
				bad("%s: %s: kind %q, want date, count or account", where, what, d.Kind)
			}
			if d.About == "" {
				bad("%s: %s: no about", where, what)
			}
			if len(d.Sides) < 2 {
				bad("%s: %s: %d sides, want at least 2", where, what, len(d.Sides))
			}
			urls := map[string]bool{}
			for _, sd := range d.Sides {
				anchor(what, sd)
				urls[sd.URL] = true
				if sd.Value == "" {
					bad("%s: %s: a side in %s has no value", where, what, sd.URL)
				}
			}
			if d.WithinArticle != (len(urls) == 1) {
				bad("%s: %s: within_article is %v but the sides are in %d articles", where, what, d.WithinArticle, len(urls))
			}
		}
		for _, tr := range st.Traps {
			what := "trap " + strconv.Quote(tr.ID)
			if tr.ID == "" || dids[tr.ID] {
				bad("%s: %s: missing or duplicate id", where, what)
			}
			dids[tr.ID] = true
			if len(tr.Sides) < 2 {
				bad("%s: %s: %d sides, want at least 2", where, what, len(tr.Sides))
			}
			for _, sd := range tr.Sides {
				anchor(what, sd)
			}
		}
	}
	seen := map[[2]string]bool{}
	for i, p := range s.Pairs {
		where := fmt.Sprintf("pair %d (%s, %s)", i+1, p.URL1, p.URL2)
		if p.URL1 == "" || p.URL2 == "" || p.URL1 == p.URL2 {
			bad("%s: two different urls needed", where)
		}
		key := [2]string{p.URL1, p.URL2}
		if key[1] < key[0] {
			key[0], key[1] = key[1], key[0]
		}
		if seen[key] {
			bad("%s: listed twice", where)
		}
		seen[key] = true
		for _, side := range []struct{ url, story string }{{p.URL1, p.Story1}, {p.URL2, p.Story2}} {
			got, in := storyOf[side.url]
			switch {
			case side.story == NoStory && in:
				bad("%s: %s is marked %q but belongs to story %q", where, side.url, NoStory, got)
			case side.story != NoStory && !ids[side.story]:
				bad("%s: unknown story %q", where, side.story)
			case side.story != NoStory && got != side.story:
				bad("%s: %s is not an article of story %q", where, side.url, side.story)
			}
		}
		if !ids[p.Story1] {
			bad("%s: story1 must be a gold story", where)
		} else if p.Split != split[p.Story1] {
			bad("%s: split %q, but story %q is %q", where, p.Split, p.Story1, split[p.Story1])
		}
		if p.Story2 != NoStory && ids[p.Story2] && split[p.Story2] != split[p.Story1] {
			bad("%s: mixes a %s story with a %s story", where, split[p.Story1], split[p.Story2])
		}
		same := p.Story2 != NoStory && p.Story1 == p.Story2
		if p.Same != same {
			bad("%s: same_story %v disagrees with stories %q and %q", where, p.Same, p.Story1, p.Story2)
		}
		switch p.Kind {
		case PairPositive:
			if !p.Same {
				bad("%s: a positive pair must be same_story yes", where)
			}
		case PairHardNegative:
			if p.Same {
				bad("%s: a hard negative must be same_story no", where)
			}
			if p.SharedEntity == "" {
				bad("%s: a hard negative needs its shared entity", where)
			}
			if p.DaysApart > MaxHardNegativeDays {
				bad("%s: hard negative %d days apart, at most %d allowed", where, p.DaysApart, MaxHardNegativeDays)
			}
		case PairEasyNegative:
			if p.Same {
				bad("%s: an easy negative must be same_story no", where)
			}
		default:
			bad("%s: kind %q, want positive, hard_negative or easy_negative", where, p.Kind)
		}
	}
	return errors.Join(errs...)
}

// checkQuote holds a quote to the anchor rules: non-empty, at most
// MaxQuoteWords words, one line.
func checkQuote(q string) error {
	n := len(strings.Fields(q))
	switch {
	case n == 0:
		return errors.New("empty quote")
	case n > MaxQuoteWords:
		return fmt.Errorf("quote of %d words, at most %d allowed: %q", n, MaxQuoteWords, q)
	case strings.ContainsAny(q, "\n\r"):
		return fmt.Errorf("quote spans lines: %q", q)
	}
	return nil
}

func validEventDate(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse("2006-01", s)
	return err == nil
}

// SplitCounts counts one split of the set.
type SplitCounts struct {
	Stories, Articles, Events, Actors, Traps int
	// Disagreements counts disagreements by kind; DisagreementsTotal sums them.
	Disagreements      map[string]int
	DisagreementsTotal int
	// Pairs counts pairs by kind; PairsTotal sums them.
	Pairs      map[string]int
	PairsTotal int
}

// Counts counts the set per split.
func (s *Set) Counts() map[Split]SplitCounts {
	out := map[Split]SplitCounts{}
	get := func(sp Split) SplitCounts {
		c, ok := out[sp]
		if !ok {
			c = SplitCounts{Disagreements: map[string]int{}, Pairs: map[string]int{}}
		}
		return c
	}
	for _, st := range s.Stories {
		c := get(st.Split)
		c.Stories++
		c.Articles += len(st.Articles)
		c.Events += len(st.Events)
		c.Actors += len(st.Actors)
		c.Traps += len(st.Traps)
		for _, d := range st.Disagreements {
			c.Disagreements[d.Kind]++
			c.DisagreementsTotal++
		}
		out[st.Split] = c
	}
	for _, p := range s.Pairs {
		c := get(p.Split)
		c.Pairs[p.Kind]++
		c.PairsTotal++
		out[p.Split] = c
	}
	return out
}

// Minimums are the floors the gold set must stay above.
type Minimums struct {
	Stories, TestStories, Pairs, HardNegatives, TestDisagreements int
}

// DefaultMinimums are the floors the issue asks for.
var DefaultMinimums = Minimums{Stories: 10, TestStories: 6, Pairs: 300, HardNegatives: 150, TestDisagreements: 30}

// CheckCounts reports every floor of m the set falls below.
func (s *Set) CheckCounts(m Minimums) error {
	c := s.Counts()
	dev, test := c[SplitDev], c[SplitTest]
	var errs []error
	check := func(what string, got, want int) {
		if got < want {
			errs = append(errs, fmt.Errorf("%w: %d %s, want at least %d", ErrBadGold, got, what, want))
		}
	}
	check("stories", dev.Stories+test.Stories, m.Stories)
	check("test stories", test.Stories, m.TestStories)
	check("pairs", dev.PairsTotal+test.PairsTotal, m.Pairs)
	check("hard negatives", dev.Pairs[PairHardNegative]+test.Pairs[PairHardNegative], m.HardNegatives)
	check("test disagreements", test.DisagreementsTotal, m.TestDisagreements)
	return errors.Join(errs...)
}

// StoryOf maps every gold story article's URL to its story id.
func (s *Set) StoryOf() map[string]string {
	m := map[string]string{}
	for _, st := range s.Stories {
		for _, a := range st.Articles {
			m[a.URL] = st.ID
		}
	}
	return m
}
