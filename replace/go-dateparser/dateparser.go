// Package dateparser is taqrir's stand-in for github.com/markusmobius/go-dateparser,
// put in its place by the replace directive in taqrir's go.mod. It is our own code,
// written from the API go-htmldate v1.9.1 calls, and it parses nothing.
//
// Why: the real package builds its locale tables in package initialisation,
// 145–430 ms and 78 MB at every start of every taqrir command, read or not.
// taqrir links it only through go-trafilatura → go-htmldate, and turns
// htmldate off (trafilatura.Options.HtmlDateMode = Disabled): internal/extract
// reads publication dates itself (pubdate.go). See README.md beside this file.
//
// What changes: nothing for taqrir's extraction. Anyone calling go-htmldate
// with its extensive search on (go-trafilatura's default HtmlDateMode with
// EnableFallback, as the go-trafilatura baseline of `taqrir eval extraction`
// does) loses only that last, opportunistic text search: Parse answers
// ErrDisabled, which htmldate reads as "no date here".
package dateparser

import (
	"errors"
	"time"
)

// ErrDisabled is what Parse always answers.
var ErrDisabled = errors.New("go-dateparser is replaced in taqrir: date parsing disabled (taqrir reads dates itself; htmldate is not used)")

// ParserType names one way of reading a date in the real package. The
// stand-in has only the names go-htmldate uses, so that it compiles; none of
// them parses anything.
type ParserType uint8

// The parser types go-htmldate asks for.
const (
	CustomFormat ParserType = iota + 1
	AbsoluteTime
)

// PreferredDateSource says how the real package fills an incomplete date.
type PreferredDateSource uint8

// Past is the one date source go-htmldate names.
const Past PreferredDateSource = 1

// Configuration is the part of the real package's configuration go-htmldate sets.
type Configuration struct {
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
}

// Date is the result of Parse: always the zero date here.
type Date struct {
	Time time.Time
}

// IsZero reports whether d holds no date; it always does.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Parser is the real package's parser, with the one field go-htmldate sets.
type Parser struct {
	ParserTypes []ParserType
}

// Parse reads no date: it answers the zero Date and ErrDisabled.
func (p *Parser) Parse(cfg *Configuration, str string, formats ...string) (Date, error) {
	return Date{}, ErrDisabled
}
