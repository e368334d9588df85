package realnews

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// Paths from this package's directory.
const (
	shippedDir  = "../../../" + DefaultDir
	corpusPath  = "../../../" + DefaultCorpusPath
	fixtureURL1 = "https://example.org/a1"
	fixtureURL2 = "https://example.org/a2"
	fixtureURL3 = "https://example.org/b1"
	fixtureURL4 = "https://example.org/c1"
)

// fixture is a small valid set written for these tests: one dev story of
// two articles, one dev story of one article, and one pair of each kind.
func fixture() *Set {
	return &Set{
		Stories: []Story{
			{
				ID: "flood-x", Name: "فيضان في بلدة س", NameEn: "flood", Split: SplitDev, From: "2018-05-01", To: "2018-05-02",
				Articles: []Article{{URL: fixtureURL1}, {URL: fixtureURL2}},
				Events:   []Event{{Event: "flood", Date: "2018-05-01", Anchor: Anchor{URL: fixtureURL1, Quote: "غمرت المياه البلدة"}}},
				Actors:   []Actor{{Name: "بلدة س", Type: "LOC"}},
				Disagreements: []Disagreement{{
					ID: "flood-x/d1", Kind: KindCount, About: "toll",
					Sides: []Anchor{{URL: fixtureURL1, Quote: "قتل 5 أشخاص", Value: "5"}, {URL: fixtureURL2, Quote: "مقتل 7 أشخاص", Value: "7"}},
				}},
				Traps: []Trap{{ID: "flood-x/t1", About: "two floods", Sides: []Anchor{{URL: fixtureURL1, Quote: "غمرت المياه البلدة"}, {URL: fixtureURL2, Quote: "فيضان عام 1990"}}}},
			},
			{
				ID: "fire-y", Name: "حريق في مصنع", NameEn: "fire", Split: SplitDev, From: "2018-05-03", To: "2018-05-03",
				Articles: []Article{{URL: fixtureURL3}},
			},
		},
		Pairs: []Pair{
			{URL1: fixtureURL1, URL2: fixtureURL2, Same: true, Split: SplitDev, Kind: PairPositive, Story1: "flood-x", Story2: "flood-x", DaysApart: 1},
			{URL1: fixtureURL1, URL2: fixtureURL4, Split: SplitDev, Kind: PairHardNegative, Story1: "flood-x", Story2: NoStory, SharedEntity: "بلدة س", DaysApart: 2},
			{URL1: fixtureURL2, URL2: fixtureURL3, Split: SplitDev, Kind: PairEasyNegative, Story1: "flood-x", Story2: "fire-y", DaysApart: 1},
		},
	}
}

func TestValidate(t *testing.T) {
	if err := fixture().Validate(); err != nil {
		t.Fatalf("the fixture is valid, got %v", err)
	}
	tests := []struct {
		name   string
		mutate func(*Set)
		want   string
	}{
		{"duplicate story id", func(s *Set) { s.Stories[1].ID = "flood-x"; s.Pairs = s.Pairs[:2] }, "duplicate id"},
		{"bad split", func(s *Set) { s.Stories[1].Split = "train" }, `split "train"`},
		{"reversed period", func(s *Set) { s.Stories[0].From = "2018-06-01" }, "period"},
		{"article in two stories", func(s *Set) { s.Stories[1].Articles = append(s.Stories[1].Articles, Article{URL: fixtureURL1}) }, "also in story"},
		{"long quote", func(s *Set) {
			s.Stories[0].Events[0].Anchor.Quote = strings.Repeat("كلمة ", 13)
		}, "quote of 13 words"},
		{"empty quote", func(s *Set) { s.Stories[0].Disagreements[0].Sides[1].Quote = " " }, "empty quote"},
		{"anchor outside the story", func(s *Set) { s.Stories[0].Events[0].Anchor.URL = fixtureURL3 }, "not one of the story's articles"},
		{"bad event date", func(s *Set) { s.Stories[0].Events[0].Date = "1 May 2018" }, "want YYYY-MM-DD or YYYY-MM"},
		{"month event date is fine", func(s *Set) { s.Stories[0].Events[0].Date = "2018-05" }, ""},
		{"actor type", func(s *Set) { s.Stories[0].Actors[0].Type = "MISC" }, "PERS, ORG or LOC"},
		{"alias repeats the name", func(s *Set) { s.Stories[0].Actors[0].Aliases = []string{"س", "بلدة س"} }, `alias "بلدة س"`},
		{"aliases are fine", func(s *Set) { s.Stories[0].Actors[0].Aliases = []string{"س"} }, ""},
		{"disagreement kind", func(s *Set) { s.Stories[0].Disagreements[0].Kind = "number" }, `kind "number"`},
		{"one side", func(s *Set) { s.Stories[0].Disagreements[0].Sides = s.Stories[0].Disagreements[0].Sides[:1] }, "1 sides"},
		{"side without value", func(s *Set) { s.Stories[0].Disagreements[0].Sides[0].Value = "" }, "has no value"},
		{"within_article wrong", func(s *Set) { s.Stories[0].Disagreements[0].WithinArticle = true }, "within_article is true"},
		{"trap id reuses a disagreement id", func(s *Set) { s.Stories[0].Traps[0].ID = "flood-x/d1" }, "missing or duplicate id"},
		{"positive across stories", func(s *Set) { s.Pairs[0].URL2, s.Pairs[0].Story2 = fixtureURL3, "fire-y" }, "disagrees with stories"},
		{"same_story on a negative", func(s *Set) { s.Pairs[2].Same = true }, "disagrees with stories"},
		{"hard negative too far apart", func(s *Set) { s.Pairs[1].DaysApart = 11 }, "11 days apart"},
		{"hard negative without entity", func(s *Set) { s.Pairs[1].SharedEntity = "" }, "shared entity"},
		{"gold article marked as no story", func(s *Set) { s.Pairs[1].URL2 = fixtureURL3 }, "belongs to story"},
		{"wrong story for an article", func(s *Set) { s.Pairs[2].Story2 = "flood-x" }, "not an article of story"},
		{"pair split differs from its story", func(s *Set) { s.Pairs[0].Split = SplitTest }, `split "test"`},
		{"pair mixes splits", func(s *Set) { s.Stories[1].Split = SplitTest }, "mixes a dev story with a test story"},
		{"unknown pair kind", func(s *Set) { s.Pairs[2].Kind = "negative" }, `kind "negative"`},
		{"pair listed twice", func(s *Set) {
			p := s.Pairs[0]
			p.URL1, p.URL2 = p.URL2, p.URL1
			s.Pairs = append(s.Pairs, p)
		}, "listed twice"},
		{"pair of one article", func(s *Set) { s.Pairs[0].URL2 = fixtureURL1 }, "two different urls"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture()
			tc.mutate(s)
			err := s.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
			if !errors.Is(err, ErrBadGold) {
				t.Errorf("error %v does not wrap ErrBadGold", err)
			}
		})
	}
}

func TestReadPairs(t *testing.T) {
	const header = "url1\turl2\tsame_story\tsplit\tkind\tstory1\tstory2\tshared_entity\tdays_apart\n"
	tests := []struct {
		name, in, want string
		n              int
	}{
		{"ok", header + "u1\tu2\tyes\tdev\tpositive\ts\ts\t\t3\n\n", "", 1},
		{"crlf", strings.ReplaceAll(header+"u1\tu2\tno\tdev\thard_negative\ts\t-\tX\t0\n", "\n", "\r\n"), "", 1},
		{"empty", "", "empty file", 0},
		{"bad header", "a\tb\n", "line 1: header", 0},
		{"missing column", header + "u1\tu2\tyes\n", "line 2: 3 columns", 0},
		{"bad same_story", header + "u1\tu2\tmaybe\tdev\tpositive\ts\ts\t\t3\n", `same_story "maybe"`, 0},
		{"bad days", header + "u1\tu2\tyes\tdev\tpositive\ts\ts\t\t-2\n", `days_apart "-2"`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadPairs(strings.NewReader(tc.in))
			if tc.want == "" {
				if err != nil || len(got) != tc.n {
					t.Fatalf("got %d pairs, %v; want %d pairs", len(got), err, tc.n)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrBadGold) {
				t.Fatalf("want an ErrBadGold containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestReadStories(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ok", `[{"id":"a","name":"x","split":"dev","from":"2018-01-01","to":"2018-01-02","articles":[{"url":"u"}]}]`, ""},
		{"misspelt key", `[{"id":"a","nmae":"x"}]`, "nmae"},
		{"not an array", `{"id":"a"}`, "cannot unmarshal"},
		{"trailing data", `[] []`, "data after"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadStories(strings.NewReader(tc.in))
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestCheckCounts(t *testing.T) {
	s := fixture()
	if err := s.CheckCounts(Minimums{Stories: 2, Pairs: 3, HardNegatives: 1}); err != nil {
		t.Fatalf("fixture meets its own floors: %v", err)
	}
	err := s.CheckCounts(DefaultMinimums)
	for _, want := range []string{"2 stories, want at least 10", "0 test stories", "3 pairs", "1 hard negatives", "0 test disagreements"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
	c := s.Counts()[SplitDev]
	if c.Stories != 2 || c.Articles != 3 || c.DisagreementsTotal != 1 || c.Disagreements[KindCount] != 1 || c.Traps != 1 || c.PairsTotal != 3 || c.Pairs[PairHardNegative] != 1 {
		t.Errorf("dev counts %+v", c)
	}
}

const fixtureCorpus = `{"url":"https://example.org/a1","title":"فيضان في بلدة س","text":"غمرت المياه\nالبلدة أمس. قتل 5 أشخاص في بلدة س.","published":"2018-05-01T10:00:00+03:00"}
{"url":"https://example.org/a2","title":"حصيلة الفيضان","text":"أعلن مقتل 7 أشخاص. وكان فيضان عام 1990 أقل.","published":"2018-05-02T08:00:00+00:00"}

{"url":"https://example.org/b1","title":"حريق","text":"اندلع حريق في مصنع.","published":"2018-05-03T08:00:00+00:00","extra":1}
{"url":"https://example.org/c1","title":"انتخابات في بلدة س","text":"صوت سكان بلدة س.","published":"2018-05-03T08:00:00+00:00"}
`

func TestResolve(t *testing.T) {
	c, err := ReadCorpus(strings.NewReader(fixtureCorpus))
	if err != nil {
		t.Fatal(err)
	}
	if got := fixture().Resolve(c); len(got) != 0 {
		t.Fatalf("the fixture resolves (a quote may cross a line break), got %q", got)
	}
	tests := []struct {
		name   string
		mutate func(*Set)
		want   string
	}{
		{"missing article", func(s *Set) { s.Stories[1].Articles[0].URL = "https://example.org/zz" }, "url not in the corpus: https://example.org/zz"},
		{"quote not in its article", func(s *Set) { s.Stories[0].Disagreements[0].Sides[1].Quote = "قتل 5 أشخاص" }, `quote not found in https://example.org/a2`},
		{"wrong days", func(s *Set) { s.Pairs[0].DaysApart = 3 }, "days_apart 3, the corpus dates are 1 days apart"},
		{"entity in one article only", func(s *Set) { s.Pairs[1].SharedEntity = "فيضان" }, `shared entity "فيضان" is not in both articles`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture()
			tc.mutate(s)
			got := strings.Join(s.Resolve(c), "\n")
			if !strings.Contains(got, tc.want) {
				t.Fatalf("want a problem containing %q, got %q", tc.want, got)
			}
		})
	}
	if _, err := ReadCorpus(strings.NewReader("{\"url\":\"u\"}\n{broken\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a broken line must be named, got %v", err)
	}
	if _, err := ReadCorpus(strings.NewReader(`{"title":"x"}`)); err == nil || !strings.Contains(err.Error(), "without url") {
		t.Errorf("an article without url must be refused, got %v", err)
	}
}

// TestShipped holds the gold set in testdata/realnews to its rules and to
// the floors the issue sets.
func TestShipped(t *testing.T) {
	s, err := Load(shippedDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckCounts(DefaultMinimums); err != nil {
		t.Fatal(err)
	}
	c := s.Counts()
	for _, sp := range []Split{SplitDev, SplitTest} {
		if c[sp].Pairs[PairPositive] == 0 || c[sp].Pairs[PairHardNegative] == 0 {
			t.Errorf("%s: %+v: every split needs positives and hard negatives", sp, c[sp].Pairs)
		}
	}
	hard := c[SplitDev].Pairs[PairHardNegative] + c[SplitTest].Pairs[PairHardNegative]
	if all := c[SplitDev].PairsTotal + c[SplitTest].PairsTotal; 2*hard < all {
		t.Errorf("%d hard negatives of %d pairs: want half", hard, all)
	}
	for _, st := range s.Stories {
		outlets := map[string]bool{}
		for _, a := range st.Articles {
			outlets[a.Source] = true
		}
		if len(outlets) < 3 {
			t.Errorf("%s: %d outlets, want at least 3", st.ID, len(outlets))
		}
		if len(st.Events) == 0 || len(st.Actors) == 0 {
			t.Errorf("%s: needs key events and key actors", st.ID)
		}
	}
}

// TestShippedResolves checks every anchor of the gold set against the real
// corpus: each URL is in it and each quote is found in its article.
func TestShippedResolves(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: reading the corpus takes seconds")
	}
	path := corpusPath
	if p := os.Getenv("TAQRIR_ANT_NEWS"); p != "" {
		path = p
	}
	c, err := OpenCorpus(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("ANT corpus absent (%v): see ../shared/data/README.md (ant-news/), or set TAQRIR_ANT_NEWS to the .jsonl.gz", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(shippedDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Resolve(c) {
		t.Error(p)
	}
}

func FuzzReadPairs(f *testing.F) {
	f.Add("url1\turl2\tsame_story\tsplit\tkind\tstory1\tstory2\tshared_entity\tdays_apart\nu1\tu2\tyes\tdev\tpositive\ts\ts\t\t3\n")
	f.Add("url1\turl2\tsame_story\tsplit\tkind\tstory1\tstory2\tshared_entity\tdays_apart\r\nu1\tu2\tno\ttest\thard_negative\ts\t-\tمصر\t12\r\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		pairs, err := ReadPairs(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrBadGold) {
				t.Fatalf("error %v does not wrap ErrBadGold", err)
			}
			return
		}
		_ = (&Set{Pairs: pairs}).Validate()
	})
}

func FuzzReadStories(f *testing.F) {
	f.Add(`[{"id":"a","name":"x","split":"dev","from":"2018-01-01","to":"2018-01-02","articles":[{"url":"u"}],"events":[{"event":"e","date":"2018-01","anchor":{"url":"u","quote":"ق"}}]}]`)
	f.Add(`[{"disagreements":[{"sides":[{}]}],"traps":[{}]}]`)
	f.Fuzz(func(t *testing.T, in string) {
		stories, err := ReadStories(strings.NewReader(in))
		if err != nil {
			return
		}
		s := &Set{Stories: stories}
		_ = s.Validate()
		_ = s.Counts()
		_ = s.Resolve(Corpus{})
	})
}
