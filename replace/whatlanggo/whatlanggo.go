// Package whatlanggo is taqrir's stand-in for
// github.com/RadhiFadlillah/whatlanggo, put in its place by the replace
// directive in taqrir's go.mod. It is our own code, written from the API
// go-trafilatura v1.12.2 calls (DetectLang, Lang.Iso6391), and it detects
// nothing: DetectLang answers Unknown, whose code is "".
//
// Why: the real package builds its trigram profiles in package
// initialisation (0.35 MB in 90 allocations, 2–3 ms) at every start of every
// taqrir command, and go-trafilatura runs it over the whole text of every
// page it extracts, only to fill Metadata.Language. taqrir never reads that
// field: internal/extract takes an article's language from the page itself
// (html.go), and the go-trafilatura baseline of `taqrir eval extraction`
// scores title, text and date. See README.md beside this file.
package whatlanggo

// Lang is a language; the stand-in knows only Unknown.
type Lang int

// Unknown is the only language DetectLang answers.
const Unknown Lang = -1

// DetectLang answers Unknown for any text.
func DetectLang(text string) Lang { return Unknown }

// Iso6391 is the ISO 639-1 code of the language: "" for Unknown, which
// go-trafilatura reads as "no language found".
func (l Lang) Iso6391() string { return "" }
