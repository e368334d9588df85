package story_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/story"
)

// sliceStore hands out its articles as a store would: article i has seq
// i+1.
type sliceStore []news.Article

func (s sliceStore) Scan(ctx context.Context, after int64, fn func(int64, news.Article) error) error {
	for i := max(after, 0); i < int64(len(s)); i++ {
		if err := fn(i+1, s[i]); err != nil {
			return err
		}
	}
	return nil
}

var truce = sliceStore{
	{ID: "a", Title: "هدنة في الدوحة", Source: "صدى الخليج", Published: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"وقع طرفا النزاع في السودان اتفاق هدنة إنسانية في الدوحة برعاية قطرية."}},
	{ID: "b", Title: "ترحيب بهدنة السودان", Source: "بوابة الرافدين", Published: time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"رحبت الجامعة العربية باتفاق الهدنة الإنسانية في السودان الموقع في الدوحة."}},
}

func ExampleCatchUp() {
	dir, _ := os.MkdirTemp("", "stories")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "stories.gob")
	ctx := context.Background()
	// The first call finds no state and builds it from seq 0.
	_, res, err := story.CatchUp(ctx, truce[:1], path, story.DefaultOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Added, res.Seq, res.Rebuilt != nil)
	// The next one reads only what the store changed since.
	c, res, err := story.CatchUp(ctx, truce, path, story.DefaultOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(res.From, res.Added, res.Seq, res.Rebuilt != nil)
	for _, s := range c.Stories() {
		fmt.Println(s.ID, s.Size)
	}
	// Output:
	// 1 1 true
	// 1 1 2 false
	// a 2
}

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "stories")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "stories.gob")
	c, _ := story.New(story.DefaultOptions())
	for i := range truce {
		c.Add(&truce[i])
	}
	if err := c.Save(path, 2); err != nil {
		panic(err)
	}
	seq, _ := story.Watermark(path, story.DefaultOptions())
	again, seq2, err := story.Open(path, story.DefaultOptions())
	fmt.Println(seq, seq2, err, again.Len())
	other := story.DefaultOptions()
	other.Window = 3 * 24 * time.Hour
	_, _, err = story.Open(path, other)
	fmt.Println(errors.Is(err, story.ErrStale))
	// Output:
	// 2 2 <nil> 2
	// true
}

func ExampleClusterer_Select() {
	c, _ := story.New(story.DefaultOptions())
	for i := range truce {
		c.Add(&truce[i])
	}
	for _, s := range c.Select(func(r story.Ref) bool { return r.Source == "بوابة الرافدين" }) {
		fmt.Println(s.ID, s.Size, s.First.Format("2006-01-02"), s.Title)
	}
	// Output: a 1 2025-03-17 ترحيب بهدنة السودان
}

func ExampleClusterer_Update() {
	c, _ := story.New(story.DefaultOptions())
	for i := range truce {
		c.Add(&truce[i])
	}
	fixed := truce[1]
	fixed.Published = time.Date(2025, 3, 18, 0, 0, 0, 0, time.UTC)
	id, ok := c.Update(&fixed)
	s := c.Stories()[0]
	fmt.Println(id, ok, s.Last.Format("2006-01-02"))
	// Output: a true 2025-03-18
}
