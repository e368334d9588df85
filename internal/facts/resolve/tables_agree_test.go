package resolve

import (
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// TestCountryTablesAgree: countries and capitals are known in three places
// (the gazetteer, arabic's alias table, the capitals here); they must say
// the same. Every capital is a city of the gazetteer and its country a
// gazetteer country; every one-word spelling the gazetteer gives a country
// has the country's analysis key, so search (arabic) and facts (gazetteer)
// take the same words for one country.
func TestCountryTablesAgree(t *testing.T) {
	countries := map[string]bool{}
	for _, e := range gazetteer.Entries() {
		if e.Kind != gazetteer.Country {
			continue
		}
		countries[e.Canonical] = true
		want := arabic.Key(e.Canonical)
		if strings.Contains(e.Canonical, " ") {
			continue
		}
		for _, a := range e.Aliases {
			if strings.Contains(a, " ") {
				continue
			}
			if got := arabic.Key(a); got != want {
				t.Errorf("country %s: the spelling %s keys as %q in the analysis, the country as %q", e.Canonical, a, got, want)
			}
		}
	}
	for city, country := range capitals {
		if !countries[country] {
			t.Errorf("capital %s: its country %q is no gazetteer country", city, country)
		}
		found := false
		for _, e := range gazetteer.LookupAll(city) {
			if e.Kind == gazetteer.City {
				found = true
			}
		}
		if !found {
			t.Errorf("capital %s is no city of the gazetteer", city)
		}
	}
}
