package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/index"
)

// ParseBound reads a since/until date: 2025, 2025-03 or 2025-03-14 (or
// RFC 3339). For an end bound the whole year, month or day is included.
// name is how the caller's user typed the field (--since, since).
func ParseBound(name, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(l.layout, s); err == nil {
			if end {
				t = t.AddDate(l.years, l.months, l.days)
			}
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s %q: want a date like 2025-03-14, 2025-03 or 2025", name, s)
}

// ParseRange reads a since/until pair, named sinceName and untilName. A
// range with nothing in it (since after until) is an error, not a silent
// empty result.
func ParseRange(sinceName, untilName, since, until string) (from, to time.Time, err error) {
	if from, err = ParseBound(sinceName, since, false); err != nil {
		return from, to, err
	}
	if to, err = ParseBound(untilName, until, true); err != nil {
		return from, to, err
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, fmt.Errorf("%s %s is after %s %s: the date range is empty", sinceName, since, untilName, until)
	}
	return from, to, nil
}

// QueryError is the message for a query search cannot run: one with
// nothing to look for says so, naming the common words it dropped. It
// wraps err, so errors.Is(err, index.ErrEmptyQuery) still holds.
func QueryError(cmd, q string, err error) error {
	var sw *index.StopwordsError
	switch {
	case errors.As(err, &sw):
		what := "is a common word (stopword)"
		if len(sw.Words) > 1 {
			what = "are common words (stopwords)"
		}
		return &queryError{fmt.Sprintf("%s %q: nothing to search for: %s %s, which search ignores; add a word that names what you look for",
			cmd, q, strings.Join(sw.Words, "، "), what), err}
	case errors.Is(err, index.ErrEmptyQuery):
		return fmt.Errorf("%s %q: nothing to search for (%w)", cmd, q, err)
	}
	return fmt.Errorf("%s %q: %w", cmd, q, err)
}

type queryError struct {
	msg string
	err error
}

func (e *queryError) Error() string { return e.msg }
func (e *queryError) Unwrap() error { return e.err }

// EntityAliases returns the names an entity filter matches: the name as
// typed and every alias the entity resolver knows for it.
func EntityAliases(name string) []string {
	name = strings.TrimSpace(name)
	names := []string{name}
	canonical, _ := resolve.CanonicalOf(name)
	for _, n := range append([]string{canonical}, resolve.Aliases(canonical)...) {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}
