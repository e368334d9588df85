package ner

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/wordrep"
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

// TestModelCarriesClusters: a model trained with the shipped cluster table
// records it (Model.Words) and reads it again when loaded, tagging as it
// did; a model naming another table is refused when read; a model with
// features its file cannot carry (another table) is refused when written;
// a model without clusters is written in the format before Words
// (TAQRIR-NER-3), so the shipped model's file is unchanged.
func TestModelCarriesClusters(t *testing.T) {
	table, err := wordrep.Clusters()
	if err != nil {
		t.Fatal(err)
	}
	in := []string{"قال", "نادر", "خالد", "في", "دمشق", "أمس"}
	m, err := Train(toy(), TrainOptions{Epochs: 5, Bits: 16, Info: "toy", Clusters: table.Path, Words: wordrep.ClustersSHA256})
	if err != nil {
		t.Fatal(err)
	}
	if m.Words != wordrep.ClustersSHA256 {
		t.Fatalf("Words = %q, want the shipped table's sha256", m.Words)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !back.wf.on() || back.Words != m.Words {
		t.Fatalf("read back: clusters on %v, Words %q", back.wf.on(), back.Words)
	}
	if got, want := New(back).Tag(in), New(m).Tag(in); !slices.Equal(got, want) {
		t.Errorf("read back tags %v, trained %v", got, want)
	}
	// The cluster features count: the same weights without the table
	// score differently.
	blind := *back
	blind.wf = nil
	if slices.Equal(scores(&blind, in), scores(back, in)) {
		t.Errorf("the cluster features change no score")
	}

	other := *m
	other.Words = strings.Repeat("ab", 32)
	buf.Reset()
	if err := other.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadModel(bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), "retrain") {
		t.Errorf("a model naming another table: %v, want ErrBadModel saying to retrain", err)
	}

	exp, err := Train(toy(), TrainOptions{Epochs: 2, Bits: 16, Clusters: table.Path, Words: "0123"})
	if err != nil {
		t.Fatal(err)
	}
	if exp.Words = ""; exp.Write(io.Discard) == nil {
		t.Errorf("a model reading a table its file does not name was written")
	}
	wide, err := Train(toy(), TrainOptions{Epochs: 2, Bits: 16, Clusters: table.Path, Words: wordrep.ClustersSHA256, CluWide: true})
	if err != nil {
		t.Fatal(err)
	}
	if wide.Words != "" || wide.Write(io.Discard) == nil {
		t.Errorf("a model with wide cluster features: Words %q, written", wide.Words)
	}

	plain, err := Train(toy(), TrainOptions{Epochs: 5, Bits: 16, Info: "toy"})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := plain.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if head := gunzipHead(t, buf.Bytes(), len(magic3)); head != magic3 {
		t.Errorf("a model without clusters is written as %q, want %q (its file as before Words existed)", head, magic3)
	}
	m3, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("a TAQRIR-NER-3 model: %v", err)
	}
	if m3.Words != "" || m3.wf.on() || !slices.Equal(m3.W, plain.W) {
		t.Errorf("a TAQRIR-NER-3 model read back with Words %q, clusters %v, weights equal %v", m3.Words, m3.wf.on(), slices.Equal(m3.W, plain.W))
	}
}

// scores are a model's emission scores for each token and tag of a
// sentence, by the features read without the word cache.
func scores(m *Model, toks []string) []int32 {
	info := analyse(toks, m.Lex, nil)
	addClusters(info, toks, m.wf)
	var out []int32
	for i := range toks {
		var row [nTags]int32
		for _, f := range features(nil, toks, info, i) {
			b := int(f&m.mask()) * nTags
			for k := range nTags {
				row[k] += int32(m.W[b+k])
			}
		}
		out = append(out, row[:]...)
	}
	return out
}

// gunzipHead is the first n bytes of a gzip file's content.
func gunzipHead(t *testing.T, gz []byte, n int) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(zr, head); err != nil {
		t.Fatal(err)
	}
	return string(head)
}
