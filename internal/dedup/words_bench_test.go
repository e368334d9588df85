package dedup

import "testing"

// BenchmarkWordHashes compares analysing every word (EachTerm) with the
// cached path Groups and Add use, over 2,000 synthetic articles.
func BenchmarkWordHashes(b *testing.B) {
	arts := synthArticles(b, 2000)
	texts := make([]string, len(arts))
	var n int64
	for i := range arts {
		texts[i] = Text(&arts[i])
		n += int64(len(texts[i]))
	}
	b.Run("EachTerm", func(b *testing.B) {
		b.SetBytes(n)
		var w []uint64
		for range b.N {
			for _, t := range texts {
				w = wordHashes(t, w)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.SetBytes(n)
		var w []uint64
		for range b.N {
			cache := wordCache{}
			for _, t := range texts {
				w = wordHashesCached(t, w, cache)
			}
		}
	})
}
