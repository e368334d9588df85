package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/taqrir/taqrir/internal/arabic"
)

func TestTitleQueries(t *testing.T) {
	c := &Corpus{Titles: []string{
		"الأمم المتحدة تدعو إلى هدنة في السودان", // two words (even position)
		"من هو في ذلك", // no two content words
		"فيضانات درنة تودي بحياة الآلاف",
		"الأمم المتحدة تدعو إلى هدنة في السودان", // at an odd position: three words
		"Oil prices rise", // no Arabic words
		"ارتفاع أسعار النفط في أسواق آسيا",
	}}
	qs, err := TitleQueries(10)(c)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := TitleQueries(10)(c)
	if len(qs) != 4 || len(again) != len(qs) || qs[0].Text != "الأمم المتحدة" || qs[2].Text != "الأمم المتحدة تدعو" {
		t.Fatalf("queries %q, again %q: want 4, the same", qs, again)
	}
	for i, q := range qs {
		words := strings.Fields(q.Text)
		if q != again[i] || len(words) < 2 || len(words) > 3 {
			t.Errorf("query %d %q (again %q): want 2–3 words, the same each time", i, q.Text, again[i].Text)
		}
		for _, w := range words {
			if arabic.IsStopword(w) {
				t.Errorf("query %q has the stopword %s", q.Text, w)
			}
		}
	}
	if _, err := TitleQueries(10)(&Corpus{Titles: []string{"من هو"}}); err == nil {
		t.Error("no query from a corpus without content words, and no error")
	}
}

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		f    Figure
		want float64
	}{
		{Figure{Ours: 400, Theirs: 100, HasTheirs: true, Better: Higher}, 4}, // 4× the throughput
		{Figure{Ours: 2, Theirs: 10, HasTheirs: true, Better: Lower}, 5},     // a fifth of the latency
		{Figure{Ours: 20, Theirs: 10, HasTheirs: true, Better: Lower}, 0.5},  // twice the latency
		{Figure{Ours: 20, Theirs: 10, HasTheirs: true, Better: Neither}, 0},  // a count
		{Figure{Ours: 20, Better: Lower}, 0},                                 // no peer
		{Figure{Ours: 0, Theirs: 10, HasTheirs: true, Better: Higher}, 0},    // nothing measured
	} {
		if got := c.f.Ratio(); got != c.want {
			t.Errorf("%+v: ratio %v, want %v", c.f, got, c.want)
		}
	}
}

// TestRunAnalysisOnly runs the in-process stage on a small sample corpus
// and checks the figures and that nothing is left in the work directory.
func TestRunAnalysisOnly(t *testing.T) {
	work := t.TempDir()
	res, err := Run(context.Background(), Options{Work: work, Articles: 30, Stages: []string{"analysis"}, AnalysisRounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Corpus.Articles != 30 || res.Corpus.TextBytes <= 0 || len(res.Stages) != 1 {
		t.Fatalf("%+v", res)
	}
	s, ok := res.Stage("analysis")
	if !ok {
		t.Fatal("no analysis stage")
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Ratio, Ours, Theirs map[string]float64
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"tokens_per_s", "mb_per_s", "cpu_s", "tokens"} {
		if got.Ours[k] <= 0 || got.Theirs[k] <= 0 {
			t.Errorf("%s: ours %v, theirs %v", k, got.Ours[k], got.Theirs[k])
		}
	}
	if got.Ratio["tokens_per_s"] <= 0 || got.Ratio["tokens"] != 0 {
		t.Errorf("ratios %v: want one for tokens_per_s and none for the count of tokens", got.Ratio)
	}
	var out strings.Builder
	if err := res.WriteText(&out); err != nil || !strings.Contains(out.String(), "tokens/s") {
		t.Errorf("text: %v\n%s", err, out.String())
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("left in the work directory: %v", left)
	}
}

func TestRunRefuses(t *testing.T) {
	work := t.TempDir()
	if _, err := Run(context.Background(), Options{Work: work, Stages: []string{"speed"}}); err == nil {
		t.Error("an unknown stage ran")
	}
	if _, err := Run(context.Background(), Options{Work: work, Corpus: "articles.csv", Stages: []string{"analysis"}}); err == nil || !strings.Contains(err.Error(), ".jsonl") {
		t.Errorf("a corpus that is no .jsonl: %v", err)
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("left in the work directory: %v", left)
	}
}

// TestPlainIndex builds the peer's index from a small .jsonl file and
// checks that its searches find the words and honour the filters, as
// taqrir's do, so the two answer the same question.
func TestPlainIndex(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	lines := `{"url":"https://a.example/1","title":"فيضانات في درنة","text":"غمرت الفيضانات مدينة درنة الليبية بعد انهيار السدين.","published":"2024-01-05T08:00:00Z","source":"صدى الخليج"}
{"url":"https://b.example/2","title":"فيضانات جديدة","text":"عادت الفيضانات إلى شرق ليبيا وسط تحذيرات من الأمطار.","published":"2025-03-01T08:00:00Z","source":"وكالة الأنباء"}
{"url":"https://b.example/3","title":"أسعار النفط","text":"ارتفعت أسعار النفط في الأسواق الآسيوية صباح اليوم.","published":"2025-03-02T08:00:00Z","source":"وكالة الأنباء"}
`
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ixDir := filepath.Join(dir, "plain.bleve")
	if err := PlainIndex(context.Background(), in, ixDir, &out); err != nil {
		t.Fatal(err)
	}
	var sum PlainSummary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil || sum.Articles != 3 || sum.Duration <= 0 {
		t.Fatalf("summary %s: %v", out.String(), err)
	}
	bi, err := bleve.Open(ixDir)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	for _, c := range []struct {
		q    Query
		want uint64
	}{
		{Query{Text: "فيضانات"}, 2},
		{Query{Text: "فيضانات درنة"}, 1}, // every word must match
		{Query{Text: "فيضانات", Source: "وكالة الأنباء"}, 1},
		{Query{Text: "فيضانات", Since: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, 1},
		{Query{Text: "فيضانات", Until: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, 1},
		{Query{Text: "النفط"}, 1},
	} {
		for _, full := range []bool{false, true} {
			res, err := bi.Search(plainRequest(c.q, full))
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != c.want {
				t.Errorf("%+v (full %v): %d hits, want %d", c.q, full, res.Total, c.want)
			}
			if full && res.Total > 0 && (len(res.Hits[0].Fragments["body"]) == 0 || res.Facets["sources"] == nil) {
				t.Errorf("%+v: full search without snippets or facets", c.q)
			}
		}
	}
}
