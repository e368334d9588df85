package store

import (
	"encoding/json"
	"fmt"
	"time"

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
	if err := json.Unmarshal([]byte(paras), &a.Paragraphs); err != nil {
		return fmt.Errorf("article %s: paragraphs: %w", a.ID, err)
	}
	_ = json.Unmarshal([]byte(caps), &a.Captions)
	_ = json.Unmarshal([]byte(creds), &a.Credits)
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
