package dedup

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSignature: any bytes, valid UTF-8 or not, give a signature of the
// right length (or none), never a panic; a text is its own duplicate when
// it has words, and SentenceKey is deterministic.
func FuzzSignature(f *testing.F) {
	for _, s := range []string{"", "وصل الوفد الأمريكي إلى الدوحة.", "\xff\xfe", "a", "٤١ قتيلا", "ـــ ّ ً", "والأميركيين في واشنطن 2025-03-14"} {
		f.Add(s, s+" نص")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ix, _ := NewIndex(DefaultOptions())
		sa := ix.Signature(a)
		if len(sa) != 0 && len(sa) != ix.opt.Hashes {
			t.Fatalf("signature length %d", len(sa))
		}
		if len(sa) > 0 && sa.Jaccard(ix.Signature(a)) != 1 {
			t.Fatalf("a text's signature is not stable")
		}
		if j := sa.Jaccard(ix.Signature(b)); j < 0 || j > 1 {
			t.Fatalf("Jaccard %v", j)
		}
		ga := ix.Add("a", a)
		gb := ix.Add("b", b)
		if ga != "a" || (gb != "a" && gb != "b") {
			t.Fatalf("groups %q %q", ga, gb)
		}
		if SentenceKey(a) != SentenceKey(strings.Clone(a)) {
			t.Fatal("SentenceKey not deterministic")
		}
		if utf8.ValidString(a) && len(sa) == 0 && SentenceKey(a) != 0 {
			t.Fatalf("%q has a sentence key but no shingles", a)
		}
	})
}
