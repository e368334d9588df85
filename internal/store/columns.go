package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/news"
)

// The stored form of an article's fields that both drivers keep as text
// or bytes, so that one article reads back the same from either: times as
// RFC 3339 with the writer's offset, string lists as JSON, facts in a
// binary form, deflated.

// TimeLayout is how a time is stored.
const TimeLayout = time.RFC3339Nano

// TimeColumn is t as stored: NULL for the zero time (unknown).
func TimeColumn(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(TimeLayout)
}

// ListColumn is a string list as stored: JSON, [] for none.
func ListColumn(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// FactsColumn is an article's facts as stored: the binary form of
// factscodec.go, deflated (names and cues repeat).
func FactsColumn(f *news.Facts) []byte {
	return Compress(appendFacts(make([]byte, 0, 1024), f))
}

// ReadColumns fills the fields of a that are stored as text or bytes:
// published (nil: unknown), the paragraphs, captions and credits lists,
// the ingestion time and the facts (deflated binary; deflated JSON or
// plain JSON as written before).
func ReadColumns(a *news.Article, published *string, paras, caps, creds, ingested string, facts []byte) error {
	if published != nil {
		a.Published, _ = time.Parse(TimeLayout, *published)
	}
	a.IngestedAt, _ = time.Parse(TimeLayout, ingested)
	if err := readList(paras, &a.Paragraphs); err != nil {
		return fmt.Errorf("article %s: paragraphs: %w", a.ID, err)
	}
	_ = readList(caps, &a.Captions)
	_ = readList(creds, &a.Credits)
	if len(facts) == 0 || string(facts) == "{}" {
		return nil
	}
	if facts[0] != '{' {
		var err error
		if facts, err = Decompress(facts); err != nil {
			return fmt.Errorf("article %s: facts: %w", a.ID, err)
		}
	}
	if len(facts) > 0 && facts[0] == factsBinaryV1 {
		if err := decodeFacts(facts, &a.Facts); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		return nil
	}
	if err := json.Unmarshal(facts, &a.Facts); err != nil {
		return fmt.Errorf("article %s: facts: %w", a.ID, err)
	}
	return nil
}

// readList reads a string list as ListColumn wrote it. A list without a
// backslash (no quote, control character or <>& that json.Marshal would
// have escaped: nearly every article's paragraphs) is cut apart where it
// stands, sharing the column's string; any other goes through
// encoding/json. The two read every list alike (FuzzReadList).
func readList(s string, v *[]string) error {
	if out, ok := cutList(s); ok {
		*v = out
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

// cutList is readList's fast path: ok is false when s needs encoding/json.
func cutList(s string) (out []string, ok bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || strings.ContainsRune(s, '\\') || !utf8.ValidString(s) {
		return nil, false
	}
	inner := s[1 : len(s)-1]
	if inner == "" {
		return []string{}, true
	}
	if len(inner) < 2 || inner[0] != '"' || inner[len(inner)-1] != '"' {
		return nil, false
	}
	out = make([]string, 0, strings.Count(inner, `","`)+1)
	for item := range strings.SplitSeq(inner[1:len(inner)-1], `","`) {
		if strings.ContainsRune(item, '"') || hasControl(item) {
			return nil, false
		}
		out = append(out, item)
	}
	return out, true
}

// hasControl reports whether s holds a byte JSON requires escaped.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}
