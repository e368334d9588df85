package searchbench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/queries.tsv from the ANT corpus")

// corpusPath is the ANT multisource file from this package's directory.
func corpusPath(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "..", DefaultCorpus)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("ANT corpus absent (%v): see ../shared/data/README.md", err)
	}
	return p
}

// TestQueryFile checks the committed query set is what DrawQueries draws
// from the corpus (and rewrites it with -update).
func TestQueryFile(t *testing.T) {
	srcs, err := ReadSources(corpusPath(t), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := FormatQueries(&b, QueryHeader, DrawQueries(srcs, QueryCount, QuerySeed)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "queries.tsv"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if b.String() != queriesTSV {
		t.Fatal("testdata/queries.tsv is not what DrawQueries draws: regenerate with -update")
	}
}

// TestQueries checks the committed set: enough distinct queries, the
// stated filter mix, each filter filled in.
func TestQueries(t *testing.T) {
	qs, err := Queries()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 500 {
		t.Fatalf("%d queries, want at least 500", len(qs))
	}
	seen := map[string]bool{}
	kinds := map[string]int{}
	for _, q := range qs {
		if seen[q.Text] {
			t.Errorf("query %q twice", q.Text)
		}
		seen[q.Text] = true
		kinds[q.Kind]++
		switch q.Kind {
		case KindSource:
			if q.Source == "" {
				t.Errorf("%q: source filter without a source", q.Text)
			}
		case KindDate:
			if !q.Since.Before(q.Until) {
				t.Errorf("%q: empty date range", q.Text)
			}
		case KindEntity:
			if q.Entity == "" {
				t.Errorf("%q: entity filter without an entity", q.Text)
			}
		}
	}
	for _, k := range []string{KindPlain, KindSource, KindDate, KindEntity} {
		if kinds[k] != len(qs)/4 {
			t.Errorf("%d %s queries of %d, want a quarter", kinds[k], k, len(qs))
		}
	}
}
