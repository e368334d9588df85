package facts

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
)

// sampleArticle is one article of the embedded sample corpus, read with a
// small parser of our own so these tests do not depend on the extract
// stage: its body is the text paragraphs joined as news.Article.Body does.
type sampleArticle struct {
	name      string // file, or file:line for JSONL
	body      string
	published time.Time
}

// sampleArticles reads every article of the sample corpus, in file order.
func sampleArticles(t testing.TB) []sampleArticle {
	t.Helper()
	var out []sampleArticle
	for _, file := range corpus.ArticleFiles() {
		raw, err := fs.ReadFile(corpus.FS(), file)
		if err != nil {
			t.Fatal(err)
		}
		switch path.Ext(file) {
		case ".txt":
			out = append(out, parseTxt(file, string(raw)))
		case ".jsonl":
			for i, line := range strings.Split(string(raw), "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				var v struct{ Text, Published string }
				if err := json.Unmarshal([]byte(line), &v); err != nil {
					t.Fatalf("%s:%d: %v", file, i+1, err)
				}
				out = append(out, sampleArticle{name: file + ":" + itoa(i+1), body: paragraphs(strings.Split(v.Text, "\n")), published: date(v.Published)})
			}
		}
	}
	return out
}

// parseTxt reads the .txt sample format: "key: value" headers, a blank
// line, the title, then one paragraph per line.
func parseTxt(name, raw string) sampleArticle {
	a := sampleArticle{name: name}
	lines := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
	i := 0
	for ; i < len(lines); i++ {
		k, v, ok := strings.Cut(lines[i], ":")
		if !ok || strings.ContainsAny(k, " \t") || k == "" {
			break
		}
		if k == "published" {
			a.published = date(strings.TrimSpace(v))
		}
	}
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i < len(lines) {
		i++ // the title
	}
	a.body = paragraphs(lines[i:])
	return a
}

func paragraphs(lines []string) string {
	var ps []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			ps = append(ps, l)
		}
	}
	return strings.Join(ps, "\n\n")
}

func date(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func itoa(i int) string {
	var b []byte
	for ; i > 0 || len(b) == 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
