package gazetteer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name, phrase string
		wantOK       bool
		kind         Kind
		canonical    string
	}{
		{"country as written", "العراق", true, Country, "العراق"},
		{"without the article", "عراق", true, Country, "العراق"},
		{"conjunction clitic", "والعراق", true, Country, "العراق"},
		{"preposition before ال", "بالعراق", true, Country, "العراق"},
		{"lam before lam", "للبنان", true, Country, "لبنان"},
		{"lebanon keeps its lam", "لبنان", true, Country, "لبنان"},
		{"spelling variant", "أميركا", true, Country, "الولايات المتحدة"},
		{"other spelling", "امريكا", true, Country, "الولايات المتحدة"},
		{"nisba is no country", "الأمريكية", false, 0, ""},
		{"multi-word alias", "المملكة العربية السعودية", true, Country, "السعودية"},
		{"city", "بغداد", true, City, "بغداد"},
		{"city with clitic", "وبغداد", true, City, "بغداد"},
		{"organisation alias", "الناتو", true, Org, "حلف شمال الأطلسي"},
		{"organisation full name", "جامعة الدول العربية", true, Org, "جامعة الدول العربية"},
		{"armed group alias", "أنصار الله", true, ArmedGroup, "الحوثيين"},
		{"armed group", "داعش", true, ArmedGroup, "داعش"},
		{"ministry", "وزارة الخارجية", true, Ministry, "وزارة الخارجية"},
		{"agency", "فرانس برس", true, Media, "فرانس برس"},
		{"role", "رئيس الوزراء", true, Role, "رئيس الوزراء"},
		{"role alias", "الناطق باسم", true, Role, "المتحدث باسم"},
		{"hamza-less spelling", "الامم المتحدة", true, Org, "الأمم المتحدة"},
		{"given name", "فاطمة", true, GivenName, "فاطمة"},
		{"compound given name", "عز الدين", true, GivenName, "عز الدين"},
		{"sports club", "بنفيكا", true, Club, "بنفيكا"},
		{"club alias", "أياكس أمستردام", true, Club, "أياكس"},
		{"company", "تويوتا", true, Company, "تويوتا"},
		{"news person by surname", "أولمرت", true, Person, "إيهود أولمرت"},
		{"common word", "السيارة", false, 0, ""},
		{"empty", "", false, 0, ""},
		{"punctuation only", "«،»", false, 0, ""},
		{"latin", "Iraq", false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := Lookup(tt.phrase)
			if ok != tt.wantOK {
				t.Fatalf("Lookup(%q) ok = %v, want %v (got %+v)", tt.phrase, ok, tt.wantOK, e)
			}
			if !ok {
				return
			}
			if e.Kind != tt.kind || e.Canonical != tt.canonical {
				t.Errorf("Lookup(%q) = %v %q, want %v %q", tt.phrase, e.Kind, e.Canonical, tt.kind, tt.canonical)
			}
		})
	}
}

func TestLookupAllAmbiguous(t *testing.T) {
	var got []string
	for _, e := range LookupAll("عمان") {
		got = append(got, e.Kind.String())
	}
	if diff := cmp.Diff([]string{"city", "country"}, got); diff != "" {
		t.Errorf("LookupAll(عمان) kinds (-want +got):\n%s", diff)
	}
}

func TestMatch(t *testing.T) {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.Fields(s) {
			out = append(out, WordKey(w))
		}
		return out
	}
	tests := []struct {
		name, text string
		at         int
		wantN      int
		canonical  string
	}{
		{"longest wins", "أعلن مجلس الأمن الدولي قرارا", 1, 3, "مجلس الأمن"},
		{"clitic on the first word", "قال والولايات المتحدة", 1, 2, "الولايات المتحدة"},
		{"no match", "قال الوزير", 0, 0, ""},
		{"role phrase", "وزير الخارجية الأمريكي", 0, 3, "وزير الخارجية الأمريكي"},
		{"past the end", "العراق", 3, 0, ""},
		{"negative index", "العراق", -1, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ents := Match(words(tt.text), tt.at)
			if n != tt.wantN {
				t.Fatalf("Match(%q, %d) = %d words, want %d", tt.text, tt.at, n, tt.wantN)
			}
			if n > 0 && ents[0].Canonical != tt.canonical {
				t.Errorf("Match(%q, %d) canonical %q, want %q", tt.text, tt.at, ents[0].Canonical, tt.canonical)
			}
		})
	}
}

func TestEntriesAreWellFormed(t *testing.T) {
	es := Entries()
	if len(es) < 400 {
		t.Fatalf("only %d entries", len(es))
	}
	perKind := map[Kind]int{}
	for _, e := range es {
		perKind[e.Kind]++
		if e.Canonical == "" || strings.TrimSpace(e.Canonical) != e.Canonical {
			t.Errorf("entry %+v: canonical empty or padded", e)
		}
		if Phrase(e.Canonical) == "" {
			t.Errorf("entry %q has no word key", e.Canonical)
		}
		if (e.Kind == Role || e.Kind == GivenName) != (e.Type == "") {
			t.Errorf("entry %q kind %v has type %q", e.Canonical, e.Kind, e.Type)
		}
		if e.Kind.String() == "unknown" {
			t.Errorf("entry %q has unknown kind %d", e.Canonical, e.Kind)
		}
	}
	for k := Country; k <= GivenName; k++ {
		if perKind[k] == 0 {
			t.Errorf("no entries of kind %v", k)
		}
	}
	for _, r := range Roles() {
		if r.Kind != Role {
			t.Errorf("Roles() holds %+v", r)
		}
	}
	if len(Roles()) != perKind[Role] {
		t.Errorf("Roles() = %d entries, want %d", len(Roles()), perKind[Role])
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"بغداد", []string{WordKey("بغداد"), WordKey("غداد")}},
		{"والعراق", []string{WordKey("والعراق"), WordKey("العراق")}},
		{"للبنان", []string{WordKey("للبنان"), WordKey("لبنان"), WordKey("البنان")}},
		{"ولد", []string{WordKey("ولد")}},
		{"مصر", []string{WordKey("مصر")}},
		{"", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Variants(WordKey(tt.word))); diff != "" {
				t.Errorf("Variants(%q) (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"والعراق", "الأمم المتحدة", "للبنان", "\xff\xfeو", "وو", "ل"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, phrase string) {
		for _, e := range LookupAll(phrase) {
			if e.Canonical == "" {
				t.Fatalf("LookupAll(%q) gave an entry without a canonical name", phrase)
			}
		}
		words := strings.Fields(phrase)
		for i := range words {
			words[i] = WordKey(words[i])
		}
		for i := range words {
			if n, _ := Match(words, i); n < 0 || i+n > len(words) {
				t.Fatalf("Match(%q, %d) = %d words", words, i, n)
			}
		}
	})
}

func TestGivenNameListedTwiceIsOneEntry(t *testing.T) {
	// محمد is on a given-name line of persons.tsv and of givennames.tsv.
	n := 0
	for _, e := range LookupAll("محمد") {
		if e.Kind == GivenName {
			n++
		}
	}
	if n != 1 {
		t.Errorf("LookupAll(محمد) has %d given-name entries, want 1", n)
	}
}

func TestClubAndCompanyAreOrgs(t *testing.T) {
	for _, k := range []Kind{Club, Company} {
		if k.Type() != "ORG" {
			t.Errorf("%v.Type() = %q, want ORG", k, k.Type())
		}
	}
	if Club.String() != "club" || Company.String() != "company" {
		t.Errorf("kind names %q %q, want club company", Club.String(), Company.String())
	}
}

// TestCommonWordsAreNoNames: words Arabic news uses every day must not be
// list names, or every flood report would mention Seoul (سيول, torrents,
// is also a spelling of سول).
func TestCommonWordsAreNoNames(t *testing.T) {
	for _, w := range []string{"سيول", "والسيول", "أمطار", "فيضانات"} {
		if es := LookupAll(w); len(es) > 0 {
			t.Errorf("LookupAll(%s) = %+v, want nothing", w, es)
		}
	}
}

// longestFirst is Match by its definition, over its own index of the
// entries' names: for the first reading of the first word that begins any
// name, try every length from the longest name down. Match walks forward
// through the table's nodes instead; the two must agree.
type longestFirst struct {
	byKey map[string][]int
	first map[string]int // first word key → longest name in words
}

func newLongestFirst(tab *table) *longestFirst {
	lf := &longestFirst{byKey: map[string][]int{}, first: map[string]int{}}
	for idx, e := range tab.entries {
		for _, name := range e.Names() {
			words := keys(name)
			if len(words) == 0 {
				continue
			}
			key := strings.Join(words, " ")
			if l := lf.byKey[key]; len(l) == 0 || l[len(l)-1] != idx {
				lf.byKey[key] = append(l, idx)
			}
			lf.first[words[0]] = max(lf.first[words[0]], len(words))
		}
	}
	return lf
}

func (lf *longestFirst) match(words []string, i int) (int, []int) {
	for _, first := range Variants(words[i]) {
		for n := min(lf.first[first], len(words)-i); n >= 1; n-- {
			key := strings.Join(append([]string{first}, words[i+1:i+n]...), " ")
			if idx := lf.byKey[key]; len(idx) > 0 {
				return n, idx
			}
		}
	}
	return 0, nil
}

// TestMatchWalksAsLongestFirst: every name of every entry, with a clitic
// on its front and a word either side, cut short, and run into the next
// entry's name, is matched at each start, by Match and by MatchStarts, as
// the longest-first search matches it.
func TestMatchWalksAsLongestFirst(t *testing.T) {
	tab := get()
	lf := newLongestFirst(tab)
	var phrases [][]string
	for _, e := range tab.entries {
		for _, name := range e.Names() {
			if w := keys(name); len(w) > 0 {
				phrases = append(phrases, w)
			}
		}
	}
	checked, multi := 0, 0
	for k, p := range phrases {
		next := phrases[(k+1)%len(phrases)]
		cases := [][]string{
			append(append([]string{"قال"}, p...), "امس"),
			append([]string{"و" + p[0]}, p[1:]...),
			p[:len(p)-1+min(1, len(p)-1)],
			append(append([]string{}, p...), next...),
			append(append([]string{}, p[:max(1, len(p)-1)]...), next...),
		}
		if len(p) > 1 {
			multi++
		}
		for _, words := range cases {
			for i := range words {
				wantN, want := lf.match(words, i)
				for _, how := range []string{"Match", "MatchStarts"} {
					var gotN int
					var got []Entry
					if how == "Match" {
						gotN, got = Match(words, i)
					} else {
						gotN, got = MatchStarts(words, i, Starts(words[i]))
					}
					same := gotN == wantN && len(got) == len(want)
					for j := 0; same && j < len(want); j++ {
						same = reflect.DeepEqual(got[j], tab.entries[want[j]])
					}
					if !same {
						t.Fatalf("%s(%q, %d) = %d words, %d entries; longest first: %d words, %d entries", how, words, i, gotN, len(got), wantN, len(want))
					}
				}
				checked++
			}
		}
	}
	if multi < 100 {
		t.Fatalf("only %d names of several words: the table did not load as expected", multi)
	}
	t.Logf("%d names (%d of several words), %d starts matched alike", len(phrases), multi, checked)
}
