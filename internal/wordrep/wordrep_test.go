package wordrep

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
)

const antMulti = "../../../shared/data/ant-news/ant-multisource-2018.jsonl.gz"

// synthetic builds a corpus of sentences from a small grammar: words of
// one kind (cities, verbs, months) fill the same slots.
func synthetic(n int, seed uint64) *Corpus {
	r := rand.New(rand.NewPCG(seed, 1))
	cities := []string{"بغداد", "دمشق", "القاهرة", "عمان", "بيروت", "الرياض", "تونس", "الرباط"}
	verbs := []string{"قال", "أعلن", "أكد", "أوضح", "ذكر", "أضاف"}
	months := []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"}
	people := []string{"الوزير", "الرئيس", "المتحدث", "السفير", "المسؤول"}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	c := NewCorpus()
	for range n {
		var b bytes.Buffer
		for range 5 {
			fmt.Fprintf(&b, "%s %s في %s يوم %d %s إن الوضع في %s مستقر . ", pick(verbs), pick(people), pick(cities), 1+r.IntN(28), pick(months), pick(cities))
		}
		c.AddText(b.String())
	}
	return c
}

func TestTrainDeterministicAnyWorkers(t *testing.T) {
	c := synthetic(300, 7)
	a, _, err := Train(c, Options{Classes: 12, MinCount: 2, Seed: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer func(w int) { parallelWork = w }(parallelWork)
	parallelWork = 0 // split every word's candidates among the workers
	b, _, err := Train(c, Options{Classes: 12, MinCount: 2, Seed: 3, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Entries, b.Entries) {
		t.Fatal("the same seed gave different tables with 1 and 3 workers")
	}
	again, _, _ := Train(c, Options{Classes: 12, MinCount: 2, Seed: 3, Workers: 1})
	if !reflect.DeepEqual(a.Entries, again.Entries) {
		t.Fatal("two runs with the same seed differ")
	}
}

func TestTrainGroupsWordsOfOneKind(t *testing.T) {
	tab, _, err := Train(synthetic(400, 1), Options{Classes: 8, MinCount: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range [][]string{{"بغداد", "دمشق", "بيروت", "تونس"}, {"يناير", "مارس", "مايو"}, {"قال", "أعلن", "أكد"}} {
		p := tab.Path(group[0])
		for _, w := range group[1:] {
			if q := tab.Path(w); q != p {
				t.Errorf("%s (%s) and %s (%s) are in different classes", group[0], p, w, q)
			}
		}
	}
	if tab.Path("بغداد") == tab.Path("يناير") {
		t.Error("a city and a month share a class")
	}
}

func TestTableRoundTrip(t *testing.T) {
	tab, _, err := Train(synthetic(100, 2), Options{Classes: 6, MinCount: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	tab.Header = []string{"corpus\tsynthetic"}
	var buf bytes.Buffer
	if err := tab.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.Classes != tab.Classes || !reflect.DeepEqual(got.Entries, tab.Entries) || !reflect.DeepEqual(got.Header, tab.Header) {
		t.Fatalf("round trip changed the table:\n%+v\n%+v", got, tab)
	}
	if _, err := Read(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("a file that is not a table was read")
	}
	q, nb, ok := got.Similar("دمشق", 3)
	if !ok || len(nb) != 3 || nb[0].Score != 1 || q.Path != nb[0].Path {
		t.Errorf("Similar(دمشق) = %v %v %v: want three neighbours, the first in its class", q, nb, ok)
	}
}

// TestANTMonthsAndCountries trains on a slice of real news and checks
// that month names and country names share longer path prefixes with
// each other than random pairs of words do.
func TestANTMonthsAndCountries(t *testing.T) {
	if _, err := os.Stat(antMulti); err != nil {
		t.Skipf("ANT news not present (%v): see ../shared/data/README.md", err)
	}
	if testing.Short() {
		t.Skip("trains on 1,500 real articles")
	}
	c := NewCorpus()
	if _, err := c.ReadJSONL(antMulti, 1500); err != nil {
		t.Fatal(err)
	}
	tab, _, err := Train(c, Options{Classes: 64, Seed: 1, Iterations: 8, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	mean := func(words []string) float64 {
		var s, n float64
		for i, a := range words {
			for _, b := range words[i+1:] {
				pa, pb := tab.Path(a), tab.Path(b)
				if pa == "" || pb == "" {
					t.Fatalf("%s or %s not in the table", a, b)
				}
				s += float64(commonPrefix(pa, pb))
				n++
			}
		}
		return s / n
	}
	var random []string
	r := rand.New(rand.NewPCG(1, 2))
	for len(random) < 40 {
		e := tab.Entries[r.IntN(min(len(tab.Entries), 5000))]
		if e.Word != Unknown {
			random = append(random, e.Word)
		}
	}
	base := mean(random)
	months := mean([]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو"})
	countries := mean([]string{"فرنسا", "إيران", "مصر", "تركيا", "روسيا", "الصين", "لبنان", "العراق"})
	t.Logf("mean shared prefix: random pairs %.2f, months %.2f, countries %.2f", base, months, countries)
	if months < base+2 || countries < base+2 {
		t.Errorf("months (%.2f) and countries (%.2f) should share at least 2 more bits than random pairs (%.2f)", months, countries, base)
	}
}
