package arabic

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestKnownByRuleIsTheMap: working a form out by rule (knownByRule, what
// the first lookups of a process do) answers exactly as the map
// expandKnown builds (what the rest do): the same entry for every form
// the map holds, and for every form of the space the map is made from —
// each lexicon form, and the form without its last letter, with every
// ending any phase adds, alone and with a second ending after it — and the
// words of the test texts with the same endings: nil exactly where the map
// has nothing.
func TestKnownByRuleIsTheMap(t *testing.T) {
	loadTables()
	m := expandKnown()
	if len(m) < 20000 {
		t.Fatalf("the map holds %d forms: the lexicon did not load", len(m))
	}
	for w, e := range m {
		if got := knownByRule(w); got != e {
			t.Fatalf("%q: by rule %+v, map %+v", w, got, e)
		}
	}
	endings := []string{"", "ه", "ا", "ات", "ء", "اء"}
	for _, s := range knownSuffixes {
		endings = append(endings, s.s)
	}
	endings = append(endings, tehSuffixes...)
	for _, seat := range hamzaSeats {
		for _, p := range seatPronouns {
			endings = append(endings, seat+p, "ا"+seat+p)
		}
	}
	var words []string
	for f := range lexicon {
		words = append(words, f)
		_, last := utf8.DecodeLastRuneInString(f)
		words = append(words, f[:len(f)-last])
	}
	files, _ := filepath.Glob("testdata/Analyze/*")
	files = append(files, "testdata/news.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Fields(string(data)) {
			words = append(words, Fold(w))
		}
	}
	checked, hits := 0, 0
	for _, f := range words {
		for _, a := range endings {
			for _, b := range []string{"", "ه", "ها", "ات", "ين", "ا"} {
				w := f + a + b
				want := m[w]
				if got := knownByRule(w); got != want {
					t.Fatalf("%q: by rule %+v, map %+v", w, got, want)
				}
				checked++
				if want != nil {
					hits++
				}
			}
		}
	}
	t.Logf("%d forms of the map, %d candidates (%d known) agree", len(m), checked, hits)
}

// TestKnownEntrySwitchesToTheMap: the analysis is the same whether the
// known forms are worked out by rule or read from the map, and the map is
// built after knownByRuleMax lookups, not before.
func TestKnownEntrySwitchesToTheMap(t *testing.T) {
	loadTables()
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	keys := func() []string {
		var out []string
		eachTerm(string(data), true, func(_, _ int, key, alt string, stop bool) {
			out = append(out, key+"/"+alt)
		})
		return out
	}
	resetKnown()
	t.Cleanup(resetKnown)
	byRule := keys()
	if knownBuilt.Load() {
		t.Fatalf("the map was built after %d lookups", knownRuleLookups.Load())
	}
	if n := knownRuleLookups.Load(); n == 0 || n > knownByRuleMax {
		t.Fatalf("%d lookups by rule for the test text", n)
	}
	knownRuleLookups.Store(knownByRuleMax)
	byMap := keys()
	if !knownBuilt.Load() || knownMap == nil {
		t.Fatal("no map after knownByRuleMax lookups")
	}
	if strings.Join(byRule, " ") != strings.Join(byMap, " ") {
		t.Fatal("the keys differ between the rule and the map")
	}
}

// TestPrepareBuildsTheMap: Prepare (a server's start) builds the map of
// known forms at once.
func TestPrepareBuildsTheMap(t *testing.T) {
	resetKnown()
	t.Cleanup(resetKnown)
	Prepare()
	if !knownBuilt.Load() || len(knownMap) < 20000 {
		t.Fatal("Prepare left the map of known forms unbuilt")
	}
}

// TestKnownEntryConcurrent: goroutines analysing at once while the map is
// built under them (as ingest workers do) all get the keys of one
// goroutine alone (run with -race, it also shows the map is handed over
// safely).
func TestKnownEntryConcurrent(t *testing.T) {
	loadTables()
	data, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	keys := func() string {
		var b strings.Builder
		eachTerm(string(data), true, func(_, _ int, key, alt string, stop bool) {
			b.WriteString(key + "/" + alt + " ")
		})
		return b.String()
	}
	resetKnown()
	t.Cleanup(resetKnown)
	want := keys()
	resetKnown()
	knownRuleLookups.Store(knownByRuleMax - 500) // the switch comes mid-way
	got := make([]string, 4)
	done := make(chan int)
	for g := range got {
		go func() {
			for range 3 {
				got[g] = keys()
			}
			done <- g
		}()
	}
	for range got {
		<-done
	}
	if !knownBuilt.Load() {
		t.Fatal("the map was not built")
	}
	for g, k := range got {
		if k != want {
			t.Errorf("goroutine %d: keys differ from a lone analysis", g)
		}
	}
}
