package realnews

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// CorpusArticle is one article of the corpus, with only the fields the
// gold set is anchored to.
type CorpusArticle struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
}

// Corpus holds corpus articles by URL. A URL can occur more than once in
// the corpus; every copy is kept.
type Corpus map[string][]CorpusArticle

// OpenCorpus reads a corpus JSONL file, gzip-compressed when its name ends
// in .gz.
func OpenCorpus(path string) (Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	c, err := ReadCorpus(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ReadCorpus reads JSONL articles (url, title, text, published, source; other
// keys ignored), one a line.
func ReadCorpus(r io.Reader) (Corpus, error) {
	c := Corpus{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var a CorpusArticle
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if a.URL == "" {
			return nil, fmt.Errorf("line %d: article without url", line)
		}
		c[a.URL] = append(c[a.URL], a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return c, nil
}

// normSpace collapses every run of white space to one space, so a quote
// copied across a line break still matches.
func normSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Contains reports whether some copy of the article at url has quote in its
// title or text, white space collapsed.
func (c Corpus) Contains(url, quote string) bool {
	q := normSpace(quote)
	for _, a := range c[url] {
		if strings.Contains(normSpace(a.Title+"\n"+a.Text), q) {
			return true
		}
	}
	return false
}

// day is the publication day of the first copy of url as the corpus gives
// it (the outlet's own time zone).
func (c Corpus) day(url string) (time.Time, bool) {
	as := c[url]
	if len(as) == 0 || len(as[0].Published) < len(time.DateOnly) {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, as[0].Published[:len(time.DateOnly)])
	return d, err == nil
}

// Resolve checks the set against the corpus: every article and pair URL is
// in it, every anchor quote is found in its article, every hard negative's
// shared entity occurs in both articles, and every days_apart matches the
// corpus dates. It returns one line per problem, sorted; none means the
// set resolves.
func (s *Set) Resolve(c Corpus) []string {
	var probs []string
	add := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	has := func(where, url string) bool {
		if len(c[url]) == 0 {
			add("%s: url not in the corpus: %s", where, url)
			return false
		}
		return true
	}
	quote := func(where string, a Anchor) {
		if has(where, a.URL) && !c.Contains(a.URL, a.Quote) {
			add("%s: quote not found in %s: %q", where, a.URL, a.Quote)
		}
	}
	for _, st := range s.Stories {
		for _, a := range st.Articles {
			has(st.ID, a.URL)
		}
		for i, e := range st.Events {
			quote(fmt.Sprintf("%s event %d", st.ID, i+1), e.Anchor)
		}
		for _, d := range st.Disagreements {
			for _, sd := range d.Sides {
				quote(d.ID, sd)
			}
		}
		for _, t := range st.Traps {
			for _, sd := range t.Sides {
				quote(t.ID, sd)
			}
		}
	}
	for i, p := range s.Pairs {
		where := fmt.Sprintf("pair %d", i+1)
		ok1, ok2 := has(where, p.URL1), has(where, p.URL2)
		if !ok1 || !ok2 {
			continue
		}
		d1, e1 := c.day(p.URL1)
		d2, e2 := c.day(p.URL2)
		if e1 && e2 {
			days := int(d1.Sub(d2).Hours() / 24)
			if days < 0 {
				days = -days
			}
			if days != p.DaysApart {
				add("%s: days_apart %d, the corpus dates are %d days apart", where, p.DaysApart, days)
			}
		}
		if p.SharedEntity != "" && !(c.Contains(p.URL1, p.SharedEntity) && c.Contains(p.URL2, p.SharedEntity)) {
			add("%s: shared entity %q is not in both articles", where, p.SharedEntity)
		}
	}
	sort.Strings(probs)
	return probs
}
