package index

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
)

// ErrEmptyQuery is returned for a query with nothing to search for.
var ErrEmptyQuery = errors.New("index: empty query")

// ErrBadQuery is returned for a query that asks for something search
// cannot do (a prefix too short to mean anything).
var ErrBadQuery = errors.New("index: bad query")

// StopwordsError is the ErrEmptyQuery of a query whose words are all
// common words (stopwords), which search ignores; Words lists them.
type StopwordsError struct{ Words []string }

func (e *StopwordsError) Error() string {
	return "index: empty query: only common words (stopwords): " + strings.Join(e.Words, " ")
}

func (e *StopwordsError) Unwrap() error { return ErrEmptyQuery }

// MinPrefix is the fewest letters a prefix query (ليب*) must have.
const MinPrefix = 2

// Term is one word or "quoted phrase" of a user query. A word typed with a
// final * is a Prefix: it matches every word whose analysed key starts with
// the word's key.
type Term struct {
	Text   string `json:"text"`
	Phrase bool   `json:"phrase,omitempty"`
	Prefix bool   `json:"prefix,omitempty"`
}

// Clause is a set of alternatives joined by OR; a document must match at
// least one of them.
type Clause []Term

// Parsed is a user query: every Must clause has to match, no MustNot term
// may match.
type Parsed struct {
	Must    []Clause `json:"must"`
	MustNot []Term   `json:"must_not"`
}

// Stopwords lists the words (and phrases) the query asks for that have
// nothing but common words in them, which search does not look for.
func (p Parsed) Stopwords() []string {
	var out []string
	for _, cl := range p.Must {
		for _, t := range cl {
			if t.Prefix {
				continue // a prefix is searched for even when it is a stopword
			}
			searched := false
			arabic.EachTermAlt(t.Text, func(_, _ int, key, _ string, stop bool) {
				searched = searched || (!stop && key != "")
			})
			if !searched {
				out = append(out, t.Text)
			}
		}
	}
	return out
}

// openQuotes maps each opening quote we accept to its closing quote.
var openQuotes = map[rune]rune{'"': '"', '«': '»', '“': '”', '„': '“'}

// ParseQuery reads the query language of `taqrir search`: words (all must
// match), "phrases" (also «…» and “…”), -exclusions (a word or a phrase), and
// OR (or |) between alternatives, and prefixes (a word ending in *):
// `مباحثات OR مفاوضات الدوحة -غزة ليب*`. An
// unclosed quote runs to the end. It never fails on odd input; the only
// error is a query with nothing positive or negative to look for.
func ParseQuery(s string) (Parsed, error) {
	var p Parsed
	type tok struct {
		term  Term
		neg   bool
		or    bool
		valid bool
	}
	var toks []tok
	s = strings.ToValidUTF8(s, " ")
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			i += n
			continue
		}
		neg := false
		if r == '-' && i+n < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[i+n:])
			if !unicode.IsSpace(r2) {
				neg = true
				i += n
				r, n = utf8.DecodeRuneInString(s[i:])
			}
		}
		if cl, ok := openQuotes[r]; ok {
			i += n
			end := strings.IndexRune(s[i:], cl)
			var text string
			if end < 0 {
				text, i = s[i:], len(s)
			} else {
				text = s[i : i+end]
				i += end + utf8.RuneLen(cl)
			}
			text = strings.Join(strings.Fields(text), " ")
			if text != "" {
				toks = append(toks, tok{term: Term{Text: text, Phrase: strings.Contains(text, " ")}, neg: neg, valid: true})
			}
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || (j > i && openQuotes[r] != 0) {
				break
			}
			j += n
		}
		word := s[i:j]
		i = j
		if !neg && (word == "OR" || word == "|" || word == "||") {
			toks = append(toks, tok{or: true})
			continue
		}
		word = strings.Trim(word, "-")
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		if word != "" {
			toks = append(toks, tok{term: Term{Text: word, Prefix: prefix}, neg: neg, valid: true})
		}
	}
	joinNext := false
	for _, t := range toks {
		switch {
		case t.or:
			joinNext = len(p.Must) > 0
		case t.neg:
			p.MustNot = append(p.MustNot, t.term)
			joinNext = false
		case joinNext:
			p.Must[len(p.Must)-1] = append(p.Must[len(p.Must)-1], t.term)
			joinNext = false
		default:
			p.Must = append(p.Must, Clause{t.term})
		}
	}
	if len(p.Must) == 0 && len(p.MustNot) == 0 {
		return p, ErrEmptyQuery
	}
	return p, nil
}
