package wordrep

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
)

func TestVectorsDeterministic(t *testing.T) {
	c := synthetic(200, 5)
	opt := VectorOptions{Dim: 16, MinCount: 2, Epochs: 2, Buckets: 500, Seed: 9, SyncTokens: 2000, Sample: 1}
	a, _, err := TrainVectors(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := TrainVectors(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Equal(b) {
		t.Fatal("two runs with one worker and the same seed differ")
	}
	opt.Workers = 3
	p, _, _ := TrainVectors(c, opt)
	q, _, _ := TrainVectors(c, opt)
	if !p.Equal(q) {
		t.Fatal("two runs with three workers and the same seed differ")
	}
	opt.Seed = 10
	o, _, _ := TrainVectors(c, opt)
	if o.Equal(p) {
		t.Fatal("another seed gave the same table")
	}
}

func TestVectorsLearnKinds(t *testing.T) {
	for _, workers := range []int{1, 2} {
		v, st, err := TrainVectors(synthetic(600, 1), VectorOptions{Dim: 24, MinCount: 2, Epochs: 3, Buckets: 2000, Seed: 1, Workers: workers, SyncTokens: 5000, Sample: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("workers %d: vocab %d, trained %d, loss %.3f, merges %d", workers, st.Vocab, st.Trained, st.Loss, st.Merges)
		nb, known, ok := v.Nearest("بغداد", 5, 0)
		if !ok || !known {
			t.Fatal("بغداد has no vector")
		}
		t.Logf("بغداد → %v", nb)
		cities := map[string]bool{}
		for _, c := range []string{"دمشق", "القاهره", "عمان", "بيروت", "الرياض", "تونس", "الرباط"} {
			cities[Unit(c)] = true
		}
		hits := 0
		for _, n := range nb {
			if cities[n.Word] {
				hits++
			}
		}
		if hits < 3 {
			t.Errorf("workers %d: the nearest units of بغداد are not mostly cities: %v", workers, nb)
		}
		if s, d := v.Similarity("يناير", "مارس"), v.Similarity("يناير", "بيروت"); s <= d {
			t.Errorf("workers %d: يناير is no nearer مارس (%.2f) than بيروت (%.2f)", workers, s, d)
		}
	}
}

func TestVectorsRoundTripAndUnseen(t *testing.T) {
	v, _, err := TrainVectors(synthetic(200, 2), VectorOptions{Dim: 16, MinCount: 2, Epochs: 3, Buckets: 500, Seed: 1, Sample: 1})
	if err != nil {
		t.Fatal(err)
	}
	v.Header = []string{"corpus\tsynthetic"}
	var buf bytes.Buffer
	if err := v.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := ReadVectors(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Equal(v) || len(r.Header) != 1 || r.Header[0] != "corpus\tsynthetic" {
		t.Fatal("the table read back differs from the one written")
	}
	// a clitic form never seen gets a vector from its n-grams, near its word
	u, known, ok := r.Vector("وبغداد")
	if !ok || known {
		t.Fatalf("وبغداد: ok %v known %v", ok, known)
	}
	b, _, _ := r.Vector("بغداد")
	if s := Dot(u, b); s < 0.3 {
		t.Errorf("the unseen وبغداد is far from بغداد: cosine %.2f", s)
	}
	if _, err := ReadVectors(bytes.NewReader(nil)); err == nil {
		t.Error("an empty file read as a table")
	}
	var cl bytes.Buffer
	tab, _, _ := Train(synthetic(50, 1), Options{Classes: 4, MinCount: 2})
	tab.Write(&cl)
	if _, err := ReadVectors(&cl); err != ErrNotVectors {
		t.Errorf("a cluster table: %v, want ErrNotVectors", err)
	}
}

func TestExpanderKeys(t *testing.T) {
	v, _, err := TrainVectors(synthetic(600, 1), VectorOptions{Dim: 24, MinCount: 2, Epochs: 3, Buckets: 2000, Seed: 1, Sample: 1})
	if err != nil {
		t.Fatal(err)
	}
	e := &Expander{Vectors: v, K: 3, MinScore: 0.3}
	key := arabic.Key("بغداد")
	got := e.Keys("بغداد", key)
	if len(got) == 0 || len(got) > 3 {
		t.Fatalf("بغداد: %d expansions, want 1 to 3: %v", len(got), got)
	}
	cities := map[string]bool{}
	for _, c := range []string{"دمشق", "القاهرة", "عمان", "بيروت", "الرياض", "تونس", "الرباط"} {
		cities[arabic.Key(c)] = true
	}
	seen := map[string]bool{}
	for _, x := range got {
		if x.Key == key || seen[x.Key] || arabic.IsStopword(x.Key) || x.Score < 0.3 {
			t.Errorf("bad expansion %v of بغداد", x)
		}
		seen[x.Key] = true
		if !cities[x.Key] {
			t.Errorf("expansion %v of بغداد is not a city", x)
		}
	}
	if again := e.Keys("بغداد", key); !reflect.DeepEqual(again, got) {
		t.Error("the cached answer differs")
	}
	// a word the table does not know is not expanded, even with a vector
	if x := e.Keys("وبغداد", arabic.Key("وبغداد")); len(x) != 0 {
		t.Errorf("unknown وبغداد expanded: %v", x)
	}
	// among the most frequent units only
	rare := &Expander{Vectors: v, K: 50, MinScore: -1, Among: 5}
	for _, x := range rare.Keys("بغداد", key) {
		found := false
		for _, w := range v.Words[:5] {
			found = found || arabic.Key(w) == x.Key
		}
		if !found {
			t.Errorf("expansion %v is not among the 5 most frequent units", x)
		}
	}
}
