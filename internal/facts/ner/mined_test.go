package ner

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestNameMiner: words after a role, a given name, a speech verb, a
// place's or a body's head noun are counted in their slots; the table
// round-trips through its file; features give each slot's share bucket
// and the word's frequency bucket, and "n-" for a word the table lacks.
func TestNameMiner(t *testing.T) {
	nm := NewNameMiner()
	for range 4 {
		nm.AddText("قال الرئيس ماكرون إن مدينة ليون ستستضيف مؤتمر حزب النهضة. وأكد محمد ماكرون ذلك.")
	}
	nm.AddText("ماكرون")
	tab := nm.Table(2)
	path := filepath.Join(t.TempDir(), "mined.tsv.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tab.Header = []string{"corpus\ttest"}
	if err := tab.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	back, err := ReadMinedFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != tab.Len() || !slices.Equal(back.Header, append([]string{"columns\tunit\ttotal\trole\trole2\tgiven\tsay\tplace\tbody"}, tab.Header...)) {
		t.Fatalf("round trip: %d rows %q, want %d rows", back.Len(), back.Header, tab.Len())
	}
	// ماكرون: 9 times, 4 after a role, 4 after a given name (محمد): 4/9
	// of 512 is 227, bucket 8 (bits.Len); a slot it always fills is 10.
	want := map[string][]string{
		"ماكرون": {"n4", "role8", "given8"},
		"ليون":   {"n3", "place10"},
		"النهضه": {"n3", "body10"},
		"الرئيس": {"n3", "say10"},
		"زيدان":  {"n-"},
	}
	for w, fs := range want {
		if got := back.Features(w); !slices.Equal(got, fs) {
			t.Errorf("Features(%s) = %v, want %v", w, got, fs)
		}
	}
}
