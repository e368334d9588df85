package ner

import (
	"slices"
	"testing"
)

// TestClusterFeatures: a token's cluster path gives prefix features of
// itself and its neighbours; without a table no feature changes, so a
// model trained without one is the model it was.
func TestClusterFeatures(t *testing.T) {
	toks := []string{"قال", "ترامب", "امس"}
	plain := analyse(toks, nil, nil)
	before := features(nil, toks, plain, 1)
	addClusters(plain, toks, nil)
	if got := features(nil, toks, plain, 1); !slices.Equal(got, before) {
		t.Fatal("a nil cluster lookup changed the features")
	}
	paths := map[string]string{"قال": "110000110", "ترامب": "0000011000"}
	info := analyse(toks, nil, nil)
	addClusters(info, toks, &wordFeats{clusters: func(s string) string { return paths[s] }})
	got := features(nil, toks, info, 1)
	want := []uint64{
		h2(fClu, "0a", "1100"), h2(fClu, "0b", "110000"), h2(fClu, "0c", "110000110"),
		h2(fClu, "1a", "0000"), h2(fClu, "1b", "000001"), h2(fClu, "1c", "0000011000"),
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("feature %x missing", w)
		}
	}
	if n := len(got) - len(before); n != len(want) {
		t.Errorf("%d cluster features, want %d (the last token has no path; prefixes stop at the path's length)", n, len(want))
	}
}
