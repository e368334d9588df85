package wordrep

import (
	"strings"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Unit is the form a token is counted and looked up under: its match key
// without stemming (folded, name variants resolved, clitics kept), or the
// token itself for punctuation. The empty string means no unit.
func Unit(tok string) string {
	return arabic.KeyNoStem(tok)
}

// Corpus is the training text as unit ids, documents separated, with the
// interned units. Add text with AddText; units are made with a cache, so a
// repeated token is analysed once.
type Corpus struct {
	ids    map[string]int32 // unit → id
	units  []string         // id → unit
	cache  map[string]int32 // raw token → id (-1: no unit)
	seq    []int32          // ids, -1 between documents
	Tokens int              // units added
	Docs   int              // documents added
}

// NewCorpus returns an empty corpus.
func NewCorpus() *Corpus {
	return &Corpus{ids: map[string]int32{}, cache: map[string]int32{}}
}

// AddText tokenises one document and appends its units.
func (c *Corpus) AddText(text string) {
	if len(c.seq) > 0 {
		c.seq = append(c.seq, -1)
	}
	for t := range arabic.Tokens(text) {
		id, ok := c.cache[t.Text]
		if !ok {
			u := Unit(t.Text)
			if t.Kind == arabic.KindPunct {
				u = arabic.Normalize(t.Text)
			}
			id = -1
			if u != "" {
				id, ok = c.ids[u]
				if !ok {
					id = int32(len(c.units))
					u = strings.Clone(u)
					c.ids[u] = id
					c.units = append(c.units, u)
				}
			}
			c.cache[strings.Clone(t.Text)] = id
		}
		if id >= 0 {
			c.seq = append(c.seq, id)
			c.Tokens++
		}
	}
	c.Docs++
}

// article is the part of a taqrir JSONL line the corpus reads.
type article struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// ReadJSONL adds the title and text of each article of a taqrir JSONL
// file (gzip when the name ends in .gz), each as its own document, up to
// limit articles (0: all). It returns how many articles it read.
func (c *Corpus) ReadJSONL(path string, limit int) (int, error) {
	return EachArticle(path, limit, func(title, text string) {
		if title != "" {
			c.AddText(title)
		}
		if text != "" {
			c.AddText(text)
		}
	})
}
