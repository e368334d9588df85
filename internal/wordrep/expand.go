package wordrep

import (
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
)

// Expansion is a search key near a query word, with the cosine of the
// vectors it came from.
type Expansion struct {
	Key   string
	Score float64
}

// Expander turns a query word into the search keys (arabic.Key) of its
// nearest units in a vector table: up to K distinct keys, each from a unit
// at cosine MinScore or more, leaving out the word's own key, stopwords,
// and words the table does not know (a vector made of n-grams alone is too
// loose to search by). Answers are cached (up to 4,096 words): a query
// asked again costs a map look-up.
type Expander struct {
	Vectors  *Vectors
	K        int
	MinScore float64
	// Among, when positive, looks for neighbours among the Among most
	// frequent units only: a query costs a scan of those rows, and a rare
	// unit is a poor stand-in for a query word (few documents, high IDF).
	Among int
	// Load, when Vectors is nil, gives the table on first use (an
	// embedded table is decoded only when a search first asks).
	Load func() (*Vectors, error)

	once  sync.Once
	mu    sync.Mutex
	cache map[string][]Expansion
}

func (e *Expander) table() *Vectors {
	e.once.Do(func() {
		if e.Vectors == nil && e.Load != nil {
			if v, err := e.Load(); err == nil {
				e.Vectors = v
			}
		}
	})
	return e.Vectors
}

// candidates is how many nearest units are read for K keys: several
// units share a key (a word with and without its clitics).
func (e *Expander) candidates() int { return 4*e.K + 8 }

// Keys returns the expansions of a raw query word whose own key is key.
func (e *Expander) Keys(word, key string) []Expansion {
	if e == nil || e.K <= 0 || key == "" || e.table() == nil {
		return nil
	}
	ck := word + "\x00" + key
	e.mu.Lock()
	if x, ok := e.cache[ck]; ok {
		e.mu.Unlock()
		return x
	}
	e.mu.Unlock()
	var out []Expansion
	v, known, ok := e.Vectors.Vector(word)
	if ok && known {
		among := len(e.Vectors.Words)
		if e.Among > 0 {
			among = e.Among
		}
		self, _ := e.Vectors.unitOf(word)
		nb := e.Vectors.nearestAmong(v, e.candidates(), e.MinScore, self, among)
		seen := map[string]bool{key: true}
		for _, n := range nb {
			if arabic.IsStopword(n.Word) {
				continue
			}
			k := arabic.Key(n.Word)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Expansion{k, n.Score})
			if len(out) == e.K {
				break
			}
		}
	}
	e.mu.Lock()
	if e.cache == nil || len(e.cache) >= 4096 {
		e.cache = map[string][]Expansion{}
	}
	e.cache[ck] = out
	e.mu.Unlock()
	return out
}
