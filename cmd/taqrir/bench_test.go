package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestBench runs `taqrir bench` on 200 articles recombined from the
// sample, every stage, and checks that each stage reports its figures
// under the keys the README documents, every one positive, with the peer's
// beside ours and a ratio where there is a peer; and that the run leaves
// nothing behind in its work directory. No figure is judged: speed is not
// a test's business.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 200 articles twice in child processes")
	}
	work := t.TempDir()
	out, stderr, code := run(t, "", "--json", "bench", "--articles", "200", "--work", work,
		"--queries", "10", "--analysis-rounds", "1", "--startup-runs", "1", "--report-runs", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Corpus struct {
			Name      string `json:"name"`
			Articles  int    `json:"articles"`
			TextBytes int64  `json:"text_bytes"`
			Queries   int    `json:"queries"`
		} `json:"corpus"`
		Machine struct {
			CPUs int `json:"cpus"`
		} `json:"machine"`
		Stages map[string]struct {
			Peer   string             `json:"peer"`
			How    string             `json:"how"`
			Ratio  map[string]float64 `json:"ratio"`
			Ours   map[string]float64 `json:"ours"`
			Theirs map[string]float64 `json:"theirs"`
			Notes  []string           `json:"notes"`
		} `json:"stages"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Corpus.Articles != 200 || res.Corpus.TextBytes <= 0 || res.Corpus.Queries <= 0 || res.Machine.CPUs <= 0 {
		t.Errorf("corpus %+v, machine %+v", res.Corpus, res.Machine)
	}
	want := map[string][]string{ // the README's keys, stage by stage
		"analysis": {"tokens_per_s", "mb_per_s", "cpu_s", "tokens"},
		"ingest": {"articles_per_s", "mb_per_s", "pipeline_articles_per_s", "articles_per_cpu_s", "peak_rss_mb",
			"peak_rss_mb_per_10k", "disk_kb_per_article", "wall_s", "articles"},
		"search":  {"p50_ms", "p99_ms", "lean_p50_ms", "lean_p99_ms", "queries", "mean_hits"},
		"report":  {"story_ms", "story_articles", "query_ms", "query_articles"},
		"startup": {"search_p50_ms", "search_p90_ms", "search_cpu_ms", "search_peak_rss_mb", "search_peak_rss_mb_per_10k", "version_p50_ms"},
		"serve":   {"peak_rss_mb", "peak_rss_mb_per_10k", "search_p50_ms", "search_p99_ms"},
	}
	withPeer := []string{"analysis", "ingest", "search"}
	for stage, keys := range want {
		s, ok := res.Stages[stage]
		if !ok {
			t.Errorf("no stage %s in %s", stage, out)
			continue
		}
		if s.How == "" || (s.Peer != "") != slices.Contains(withPeer, stage) {
			t.Errorf("%s: peer %q, how %q", stage, s.Peer, s.How)
		}
		for _, k := range keys {
			if v, ok := s.Ours[k]; !ok || v <= 0 {
				t.Errorf("%s: ours[%s] = %v (present %v), want a positive figure", stage, k, v, ok)
			}
			if slices.Contains(withPeer, stage) {
				if v, ok := s.Theirs[k]; !ok || v <= 0 {
					t.Errorf("%s: theirs[%s] = %v (present %v), want a positive figure", stage, k, v, ok)
				}
			}
		}
		if len(s.Ours) != len(keys) {
			t.Errorf("%s: keys %v, the README documents %v", stage, s.Ours, keys)
		}
		for k, v := range s.Ratio {
			if v <= 0 || !slices.Contains(keys, k) {
				t.Errorf("%s: ratio[%s] = %v", stage, k, v)
			}
		}
		if slices.Contains(withPeer, stage) && s.Ratio[keys[0]] <= 0 {
			t.Errorf("%s: no ratio for %s", stage, keys[0])
		}
	}
	if len(res.Stages) != len(want) {
		t.Errorf("stages %d, want %d", len(res.Stages), len(want))
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("the run left %v in its work directory", left)
	}
	if !strings.Contains(stderr, "bench: ingest") {
		t.Errorf("stderr does not say what runs: %s", stderr)
	}
}
