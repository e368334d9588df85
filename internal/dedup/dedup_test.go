package dedup

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/news"
)

// exactJaccard is the true Jaccard similarity of the shingle sets of two
// texts, which a signature estimates.
func exactJaccard(a, b string, k int) float64 {
	set := func(s string) map[uint64]bool {
		w := wordHashes(s, nil)
		m := map[uint64]bool{}
		kk := min(k, len(w))
		for i := 0; kk > 0 && i+kk <= len(w); i++ {
			m[shingleHash(w[i:i+kk])] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	inter := 0
	for x := range sa {
		if sb[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// numbered returns n distinct sentences "الجملة رقم i من النص".
func numbered(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "قال المتحدث في البيان رقم %d إن الاجتماع عقد في الدوحة. ", i)
	}
	return b.String()
}

func TestSignatureJaccard(t *testing.T) {
	base := numbered(0, 40)
	for _, tc := range []struct {
		name   string
		a, b   string
		lo, hi float64 // bounds on the true Jaccard, to keep the case honest
	}{
		{"identical", base, base, 1, 1},
		{"disjoint", numbered(0, 20), "انخفض سعر خام برنت في الأسواق العالمية بعد قرار أوبك خفض الإنتاج وسط مخاوف من تباطؤ الطلب", 0, 0.05},
		{"half overlap", numbered(0, 40), numbered(20, 60), 0.25, 0.45},
		{"three quarters", numbered(0, 40), numbered(0, 30), 0.7, 0.8},
		{"respelled is identical", "وصل الوفد الأمريكي إلى الدوحة أمس لبدء المحادثات مع الجانب السوداني",
			"وصل الوفد الأميركي الى الدوحة أمس لبدء المحادثات مع الجانب السودانيّ.", 1, 1},
		{"short texts equal", "هدنة في الدوحة", "هدنة في الدوحة", 1, 1},
		{"empty", "", base, 0, 0},
		{"punctuation only", "... ؟ !", "... ؟ !", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := NewIndex(DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			exact := exactJaccard(tc.a, tc.b, ix.opt.Shingle)
			if exact < tc.lo-1e-9 || exact > tc.hi+1e-9 {
				t.Fatalf("true Jaccard %.3f outside the case's [%.2f, %.2f]", exact, tc.lo, tc.hi)
			}
			var keys []string
			arabic.EachTerm(tc.a, func(_, _ int, key string, _ bool) { keys = append(keys, key) })
			if d := cmp.Diff(ix.Signature(tc.a), ix.KeySignature(keys)); d != "" {
				t.Errorf("KeySignature differs from Signature (-want +got):\n%s", d)
			}
			est := ix.Signature(tc.a).Jaccard(ix.Signature(tc.b))
			// 128 hashes: the standard error is at most 0.5/sqrt(128) = 0.044;
			// allow three of them.
			if math.Abs(est-exact) > 0.133 {
				t.Errorf("estimate %.3f, true Jaccard %.3f", est, exact)
			}
		})
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Options)
		ok   bool
	}{
		{"default", func(*Options) {}, true},
		{"bands overflow", func(o *Options) { o.Bands = 40 }, false},
		{"no hashes", func(o *Options) { o.Hashes = 0 }, false},
		{"zero shingle", func(o *Options) { o.Shingle = 0 }, false},
		{"threshold above one", func(o *Options) { o.Threshold = 1.5 }, false},
		{"threshold NaN", func(o *Options) { o.Threshold = math.NaN() }, false},
		{"one band of all rows", func(o *Options) { o.Bands, o.Rows = 1, 128 }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.edit(&o)
			_, err := NewIndex(o)
			if (err == nil) != tc.ok {
				t.Errorf("NewIndex(%+v) error = %v, want ok=%v", o, err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "dedup: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestIndexAdd(t *testing.T) {
	a := numbered(0, 30)
	b := numbered(100, 130)
	bridge := numbered(15, 30) + numbered(100, 115) // half of each: J≈1/3 with each, below 0.5
	ix, _ := NewIndex(DefaultOptions())
	steps := []struct{ id, text, want string }{
		{"a", a, "a"},
		{"b", b, "b"},
		{"a-copy", "بيروت - (رويترز) - " + a, "a"},
		{"bridge", bridge, "bridge"},
		{"b-copy", b + " (المصدر: رويترز)", "b"},
		{"a", b, "a"}, // adding an id again keeps its first group
		{"empty", "", "empty"},
		{"empty2", "", "empty2"}, // texts without words never match
	}
	for _, s := range steps {
		if got := ix.Add(s.id, s.text); got != s.want {
			t.Errorf("Add(%q) = %q, want %q", s.id, got, s.want)
		}
	}
	ix.Link("b", "a")
	for _, id := range []string{"a", "a-copy", "b", "b-copy"} {
		if g, _ := ix.Group(id); g != "a" {
			t.Errorf("after Link, Group(%q) = %q, want the earlier group a", id, g)
		}
	}
	if g, ok := ix.Group("nope"); ok || g != "" {
		t.Errorf("Group(unknown) = %q, %v", g, ok)
	}
	if ix.Len() != 7 {
		t.Errorf("Len = %d, want 7", ix.Len())
	}
}

// TestGroupsSample measures duplicate detection on the sample corpus plus
// syndicated copies of a third of its articles: pairwise precision and
// recall against the copies we made. The sample itself holds no copies,
// only different outlets' articles on the same stories, which must stay
// apart.
func TestGroupsSample(t *testing.T) {
	arts, truth := syndicate(sampleArticles(t))
	want := map[string]string{}
	for _, a := range arts {
		want[a.ID] = a.ID
		if o, ok := truth[a.ID]; ok {
			want[a.ID] = o
		}
	}
	got := Groups(arts)
	ps := eval.Pairwise(got, want)
	p, r, tp, fp, fn := ps.Precision, ps.Recall, ps.TP, ps.FP, ps.FN
	t.Logf("sample + %d syndicated copies: pairwise precision %.3f recall %.3f (tp %d, fp %d, fn %d)", len(truth), p, r, tp, fp, fn)
	if p < 1 || r < 0.95 {
		t.Errorf("precision %.3f recall %.3f, want 1 and ≥ 0.95", p, r)
	}
	// The group id is the earliest member: the original, published an hour
	// before its copies.
	for cp, orig := range truth {
		if got[cp] == got[orig] && got[cp] != orig {
			t.Errorf("copy %s: group %s, want the original %s", cp, got[cp], orig)
		}
	}
}

func TestGroupsExact(t *testing.T) {
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	arts := []news.Article{
		{ID: "late", Published: day.AddDate(0, 0, 2), Paragraphs: []string{numbered(0, 10)}},
		{ID: "undated", Paragraphs: []string{numbered(0, 10)}},
		{ID: "early", Published: day, Paragraphs: []string{numbered(0, 10)}},
		{ID: "url1", CanonicalURL: "https://example.org/a?utm_source=x", Paragraphs: []string{"نص أول مختلف تماما"}},
		{ID: "url2", CanonicalURL: "https://example.org/a", Paragraphs: []string{"نص ثان لا يشبه الأول"}},
		{ID: "title-only", Title: "عنوان بلا نص"},
		{ID: "alone", Paragraphs: []string{numbered(50, 60)}},
		// Copies the store linked whose texts have parted since.
		{ID: "parted", CopyOf: "alone", Paragraphs: []string{"نص صحح بعد النسخ فلم يعد يشبه أصله في شيء"}},
		{ID: "orphan", CopyOf: "not-here", Paragraphs: []string{"نص منسوخ لم يدخل أصله في هذه المجموعة"}},
	}
	want := map[string]string{
		"late": "early", "undated": "early", "early": "early",
		"url1": "url1", "url2": "url1", "title-only": "title-only", "alone": "alone",
		"parted": "alone", "orphan": "orphan",
	}
	got := Groups(arts)
	for id, w := range want {
		if got[id] != w {
			t.Errorf("Groups[%s] = %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Groups has %d ids, want %d", len(got), len(want))
	}
	if g := Groups(nil); len(g) != 0 {
		t.Errorf("Groups(nil) = %v", g)
	}
}

func TestSentenceKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		same bool
	}{
		{"spelling variants", "وصل الوفد الأمريكي إلى الدوحة.", "وصل الوفد الأميركي الى الدوحة", true},
		{"diacritics and spaces", "وقّع  الطرفان الاتفاق", "وقع الطرفان الاتفاق", true},
		{"digits", "قتل ٤١ شخصا", "قتل 41 شخصا", true},
		{"different number", "قتل 41 شخصا", "قتل 38 شخصا", false},
		{"word order", "الجيش وقع الاتفاق", "وقع الجيش الاتفاق", false},
		{"different word", "وقع الطرفان الاتفاق", "رفض الطرفان الاتفاق", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ka, kb := SentenceKey(tc.a), SentenceKey(tc.b)
			if (ka == kb) != tc.same {
				t.Errorf("SentenceKey(%q) = %x, SentenceKey(%q) = %x, want same=%v", tc.a, ka, tc.b, kb, tc.same)
			}
			if ka == 0 || kb == 0 {
				t.Errorf("a sentence with words got key 0")
			}
		})
	}
	for _, s := range []string{"", "  ", "...؟!", "«»"} {
		if k := SentenceKey(s); k != 0 {
			t.Errorf("SentenceKey(%q) = %x, want 0 for no words", s, k)
		}
	}
}

// TestWordCache: the cached path gives the hashes EachTerm gives, on
// Arabic with clitics, variants, numbers, Latin and debris, twice over
// (the second time from the cache).
func TestWordCache(t *testing.T) {
	text := "والأميركيين في واشنطن، وصل الوفد الأمريكي إلى الدوحة يوم 14/3/2025 ومعه ٤١ خبيرا. OPEC+ \xff ـــ «قال»"
	want := wordHashes(text, nil)
	cache := wordCache{}
	for range 2 {
		if d := cmp.Diff(want, wordHashesCached(text, nil, cache)); d != "" {
			t.Fatalf("cached word hashes (-want +got):\n%s", d)
		}
	}
}

// TestConcurrentAdd: Add from several goroutines keeps every id and finds
// the copies (run with -race).
func TestConcurrentAdd(t *testing.T) {
	ix, _ := NewIndex(DefaultOptions())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				ix.Add(fmt.Sprintf("%d-%d", w, i), numbered(i*100, i*100+20))
			}
		}()
	}
	wg.Wait()
	if ix.Len() != 100 {
		t.Fatalf("Len = %d, want 100", ix.Len())
	}
	g := ix.Groups()
	for i := range 25 {
		for w := 1; w < 4; w++ {
			if a, b := g[fmt.Sprintf("0-%d", i)], g[fmt.Sprintf("%d-%d", w, i)]; a != b {
				t.Errorf("text %d: groups %s and %s, want one", i, a, b)
			}
		}
	}
}
