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
		{"prefix", "ليب* النفط", Parsed{Must: []Clause{{{Text: "ليب", Prefix: true}}, {{Text: "النفط"}}}}, nil},
		{"excluded prefix", "فيضانات -ليب**", Parsed{Must: []Clause{{{Text: "فيضانات"}}}, MustNot: []Term{{Text: "ليب", Prefix: true}}}, nil},
		{"a star inside a phrase is text", `"ليب*"`, Parsed{Must: []Clause{{{Text: "ليب*"}}}}, nil},
		{"a lone star is nothing", "* قطر", Parsed{Must: []Clause{{{Text: "قطر"}}}}, nil},
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
	for _, s := range []string{"مباحثات OR مفاوضات -غزة", "ليب* -فيض*", `"وقف إطلاق النار"`, "«", "- -- OR |", "\xff\xfe\"", "a\u200fb"} {
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

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, query string
		want        error
		words       []string // the stopwords named
	}{
		{"stopwords only", "في من", ErrEmptyQuery, []string{"في", "من"}},
		{"stopwords and an exclusion", "إلى -ليبيا", ErrEmptyQuery, []string{"إلى"}},
		{"one-letter prefix", "ل*", ErrBadQuery, nil},
		{"prefix of two words", "عبد-الل*", ErrBadQuery, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Build(p, true, false)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Build(%q) = %v, want %v", tt.query, err, tt.want)
			}
			var sw *StopwordsError
			if errors.As(err, &sw) != (tt.words != nil) || (sw != nil && !cmp.Equal(sw.Words, tt.words)) {
				t.Errorf("Build(%q) = %v, want the stopwords %q named", tt.query, err, tt.words)
			}
		})
	}
}
