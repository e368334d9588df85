package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHTMLFiles(t *testing.T) {
	dir := t.TempDir()
	page := []byte(pageA)
	zpage := gz(t, page)
	cp1256 := []byte("<html><head><meta charset=\"windows-1256\"><title>\xc7\xe1\xce\xc8\xd1</title></head><body><p>\xe4\xd5</p></body></html>")
	cases := []struct {
		name, file string
		data       []byte
		max        int64
		want       string // "" for a page equal to data (or page A for gzip), else an error fragment
	}{
		{"html", "a.html", page, 0, ""},
		{"htm upper case", "B.HTM", page, 0, ""},
		{"gzipped", "a.html.gz", zpage, 0, ""},
		{"gzipped without .gz", "saved.html", zpage, 0, ""},
		{"declared charset kept as bytes", "old.htm", cp1256, 0, ""},
		{"truncated gzip", "cut.html.gz", zpage[:len(zpage)-12], 0, "bad gzip data: truncated"},
		{"not gzip", "fake.htm.gz", page, 0, "not a gzip file"},
		{"png named html", "logo.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0, "binary file (looks like image/png), not an HTML page"},
		{"pdf named html", "doc.html", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), 0, "binary file (looks like application/pdf)"},
		{"control bytes", "x.html", bytes.Repeat([]byte{1, 2, 3, 'a'}, 100), 0, "binary file (control bytes)"},
		{"empty", "e.html", []byte("  \n"), 0, "empty file"},
		{"over the limit", "big.html", bytes.Repeat([]byte("<p>نص</p>"), 1000), 4096, "page is 11000 bytes, over the limit of 4096 (--max-page-bytes)"},
		{"gzipped over the limit", "big.html.gz", gz(t, bytes.Repeat([]byte("<p>نص</p>"), 1000)), 4096, "page is 11000 bytes, over the limit of 4096"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, dir, c.file, c.data)
			var items []Item
			err := Options{MaxItemBytes: c.max}.Walk(context.Background(), []string{p}, func(it Item) error {
				items = append(items, it)
				return nil
			})
			if err != nil || len(items) != 1 {
				t.Fatalf("Walk: %v, %d items", err, len(items))
			}
			it := items[0]
			if it.Origin != p {
				t.Errorf("origin %q, want %q", it.Origin, p)
			}
			if c.want == "" {
				want := c.data
				if bytes.Equal(c.data, zpage) {
					want = page
				}
				if it.Err != nil || it.Format != FormatHTML || !bytes.Equal(it.Data, want) {
					t.Errorf("got %s %v %q, want the page", it.Format, it.Err, it.Data)
				}
				return
			}
			if it.Err == nil || !strings.Contains(it.Err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", it.Err, c.want)
			}
		})
	}
}

func TestStdinHTML(t *testing.T) {
	var got []Item
	err := Options{Stdin: strings.NewReader(pageB), StdinFormat: FormatHTML}.Walk(context.Background(), []string{"-"}, func(it Item) error {
		got = append(got, it)
		return nil
	})
	if err != nil || len(got) != 1 || got[0].Format != FormatHTML || string(got[0].Data) != pageB || got[0].Origin != "-" {
		t.Errorf("stdin html: %v %+v", err, got)
	}
}

func FuzzWARC(f *testing.F) {
	f.Add(warcRecord(f, 0x4, "https://a.example/", "application/http;msgtype=response", httpResponse("200 OK", "text/html", pageA)))
	f.Add(gz(f, []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := Options{MaxItemBytes: 1 << 16}.readWARC(context.Background(), "f.warc", bytes.NewReader(data), func(it Item) error {
			n++
			if it.Err == nil && (it.Format != FormatHTML || len(it.Data) == 0 || len(it.Data) > 1<<16) {
				t.Fatalf("bad item %+v", it)
			}
			if !strings.HasPrefix(it.Origin, "f.warc") {
				t.Fatalf("origin %q", it.Origin)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n > len(data)+1 {
			t.Fatalf("%d items from %d bytes", n, len(data))
		}
	})
}

// TestHundredMegabytePage is the case: a 100 MB page is refused
// with its size and the limit, without being held in memory whole.
func TestHundredMegabytePage(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	p := filepath.Join(t.TempDir(), "huge.html")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<p>نص طويل جدا</p>\n"), 1<<16/22)
	var n int64
	for n < 100<<20 {
		c := chunk
		if rest := int64(100<<20) - n; rest < int64(len(c)) {
			c = c[:rest]
		}
		f.Write(c)
		n += int64(len(c))
	}
	f.Close()
	var got []Item
	if err := (Options{}).Walk(context.Background(), []string{p}, func(it Item) error { got = append(got, it); return nil }); err != nil {
		t.Fatal(err)
	}
	want := "page is 104857600 bytes, over the limit of 8388608 (--max-page-bytes)"
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), want) {
		t.Errorf("items = %+v, want one error saying %q", got, want)
	}
}
