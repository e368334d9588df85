package cli

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// writeNewsJSONL writes a small taqrir JSONL corpus in which cities and
// months fill the same slots of many sentences.
func writeNewsJSONL(t *testing.T, path string) {
	t.Helper()
	cities := []string{"بغداد", "دمشق", "بيروت", "تونس", "الرباط"}
	months := []string{"يناير", "مارس", "مايو", "يوليو"}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	for i := range 200 {
		var b strings.Builder
		for j := range 6 {
			fmt.Fprintf(&b, "وصل الوفد إلى %s في %s الماضي . ", cities[(i+j)%len(cities)], months[(i*3+j)%len(months)])
		}
		line, _ := json.Marshal(map[string]string{"title": "خبر", "text": b.String()})
		gz.Write(append(line, '\n'))
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestTrainWordsSimilarAnalyze(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl.gz")
	table := filepath.Join(dir, "words.tsv.gz")
	writeNewsJSONL(t, corpus)
	if _, errOut, code := runCLI(t, "train", "words", "--corpus", corpus, "--classes", "10", "--min-count", "2", "--out", table); code != 0 {
		t.Fatalf("train words: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "--json", "similar", "--words", table, "--n", "3", "دمشق")
	if code != 0 {
		t.Fatalf("similar: exit %d: %s", code, errOut)
	}
	var sim struct {
		Path    string
		Similar []struct {
			Word  string
			Score float64
		}
	}
	if err := json.Unmarshal([]byte(out), &sim); err != nil {
		t.Fatal(err)
	}
	cities := map[string]bool{"بغداد": true, "بيروت": true, "تونس": true, "الرباط": true}
	if len(sim.Similar) != 3 || sim.Path == "" {
		t.Fatalf("similar دمشق: %s", out)
	}
	for _, s := range sim.Similar {
		if !cities[s.Word] {
			t.Errorf("similar دمشق gave %q (score %.2f); want the nearest three to be cities", s.Word, s.Score)
		}
	}
	if sim.Similar[0].Score != 1 {
		t.Errorf("similar دمشق: the nearest city scores %.2f, want 1 (its class)", sim.Similar[0].Score)
	}
	out, errOut, code = runCLI(t, "--json", "analyze", "--words", table, "في دمشق وبيروت")
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var toks []map[string]any
	if err := json.Unmarshal([]byte(out), &toks); err != nil {
		t.Fatal(err)
	}
	if len(toks) != 3 || toks[1]["cluster"] != sim.Path || toks[1]["key"] == nil {
		t.Errorf("analyze --words: want دمشق's cluster %s beside the existing keys, got %s", sim.Path, out)
	}
	if _, ok := toks[2]["cluster"]; ok {
		t.Errorf("وبيروت (a unit the corpus never has) got a cluster: %s", out)
	}
	// Without --words, the shipped table's paths.
	out, _, _ = runCLI(t, "--json", "analyze", "في دمشق")
	shipped, err := wordrep.Clusters()
	if err != nil {
		t.Fatal(err)
	}
	toks = nil
	if err := json.Unmarshal([]byte(out), &toks); err != nil {
		t.Fatal(err)
	}
	if want := shipped.Path("دمشق"); want == "" || len(toks) != 2 || toks[1]["cluster"] != want {
		t.Errorf("analyze without --words: want دمشق's path in the shipped table (%q), got %s", want, out)
	}
	out, _, code = runCLI(t, "--json", "similar", "يناير")
	if code != 0 || !strings.Contains(out, `"word": "مارس"`) && !strings.Contains(out, `"word":"مارس"`) {
		t.Errorf("similar without --words (the shipped table): exit %d, %s", code, out)
	}
	conll := filepath.Join(t.TempDir(), "train.txt")
	if err := os.WriteFile(conll, []byte("قال O\nماكرون B-PERS\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "train", "ner", "--corpus", conll, "--words", table, "--out", filepath.Join(t.TempDir(), "m")); code == 0 || !strings.Contains(errOut, "not the shipped table") {
		t.Errorf("train ner --words (another table) --out: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "similar", "--words", table, "واشنطن"); code == 0 || !strings.Contains(errOut, "not in") {
		t.Errorf("similar of an unknown word: exit %d, %s", code, errOut)
	}
}

// TestTrainNames: train names writes a table the NER experiment reads
// (the cities of the corpus follow إلى, no slot: each city's row is there
// with its count), and --mined and the cluster options are refused where
// they cannot apply.
func TestTrainNames(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl.gz")
	table := filepath.Join(dir, "mined.tsv.gz")
	writeNewsJSONL(t, corpus)
	if _, errOut, code := runCLI(t, "train", "names", "--corpus", corpus, "--out", table); code != 0 || !strings.Contains(errOut, "rows written") {
		t.Fatalf("train names: exit %d: %s", code, errOut)
	}
	mt, err := ner.ReadMinedFile(table)
	if err != nil {
		t.Fatal(err)
	}
	if f := mt.Features("دمشق"); len(f) != 1 || f[0] == "n-" {
		t.Errorf("دمشق's mined features %v: want its count bucket alone", f)
	}
	conll := filepath.Join(dir, "train.txt")
	if err := os.WriteFile(conll, []byte("قال O\nماكرون B-PERS\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "ner", "--corpus", conll, "--mined", table, "--out", filepath.Join(dir, "m")}, "--mined is an experiment"},
		{[]string{"train", "ner", "--corpus", conll, "--dev", "--words-wide"}, "need --words"},
		{[]string{"train", "ner", "--corpus", conll, "--words", table, "--out", filepath.Join(dir, "m")}, "not a taqrir word-cluster table"},
		{[]string{"train", "ner", "--corpus", conll, "--words", "shipped", "--words-wide", "--out", filepath.Join(dir, "m")}, "experiments for measuring"},
	} {
		if _, errOut, code := runCLI(t, tc.args...); code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %s (want %q)", tc.args, code, errOut, tc.want)
		}
	}
	// A model trained with the shipped cluster table records it and loads
	// with it.
	model := filepath.Join(dir, "clusters.bin.gz")
	if _, errOut, code := runCLI(t, "train", "ner", "--corpus", conll, "--words", "shipped", "--epochs", "2", "--out", model); code != 0 {
		t.Fatalf("train ner --words shipped: exit %d: %s", code, errOut)
	}
	tg, err := ner.LoadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Model().Words != wordrep.ClustersSHA256 {
		t.Errorf("a model trained with --words shipped records %q, want the shipped table's sha256", tg.Model().Words)
	}
}

func TestTrainWordsVectorsSimilar(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl.gz")
	table := filepath.Join(dir, "vectors.bin.gz")
	writeNewsJSONL(t, corpus)
	if _, errOut, code := runCLI(t, "train", "words", "--vectors", "--corpus", corpus, "--min-count", "2", "--dim", "16",
		"--epochs", "5", "--buckets", "1000", "--sample", "1", "--out", table); code != 0 {
		t.Fatalf("train words --vectors: exit %d: %s", code, errOut)
	}
	type simJSON struct {
		Unit    string
		Known   bool
		Similar []struct {
			Word  string
			Score float64
		}
	}
	similar := func(word string) simJSON {
		out, errOut, code := runCLI(t, "--json", "similar", "--words", table, "--n", "2", word)
		if code != 0 {
			t.Fatalf("similar %s: exit %d: %s", word, code, errOut)
		}
		var sim simJSON
		if err := json.Unmarshal([]byte(out), &sim); err != nil {
			t.Fatal(err)
		}
		return sim
	}
	sim := similar("دمشق")
	cities := map[string]bool{"بغداد": true, "بيروت": true, "تونس": true, "الرباط": true}
	if !sim.Known || len(sim.Similar) != 2 {
		t.Fatalf("similar دمشق: %+v", sim)
	}
	for _, s := range sim.Similar {
		if !cities[s.Word] || s.Score <= 0 || s.Score > 1 {
			t.Errorf("similar دمشق gave %q (cosine %.2f); want the nearest two to be cities", s.Word, s.Score)
		}
	}
	// a clitic form never seen gets a vector from its character n-grams
	if sim := similar("ولدمشق"); sim.Known || len(sim.Similar) != 2 {
		t.Errorf("similar ولدمشق: %+v, want two neighbours of an unknown word", sim)
	}
	out, _, code := runCLI(t, "similar", "--words", table, "--n", "2", "بغداد")
	if code != 0 || !strings.Contains(out, "cosine") || !strings.Contains(out, "in the vocabulary") {
		t.Errorf("similar بغداد (text): exit %d:\n%s", code, out)
	}
}
