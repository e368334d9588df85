package resolve

import (
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts/gazetteer"
)

// tables are built once from the gazetteer.
type tables struct {
	nisba    map[string]string // arabic.Key of a one-word country name → country canonical
	regions  map[string]string // arabic.Key of a one-word region name → region canonical (الأوروبية → أوروبا)
	capitals map[string]string // gazetteer.Phrase of a capital → country canonical
}

var (
	tablesOnce sync.Once
	tabs       tables
)

func getTables() *tables {
	loadLexicon()
	tablesOnce.Do(func() {
		tabs.nisba = map[string]string{}
		tabs.regions = map[string]string{}
		for _, e := range gazetteer.Entries() {
			if e.Kind != gazetteer.Region {
				continue
			}
			for _, name := range e.Names() {
				if k := arabic.Key(name); k != "" && !strings.Contains(name, " ") {
					if _, dup := tabs.regions[k]; !dup {
						tabs.regions[k] = e.Canonical
					}
				}
			}
		}
		for _, e := range gazetteer.Entries() {
			if e.Kind != gazetteer.Country {
				continue
			}
			for _, name := range e.Names() {
				if strings.Contains(name, " ") {
					continue
				}
				if k := arabic.Key(name); k != "" {
					if _, dup := tabs.nisba[k]; !dup {
						tabs.nisba[k] = e.Canonical
					}
				}
			}
		}
		// الأممي: the adjective of the United Nations.
		tabs.nisba[arabic.Key("الأممي")] = "الأمم المتحدة"
		tabs.capitals = map[string]string{}
		for city, country := range capitals {
			tabs.capitals[gazetteer.Phrase(city)] = country
		}
	})
	return &tabs
}

// nisbaCountry returns the country a one-word name or nisba adjective
// (الأميركية، العراقي، مصر) stands for.
func nisbaCountry(word string) (string, bool) {
	c, ok := getTables().nisba[arabic.Key(word)]
	return c, ok
}

// nisbaRegion returns the region a one-word name or adjective (أوروبية،
// الأفريقي، خليجي) stands for. Kept apart from nisbaCountry: a title's
// adjective names the country it serves, and الاتحاد الأفريقي is no
// title of Africa's.
func nisbaRegion(word string) (string, bool) {
	if _, ok := nisbaCountry(word); ok {
		return "", false
	}
	c, ok := getTables().regions[arabic.Key(word)]
	return c, ok
}

// CanonicalOf returns the canonical name of an entity name: the
// gazetteer's canonical for any of its aliases (أمريكا → الولايات المتحدة,
// الناتو → حلف شمال الأطلسي), the country of a nisba adjective
// (الأميركية → الولايات المتحدة), else the name itself normalised with a
// leading title removed (الرئيس الأميركي جو بايدن → جو بايدن). known is
// true when the name was found in the tables.
func CanonicalOf(name string) (canonical string, known bool) {
	loadLexicon()
	name = arabic.Normalize(name)
	if name == "" {
		return "", false
	}
	if e := bestEntry(name); e != nil {
		return e.Canonical, true
	}
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		// وزارة الخارجية العمانية → وزارة الخارجية (عمان)
		if country, ok := nisbaCountry(name[i+1:]); ok && strings.HasPrefix(arabic.Fold(name[i+1:]), "ال") {
			if e := bestEntry(name[:i]); e != nil && national(e.Kind) {
				return ofCountry(e.Canonical, country), true
			}
		}
	}
	if !strings.Contains(name, " ") {
		if c, ok := nisbaCountry(name); ok {
			return c, true
		}
	}
	r := newResolver(arabic.Analyse(name), nil)
	if n := len(r.toks); n > 1 {
		for j := n - 1; j >= 1; j-- {
			if _, ok := r.chain(0, j, true); ok {
				return CanonicalOf(name[r.toks[j].start:])
			}
		}
	}
	return name, false
}

// CountryOf returns the country a name stands for when it names one
// through its people or its capital: a people (الأتراك، الإيرانيون، روس,
// الكوري الشمالي → كوريا الشمالية), a one-word nisba adjective, or a
// capital (واشنطن → الولايات المتحدة). ok is false for any other name,
// the country's own name included.
func CountryOf(name string) (country string, ok bool) {
	loadLexicon()
	name = arabic.Normalize(name)
	if name == "" {
		return "", false
	}
	if c, ok := demonyms[phraseKey(name)]; ok {
		return c, true
	}
	if !strings.Contains(name, " ") {
		if c, ok := nisbaCountry(name); ok && arabic.Fold(c) != arabic.Fold(name) {
			return c, true
		}
	}
	if e := bestEntry(name); e != nil && e.Kind == gazetteer.City {
		if c, ok := getTables().capitals[gazetteer.Phrase(e.Canonical)]; ok {
			return c, true
		}
	}
	return "", false
}

// ContextualCountries returns the countries a name can stand for only in
// context (المملكة → السعودية، الأردن …; الدولة العبرية → إسرائيل); any is
// true for a name that can stand for any country (البلاد); ok is false for
// every other name. The caller decides where the context makes it
// unambiguous.
func ContextualCountries(name string) (countries []string, any, ok bool) {
	loadLexicon()
	cs, ok := contextual[phraseKey(arabic.Normalize(name))]
	return cs, ok && cs == nil, ok
}

// TypeOf returns the entity type the gazetteer gives a name (البيت الأبيض
// → ORG, whatever the tagger read in one sentence); ok is false for a name
// it does not know or knows only as a role or given name.
func TypeOf(name string) (typ string, ok bool) {
	loadLexicon()
	if e := bestEntry(arabic.Normalize(name)); e != nil && e.Type != "" {
		return e.Type, true
	}
	return "", false
}

// IsMedia reports whether the gazetteer knows name as an outlet or a news
// agency (فرانس برس، الجزيرة).
func IsMedia(name string) bool {
	for _, e := range gazetteer.LookupAll(arabic.Normalize(name)) {
		if e.Kind == gazetteer.Media {
			return true
		}
	}
	return false
}

// IsCountry reports whether name is a country's canonical name in the
// gazetteer.
func IsCountry(name string) bool {
	for _, e := range gazetteer.LookupAll(arabic.Normalize(name)) {
		if e.Kind == gazetteer.Country && e.Canonical == arabic.Normalize(name) {
			return true
		}
	}
	return false
}

// Aliases returns the names that resolve to canonical in the gazetteer,
// canonical first; for a name the gazetteer does not know, just canonical.
func Aliases(canonical string) []string {
	canonical = arabic.Normalize(canonical)
	for _, e := range gazetteer.LookupAll(canonical) {
		if e.Kind != gazetteer.Role && e.Kind != gazetteer.GivenName && e.Canonical == canonical {
			return e.Names()
		}
	}
	if canonical == "" {
		return nil
	}
	return []string{canonical}
}
