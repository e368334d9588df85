package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/source"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>صدى الخليج</title><link>%[1]s/</link>
<item><title>محادثات الدوحة تستأنف</title><link>%[1]s/a/1</link><guid>sada-1</guid>
  <pubDate>Fri, 14 Mar 2025 09:30:00 +0300</pubDate><description>استؤنفت المحادثات.</description></item>
<item><title>فيضانات المرج</title><link>/a/missing</link><guid>sada-2</guid>
  <pubDate>Tue, 25 Mar 2025 08:00:00 +0300</pubDate>
  <content:encoded><![CDATA[<p>ارتفعت حصيلة الفيضانات في المرج إلى 40 قتيلا.</p><p>وقال الدفاع المدني إن البحث مستمر.</p><script>x()</script>]]></content:encoded></item>
<item><title>بلا رابط ولا نص</title><guid>sada-3</guid></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الواحة نيوز</title>
<entry><title>سد وادي الخير</title><id>tag:wahat,2025:1</id><link href="%[1]s/b/1"/><updated>2025-03-20T10:00:00Z</updated></entry>
<entry><title>نص فقط</title><id>tag:wahat,2025:2</id><updated>2025-03-21T10:00:00Z</updated>
  <author><name>مراسل الواحة</name></author><content type="html">&lt;p&gt;افتتح اليوم سد وادي الخير.&lt;/p&gt;</content></entry>
</feed>`

// broken has one entry whose markup is cut (an unclosed <title>): the
// feed as a whole is not XML, the other entries must still come through.
const broken = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>صدى الخليج</title>
<item><title>الخبر الأول</title><link>%[1]s/a/1</link></item>
<item><title>خبر مكسور</link>%[1]s/a/2</link></item>
<item><title>الخبر الثالث</title><link>%[1]s/a/3</link></item>
</channel></rss>`

func server(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt", r.URL.Path == "/a/missing":
			http.NotFound(w, r)
		case r.URL.Path == "/rss":
			fmt.Fprintf(w, rss, "http://"+r.Host)
		case strings.HasPrefix(r.URL.Path, "/a/"), strings.HasPrefix(r.URL.Path, "/b/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><title>%s</title><body><p>نص الصفحة</p></body></html>", r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

type got struct {
	Origin, Format, URL, Err string
	Fields                   map[string]string
}

func read(t *testing.T, src string, opt Options) ([]got, Stats) {
	t.Helper()
	var out []got
	st, err := Read(context.Background(), src, opt, func(it source.Item) error {
		g := got{Origin: it.Origin, Format: string(it.Format), URL: it.URL}
		if it.Err != nil {
			g.Err = it.Err.Error()
		}
		if it.Format == source.FormatJSONL {
			if err := json.Unmarshal(it.Data, &g.Fields); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

func fetcher() *fetch.Fetcher {
	return fetch.New(fetch.Options{AllowPrivate: true, Interval: time.Millisecond, Retries: -1})
}

func TestRSSFromURL(t *testing.T) {
	s := server(t)
	seenPath := filepath.Join(t.TempDir(), SeenFile)
	seen, err := OpenSeen(seenPath)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Fetcher: fetcher(), Seen: seen}
	items, st := read(t, s.URL+"/rss", opt)
	want := []got{
		{Origin: s.URL + "/rss#3", Err: `feed entry 3 ("بلا رابط ولا نص") has neither a link nor any text`},
		{Origin: s.URL + "/a/1", Format: "html", URL: s.URL + "/a/1"},
		{Origin: s.URL + "/a/missing", Format: "jsonl", URL: s.URL + "/a/missing", Fields: map[string]string{
			"url": s.URL + "/a/missing", "title": "فيضانات المرج", "source": "صدى الخليج", "byline": "",
			"published": "2025-03-25T08:00:00+03:00",
			"text":      "ارتفعت حصيلة الفيضانات في المرج إلى 40 قتيلا.\nوقال الدفاع المدني إن البحث مستمر.",
		}},
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if st != (Stats{Entries: 3, New: 2, Failed: 1}) {
		t.Errorf("stats = %+v", st)
	}
	if err := seen.Save(); err != nil {
		t.Fatal(err)
	}
	// The next reading takes nothing new; the bad entry is reported again.
	seen2, err := OpenSeen(seenPath)
	if err != nil {
		t.Fatal(err)
	}
	opt.Seen = seen2
	items, st = read(t, s.URL+"/rss", opt)
	if len(items) != 1 || items[0].Err == "" || st.Seen != 2 || st.New != 0 {
		t.Errorf("second reading: %+v %+v", items, st)
	}
	// An entry whose page then failed to be stored is taken again.
	seen.ForgetOrigin(s.URL + "/a/1")
	opt.Seen = seen
	items, st = read(t, s.URL+"/rss", opt)
	if st.New != 1 || st.Seen != 1 || items[len(items)-1].Origin != s.URL+"/a/1" {
		t.Errorf("after ForgetOrigin: %+v %+v", items, st)
	}
}

func TestAtomFile(t *testing.T) {
	s := server(t)
	f := filepath.Join(t.TempDir(), "wahat.atom")
	if err := os.WriteFile(f, []byte(fmt.Sprintf(atom, s.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	items, st := read(t, f, Options{Fetcher: fetcher()})
	if st != (Stats{Entries: 2, New: 2}) || len(items) != 2 {
		t.Fatalf("stats %+v, items %+v", st, items)
	}
	if items[0].Format != "html" || items[0].URL != s.URL+"/b/1" {
		t.Errorf("linked entry: %+v", items[0])
	}
	if f := items[1].Fields; items[1].Format != "jsonl" || f["text"] != "افتتح اليوم سد وادي الخير." || f["byline"] != "مراسل الواحة" || f["source"] != "الواحة نيوز" {
		t.Errorf("text-only entry: %+v", items[1])
	}
}

func TestMalformedEntry(t *testing.T) {
	s := server(t)
	f := filepath.Join(t.TempDir(), "broken.xml")
	if err := os.WriteFile(f, []byte(fmt.Sprintf(broken, s.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	items, st := read(t, f, Options{Fetcher: fetcher()})
	if st.New != 2 || st.Failed != 1 || len(items) != 3 {
		t.Fatalf("stats %+v, items %+v", st, items)
	}
	if !strings.Contains(items[0].Err, "entry 2") || items[0].Origin != f+"#2" {
		t.Errorf("bad entry: %+v", items[0])
	}
	if items[1].URL != s.URL+"/a/1" || items[2].URL != s.URL+"/a/3" {
		t.Errorf("good entries: %+v", items[1:])
	}
}

func TestNotAFeed(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, data, want string }{
		{"html page", "<html><body><p>hello</p></body></html>", "not an RSS or Atom feed"},
		{"empty", "", "empty file"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", "not an RSS or Atom feed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := filepath.Join(dir, c.name)
			os.WriteFile(f, []byte(c.data), 0o644)
			items, _ := read(t, f, Options{})
			if len(items) != 1 || items[0].Origin != f || !strings.Contains(items[0].Err, c.want) {
				t.Errorf("items = %+v, want one error saying %q", items, c.want)
			}
		})
	}
	items, _ := read(t, filepath.Join(dir, "missing.xml"), Options{})
	if len(items) != 1 || !strings.Contains(items[0].Err, "no such file") {
		t.Errorf("missing file: %+v", items)
	}
}

func TestTextOf(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "  نص عادي ", "نص عادي"},
		{"paragraphs", "<p>الأول</p><p>الثاني<br>الثالث</p>", "الأول\nالثاني\nالثالث"},
		{"entities and scripts", "<div>أ &amp; ب<script>alert(1)</script><style>p{}</style></div>", "أ & ب"},
		{"broken markup", "<p>نص <b>غامق", "نص غامق"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := TextOf(c.in); got != c.want {
				t.Errorf("TextOf(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(fmt.Sprintf(rss, "https://a.example")))
	f.Add([]byte(fmt.Sprintf(atom, "https://a.example")))
	f.Add([]byte(fmt.Sprintf(broken, "https://a.example")))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, bad, err := Parse(data)
		if err != nil && (len(entries) > 0 || len(bad) > 0) {
			t.Fatal("entries with a whole-feed error")
		}
		for _, e := range entries {
			if e.Link == "" && strings.TrimSpace(TextOf(e.Text)) == "" {
				t.Fatalf("entry %d has neither link nor text", e.N)
			}
			if e.N < 1 {
				t.Fatalf("entry number %d", e.N)
			}
		}
	})
}

func FuzzTextOf(f *testing.F) {
	f.Add("<p>الأول</p><p>الثاني<br>الثالث</p>")
	f.Add("<script>x</script><style>y</style>نص &amp; &#1575;")
	f.Add("<p>نص <b>غامق")
	f.Fuzz(func(t *testing.T, in string) {
		out := TextOf(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("TextOf(%q) = %q: invalid UTF-8 from valid input", in, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if out != "" && strings.TrimSpace(line) == "" {
				t.Fatalf("blank line in %q", out)
			}
		}
	})
}
