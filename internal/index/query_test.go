package index

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  Parsed
		err   error
	}{
		{"words", "مباحثات الدوحة", Parsed{Must: []Clause{{{Text: "مباحثات"}}, {{Text: "الدوحة"}}}}, nil},
		{"phrase", `"وقف إطلاق النار" غزة`, Parsed{Must: []Clause{{{Text: "وقف إطلاق النار", Phrase: true}}, {{Text: "غزة"}}}}, nil},
		{"guillemets", `«وقف   إطلاق»`, Parsed{Must: []Clause{{{Text: "وقف إطلاق", Phrase: true}}}}, nil},
		{"exclusion", "فيضانات -ليبيا", Parsed{Must: []Clause{{{Text: "فيضانات"}}}, MustNot: []Term{{Text: "ليبيا"}}}, nil},
		{"excluded phrase", `نفط -"أوبك بلس"`, Parsed{Must: []Clause{{{Text: "نفط"}}}, MustNot: []Term{{Text: "أوبك بلس", Phrase: true}}}, nil},
		{"or", "مباحثات OR مفاوضات الدوحة", Parsed{Must: []Clause{{{Text: "مباحثات"}, {Text: "مفاوضات"}}, {{Text: "الدوحة"}}}}, nil},
		{"pipe", "قطر | مصر", Parsed{Must: []Clause{{{Text: "قطر"}, {Text: "مصر"}}}}, nil},
		{"leading OR ignored", "OR قطر", Parsed{Must: []Clause{{{Text: "قطر"}}}}, nil},
		{"hyphenated word kept", "كوفيد-19", Parsed{Must: []Clause{{{Text: "كوفيد-19"}}}}, nil},
		{"lone dash", "قطر - مصر", Parsed{Must: []Clause{{{Text: "قطر"}}, {{Text: "مصر"}}}}, nil},
		{"unclosed quote", `"وقف إطلاق`, Parsed{Must: []Clause{{{Text: "وقف إطلاق", Phrase: true}}}}, nil},
		{"one-word quote is a word", `"قطر"`, Parsed{Must: []Clause{{{Text: "قطر"}}}}, nil},
		{"only exclusion", "-ليبيا", Parsed{MustNot: []Term{{Text: "ليبيا"}}}, nil},
		{"empty", "   ", Parsed{}, ErrEmptyQuery},
		{"empty quotes", `"" OR`, Parsed{}, ErrEmptyQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuery(tt.query)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseQuery(%q) error = %v, want %v", tt.query, err, tt.err)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"مباحثات OR مفاوضات -غزة", `"وقف إطلاق النار"`, "«", "- -- OR |", "\xff\xfe\"", "a\u200fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseQuery(s)
		if err != nil {
			return
		}
		for _, cl := range p.Must {
			if len(cl) == 0 {
				t.Fatalf("empty clause from %q", s)
			}
			for _, term := range cl {
				if term.Text == "" || !utf8.ValidString(term.Text) {
					t.Fatalf("bad term %q from %q", term.Text, s)
				}
			}
		}
		for _, term := range p.MustNot {
			if term.Text == "" || !utf8.ValidString(term.Text) {
				t.Fatalf("bad excluded term %q from %q", term.Text, s)
			}
		}
		// Building the bleve query must not panic either.
		_, _ = Build(p, true, false)
		_, _ = Build(p, true, true)
	})
}
