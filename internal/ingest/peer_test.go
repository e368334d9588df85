package ingest

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/taqrir/taqrir/internal/news"
)

// TestPlainBleveIngest indexes 250 articles (three batches) into the peer
// index and finds them again by a word of their bodies, analysed as bleve's
// ar analyzer analyses it (المفاوضات and مفاوضات meet).
func TestPlainBleveIngest(t *testing.T) {
	arts := make([]news.Article, 250)
	for i := range arts {
		arts[i] = news.Article{Title: fmt.Sprintf("خبر رقم %d", i), Paragraphs: []string{"استؤنفت المفاوضات في الدوحة اليوم.", fmt.Sprintf("الفقرة %d", i)}}
	}
	arts[7].Paragraphs = []string{"أمطار غزيرة في عمّان."}
	dir := filepath.Join(t.TempDir(), "plain.bleve")
	d, err := PlainBleveIngest(dir, arts)
	if err != nil || d <= 0 {
		t.Fatalf("PlainBleveIngest: %v, %v", d, err)
	}
	ix, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.DocCount(); n != 250 {
		t.Errorf("doc count %d, want 250", n)
	}
	res, err := ix.Search(bleve.NewSearchRequest(bleve.NewMatchQuery("مفاوضات")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 249 {
		t.Errorf("مفاوضات matched %d, want 249", res.Total)
	}
	if _, err := PlainBleveIngest(dir, arts); err == nil {
		t.Error("a second run into the same directory: no error")
	}
}
