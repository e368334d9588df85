package facts

import (
	"strings"
	"testing"
	"time"
)

// TestExtractWindows: a body longer than MaxWindowBytes is read in windows
// cut at paragraph breaks; the facts of every window come back with offsets
// into the whole body, and a window's facts are those the same paragraphs
// give alone.
func TestExtractWindows(t *testing.T) {
	para := "قال وزير الخارجية المصري سامح شكري في القاهرة يوم الاثنين 3 مارس 2025 إن 120 شاحنة عبرت المعبر."
	filler := strings.Repeat("كلمة أخرى هنا. ", 40)
	var b strings.Builder
	for b.Len() < 2*MaxWindowBytes+MaxWindowBytes/2 {
		b.WriteString(filler)
		b.WriteString("\n\n")
	}
	b.WriteString(para)
	body := b.String()
	pub := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)

	got := Extract(body, pub)
	alone := Extract(para, pub)
	off := strings.LastIndex(body, para)
	if len(alone.Entities) == 0 || len(alone.Dates) == 0 || len(alone.Quantities) == 0 || len(alone.Claims) == 0 {
		t.Fatalf("the paragraph alone gives %d entities, %d dates, %d quantities, %d claims; the test needs some of each",
			len(alone.Entities), len(alone.Dates), len(alone.Quantities), len(alone.Claims))
	}
	if len(got.Entities) < len(alone.Entities) || len(got.Dates) < len(alone.Dates) || len(got.Claims) < len(alone.Claims) {
		t.Fatalf("long body: %d entities, %d dates, %d claims; the last paragraph alone has %d, %d, %d",
			len(got.Entities), len(got.Dates), len(got.Claims), len(alone.Entities), len(alone.Dates), len(alone.Claims))
	}
	for _, e := range got.Entities {
		if body[e.Start:e.End] != e.Text {
			t.Errorf("entity %q at %d:%d, body has %q", e.Text, e.Start, e.End, body[e.Start:e.End])
		}
	}
	for _, d := range got.Dates {
		if body[d.Start:d.End] != d.Text {
			t.Errorf("date %q at %d:%d, body has %q", d.Text, d.Start, d.End, body[d.Start:d.End])
		}
	}
	for _, q := range got.Quantities {
		if body[q.Start:q.End] != q.Text {
			t.Errorf("quantity %q at %d:%d, body has %q", q.Text, q.Start, q.End, body[q.Start:q.End])
		}
	}
	last := got.Claims[len(got.Claims)-1]
	want := alone.Claims[len(alone.Claims)-1]
	if last.Start != want.Start+off || last.SentenceStart != want.SentenceStart+off || last.Text != want.Text {
		t.Errorf("last claim %q at %d (sentence %d), want %q at %d (sentence %d)",
			last.Text, last.Start, last.SentenceStart, want.Text, want.Start+off, want.SentenceStart+off)
	}
}
