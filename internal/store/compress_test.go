package store

import (
	"bytes"
	"strings"
	"testing"
)

func TestCompressRoundTrip(t *testing.T) {
	for _, in := range []string{
		"",
		"{}",
		`{"entities":[{"text":"الأمم المتحدة","type":"ORG"}]}`,
		strings.Repeat("قال الوزير إن الاتفاق سيوقع الأسبوع المقبل. ", 2000),
	} {
		// Twice each: the second inflates with a pooled reader.
		for range 2 {
			got, err := Decompress(Compress([]byte(in)))
			if err != nil {
				t.Fatalf("Decompress(Compress(%d bytes)): %v", len(in), err)
			}
			if string(got) != in {
				t.Fatalf("round trip of %d bytes gave %d bytes", len(in), len(got))
			}
		}
	}
}

func TestDecompressDamaged(t *testing.T) {
	good := Compress([]byte(strings.Repeat("نص ", 500)))
	for _, bad := range [][]byte{good[:len(good)/2], {0xff, 0xfe, 0xfd}} {
		if _, err := Decompress(bad); err == nil {
			t.Errorf("Decompress(% x…) = nil error, want one", bad[:3])
		}
	}
	// A reader that failed is not pooled broken: the next one still works.
	if got, err := Decompress(good); err != nil || !bytes.Equal(got, []byte(strings.Repeat("نص ", 500))) {
		t.Fatalf("after a damaged input: %v", err)
	}
}

func BenchmarkDecompress(b *testing.B) {
	data := Compress([]byte(strings.Repeat(`{"text":"الأمم المتحدة","type":"ORG","canonical":"الأمم المتحدة","start":120,"end":145},`, 40)))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decompress(data); err != nil {
			b.Fatal(err)
		}
	}
}
