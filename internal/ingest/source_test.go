package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// TestSourceHookKeepsPageMeta feeds items through Options.Source, as the
// command line does for fetched URLs and feeds: a page's URL and
// Content-Type reach the stored raw item (reprocess needs them), and a page
// a conditional GET found unchanged counts as unchanged without touching
// the store.
func TestSourceHookKeepsPageMeta(t *testing.T) {
	ctx := context.Background()
	st, ix := openData(t, t.TempDir())
	defer st.Close()
	defer ix.Close()
	page := source.Item{Origin: "https://sada.example/a/1", Format: source.FormatText,
		Data: []byte("محادثات الدوحة تستأنف\nاستؤنفت اليوم المحادثات في الدوحة بين الوفدين."),
		URL:  "https://sada.example/a/1", ContentType: "text/plain; charset=utf-8"}
	items := []source.Item{
		page,
		{Origin: "https://sada.example/a/2", URL: "https://sada.example/a/2", NotModified: true},
		{Origin: "https://sada.example/a/3", Err: errTest("page is 104857600 bytes, over the limit of 8388608 (--max-page-bytes)")},
	}
	var stored []store.PutResult
	sum, err := Run(ctx, st, ix, func(ctx context.Context, send func(source.Item) error) error {
		for _, it := range items {
			if err := send(it); err != nil {
				return err
			}
		}
		return nil
	}, Options{
		Stored: func(_ string, r store.PutResult) { stored = append(stored, r) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 1 || sum.Unchanged != 1 || sum.Failed != 1 || sum.Items != 3 {
		t.Fatalf("summary %+v, want 1 new, 1 unchanged, 1 failed of 3", sum)
	}
	if got := sum.Failures[0].String(); !strings.Contains(got, "a/3: page is 104857600 bytes") {
		t.Errorf("failure = %q", got)
	}
	a, err := st.Article(ctx, stored[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := st.Raw(ctx, a.RawSHA256)
	if err != nil {
		t.Fatal(err)
	}
	if raw.URL != page.URL || raw.ContentType != page.ContentType {
		t.Errorf("raw meta = %q %q, want %q %q", raw.URL, raw.ContentType, page.URL, page.ContentType)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// TestHTMLPageEndToEnd ingests an HTML page and reprocesses it from the
// kept raw item. It skips while the HTML extractor is a placeholder.
func TestHTMLPageEndToEnd(t *testing.T) {
	ctx := context.Background()
	st, ix := openData(t, t.TempDir())
	defer st.Close()
	defer ix.Close()
	html := `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>محادثات الدوحة تستأنف | صدى الخليج</title>
<meta property="og:site_name" content="صدى الخليج"></head><body><nav><a href="/">الرئيسية</a></nav>
<article><h1>محادثات الدوحة تستأنف</h1>
<p>استؤنفت اليوم في الدوحة المحادثات بين الوفدين بعد توقف دام أسبوعين، وسط آمال بالتوصل إلى اتفاق شامل.</p>
<p>وقال مصدر مطلع إن الجولة الجديدة تركز على ترتيبات وقف إطلاق النار وتبادل الأسرى وإدخال المساعدات.</p>
<p>وأضاف المصدر أن الوسطاء قدموا مقترحا معدلا يأخذ في الحسبان ملاحظات الطرفين على الصيغة السابقة.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`
	item := source.Item{Origin: "https://sada.example/a/1", Format: source.FormatHTML, Data: []byte(html),
		URL: "https://sada.example/a/1", ContentType: "text/html; charset=utf-8"}
	sum, err := Run(ctx, st, ix, func(ctx context.Context, send func(source.Item) error) error { return send(item) }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 1 {
		t.Fatalf("summary %+v, want 1 new", sum)
	}
	rs, err := Reprocess(ctx, st, ix)
	if err != nil || rs.Failed != 0 || rs.Changed != 0 {
		t.Errorf("reprocess of the page = %+v, %v; want it re-extracted unchanged", rs, err)
	}
}
