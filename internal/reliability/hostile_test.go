package reliability

import (
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The README's memory bound for an ingest: about 130 MB for the models and
// tables plus, per worker, 40 times the largest item (8 MiB by default).
// The campaign allows a quarter more for what it cannot control (the
// machine's page size, the garbage collector's timing).
func memoryBoundKiB(workers int) int64 {
	mb := 130 + float64(workers)*8*1.048576*40
	return int64(mb * 1.25 * 1024)
}

const arabicPara = "قال وزير الخارجية إن المحادثات في الدوحة ستستأنف الأسبوع المقبل، وأضاف أن الوفدين اتفقا على فتح ممرين إنسانيين."

// hostileInput is one input of the table: a file name (its extension says
// the format) and how to write it.
type hostileInput struct {
	class, name string
	write       func(w io.Writer, scale int64) error
	// text to check is never printed raw by search, show and stats
	unsafe []string
}

// repeatTo writes unit over and over, n bytes (whole units) in all.
func repeatTo(w io.Writer, unit string, n int64) error {
	n -= n % int64(len(unit))
	chunk := []byte(strings.Repeat(unit, max(1, 64<<10/len(unit))))
	for n > 0 {
		c := chunk
		if int64(len(c)) > n {
			c = c[:n]
		}
		if _, err := w.Write(c); err != nil {
			return err
		}
		n -= int64(len(c))
	}
	return nil
}

func gzipped(f func(w io.Writer, scale int64) error) func(io.Writer, int64) error {
	return func(w io.Writer, scale int64) error {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		if err := f(zw, scale); err != nil {
			return err
		}
		return zw.Close()
	}
}

func text(s string) func(io.Writer, int64) error {
	return func(w io.Writer, _ int64) error { _, err := io.WriteString(w, s); return err }
}

func bytesOf(b []byte) func(io.Writer, int64) error {
	return func(w io.Writer, _ int64) error { _, err := w.Write(b); return err }
}

func enc(cm *charmap.Charmap, s string) []byte {
	b, _ := cm.NewEncoder().Bytes([]byte(s))
	return b
}

// hostileInputs are the inputs of the table; big is the size of the large
// ones (7 MB in the full campaign, under the 8 MiB item limit).
func hostileInputs(big int64) []hostileInput {
	mb7 := big
	page := func(body string) string {
		return `<html><head><meta charset="utf-8"><title>عنوان الخبر</title></head><body><article><p>` + body + `</p><p>` + arabicPara + `</p></article></body></html>`
	}
	warcBomb := func(w io.Writer, scale int64) error {
		size := scale << 20
		hdr := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
		fmt.Fprintf(w, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/bomb\r\nWARC-Date: 2025-03-14T09:30:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s", int64(len(hdr))+size, hdr)
		if err := repeatTo(w, "<p>خبر</p>", size); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\r\n\r\n")
		return err
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	binary := make([]byte, 64<<10)
	for i := range binary {
		binary[i] = byte(rnd.IntN(256))
	}
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(page("صفحة بترميز UTF-16.")))
	mixed := append([]byte("عنوان الخبر\n\n"+arabicPara+"\n\n"), enc(charmap.Windows1256, "وأعلنت الأمم المتحدة أن قافلة مساعدات دخلت المدينة صباح اليوم.")...)
	mojibake, _ := charmap.Windows1256.NewDecoder().Bytes([]byte(arabicPara))
	return []hostileInput{
		{class: "bomb", name: "blank-lines.jsonl.gz", write: gzipped(func(w io.Writer, s int64) error { return repeatTo(w, "\n", s<<20) })},
		{class: "bomb", name: "one-record.warc.gz", write: gzipped(warcBomb)},
		{class: "bomb", name: "page.html.gz", write: gzipped(func(w io.Writer, s int64) error { return repeatTo(w, "<div>خبر</div>", s<<20) })},
		{class: "nesting", name: "deep-divs.html", write: func(w io.Writer, _ int64) error {
			return repeatTo(w, "<div>", 100_000*5)
		}},
		{class: "nesting", name: "deep-json.jsonl", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, `{"title":"عنوان","text":`)
			repeatTo(w, "[", 100_000)
			_, err := io.WriteString(w, "}\n")
			return err
		}},
		{class: "attributes", name: "huge-attribute.html", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, `<html><body><div data-x="`)
			repeatTo(w, "A", mb7)
			_, err := io.WriteString(w, `"><p>`+arabicPara+`</p></div></body></html>`)
			return err
		}},
		{class: "attributes", name: "many-attributes.html", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, `<html><body><div `)
			for i := range 200_000 {
				fmt.Fprintf(w, "a%d=x ", i)
			}
			_, err := io.WriteString(w, `><p>`+arabicPara+`</p></div></body></html>`)
			return err
		}},
		{class: "words", name: "one-word.txt", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, "عنوان الخبر\n\n")
			return repeatTo(w, "ك", mb7)
		}},
		{class: "words", name: "digits.txt", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, "عنوان الخبر\n\n")
			return repeatTo(w, "7", mb7)
		}},
		{class: "words", name: "no-sentence-end.txt", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, "عنوان الخبر\n\n")
			return repeatTo(w, "كلمة ", mb7)
		}},
		{class: "words", name: "huge-word.html", write: func(w io.Writer, _ int64) error {
			return text(page(strings.Repeat("ك", int(mb7/2))))(w, 0)
		}},
		{class: "words", name: "over-limit-line.jsonl", write: func(w io.Writer, _ int64) error {
			io.WriteString(w, `{"title":"عنوان","text":"`)
			repeatTo(w, "كلمة ", 9<<20)
			_, err := io.WriteString(w, "\"}\n")
			return err
		}},
		{class: "encoding", name: "windows-1256.txt", write: bytesOf(enc(charmap.Windows1256, "عنوان الخبر\n\n"+arabicPara+"\n"))},
		{class: "encoding", name: "iso-8859-6.txt", write: bytesOf(enc(charmap.ISO8859_6, "عنوان آخر\n\n"+arabicPara+" وهذا نص آخر.\n"))},
		{class: "encoding", name: "utf-16le.html", write: bytesOf(utf16)},
		{class: "encoding", name: "mixed-1256-paragraph.txt", write: bytesOf(mixed)},
		{class: "encoding", name: "mojibake.txt", write: text("عنوان الخبر\n\n" + string(mojibake) + "\n")},
		{class: "encoding", name: "binary.txt", write: bytesOf(binary)},
		{class: "encoding", name: "invalid-utf8.jsonl", write: bytesOf(append([]byte(`{"title":"عنوان","text":"`), append(enc(charmap.Windows1256, arabicPara), `"}`+"\n"...)...))},
		{class: "encoding", name: "unknown-charset.html", write: text(strings.Replace(page(arabicPara), "utf-8", "x-no-such-charset", 1))},
		{class: "encoding", name: "truncated-utf8.txt", write: bytesOf([]byte("عنوان الخبر\n\n" + arabicPara + "\xd8"))},
		{class: "control", name: "escapes.txt", write: text("\x1b[2J\x1b[31mعنوان\x07 الخبر\n\n" + arabicPara + "\x1b]0;pwned\x07\n"),
			unsafe: []string{"\x1b", "\x07"}},
		{class: "control", name: "escapes.jsonl", write: text(`{"title":"عنوان \u001b[5m","source":"\u001b]8;;http://evil\u0007وكالة","byline":"\u0007","url":"https://example.com/x\u001b[0m","text":"` + arabicPara + `"}` + "\n"),
			unsafe: []string{"\x1b", "\x07"}},
		{class: "control", name: "name\nstored 0000000000000000 new forged.txt", write: text("عنوان آخر\n\n" + arabicPara + " ملف باسم فيه سطر جديد.\n"),
			unsafe: []string{"\nstored 0000000000000000"}},
		{class: "bidi", name: "bidi.jsonl", write: text(`{"title":"عنوان \u202etxt.exe","source":"\u2066وكالة\u2069 \u202d","text":"` + arabicPara + ` \u202eمقلوب\u202c"}` + "\n"),
			unsafe: []string{"\u202e", "\u202d", "\u2066", "\u2069"}},
	}
}

// TestHostileInputs ingests each hostile input in a child process and
// records its peak RSS and time: none may crash, each is stored or refused
// with a message, peak memory stays within the README's bound, and no
// control character or bidi override reaches the terminal.
func TestHostileInputs(t *testing.T) {
	campaign(t, 1, 1)
	scale, big := int64(256), int64(1<<20) // MiB a bomb inflates to; bytes of a large item
	if mode == "full" {
		scale, big = 1024, 7<<20
	}
	base := t.TempDir()
	dir := filepath.Join(base, "data")
	bound := memoryBoundKiB(2)
	var unsafe []string
	inputs := hostileInputs(big)
	if mode == "short" {
		// One input of each class, and every one whose output is checked.
		var some []hostileInput
		seen := map[string]bool{}
		for _, in := range inputs {
			if !seen[in.class] || in.unsafe != nil {
				some = append(some, in)
			}
			seen[in.class] = true
		}
		inputs = some
	}
	for _, in := range inputs {
		t.Run(in.class+"/"+strings.ReplaceAll(in.name, "\n", "_"), func(t *testing.T) {
			p := filepath.Join(base, in.name)
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := in.write(f, scale); err != nil {
				t.Fatal(err)
			}
			f.Close()
			fi, _ := os.Stat(p)
			r := run(t, "--data", dir, "ingest", "--workers", "2", p)
			noCrash(t, "ingest "+in.name, r)
			outcome := strings.TrimSpace(lastLines(r.stdout, 1))
			if i := strings.Index(outcome, " ("); i > 0 {
				outcome = outcome[:i]
			}
			if msg := strings.TrimSpace(r.stderr); msg != "" {
				outcome += ": " + firstLines(msg, 1)
			}
			outcome = strings.ReplaceAll(outcome, base+"/", "")
			if len(outcome) > 160 {
				outcome = outcome[:160] + "…"
			}
			if r.maxRSS > bound {
				t.Errorf("%s: peak RSS %d MB, over the README's bound (%d MB with a quarter's slack)", in.name, r.maxRSS>>10, bound>>10)
			}
			if strings.Contains(r.stdout+r.stderr, "\x1b") {
				t.Errorf("%s: ingest printed a raw escape character", in.name)
			}
			figures.mu.Lock()
			figures.hostile = append(figures.hostile, hostileRow{class: in.class, input: strings.ReplaceAll(in.name, "\n", `\n`),
				bytes: fi.Size(), rss: r.maxRSS, wall: r.wall, outcome: outcome})
			figures.mu.Unlock()
			unsafe = append(unsafe, in.unsafe...)
		})
	}
	// What was stored is read back as text: nothing unsafe reaches the
	// terminal.
	for _, args := range [][]string{{"search", "الخبر OR عنوان OR الدوحة"}, {"stats"}, {"stories"}} {
		r := run(t, append([]string{"--data", dir}, args...)...)
		noCrash(t, args[0], r)
		for _, u := range unsafe {
			if strings.Contains(r.stdout, u) || strings.Contains(r.stderr, u) {
				t.Errorf("%s printed %q raw", args[0], u)
			}
		}
	}
	r := run(t, "--data", dir, "--json", "search", "الخبر OR عنوان OR الدوحة")
	for _, id := range hitIDs(r.stdout) {
		s := run(t, "--data", dir, "show", id)
		noCrash(t, "show", s)
		for _, u := range unsafe {
			if strings.Contains(s.stdout, u) {
				t.Errorf("show %s printed %q raw", id, u)
			}
		}
	}
	checkClean(t, dir)
}

func hitIDs(js string) []string {
	var ids []string
	for _, line := range strings.Split(js, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, `"id": "`) {
			ids = append(ids, strings.TrimSuffix(strings.TrimPrefix(line, `"id": "`), `",`))
		}
	}
	return ids
}
