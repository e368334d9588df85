package store

import (
	"bytes"
	"encoding/json"
	"reflect"
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

func TestReadList(t *testing.T) {
	for _, s := range []string{
		`[]`, `[""]`, `["",""]`, `["a"]`, `["فقرة أولى","فقرة ثانية"]`,
		`["قال \"نعم\""]`, `["a\u003cb"]`, `["a","b\n"]`, `[ "a" ]`, `["a",1]`, `["]`, `null`, ``, `["a"`,
	} {
		var got, want []string
		gerr := readList(s, &got)
		werr := json.Unmarshal([]byte(s), &want)
		if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("readList(%q) = %q, %v; encoding/json: %q, %v", s, got, gerr, want, werr)
		}
	}
}

// FuzzReadList: readList reads every input as encoding/json does.
func FuzzReadList(f *testing.F) {
	for _, s := range []string{`[]`, `["a","b"]`, `[""]`, `["قال \"نعم\""]`, ListColumn([]string{"a\"b", "<&>", "ج\x01"})} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want []string
		gerr := readList(s, &got)
		werr := json.Unmarshal([]byte(s), &want)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("readList(%q) error %v, encoding/json %v", s, gerr, werr)
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("readList(%q) = %q, encoding/json %q", s, got, want)
		}
	})
}

func BenchmarkReadList(b *testing.B) {
	col := ListColumn([]string{strings.Repeat("قال الوزير إن الاتفاق سيوقع الأسبوع المقبل. ", 12), strings.Repeat("وأضاف أن المفاوضات مستمرة. ", 20), "فقرة ثالثة"})
	b.Run("readList", func(b *testing.B) {
		for b.Loop() {
			var v []string
			if err := readList(col, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			var v []string
			if err := json.Unmarshal([]byte(col), &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
