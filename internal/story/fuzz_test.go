package story

import (
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/news"
)

// FuzzAdd: any title, body and entity text, valid UTF-8 or not, lands in
// exactly one story and never panics.
func FuzzAdd(f *testing.F) {
	f.Add("فيضانات ليبيا", floodText, "ليبيا", int64(0))
	f.Add("", "", "", int64(-1))
	f.Add("\xff", "\xfe\xff ّ", "\x00", int64(1<<40))
	f.Fuzz(func(t *testing.T, title, body, entity string, secs int64) {
		c, _ := New(DefaultOptions())
		a := art("a", "فيضانات ليبيا", day(1), floodText)
		b := news.Article{ID: "b", Title: title, Paragraphs: []string{body, body}, Published: time.Unix(secs, 0)}
		if secs == 0 {
			b.Published = time.Time{}
		}
		b.Entities = []news.Entity{{Text: entity}, {Canonical: entity, Type: news.EntityPerson}}
		c.Add(&a)
		id := c.Add(&b)
		if id != "a" && id != "b" {
			t.Fatalf("story id %q", id)
		}
		c.Merge()
		n := 0
		for _, s := range c.Stories() {
			n += s.Size
		}
		if n != 2 {
			t.Fatalf("stories hold %d articles, want 2", n)
		}
	})
}
