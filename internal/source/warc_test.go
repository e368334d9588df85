package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nlnwa/gowarc/v3"
)

// warcRecord builds one WARC record with gowarc's own builder and
// marshaler, so the fixtures are what a real crawler writes.
func warcRecord(t testing.TB, typ gowarc.RecordType, uri, contentType, block string) []byte {
	t.Helper()
	b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingDigest(true), gowarc.WithFixContentLength(true))
	if _, err := b.WriteString(block); err != nil {
		t.Fatal(err)
	}
	b.AddWarcHeader(gowarc.WarcDate, "2025-03-14T09:30:00Z")
	if uri != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	}
	b.AddWarcHeader(gowarc.ContentType, contentType)
	rec, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, _, err := gowarc.NewMarshaler().Marshal(&buf, rec, 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func httpResponse(status, ctype, body string, extra ...string) string {
	h := "HTTP/1.1 " + status + "\r\nContent-Type: " + ctype + "\r\n"
	for _, e := range extra {
		h += e + "\r\n"
	}
	return h + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}

const pageA = `<html><head><title>محادثات الدوحة</title></head><body><article><p>استؤنفت اليوم المحادثات في الدوحة.</p></article></body></html>`
const pageB = `<html><head><title>فيضانات المرج</title></head><body><p>ارتفعت حصيلة الفيضانات إلى 40 قتيلا.</p></body></html>`

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

type warcGot struct {
	Format      Format
	URL         string
	ContentType string
	Data        string
	Err         string
}

func readAllWARC(t *testing.T, path string) ([]warcGot, []string) {
	t.Helper()
	var out []warcGot
	var origins []string
	err := Options{}.Walk(context.Background(), []string{path}, func(it Item) error {
		g := warcGot{Format: it.Format, URL: it.URL, ContentType: it.ContentType, Data: string(it.Data)}
		if it.Err != nil {
			g.Err = it.Err.Error()
		}
		out = append(out, g)
		origins = append(origins, it.Origin)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, origins
}

func TestWARC(t *testing.T) {
	gzipped := func(h string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(h))
		w.Close()
		return b.String()
	}
	recs := [][]byte{
		warcRecord(t, gowarc.Warcinfo, "", "application/warc-fields", "software: test\r\n"),
		warcRecord(t, gowarc.Request, "https://sada.example/a/1", "application/http;msgtype=request", "GET /a/1 HTTP/1.1\r\nHost: sada.example\r\n\r\n"),
		warcRecord(t, gowarc.Response, "https://sada.example/a/1", "application/http;msgtype=response",
			httpResponse("200 OK", "text/html; charset=utf-8", pageA)),
		warcRecord(t, gowarc.Response, "https://sada.example/logo.png", "application/http;msgtype=response",
			httpResponse("200 OK", "image/png", "\x89PNG\r\n\x1a\n")),
		warcRecord(t, gowarc.Response, "https://sada.example/old", "application/http;msgtype=response",
			httpResponse("301 Moved Permanently", "text/html", "<a href=/new>moved</a>", "Location: /new")),
		warcRecord(t, gowarc.Response, "https://wahat.example/b", "application/http;msgtype=response",
			httpResponse("200 OK", "text/html", gzipped(pageB), "Content-Encoding: gzip")),
		warcRecord(t, gowarc.Resource, "https://wahat.example/saved", "text/html", pageB),
	}
	// A broken record: its header block has a line that is no field and its
	// Content-Length is not a number; the reader must skip it and go on.
	broken := []byte("WARC/1.1\r\nWARC-Type: response\r\nthis line is no header\r\nContent-Length: many\r\n\r\ngarbage\r\n\r\n")
	all := append([][]byte{}, recs[:3]...)
	all = append(all, broken)
	all = append(all, recs[3:]...)
	dir := t.TempDir()
	plain := write(t, dir, "crawl.warc", bytes.Join(all, nil))
	var z []byte
	for _, r := range all {
		z = append(z, gz(t, r)...) // one gzip member per record, as crawlers write
	}
	zipped := write(t, dir, "crawl.warc.gz", z)

	want := []warcGot{
		{Format: FormatHTML, URL: "https://sada.example/a/1", ContentType: "text/html; charset=utf-8", Data: pageA},
		{Err: "broken WARC record"},
		{Format: FormatHTML, URL: "https://wahat.example/b", ContentType: "text/html", Data: pageB},
		{Format: FormatHTML, URL: "https://wahat.example/saved", ContentType: "text/html", Data: pageB},
	}
	for _, path := range []string{plain, zipped} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got, origins := readAllWARC(t, path)
			for i := range got {
				if got[i].Err != "" {
					t.Logf("%s: %s", origins[i], got[i].Err)
					got[i].Err, _, _ = strings.Cut(got[i].Err, ":")
				}
				if !strings.HasPrefix(origins[i], path+"@") {
					t.Errorf("origin %q, want %s@offset", origins[i], path)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("WARC items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWARCDamagedFiles(t *testing.T) {
	good := warcRecord(t, gowarc.Response, "https://sada.example/a/1", "application/http;msgtype=response",
		httpResponse("200 OK", "text/html", pageA))
	second := warcRecord(t, gowarc.Response, "https://sada.example/a/2", "application/http;msgtype=response",
		httpResponse("200 OK", "text/html", pageB))
	dir := t.TempDir()
	both := append(append([]byte{}, good...), second...)
	zboth := append(gz(t, good), gz(t, second)...)
	cases := []struct {
		name string
		file string
		data []byte
		want []string // "ok" for a page, else a fragment of the error
	}{
		{"cut inside the second record", "cut.warc", both[:len(good)+len(second)/2], []string{"ok", "broken WARC record"}},
		{"gzip cut inside the second member", "cut.warc.gz", zboth[:len(zboth)-20], []string{"ok", "broken WARC record"}},
		{"not a WARC at all", "notes.warc", []byte("just some text that is no WARC file at all\n"), []string{"not a WARC file"}},
		{"empty", "empty.warc", nil, []string{"empty file"}},
		{"named .gz but plain", "plain.warc.gz", both, []string{"ok", "ok2"}},
		{"second gzip member damaged", "damaged.warc.gz", append(append(gz(t, good), damage(gz(t, second))...), gz(t, good)...), []string{"ok", "broken WARC record", "ok"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, origins := readAllWARC(t, write(t, dir, c.file, c.data))
			if len(got) != len(c.want) {
				t.Fatalf("got %d items %+v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				if w == "ok2" {
					if got[i].Err != "" || got[i].Data != pageB {
						t.Errorf("item %d: %+v, want page B", i, got[i])
					}
				} else if w == "ok" {
					if got[i].Err != "" || got[i].Data != pageA {
						t.Errorf("item %d: %+v, want page A", i, got[i])
					}
				} else if !strings.Contains(got[i].Err, w) {
					t.Errorf("item %d (%s): err %q, want it to say %q", i, origins[i], got[i].Err, w)
				}
			}
		})
	}
}

// damage flips bytes in the middle of a gzip member's compressed data.
func damage(b []byte) []byte {
	b = bytes.Clone(b)
	for i := len(b) / 2; i < len(b)/2+8; i++ {
		b[i] ^= 0x5a
	}
	return b
}
