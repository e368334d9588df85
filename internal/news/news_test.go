package news

import (
	"fmt"
	"testing"
	"time"
)

func TestCanonicalizeURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tracking and www", "http://www.Sada.example/news/1/?utm_source=tw&id=5#top", "https://sada.example/news/1?id=5"},
		{"sorted query", "https://a.example/x?b=2&a=1", "https://a.example/x?a=1&b=2"},
		{"default port", "https://a.example:443/x", "https://a.example/x"},
		{"other port kept", "https://a.example:8080/x", "https://a.example:8080/x"},
		{"arabic path", "https://a.example/%D8%AE%D8%A8%D8%B1", "https://a.example/خبر"},
		{"empty", "  ", ""},
		{"no host", "not a url", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalizeURL(tt.in); got != tt.want {
				t.Errorf("CanonicalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestComputeIDIsStable(t *testing.T) {
	a := ComputeID("https://a.example/x?utm_source=fb", "عنوان", "نص")
	b := ComputeID("http://www.a.example/x/", "عنوان آخر", "نص آخر")
	if a != b {
		t.Errorf("same canonical URL, ids %s and %s", a, b)
	}
	c := ComputeID("", "عنوان  الخبر", "نص\nالخبر")
	d := ComputeID("", "عنوان الخبر", "نص الخبر")
	if c != d {
		t.Errorf("same text with other whitespace, ids %s and %s", c, d)
	}
	if c == ComputeID("", "عنوان الخبر", "نص آخر") {
		t.Error("different text, same id")
	}
	if len(a) != 16 {
		t.Errorf("id %q is not 16 hex digits", a)
	}
}

func ExampleCanonicalizeURL() {
	fmt.Println(CanonicalizeURL("http://www.sada-alkhaleej.example/news/42/?utm_campaign=x#comments"))
	// Output: https://sada-alkhaleej.example/news/42
}

func ExampleFormatPublished() {
	dateOnly, _ := time.Parse(time.DateOnly, "2025-03-14")
	withTime, _ := time.Parse(time.RFC3339, "2025-03-14T09:30:00+03:00")
	midnightDoha, _ := time.Parse(time.RFC3339, "2025-03-14T00:00:00+03:00")
	fmt.Println(FormatPublished(dateOnly))
	fmt.Println(FormatPublished(withTime))
	fmt.Println(FormatPublished(midnightDoha))
	// Output:
	// 2025-03-14
	// 2025-03-14 09:30 +0300
	// 2025-03-14 00:00 +0300
}

func TestCopyID(t *testing.T) {
	text := ComputeID("", "عنوان الخبر", "نص الخبر")
	a := CopyID("صدى الخليج", "عنوان الخبر", "نص الخبر")
	tests := []struct {
		name string
		id   string
		same bool
	}{
		{"other whitespace", CopyID(" صدى  الخليج", "عنوان  الخبر", "نص\nالخبر"), true},
		{"other source", CopyID("الواحة نيوز", "عنوان الخبر", "نص الخبر"), false},
		{"other text", CopyID("صدى الخليج", "عنوان الخبر", "نص آخر"), false},
		{"the text id", text, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.id == a) != tt.same {
				t.Errorf("id %s vs %s: same = %v, want %v", tt.id, a, tt.id == a, tt.same)
			}
		})
	}
	if len(a) != 16 {
		t.Errorf("id %q is not 16 hex digits", a)
	}
}

// The same text from two outlets without URLs: one text id, and a copy id
// for the second outlet.
func ExampleCopyID() {
	title, body := "محادثات الدوحة تستأنف", "استؤنفت اليوم المحادثات في الدوحة."
	fmt.Println(ComputeID("", title, body))
	fmt.Println(CopyID("الواحة نيوز", title, body))
	// Output:
	// efc2ade26a515e1a
	// 07c0e115ffc3f3db
}
