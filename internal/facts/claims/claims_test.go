package claims

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

// claimCase is one line of testdata/claims.tsv.
type claimCase struct {
	line      int
	name      string
	text      string
	speaker   string // "-": no claim expected
	anonymous bool
	content   string
}

func loadCases(t testing.TB, path string) []claimCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []claimCase
	names := map[string]bool{}
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("%s:%d: want 5 tab-separated fields, got %d", path, i+1, len(f))
		}
		if names[f[0]] {
			t.Fatalf("%s:%d: duplicate case name %q", path, i+1, f[0])
		}
		names[f[0]] = true
		cases = append(cases, claimCase{line: i + 1, name: f[0], text: f[1], speaker: f[2], anonymous: f[3] == "1", content: f[4]})
	}
	return cases
}

// words are the folded word tokens of s, for the overlap measure.
func words(s string) []string {
	var out []string
	for _, t := range arabic.Tokenize(s) {
		if t.Kind != arabic.KindPunct {
			out = append(out, arabic.Fold(t.Text))
		}
	}
	return out
}

// overlap is the token F1 between want and got: 2·|common| / (|want|+|got|),
// counting repeated words as often as both have them.
func overlap(want, got string) float64 {
	w, g := words(want), words(got)
	if len(w)+len(g) == 0 {
		return 1
	}
	count := map[string]int{}
	for _, x := range w {
		count[x]++
	}
	common := 0
	for _, x := range g {
		if count[x] > 0 {
			count[x]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(w)+len(g))
}

func trimSpeaker(s string) string { return strings.Trim(strings.TrimSpace(s), "\"«»“”،,:") }

// scores counts what Extract got right over a case file.
type scores struct {
	n, speaker, anonymous, exact, overlap, neg, negOK int
}

func (s scores) pct(k int) float64 { return 100 * float64(k) / float64(max(s.n, 1)) }

func (s scores) String() string {
	return fmt.Sprintf("n=%d speaker %.1f%% anonymous %.1f%% content exact %.1f%% content F1≥0.8 %.1f%%; no-claim texts %d/%d clean",
		s.n, s.pct(s.speaker), s.pct(s.anonymous), s.pct(s.exact), s.pct(s.overlap), s.negOK, s.neg)
}

// score runs Extract over the cases of path: speaker exact (after trimming
// space and quotes), anonymous flag, content exact and content token-F1 ≥
// 0.8. A text with several claims is scored on its last; a "-" speaker
// means no claim may be found. Misses are logged.
func score(t *testing.T, path string) scores {
	var s scores
	for _, c := range loadCases(t, path) {
		got := Extract(c.text, nil, nil)
		if c.speaker == "-" {
			s.neg++
			if len(got) == 0 {
				s.negOK++
			} else {
				t.Logf("%s (line %d): want no claim, got %+v", c.name, c.line, got)
			}
			continue
		}
		s.n++
		if len(got) == 0 {
			t.Logf("%s (line %d): no claim found", c.name, c.line)
			continue
		}
		g := got[len(got)-1]
		sp := trimSpeaker(g.Speaker) == trimSpeaker(c.speaker)
		an := g.Anonymous == c.anonymous
		ex := strings.TrimSpace(g.Text) == strings.TrimSpace(c.content)
		ov := ex || overlap(c.content, g.Text) >= 0.8
		s.speaker += b2i(sp)
		s.anonymous += b2i(an)
		s.exact += b2i(ex)
		s.overlap += b2i(ov)
		if !sp || !an || !ov {
			t.Logf("%s (line %d):\n speaker want %q got %q\n anon want %v got %v\n content want %q\n         got %q (F1 %.2f)",
				c.name, c.line, c.speaker, g.Speaker, c.anonymous, g.Anonymous, c.content, g.Text, overlap(c.content, g.Text))
		}
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestClaimsAccuracy scores the main suite (testdata/claims.tsv) and
// holds it to its thresholds.
func TestClaimsAccuracy(t *testing.T) {
	if n := len(loadCases(t, "testdata/claims.tsv")); n < 60 {
		t.Fatalf("only %d cases; the suite needs at least 60", n)
	}
	s := score(t, "testdata/claims.tsv")
	t.Logf("claims: %s", s)
	if s.pct(s.speaker) < 90 || s.pct(s.overlap) < 90 || s.pct(s.anonymous) < 95 || s.negOK != s.neg {
		t.Errorf("below threshold (speaker ≥ 90%%, content F1 ≥ 90%%, anonymous ≥ 95%%, every no-claim text clean)")
	}
}

func TestOverlap(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		f1        float64
	}{
		{"same", "الأرقام دقيقة", "الأرقام دقيقة", 1},
		{"disjoint", "الأرقام دقيقة", "المحادثات تعثرت", 0},
		{"half", "أ ب ج د", "أ ب", 2 * 2.0 / 6},
		{"folded", "إن الأمر", "ان الامر", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := overlap(tt.want, tt.got); got != tt.f1 {
				t.Errorf("overlap(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.f1)
			}
		})
	}
}

// TestClaimFields checks the fields the accuracy suite does not score:
// cue, direct flag, medium, canonical and offsets.
func TestClaimFields(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		entities []news.Entity
		want     []news.Claim
	}{
		{
			name: "medium newspaper",
			text: "وقال السفير لصحيفة الصباح إن الحوار مستمر.",
			want: []news.Claim{{Speaker: "السفير", Text: "الحوار مستمر", Cue: "وقال", Medium: "صحيفة الصباح"}},
		},
		{
			name: "medium statement",
			text: "وقال البنك في بيان إن القرار نهائي.",
			want: []news.Claim{{Speaker: "البنك", Text: "القرار نهائي", Cue: "وقال", Medium: "بيان"}},
		},
		{
			name: "a document an outlet read is the medium, and the outlet no speaker",
			text: "وبحسب مسودة اطلع عليها \"المدار الإخباري\"، تنص الهدنة على انسحاب القوات.",
			want: []news.Claim{{Text: "تنص الهدنة على انسحاب القوات", Cue: "وبحسب", Anonymous: true, Medium: "مسودة اطلع عليها \"المدار الإخباري\""}},
		},
		{
			name: "a document obtained by an agency, in guillemets",
			text: "وبحسب وثيقة حصلت عليها «وكالة الأنباء»، فإن الحكومة ستخفض الدعم.",
			want: []news.Claim{{Text: "الحكومة ستخفض الدعم", Cue: "وبحسب", Anonymous: true, Medium: "وثيقة حصلت عليها «وكالة الأنباء»"}},
		},
		{
			name: "a document's author after ل is the speaker",
			text: "وتراجعت الصادرات 12 في المئة، بحسب تقرير سري للأمم المتحدة.",
			want: []news.Claim{{Speaker: "الأمم المتحدة", Text: "وتراجعت الصادرات 12 في المئة", Cue: "بحسب", Medium: "تقرير سري"}},
		},
		{
			name: "a speaker never keeps half a quotation",
			text: "وبحسب مصادر في \"الهيئة العامة للطيران\"، فإن الرحلات ستستأنف غدا.",
			want: []news.Claim{{Speaker: "مصادر في \"الهيئة العامة للطيران\"", Text: "الرحلات ستستأنف غدا", Cue: "وبحسب", Anonymous: true}},
		},
		{
			name:     "a surname alone is the person an earlier claim named",
			text:     "وقال الباحث في مركز القرن الأفريقي للدراسات ياسر الحاج إن الهدنة هشة. وأضاف الحاج أن الرقابة ضرورية.",
			entities: []news.Entity{{Text: "ياسر الحاج", Type: news.EntityPerson, Canonical: "ياسر الحاج", Start: 81, End: 100}},
			want: []news.Claim{
				{Speaker: "الباحث في مركز القرن الأفريقي للدراسات ياسر الحاج", Canonical: "ياسر الحاج", Text: "الهدنة هشة", Cue: "وقال"},
				{Speaker: "الحاج", Canonical: "ياسر الحاج", Text: "الرقابة ضرورية", Cue: "وأضاف"},
			},
		},
		{
			name: "medium interview with",
			text: "وأكد الوزير في مقابلة مع قناة الشروق أن الإنتاج سيرتفع.",
			want: []news.Claim{{Speaker: "الوزير", Text: "الإنتاج سيرتفع", Cue: "وأكد", Medium: "قناة الشروق"}},
		},
		{
			name: "direct quote",
			text: "وقال الوزير: «لن نتراجع».",
			want: []news.Claim{{Speaker: "الوزير", Text: "لن نتراجع", Cue: "وقال", Direct: true}},
		},
		{
			name: "canonical from entity",
			text: "وقال الرئيس الأميركي جو بايدن إن الاتفاق قريب.",
			entities: []news.Entity{
				{Text: "جو بايدن", Type: news.EntityPerson, Canonical: "جو بايدن", Start: len("وقال الرئيس الأميركي "), End: len("وقال الرئيس الأميركي جو بايدن")},
			},
			want: []news.Claim{{Speaker: "الرئيس الأميركي جو بايدن", Canonical: "جو بايدن", Text: "الاتفاق قريب", Cue: "وقال"}},
		},
		{
			name: "person entity bounds the speaker",
			text: "وأكد رئيس الوفد اللواء سامي حمدان التزام القوات \"بكل ما وقعنا عليه\".",
			entities: []news.Entity{
				{Text: "سامي حمدان", Type: news.EntityPerson, Canonical: "سامي حمدان", Start: len("وأكد رئيس الوفد اللواء "), End: len("وأكد رئيس الوفد اللواء سامي حمدان")},
			},
			want: []news.Claim{{Speaker: "رئيس الوفد اللواء سامي حمدان", Canonical: "سامي حمدان", Text: "بكل ما وقعنا عليه", Cue: "وأكد", Direct: true}},
		},
		{
			name: "named official is not anonymous",
			text: "وقال المسؤول الأممي كريم داود إن الوضع صعب.",
			entities: []news.Entity{
				{Text: "كريم داود", Type: news.EntityPerson, Canonical: "كريم داود", Start: len("وقال المسؤول الأممي "), End: len("وقال المسؤول الأممي كريم داود")},
			},
			want: []news.Claim{{Speaker: "المسؤول الأممي كريم داود", Canonical: "كريم داود", Text: "الوضع صعب", Cue: "وقال"}},
		},
		{
			name: "bihasab cue",
			text: "بلغ عدد القتلى 27، بحسب السلطات.",
			want: []news.Claim{{Speaker: "السلطات", Text: "بلغ عدد القتلى 27", Cue: "بحسب"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, nil, tt.entities)
			for i := range got {
				c := got[i]
				if c.Text != tt.text[c.Start:c.End] {
					t.Errorf("claim %d: Text %q is not text[%d:%d] = %q", i, c.Text, c.Start, c.End, tt.text[c.Start:c.End])
				}
				if c.SentenceStart > c.Start || c.SentenceEnd < c.End {
					t.Errorf("claim %d: content [%d,%d) outside its sentence [%d,%d)", i, c.Start, c.End, c.SentenceStart, c.SentenceEnd)
				}
				got[i].Start, got[i].End, got[i].SentenceStart, got[i].SentenceEnd = 0, 0, 0, 0
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestMultiSentenceQuote: a quote that runs over a full stop is one claim.
func TestMultiSentenceQuote(t *testing.T) {
	text := "وقال الوزير: «الوضع صعب. لكننا سننجح». ثم غادر القاعة."
	got := Extract(text, nil, nil)
	if len(got) != 1 {
		t.Fatalf("got %d claims, want 1: %+v", len(got), got)
	}
	if want := "الوضع صعب. لكننا سننجح"; got[0].Text != want || !got[0].Direct {
		t.Errorf("got %q direct=%v, want %q direct", got[0].Text, got[0].Direct, want)
	}
}

// TestRobust: nonsense, Latin, long and broken text give no claim and no
// panic.
func TestRobust(t *testing.T) {
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"latin", "He said that it was fine, according to officials."},
		{"cue only", "قال"},
		{"cue and marker", "وقال إن"},
		{"open quote", "وقال الوزير: «"},
		{"unclosed quote", "وقال الوزير: «لن نتراجع"},
		{"invalid utf8", "وقال \xff\xfe إن \xff"},
		{"long repeat", strings.Repeat("وقال ", 5000)},
		{"bihasab chain", strings.Repeat("بحسب ", 300)},
		{"punct", "،،، «»«» :: \"\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, nil, nil)
			checkInvariants(t, tt.text, got)
			if len(got) != 0 && tt.name != "unclosed quote" {
				t.Errorf("got %d claims from %q, want none: %+v", len(got), tt.text[:min(len(tt.text), 60)], got[0])
			}
		})
	}
}

func checkInvariants(t *testing.T, text string, got []news.Claim) {
	t.Helper()
	for i, c := range got {
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Fatalf("claim %d: bad span [%d,%d) for text of %d bytes", i, c.Start, c.End, len(text))
		}
		if c.SentenceStart < 0 || c.SentenceEnd > len(text) || c.SentenceStart > c.Start || c.SentenceEnd < c.End {
			t.Fatalf("claim %d: sentence [%d,%d) does not hold content [%d,%d)", i, c.SentenceStart, c.SentenceEnd, c.Start, c.End)
		}
		if c.Text != text[c.Start:c.End] {
			t.Fatalf("claim %d: Text is not the text at its offsets", i)
		}
		if (c.Speaker == "" && !(c.Anonymous && c.Medium != "")) || c.Cue == "" {
			// Only a document (an anonymous claim's medium) stands in for a speaker.
			t.Fatalf("claim %d: empty speaker or cue: %+v", i, c)
		}
		if balanceQuotes(c.Speaker) != c.Speaker || balanceQuotes(c.Medium) != c.Medium {
			t.Fatalf("claim %d: half a quotation in speaker %q or medium %q", i, c.Speaker, c.Medium)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(c.Speaker) || !utf8.ValidString(c.Text)) {
			t.Fatalf("claim %d: invalid UTF-8 out of valid input", i)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range loadCases(f, "testdata/claims.tsv") {
		f.Add(c.text)
	}
	f.Add("وقال الوزير: «الوضع صعب. لكننا سننجح». ثم غادر.")
	f.Add("«نعم»، قال")
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, Extract(text, nil, nil))
		// Sentences from elsewhere (possibly wrong) must not break it either.
		bad := []arabic.Sentence{{Start: -1, End: 3}, {Start: 0, End: len(text) + 5}, {Start: len(text) / 2, End: len(text)}}
		checkInvariants(t, text, Extract(text, bad, []news.Entity{{Start: 0, End: len(text) + 1, Type: news.EntityPerson}}))
	})
}

// TestClaimsSecondSet scores the sentences written after the rules
// (testdata/heldout.tsv; its header gives the score before the fixes they
// prompted) with the main thresholds.
func TestClaimsSecondSet(t *testing.T) {
	s := score(t, "testdata/heldout.tsv")
	t.Logf("second set: %s", s)
	if s.pct(s.speaker) < 90 || s.pct(s.overlap) < 90 || s.negOK != s.neg {
		t.Errorf("below threshold: %s", s)
	}
}
