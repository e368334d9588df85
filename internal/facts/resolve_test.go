package facts

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/news"
)

// TestResolvePipeline scores entity resolution through the whole pipeline
// on testdata/resolve.tsv: an expected name is found when an entity's text
// holds it (the first such entity), and right when canonical, role, of, in
// and metonymy all match.
func TestResolvePipeline(t *testing.T) {
	scoreResolution(t, "testdata/resolve.tsv", 90)
}

// TestResolvePipelineHeldOut scores the held-out sentences; it only fails
// on a collapse.
func TestResolvePipelineHeldOut(t *testing.T) {
	scoreResolution(t, "testdata/resolve_heldout.tsv", 50)
}

// scoreResolution scores one file and requires floor percent all-right.
func scoreResolution(t *testing.T, path string, floor float64) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n, found, right int
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			t.Fatalf("%s:%d: want 7 fields, got %d", path, i+1, len(f))
		}
		want := news.Entity{Text: f[1], Canonical: f[2], Role: f[3], Of: f[4], In: f[5], Metonymy: f[6] == "1"}
		n++
		var got *news.Entity
		for _, e := range Extract(f[0], time.Time{}).Entities {
			if strings.Contains(e.Text, want.Text) {
				got = &e
				break
			}
		}
		if got == nil {
			t.Logf("%s:%d: %q not found", path, i+1, want.Text)
			continue
		}
		found++
		if got.Canonical == want.Canonical && got.Role == want.Role && got.Of == want.Of && got.In == want.In && got.Metonymy == want.Metonymy {
			right++
			continue
		}
		t.Logf("%s:%d: %q\n want canonical %q role %q of %q in %q metonymy %v\n got  canonical %q role %q of %q in %q metonymy %v",
			path, i+1, want.Text, want.Canonical, want.Role, want.Of, want.In, want.Metonymy, got.Canonical, got.Role, got.Of, got.In, got.Metonymy)
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	t.Logf("%s: n=%d found %.1f%%, all fields right %.1f%%", path, n, pct(found), pct(right))
	if pct(right) < floor {
		t.Errorf("%s: all-fields-right below %.0f%%", path, floor)
	}
}

// TestSpeakerBehindTitleAndAffiliation: through the whole pipeline, a
// speaker named after a title and an institution (الباحث في مركز …
// فلان) and later by his surname alone is one person, kept apart from the
// institution; a country read from its nisba is a place.
func TestSpeakerBehindTitleAndAffiliation(t *testing.T) {
	tests := []struct {
		text, person, org string
	}{
		{"وقال الباحث في مركز القرن الأفريقي للدراسات ياسر الحاج إن \"التجارب السابقة لا تبعث على التفاؤل\".\n\nوأضاف الحاج أن نجاح الاتفاق مرهون بالرقابة.",
			"ياسر الحاج", "مركز القرن الأفريقي للدراسات"},
		{"وقال أستاذ الهيدرولوجيا في جامعة عمر المختار منصور الدرسي إن التحذيرات كانت مكتوبة.\n\nوأضاف الدرسي أن المدن لم تتعلم من الكارثة.",
			"منصور الدرسي", "جامعة عمر المختار"},
		{"وقالت المحللة في معهد الدراسات الاستراتيجية سلمى العبدالله إن الأسعار ستتراجع. وأكدت العبدالله أن البنك سيخفض الفائدة.",
			"سلمى العبدالله", "معهد الدراسات الاستراتيجية"},
		{"وقال المتحدث باسم مفوضية الاتحاد الأفريقي نكوسي مابيزا إن المفوضية ستشارك. وأضاف مابيزا أن اللجنة تضم 12 عضوا.",
			"نكوسي مابيزا", "مفوضية الاتحاد الأفريقي"},
	}
	for _, tc := range tests {
		f := Extract(tc.text, time.Time{})
		if len(f.Claims) != 2 {
			t.Errorf("%s: %d claims, want 2: %+v", tc.text, len(f.Claims), f.Claims)
			continue
		}
		for _, c := range f.Claims {
			if c.Canonical != tc.person {
				t.Errorf("%s: claim of %q has canonical %q, want %q", tc.text, c.Speaker, c.Canonical, tc.person)
			}
		}
		var org, pers bool
		for _, e := range f.Entities {
			switch {
			case e.Type == news.EntityOrg && e.Text == tc.org:
				org = true
			case e.Type == news.EntityPerson && e.Text == tc.person:
				pers = true
			case strings.Contains(e.Text, tc.person) || strings.Contains(tc.org, e.Text) && e.Type != news.EntityOrg:
				t.Errorf("%s: entity %s %q glues the person and the institution", tc.text, e.Type, e.Text)
			}
		}
		if !org || !pers {
			t.Errorf("%s: want ORG %q (found %v) and PERS %q (found %v) apart; got %+v", tc.text, tc.org, org, tc.person, pers, f.Entities)
		}
	}
}

// TestCountryIsAPlace: a country named by its nisba adjective or by a
// name the tagger typed otherwise comes out a place.
func TestCountryIsAPlace(t *testing.T) {
	text := "وأشاد الوزير بالوساطة القطرية، فيما رحب المسؤولون القطريون والمصريون بالاتفاق الذي رعته قطر."
	n := 0
	for _, e := range Extract(text, time.Time{}).Entities {
		if e.Canonical == "قطر" || e.Canonical == "مصر" {
			n++
			if e.Type != news.EntityPlace {
				t.Errorf("%q (canonical %q) typed %s, want %s", e.Text, e.Canonical, e.Type, news.EntityPlace)
			}
		}
	}
	if n == 0 {
		t.Errorf("no mention of قطر found in %q", text)
	}
}

// TestEntitiesAreNames: the pipeline keeps no number phrase, bare generic
// noun or adjective of nothing among the entities, and a known name the
// tagger cut after its generic head (سلطنة | عمان) is read whole.
func TestEntitiesAreNames(t *testing.T) {
	texts := []string{
		"ارتفعت حصيلة الوفيات جراء الفيضانات التي تشهدها سلطنة عمان منذ الأحد إلى تسع حالات.",
		"وأغلقت السلطات الطرق المؤدية إلى السد، فيما ارتفع المؤشر الرئيسي للبورصة بنسبة 2.1 في المئة.",
		"وشاركت فرق أوروبية وعربية في البحث عن المفقودين، بحسب الهلال الأحمر.",
		"وقالت شرطة عمان السلطانية إن السلطنة شهدت أمطارا غزيرة.",
	}
	for _, text := range texts {
		for _, e := range Extract(text, time.Time{}).Entities {
			if !resolve.Salient(e) {
				t.Errorf("%s: %s %q (canonical %q) is no name", text, e.Type, e.Text, e.Canonical)
			}
			if e.Text == "عمان" && strings.Contains(text, "سلطنة عمان") {
				t.Errorf("%s: عمان read apart from سلطنة عمان", text)
			}
		}
	}
}

// TestResolveStartsAsKeys: the resolver given each key's gazetteer starts
// (as Extract gives them) resolves every sample article as it does
// matching from the keys alone.
func TestResolveStartsAsKeys(t *testing.T) {
	arts := sampleArticles(t)
	if len(arts) < 20 {
		t.Fatalf("%d sample articles: the corpus did not load", len(arts))
	}
	n := 0
	for _, a := range arts {
		d := arabic.Analyse(a.body)
		mentions, keys, starts := mentionsDoc(d)
		got := resolve.ResolveDoc(d, keys, starts, mentions)
		want := resolve.ResolveDoc(d, keys, nil, mentions)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: resolved with starts differs (-keys +starts):\n%s", a.name, diff)
		}
		n += len(got)
	}
	if n == 0 {
		t.Fatal("no entities resolved in the sample corpus")
	}
}

// TestEntitiesDocKeys: the gazetteer keys and starts the tagger hands back
// with its spans are what the gazetteer gives for each token, on every sample
// article and on a text with a sentence cut inside a run without spaces,
// and the spans are EntitiesDoc's.
func TestEntitiesDocKeys(t *testing.T) {
	texts := []string{
		"قال وزير الخارجية المصري سامح شكري في القاهرة " + strings.Repeat("ب", arabic.MaxSentenceBytes) + " إن الرئيس عبد الفتاح السيسي استقبل أمس وفدا من الأمم المتحدة.",
		// sentences cut inside a run without spaces: here the sentences'
		// tokens are not the text's (4,006 against 4,003, most misplaced)
		"قال الرئيس الأمريكي دونالد ترامب " + strings.Repeat("كلمة،", 2000) + " إن وزير الخارجية مايك بومبيو سيزور بغداد.",
	}
	for _, a := range sampleArticles(t) {
		texts = append(texts, a.body)
	}
	tagger := ner.Default()
	for i, text := range texts {
		d := arabic.Analyse(text)
		spans, keys, starts := tagger.EntitiesDocKeys(d)
		wantKeys := make([]string, len(d.Tokens))
		wantStarts := make([][]gazetteer.Start, len(d.Tokens))
		for i, tok := range d.Tokens {
			if tok.Kind != arabic.KindPunct {
				wantKeys[i] = gazetteer.WordKey(tok.Text)
				wantStarts[i] = gazetteer.Starts(wantKeys[i])
			}
		}
		if !reflect.DeepEqual(keys, wantKeys) || !reflect.DeepEqual(starts, wantStarts) {
			t.Fatalf("text %d: the keys handed back differ from the gazetteer's", i)
		}
		if want := tagger.EntitiesDoc(d); !reflect.DeepEqual(spans, want) {
			t.Fatalf("text %d: spans %v, EntitiesDoc gives %v", i, spans, want)
		}
	}
}
