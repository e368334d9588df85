package story

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// TestSampleClustering scores batch clustering of the sample corpus
// against corpus.Stories(), pair by pair, with the articles as they come
// (no entities: the facts stage may not have run) and with hand-made
// entities standing in for the facts stage.
func TestSampleClustering(t *testing.T) {
	arts, truth := sampleArticles(t)
	for _, tc := range []struct {
		name          string
		arts          []news.Article
		minP, minR    float64
		wantEntitiesN int // stories whose top entities are non-empty
	}{
		{"terms only", arts, 1, 0.95, 0},
		{"with entities", handEntities(arts), 1, 1, 9},
		{"with extracted facts", extracted(arts), 1, 0.95, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stories, err := Cluster(tc.arts, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			p, r, f1 := pairwise(stories, truth)
			t.Logf("%s: %d stories (truth 9), pairwise precision %.3f recall %.3f F1 %.3f", tc.name, len(stories), p, r, f1)
			if p < tc.minP || r < tc.minR {
				t.Errorf("precision %.3f recall %.3f, want ≥ %.2f and ≥ %.2f; stories:%s", p, r, tc.minP, tc.minR, describe(stories, truth))
			}
			n, size := 0, 0
			for _, s := range stories {
				size += s.Size
				if len(s.Entities) > 0 {
					n++
				}
				if s.Size != len(s.Articles) || s.Title == "" {
					t.Errorf("story %s: size %d, %d articles, title %q", s.ID, s.Size, len(s.Articles), s.Title)
				}
			}
			if size != len(tc.arts) {
				t.Errorf("stories hold %d articles, want %d", size, len(tc.arts))
			}
			if n < tc.wantEntitiesN || tc.wantEntitiesN == 0 && n != 0 {
				t.Errorf("%d stories list entities, want %d", n, tc.wantEntitiesN)
			}
		})
	}
}

func day(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }

func art(id, title string, pub time.Time, body ...string) news.Article {
	return news.Article{ID: id, Title: title, Source: "مصدر " + id, Published: pub, Paragraphs: body}
}

const (
	floodText = "ارتفعت حصيلة ضحايا الفيضانات التي ضربت مدينة المرج شرق ليبيا إلى 27 قتيلا، وغمرت المياه الأحياء السكنية بعد انهيار سد وادي الخير، وأعلنت السلطات حالة الطوارئ وفتحت المدارس لإيواء النازحين."
	oilText   = "قرر تحالف أوبك+ خفض إنتاجه النفطي بمقدار مليوني برميل يوميا اعتبارا من الشهر المقبل، وقفزت أسعار خام برنت في الأسواق بعد القرار، وانتقدت واشنطن الخطوة ورأت أنها تضر بالمستهلكين."
)

func TestClusterer(t *testing.T) {
	for _, tc := range []struct {
		name string
		arts []news.Article
		want [][]string // article ids per story, in Stories order
	}{
		{"one story, two outlets", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("b", "سيول المرج", day(3), "أعلنت السلطات في ليبيا أن حصيلة الفيضانات في المرج بلغت 27 قتيلا بعد انهيار سد وادي الخير وغمر المياه الأحياء."),
		}, [][]string{{"a", "b"}}},
		{"two topics stay apart", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("b", "أوبك تخفض الإنتاج", day(2), oilText),
		}, [][]string{{"b"}, {"a"}}},
		{"outside the window", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("b", "سيول المرج", day(1).AddDate(0, 2, 0), "أعلنت السلطات في ليبيا أن حصيلة الفيضانات في المرج بلغت 27 قتيلا بعد انهيار سد وادي الخير وغمر المياه الأحياء."),
		}, [][]string{{"b"}, {"a"}}},
		{"undated joins by content", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("u", "تحليل: سدود ليبيا", time.Time{}, "انهيار سد وادي الخير في المرج شرق ليبيا خلف 27 قتيلا وغمرت الفيضانات الأحياء السكنية."),
		}, [][]string{{"a", "u"}}},
		{"copy joins its original whatever its title", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("b", "أوبك تخفض الإنتاج", day(2), oilText),
			art("c", "عنوان آخر لا صلة له", day(2), "بنغازي - (أ ف ب) - "+floodText),
		}, [][]string{{"a", "c"}, {"b"}}}, // same last day: by id
		{"a copy the store linked joins its original whatever its text", []news.Article{
			art("a", "فيضانات ليبيا", day(1), floodText),
			art("b", "أوبك تخفض الإنتاج", day(2), oilText),
			copyOf("a", art("c", "تصحيح", day(2), "نشرت الصحيفة تصحيحا للنص بعد نسخه فلم يبق منه شيء.")),
		}, [][]string{{"a", "c"}, {"b"}}},
		{"empty articles", []news.Article{
			art("e1", "", time.Time{}),
			art("e2", "", time.Time{}),
		}, [][]string{{"e1"}, {"e2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stories, err := Cluster(tc.arts, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, s := range stories {
				var ids []string
				for _, a := range s.Articles {
					ids = append(ids, a.ID)
				}
				got = append(got, ids)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("stories (-want +got):\n%s", d)
			}
		})
	}
}

func TestStoryFields(t *testing.T) {
	ent := func(name, typ string) news.Entity { return news.Entity{Text: name, Canonical: name, Type: typ} }
	a := art("a", "فيضانات المرج", day(2), floodText)
	a.Entities = []news.Entity{ent("ليبيا", news.EntityPlace), ent("المرج", news.EntityPlace), ent("المرج", news.EntityPlace)}
	b := art("b", "سيول في شرق ليبيا", day(4), "قال الهلال الأحمر في ليبيا إن الفيضانات في المرج خلفت 27 قتيلا بعد انهيار سد وادي الخير.")
	b.Entities = []news.Entity{ent("ليبيا", news.EntityPlace), {Text: "الهلال الأحمر", Type: news.EntityOrg}, {Text: "السلطات", Type: news.EntityOrg}}
	u := art("u", "تحليل", time.Time{}, "الفيضانات في المرج شرق ليبيا وانهيار سد وادي الخير خلفت 27 قتيلا.")
	c, _ := New(DefaultOptions())
	for _, x := range []*news.Article{&b, &u, &a} {
		c.Add(x)
	}
	stories := c.Stories()
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	s := stories[0]
	if s.ID != "b" {
		t.Errorf("ID = %q, want the first article added, b", s.ID)
	}
	if !s.First.Equal(day(2)) || !s.Last.Equal(day(4)) {
		t.Errorf("span %v – %v, want %v – %v (the undated article does not count)", s.First, s.Last, day(2), day(4))
	}
	var order []string
	for _, r := range s.Articles {
		order = append(order, r.ID)
	}
	if d := cmp.Diff([]string{"a", "b", "u"}, order); d != "" {
		t.Errorf("articles oldest first, undated last (-want +got):\n%s", d)
	}
	// «السلطات» alone names a kind of body, not one: no entity to list
	wantEnts := []Entity{{"ليبيا", news.EntityPlace, 2}, {"المرج", news.EntityPlace, 1}, {"الهلال الأحمر", news.EntityOrg, 1}}
	if d := cmp.Diff(wantEnts, s.Entities); d != "" {
		t.Errorf("entities (-want +got):\n%s", d)
	}
	if id, ok := c.StoryOf("u"); !ok || id != "b" {
		t.Errorf("StoryOf(u) = %q, %v", id, ok)
	}
	if got := c.Add(&a); got != "b" {
		t.Errorf("adding a again: %q, want its story b", got)
	}
}

// TestTopEntitiesAreNames: a story lists names, not the number phrases,
// bare generic nouns and adjectives an older tagger stored as entities.
func TestTopEntitiesAreNames(t *testing.T) {
	ent := func(name, typ string) news.Entity { return news.Entity{Text: name, Canonical: name, Type: typ} }
	a := art("a", "فيضانات المرج", day(2), floodText)
	a.Entities = []news.Entity{ent("ليبيا", news.EntityPlace), ent("بنسبة 2.1", news.EntityMisc), ent("سلطنة", news.EntityPlace), ent("أوروبية", news.EntityMisc)}
	b := art("b", "سيول في شرق ليبيا", day(4), "قالت السلطات في ليبيا إن الفيضانات في المرج خلفت 27 قتيلا بعد انهيار سد وادي الخير.")
	b.Entities = []news.Entity{ent("ليبيا", news.EntityPlace), ent("السد", news.EntityOrg), ent("سد", news.EntityPlace), ent("عربية", news.EntityMisc), ent("المرج", news.EntityPlace)}
	c, _ := New(DefaultOptions())
	c.Add(&a)
	c.Add(&b)
	stories := c.Stories()
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	want := []Entity{{"ليبيا", news.EntityPlace, 2}, {"المرج", news.EntityPlace, 1}}
	if d := cmp.Diff(want, stories[0].Entities); d != "" {
		t.Errorf("entities (-want +got):\n%s", d)
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Options)
		ok   bool
	}{
		{"default", func(*Options) {}, true},
		{"zero threshold", func(o *Options) { o.Threshold = 0 }, false},
		{"NaN threshold", func(o *Options) { o.Threshold = math.NaN() }, false},
		{"negative window", func(o *Options) { o.Window = -time.Hour }, false},
		{"no terms", func(o *Options) { o.Terms = 0 }, false},
		{"merge above one", func(o *Options) { o.MergeThreshold = 2 }, false},
		{"negative title weight", func(o *Options) { o.TitleWeight = -1 }, false},
		{"no merging", func(o *Options) { o.MergeThreshold = 0 }, true},
		{"zero unshared", func(o *Options) { o.Unshared = 0 }, false},
		{"unshared off", func(o *Options) { o.Unshared = 1 }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.edit(&o)
			_, err := New(o)
			if (err == nil) != tc.ok {
				t.Errorf("New(%+v) error = %v, want ok=%v", o, err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "story: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if _, err2 := Cluster(nil, o); (err2 == nil) != tc.ok {
				t.Errorf("Cluster error = %v, want ok=%v", err2, tc.ok)
			}
		})
	}
}

// TestSampleStoriesAlone clusters each story of the sample on its own, as
// when a filter or a query selects one story's articles: the shared words
// must not lose their weight (see priorDocs), so the story stays together.
func TestSampleStoriesAlone(t *testing.T) {
	arts, truth := sampleArticles(t)
	for _, tc := range []struct {
		name      string
		in        []news.Article
		floor     float64 // on the mean over stories
		eachFloor float64
	}{
		// Without entities the two oman-floods articles on rain and
		// torrents (أمطار، سيول) split from the two on deaths (فيضانات).
		{"terms only", arts, 0.9, 0.3},
		{"with entities", handEntities(arts), 0.95, 0.6},
		{"with extracted facts", extracted(arts), 0.9, 0.3},
	} {
		name, in := tc.name, tc.in
		byStory := map[string][]news.Article{}
		for _, a := range in {
			byStory[truth[a.ID]] = append(byStory[truth[a.ID]], a)
		}
		sum := 0.0
		for id, sub := range byStory {
			stories, err := Cluster(sub, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			sub1 := map[string]string{}
			for _, a := range sub {
				sub1[a.ID] = id
			}
			_, r, _ := pairwise(stories, sub1)
			sum += r
			if r < tc.eachFloor {
				t.Errorf("%s: story %s alone: %d clusters, pairwise recall %.3f", name, id, len(stories), r)
			}
		}
		t.Logf("%s: each story alone, mean pairwise recall %.3f", name, sum/float64(len(byStory)))
		if sum/float64(len(byStory)) < tc.floor {
			t.Errorf("%s: mean pairwise recall %.3f, want ≥ %.2f", name, sum/float64(len(byStory)), tc.floor)
		}
	}
}

// TestTermCache: the cached path of batch clustering sees the terms and
// keys the uncached path (arabic.EachTerm) sees.
func TestTermCache(t *testing.T) {
	arts, _ := sampleArticles(t)
	var cache arabic.TermCache
	for i := range arts[:10] {
		for range 2 {
			r1, e1, k1 := features(&arts[i], 3, nil)
			r2, e2, k2 := features(&arts[i], 3, &cache)
			if d := cmp.Diff(r1, r2); d != "" {
				t.Fatalf("%s: terms (-uncached +cached):\n%s", arts[i].ID, d)
			}
			if d := cmp.Diff(k1, k2); d != "" || len(e1) != len(e2) {
				t.Fatalf("%s: keys (-uncached +cached):\n%s", arts[i].ID, d)
			}
		}
	}
}

func TestStoryJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Story
		want string
	}{
		{"dated", Story{ID: "a", Title: "t", Articles: []Ref{{ID: "a", Title: "t", Published: day(2)}}, First: day(2), Last: day(2), Entities: []Entity{}, Size: 1},
			`{"id":"a","title":"t","articles":[{"id":"a","title":"t","published":"2025-03-02T09:00:00Z"}],"first":"2025-03-02T09:00:00Z","last":"2025-03-02T09:00:00Z","entities":[],"size":1}`},
		{"undated", Story{ID: "u", Title: "t", Articles: []Ref{{ID: "u", Title: "t", DuplicateOf: "x"}}, Entities: []Entity{{"ليبيا", "LOC", 1}}, Size: 1},
			`{"id":"u","title":"t","articles":[{"id":"u","title":"t","duplicate_of":"x"}],"first":null,"last":null,"entities":[{"name":"ليبيا","type":"LOC","articles":1}],"size":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.s)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, string(b)); d != "" {
				t.Errorf("JSON (-want +got):\n%s", d)
			}
		})
	}
}

// copyOf marks a as the store marks a copy of the article id.
func copyOf(id string, a news.Article) news.Article {
	a.CopyOf = id
	return a
}

// TestStoriesEnd: a story that has run MaxSpan takes no more articles,
// however close: the next one starts a follow-up story linked to it; and
// the story keeps the id of its first article.
func TestStoriesEnd(t *testing.T) {
	opt := DefaultOptions()
	opt.MaxSpan = 6 * 24 * time.Hour
	var arts []news.Article
	leads := []string{
		"أعلنت السلطات الليبية حالة الطوارئ في المرج بعد الفيضانات وانهيار سد وادي الخير.",
		"ارتفع عدد ضحايا فيضانات المرج شرق ليبيا وسط مخاوف من انهيار سدود أخرى.",
		"وصلت فرق إنقاذ دولية إلى المرج للبحث عن المفقودين في الفيضانات.",
		"تواصل السلطات في شرق ليبيا إيواء النازحين من فيضانات المرج في المدارس.",
		"بدأ مهندسون تفقد سد وادي الخير المنهار بعد فيضانات المرج في ليبيا.",
		"عاد بعض سكان المرج إلى منازلهم بعد انحسار مياه الفيضانات في شرق ليبيا.",
	}
	for i, d := range []int{1, 3, 5, 7, 9, 11} {
		arts = append(arts, art(fmt.Sprintf("f%d", i), "فيضانات ليبيا", day(d), leads[i], "سد وادي الخير والمرج وليبيا والفيضانات في الأخبار."))
	}
	stories, err := Cluster(arts, opt)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Story{}
	for _, s := range stories {
		byID[s.ID] = s
		if !s.First.IsZero() && s.Last.Sub(s.First) > opt.MaxSpan {
			t.Errorf("story %s runs %v, longer than %v", s.ID, s.Last.Sub(s.First), opt.MaxSpan)
		}
	}
	first, ok := byID["f0"]
	if !ok || len(stories) < 2 {
		t.Fatalf("stories %v: want f0's story and a follow-up", stories)
	}
	followed := false
	for _, s := range stories {
		if s.ID != "f0" && s.FollowUpOf != "" {
			followed = true
			if _, ok := byID[s.FollowUpOf]; !ok {
				t.Errorf("story %s follows up %s, which is no story", s.ID, s.FollowUpOf)
			}
		}
	}
	if !followed || first.FollowUpOf != "" {
		t.Errorf("no follow-up link: %+v", stories)
	}
	// Without the cap, one story.
	opt.MaxSpan = 0
	if stories, _ := Cluster(arts, opt); len(stories) != 1 {
		t.Errorf("without MaxSpan: %d stories, want 1", len(stories))
	}
}
