package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

func openData(t *testing.T, dir string) (*sqlite.DB, *index.Index) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "taqrir.db"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	return st, ix
}

func TestRunSampleCorpusTwice(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	defer ix.Close()
	sum, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New < 48 || sum.Failed != 0 || sum.Unchanged != 0 {
		t.Fatalf("first run: %+v", sum)
	}
	again, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.New != 0 || again.Unchanged != sum.New {
		t.Errorf("second run: %s, want 0 new, %d unchanged", again, sum.New)
	}
	if n, _ := ix.Count(); int(n) != sum.New {
		t.Errorf("index holds %d, want %d", n, sum.New)
	}
	seq, _ := ix.Seq()
	top, _ := st.MaxSeq(ctx)
	if seq != top {
		t.Errorf("index seq %d, store seq %d", seq, top)
	}
}

func TestUpdatedArticleIsReindexed(t *testing.T) {
	ctx := context.Background()
	dir, in := t.TempDir(), t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	defer ix.Close()
	f := filepath.Join(in, "a.txt")
	write := func(body string) {
		if err := os.WriteFile(f, []byte("url: https://a.example/story\n\nحصيلة الفيضانات\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ارتفعت الحصيلة إلى 12 قتيلا في المرج.")
	if _, err := Run(ctx, st, ix, source.Options{}.Paths(f), Options{}); err != nil {
		t.Fatal(err)
	}
	write("ارتفعت الحصيلة إلى 41 قتيلا في البيضاء.")
	sum, err := Run(ctx, st, ix, source.Options{}.Paths(f), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 1 || sum.New != 0 {
		t.Fatalf("re-scrape: %+v, want 1 updated", sum)
	}
	res, err := ix.Search(ctx, index.Request{Query: "البيضاء"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search new text: %d hits, %v", res.Total, err)
	}
	if res, _ := ix.Search(ctx, index.Request{Query: "المرج"}); res.Total != 0 {
		t.Errorf("old text still indexed: %d hits", res.Total)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("index holds %d docs, want 1", n)
	}
}

func TestSyncAndReindexRebuildFromStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	sum, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// Losing the index entirely loses nothing: Sync on a fresh one restores it.
	if err := index.Remove(filepath.Join(dir, "index.bleve")); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := SyncCount(ctx, st, ix)
	if err != nil || n != sum.New {
		t.Fatalf("Sync applied %d, %v; want %d", n, err, sum.New)
	}
	ix.Close()
	ix, n, err = Reindex(ctx, st, filepath.Join(dir, "index.bleve"))
	if err != nil || n != sum.New {
		t.Fatalf("Reindex indexed %d, %v; want %d", n, err, sum.New)
	}
	defer ix.Close()
	rs, err := Reprocess(ctx, st, ix)
	if err != nil || rs.Articles != sum.New || rs.Changed != 0 || rs.Failed != 0 {
		t.Errorf("Reprocess = %+v, %v; want %d articles, none changed", rs, err, sum.New)
	}
}

// TestReprocessRestoresFromRaw damages an article's stored text and shows
// that reprocess re-extracts it from the kept raw item and re-indexes it.
func TestReprocessRestoresFromRaw(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	defer ix.Close()
	if _, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, index.Request{Query: `"سد وادي الخير"`, Limit: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("phrase search before damage: %v, %+v", err, res)
	}
	id := res.Hits[0].ID
	before, _ := st.Article(ctx, id)
	if err := st.Exec(ctx, `UPDATE articles SET paragraphs = '["نص تالف"]', content_hash = 'x' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	sum, err := Reprocess(ctx, st, ix)
	if err != nil || sum.Changed != 1 || sum.Failed != 0 {
		t.Fatalf("Reprocess = %+v, %v; want exactly the damaged article changed", sum, err)
	}
	after, _ := st.Article(ctx, id)
	if after.Body() != before.Body() {
		t.Errorf("reprocess did not restore the text of %s", id)
	}
	res, err = ix.Search(ctx, index.Request{Query: `"سد وادي الخير"`, Limit: 10})
	found := false
	for _, h := range res.Hits {
		found = found || h.ID == id
	}
	if err != nil || !found {
		t.Errorf("after reprocess %s is not found again: %+v, %v", id, res.Hits, err)
	}
	if seq, _ := ix.Seq(); seq == 0 {
		t.Error("index seq not advanced")
	}
}

// TestReindexInterruptedKeepsTheIndex: a reindex cut short (its context
// cancelled) leaves the index it was replacing whole, not half built.
func TestReindexInterruptedKeepsTheIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, ix := openData(t, dir)
	defer st.Close()
	sum, err := Run(ctx, st, ix, source.Options{}.FS(corpus.FS(), "."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	path := filepath.Join(dir, "index.bleve")
	if _, _, err := Reindex(cancelled, st, path); err == nil {
		t.Fatal("a cancelled reindex reported success")
	}
	ix, err = index.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); int(n) != sum.New {
		t.Errorf("after an interrupted reindex the index holds %d documents, want the %d it had", n, sum.New)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("the aside build was left behind: %v", err)
	}
}
