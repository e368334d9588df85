package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/news"
)

// rawArticle is what the tests need to know of one article; the real
// parsers live in the ingest stages, and these few lines only check that
// the embedded files have the documented shape.
type rawArticle struct {
	Origin    string // file:line
	URL       string
	Title     string
	Source    string
	Published string
	Body      []string // non-empty lines after the title, noise included
}

// loadArticles parses every article file of FS.
func loadArticles(t *testing.T) []rawArticle {
	t.Helper()
	var arts []rawArticle
	for _, p := range ArticleFiles() {
		raw, err := fs.ReadFile(FS(), p)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(raw) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		switch path.Ext(p) {
		case ".txt":
			arts = append(arts, parseTxt(t, p, string(raw)))
		case ".jsonl":
			arts = append(arts, parseJSONL(t, p, raw)...)
		}
	}
	return arts
}

var headerKeys = map[string]bool{"url": true, "source": true, "published": true, "byline": true}

func parseTxt(t *testing.T, name, text string) rawArticle {
	t.Helper()
	a := rawArticle{Origin: name}
	lines := strings.Split(text, "\n")
	i := 0
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		k, v, ok := strings.Cut(lines[i], ": ")
		if !ok || !headerKeys[k] {
			t.Errorf("%s:%d: header line %q is not one of url/source/published/byline", name, i+1, lines[i])
			continue
		}
		switch k {
		case "url":
			a.URL = v
		case "source":
			a.Source = v
		case "published":
			a.Published = v
		}
	}
	for _, l := range lines[i:] {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if a.Title == "" {
			a.Title = l
		} else {
			a.Body = append(a.Body, l)
		}
	}
	return a
}

func parseJSONL(t *testing.T, name string, raw []byte) []rawArticle {
	t.Helper()
	var arts []rawArticle
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var obj struct {
			URL, Title, Text, Published, Source, Byline string
		}
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&obj); err != nil {
			t.Errorf("%s:%d: %v", name, n, err)
			continue
		}
		var body []string
		for _, l := range strings.Split(obj.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				body = append(body, l)
			}
		}
		arts = append(arts, rawArticle{
			Origin: fmt.Sprintf("%s:%d", name, n), URL: obj.URL, Title: obj.Title,
			Source: obj.Source, Published: obj.Published, Body: body,
		})
	}
	if err := sc.Err(); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return arts
}

func TestArticles(t *testing.T) {
	arts := loadArticles(t)
	if len(arts) < 48 {
		t.Errorf("corpus has %d articles, want at least 48", len(arts))
	}
	seen := map[string]string{}
	var txt, undated int
	for _, a := range arts {
		if strings.HasSuffix(strings.Split(a.Origin, ":")[0], ".txt") {
			txt++
		}
		if a.URL == "" || a.Title == "" || a.Source == "" {
			t.Errorf("%s: url %q, title %q, source %q: all three are required", a.Origin, a.URL, a.Title, a.Source)
		}
		if len(a.Body) < 3 {
			t.Errorf("%s: body has %d lines, want at least 3", a.Origin, len(a.Body))
		}
		// Canonical form too: two urls that differ only by tracking
		// parameters would be one article to the store.
		key := news.CanonicalizeURL(a.URL)
		if prev, ok := seen[key]; ok {
			t.Errorf("%s: url %s already used by %s", a.Origin, a.URL, prev)
		}
		seen[key] = a.Origin
		if a.Published == "" {
			undated++
		} else if !validDate(a.Published) {
			t.Errorf("%s: published %q is neither 2006-01-02 nor RFC 3339", a.Origin, a.Published)
		}
	}
	if undated < 2 {
		t.Errorf("%d articles lack a published date, want at least 2", undated)
	}
	// "Mixed formats" means neither format is a token: each holds at
	// least a third of the articles.
	if jsonl := len(arts) - txt; 3*txt < len(arts) || 3*jsonl < len(arts) {
		t.Errorf("%d txt and %d jsonl articles: want each format to hold at least a third", txt, jsonl)
	}
}

func validDate(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

func TestStories(t *testing.T) {
	stories, err := Stories()
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) < 7 {
		t.Errorf("%d stories, want at least 7", len(stories))
	}
	byURL := map[string]rawArticle{}
	var corpusURLs []string
	for _, a := range loadArticles(t) {
		byURL[a.URL] = a
		corpusURLs = append(corpusURLs, a.URL)
	}
	var storyURLs []string
	ids := map[string]bool{}
	for _, s := range stories {
		if ids[s.ID] {
			t.Errorf("story id %q used twice", s.ID)
		}
		ids[s.ID] = true
		storyURLs = append(storyURLs, s.URLs...)
		outlets, days := map[string]bool{}, map[string]bool{}
		for _, u := range s.URLs {
			a := byURL[u]
			outlets[a.Source] = true
			if a.Published != "" {
				days[a.Published[:10]] = true
			}
		}
		if len(s.URLs) < 4 || len(outlets) < 4 || len(days) < 2 {
			t.Errorf("story %s: %d articles from %d outlets over %d days, want at least 4, 4 and 2",
				s.ID, len(s.URLs), len(outlets), len(days))
		}
	}
	// Every article in exactly one story, and no story url without an article.
	slices.Sort(corpusURLs)
	slices.Sort(storyURLs)
	if diff := cmp.Diff(corpusURLs, storyURLs); diff != "" {
		t.Errorf("article urls vs story urls (-corpus +stories):\n%s", diff)
	}
}

func TestRelevance(t *testing.T) {
	cases, err := Relevance()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 36 {
		t.Errorf("%d relevance cases, want at least 36", len(cases))
	}
	urls := map[string]bool{}
	for _, a := range loadArticles(t) {
		urls[a.URL] = true
	}
	kinds := map[string]int{}
	queries := map[string]int{}
	for _, c := range cases {
		kinds[c.Kind]++
		if !urls[c.URL] {
			t.Errorf("relevance.tsv:%d: url %s is not in the corpus", c.Line, c.URL)
		}
		if prev, ok := queries[c.Query]; ok {
			t.Errorf("relevance.tsv:%d: query %q repeats line %d", c.Line, c.Query, prev)
		}
		queries[c.Query] = c.Line
	}
	// The minimum number of cases of each kind, so that a per-kind score
	// means something.
	tests := []struct {
		kind string
		min  int
	}{
		{"spelling", 8},
		{"synonym", 5},
		{"inflection", 5},
		{"phrase", 3},
		{"exclusion", 3},
		{"or", 3},
	}
	known := map[string]bool{}
	for _, tt := range tests {
		known[tt.kind] = true
		t.Run(tt.kind, func(t *testing.T) {
			if kinds[tt.kind] < tt.min {
				t.Errorf("%d cases, want at least %d", kinds[tt.kind], tt.min)
			}
		})
	}
	for k := range kinds {
		if !known[k] {
			t.Errorf("unknown kind %q in relevance.tsv", k)
		}
	}
}

// TestManifest keeps MANIFEST.md in step with the files: it must name every
// article it documents.
func TestManifest(t *testing.T) {
	raw, err := fs.ReadFile(FS(), ManifestFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range loadArticles(t) {
		if !bytes.Contains(raw, []byte(a.URL)) {
			t.Errorf("%s does not mention %s (%s)", ManifestFile, a.URL, a.Origin)
		}
	}
}

func TestContradictions(t *testing.T) {
	cs, err := Contradictions()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 3 {
		t.Errorf("%d contradictions, want at least 3", len(cs))
	}
	stories, err := Stories()
	if err != nil {
		t.Fatal(err)
	}
	storyOf := map[string]string{}
	for _, s := range stories {
		for _, u := range s.URLs {
			storyOf[u] = s.ID
		}
	}
	text := map[string]string{}
	for _, a := range loadArticles(t) {
		text[a.URL] = a.Title + "\n" + strings.Join(a.Body, "\n")
	}
	for _, c := range cs {
		for _, cl := range c.Claims {
			body, ok := text[cl.URL]
			switch {
			case !ok:
				t.Errorf("%s: claim url %s is not in the corpus", c.ID, cl.URL)
			case !strings.Contains(body, cl.Quote):
				t.Errorf("%s: %s does not contain the quote %q", c.ID, cl.URL, cl.Quote)
			case storyOf[cl.URL] != c.Story:
				t.Errorf("%s: %s belongs to story %q, not %q", c.ID, cl.URL, storyOf[cl.URL], c.Story)
			}
		}
	}
}

// noiseLabels are the teaser labels the sample plants on lines of their own.
var noiseLabels = map[string]bool{
	"اقرأ أيضا": true, "اقرأ أيضاً": true, "مواضيع ذات صلة": true, "شاهد أيضا": true,
	"اخترنا لك": true, "الأكثر قراءة": true, "تابعونا على": true, "موضوع يهمك": true, "إعلان": true,
}

var (
	agencyDateline = regexp.MustCompile(`^\p{Arabic}+ - (\([^)]+\) - |[^:]{1,12}: )`)
	trailingCredit = regexp.MustCompile(`\([^)]{2,20}\)$`)
)

type noiseKind struct {
	name string
	min  int // articles that must have it
	has  func(a rawArticle) bool
}

// TestNoise keeps the scraping noise in the sample: it is the cleaning
// stage's test material, and an edit that "tidies" the articles would
// silently take it away. Each kind must stay in at least Min articles.
func TestNoise(t *testing.T) {
	arts := loadArticles(t)
	tests := []noiseKind{
		{"teaser label line", 20, func(a rawArticle) bool {
			return slices.ContainsFunc(a.Body, func(l string) bool {
				return noiseLabels[strings.TrimSpace(strings.TrimRight(l, "?:؟ "))]
			})
		}},
		{"punctuation-only line", 10, func(a rawArticle) bool {
			return slices.ContainsFunc(a.Body, func(l string) bool {
				return strings.Trim(l, "?؟.…-| ") == ""
			})
		}},
		{"truncated teaser", 6, func(a rawArticle) bool {
			return slices.ContainsFunc(a.Body, func(l string) bool {
				return utf8.RuneCountInString(l) > 40 && strings.Contains(l, "…")
			})
		}},
		{"caption doubled and glued", 6, func(a rawArticle) bool {
			return slices.ContainsFunc(a.Body, func(l string) bool {
				h := len(l) / 2
				return len(l)%2 == 0 && l[:h] == l[h:] && trailingCredit.MatchString(l[:h])
			})
		}},
		{"caption once with credit", 3, func(a rawArticle) bool {
			return slices.ContainsFunc(a.Body, func(l string) bool {
				return utf8.RuneCountInString(l) < 80 && trailingCredit.MatchString(l)
			})
		}},
		{"title repeated in body", 2, func(a rawArticle) bool {
			return len(a.Body) > 0 && a.Body[0] == a.Title
		}},
		{"paragraph repeated", 2, func(a rawArticle) bool {
			seen := map[string]bool{}
			for _, l := range a.Body {
				k := strings.Join(strings.Fields(l), " ")
				if utf8.RuneCountInString(k) > 60 && seen[k] {
					return true
				}
				seen[k] = true
			}
			return false
		}},
		{"agency dateline", 8, func(a rawArticle) bool {
			return len(a.Body) > 0 && agencyDateline.MatchString(a.Body[0])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, a := range arts {
				if tt.has(a) {
					n++
				}
			}
			t.Logf("%d articles", n)
			if n < tt.min {
				t.Errorf("%d articles have it, want at least %d", n, tt.min)
			}
		})
	}
	// About half the articles are noisy, so that the clean ones also test
	// that cleaning leaves good text alone.
	noisy := 0
	for _, a := range arts {
		// A dateline is ordinary news style, not scraping damage.
		if slices.ContainsFunc(tests, func(k noiseKind) bool { return k.name != "agency dateline" && k.has(a) }) {
			noisy++
		}
	}
	if noisy*10 < len(arts)*4 || noisy*10 > len(arts)*7 {
		t.Errorf("%d of %d articles carry noise, want between 40%% and 70%%", noisy, len(arts))
	}
}
