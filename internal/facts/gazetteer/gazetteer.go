package gazetteer

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/news"
)

//go:embed *.tsv
var files embed.FS

// Kind is what sort of thing an entry names.
type Kind uint8

// The kinds of entry. Role is a title or office, not an entity.
const (
	Country Kind = iota + 1
	Region
	City
	Org
	Ministry
	ArmedGroup
	Media
	Role
	Person
	GivenName
	Club    // a sports club
	Company // a company or brand
)

var kindNames = map[string]Kind{
	"country": Country, "region": Region, "city": City, "org": Org,
	"ministry": Ministry, "armed": ArmedGroup, "media": Media, "role": Role,
	"person": Person, "given": GivenName, "club": Club, "company": Company,
}

// String returns the kind's name as written in the TSV files.
func (k Kind) String() string {
	for name, kk := range kindNames {
		if kk == k {
			return name
		}
	}
	return "unknown"
}

// Type returns the entity type of the kind (news.EntityPlace,
// news.EntityOrg or news.EntityPerson), or "" for Role and GivenName (a
// given name alone is evidence of a person, not a named person).
func (k Kind) Type() string {
	switch k {
	case Country, Region, City:
		return news.EntityPlace
	case Org, Ministry, ArmedGroup, Media, Club, Company:
		return news.EntityOrg
	case Person:
		return news.EntityPerson
	}
	return ""
}

// Entry is one named thing with every way the news writes it.
type Entry struct {
	Kind      Kind
	Type      string   // Kind.Type(): news.EntityPlace, news.EntityOrg or news.EntityPerson; "" for a role or a given name
	Canonical string   // the name all aliases resolve to
	Aliases   []string // other spellings and names, canonical not repeated
}

// Names returns the canonical name followed by the aliases.
func (e Entry) Names() []string {
	return append([]string{e.Canonical}, e.Aliases...)
}

type table struct {
	entries []Entry
	// phrases holds a node for each phrase key (word keys joined by a
	// space) that is a name or the start of a longer one.
	phrases map[string]*node
}

// node is one phrase key of the table: the entries it names, in file
// order, and whether a longer name begins with it (then a space). Matching
// walks a text forward from node to node while there is more.
type node struct {
	key  string
	idx  []int
	more bool
}

// at returns the node of key, made when absent.
func (t *table) at(key string) *node {
	nd := t.phrases[key]
	if nd == nil {
		nd = &node{key: key}
		t.phrases[key] = nd
	}
	return nd
}

// named returns the entries of nd (a copy), nil for none.
func (t *table) named(nd *node) []Entry {
	if nd == nil || len(nd.idx) == 0 {
		return nil
	}
	out := make([]Entry, len(nd.idx))
	for i, j := range nd.idx {
		out[i] = t.entries[j]
	}
	return out
}

var (
	loadOnce sync.Once
	tab      *table
)

func get() *table {
	loadOnce.Do(func() {
		t, err := load()
		if err != nil {
			panic(err) // the embedded files are ours; a bad line is a build bug caught by the tests
		}
		tab = t
	})
	return tab
}

// firstFiles are read before the others, in this order: where two entries
// share a name («الخليج» the region, the club and the paper), the first read
// is the one a bare mention takes, and places come first.
var firstFiles = []string{"cities.tsv", "countries.tsv", "regions.tsv", "orgs.tsv", "armed_groups.tsv", "media.tsv", "companies.tsv", "clubs.tsv", "people.tsv", "givennames.tsv", "roles.tsv"}

// loadOrder lists the embedded files: firstFiles, then any other in name
// order.
func loadOrder() ([]string, error) {
	des, err := files.ReadDir(".")
	if err != nil {
		return nil, err
	}
	out := []string{}
	have := map[string]bool{}
	for _, de := range des {
		have[de.Name()] = true
	}
	listed := map[string]bool{}
	for _, f := range firstFiles {
		if have[f] {
			out = append(out, f)
			listed[f] = true
		}
	}
	for _, de := range des {
		if !listed[de.Name()] {
			out = append(out, de.Name())
		}
	}
	return out, nil
}

func load() (*table, error) {
	t := &table{phrases: map[string]*node{}}
	given := map[string]bool{}
	names, err := loadOrder()
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < 2 || f[1] == "" {
				return nil, fmt.Errorf("gazetteer: %s:%d: want kind, canonical and aliases separated by tabs", name, n)
			}
			k, ok := kindNames[f[0]]
			if !ok {
				return nil, fmt.Errorf("gazetteer: %s:%d: unknown kind %q", name, n, f[0])
			}
			e := Entry{Kind: k, Type: k.Type(), Canonical: f[1]}
			if len(f) > 2 && f[2] != "" {
				for _, a := range strings.Split(f[2], "|") {
					if a = strings.TrimSpace(a); a != "" && a != e.Canonical {
						e.Aliases = append(e.Aliases, a)
					}
				}
			}
			group := []Entry{e}
			if k == GivenName {
				// A line of given names lists names, not aliases of one;
				// a name listed twice (in two files) is one entry.
				group = group[:0]
				for _, name := range e.Names() {
					if !given[Phrase(name)] {
						given[Phrase(name)] = true
						group = append(group, Entry{Kind: k, Canonical: name})
					}
				}
			}
			for _, e := range group {
				t.add(e)
			}
		}
	}
	return t, nil
}

func (t *table) add(e Entry) {
	idx := len(t.entries)
	t.entries = append(t.entries, e)
	for _, name := range e.Names() {
		words := keys(name)
		if len(words) == 0 {
			continue
		}
		key := strings.Join(words, " ")
		if nd := t.at(key); len(nd.idx) == 0 || nd.idx[len(nd.idx)-1] != idx {
			nd.idx = append(nd.idx, idx)
		}
		for n, p := len(words[0]), 1; p < len(words); n, p = n+1+len(words[p]), p+1 {
			t.at(key[:n]).more = true
		}
	}
}

// keys returns the word keys of a phrase, punctuation dropped.
func keys(phrase string) []string {
	var out []string
	for tok := range arabic.Tokens(phrase) {
		if tok.Kind == arabic.KindPunct {
			continue
		}
		if k := WordKey(tok.Text); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// WordKey is the key a word is matched by: folded, with spelling variants
// of names resolved, no clitic or affix stripped.
func WordKey(word string) string { return arabic.KeyNoStem(word) }

// Phrase returns the match key of a phrase: its word keys joined by one space.
func Phrase(phrase string) string { return strings.Join(keys(phrase), " ") }

// Entries returns every entry, in file order. The slice is a copy.
func Entries() []Entry {
	return append([]Entry(nil), get().entries...)
}

// Roles returns the title and role entries (Kind Role).
func Roles() []Entry {
	var out []Entry
	for _, e := range get().entries {
		if e.Kind == Role {
			out = append(out, e)
		}
	}
	return out
}

// Lookup returns the first entry one of whose names is the phrase (raw or
// folded text, matched by word keys), trying the phrase as written and
// then without one leading clitic و ف ب ل ك on its first word.
func Lookup(phrase string) (Entry, bool) {
	if l := LookupAll(phrase); len(l) > 0 {
		return l[0], true
	}
	return Entry{}, false
}

// LookupAll is Lookup returning every entry the phrase names (عمان is a
// country and a city; الشرق الأوسط a region and a paper).
func LookupAll(phrase string) []Entry {
	t := get()
	words := keys(phrase)
	if len(words) == 0 {
		return nil
	}
	for _, first := range Variants(words[0]) {
		words[0] = first
		if out := t.named(t.phrases[strings.Join(words, " ")]); out != nil {
			return out
		}
	}
	return nil
}

// Variants returns the readings of a first word key: the key itself, then,
// when it starts with a possible clitic و ف ب ل ك and at least three
// letters remain, the key of the rest (لل becomes ال: للبنان → لبنان,
// للعراق → العراق).
func Variants(key string) []string {
	out := []string{key}
	r, n := utf8.DecodeRuneInString(key)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
	default:
		return out
	}
	rest := key[n:]
	if utf8.RuneCountInString(rest) < 3 {
		return out
	}
	out = append(out, WordKey(rest))
	if r == 'ل' && strings.HasPrefix(rest, "ل") {
		out = append(out, WordKey("ا"+rest))
	}
	if (r == 'و' || r == 'ف') && utf8.RuneCountInString(rest) >= 4 {
		// وبالعراق, وللبنان: a conjunction before a second clitic.
		out = append(out, Variants(rest)[1:]...)
	}
	return out
}

// A Start is a reading of a first word key that begins gazetteer names
// (Starts), holding the table's place for it, so matching from it reads
// no map for the first word.
type Start struct{ nd *node }

// Starts returns the readings (Variants) of a first word key that begin a
// gazetteer name: MatchStarts given them finds what Match finds (it passes
// over the other readings), and nothing when there are none, which is most
// words.
func Starts(key string) []Start {
	t := get()
	var out []Start
	for _, v := range Variants(key) {
		if nd := t.phrases[v]; nd != nil {
			out = append(out, Start{nd})
		}
	}
	return out
}

// Match finds the longest gazetteer name that starts at words[i], where
// words are word keys (WordKey) of consecutive tokens. The first word is
// also tried without a leading clitic (Variants). It returns the number of
// words matched and the entries named, or 0 and nil.
func Match(words []string, i int) (int, []Entry) {
	if i < 0 || i >= len(words) {
		return 0, nil
	}
	t := get()
	for _, v := range Variants(words[i]) {
		if n, out := t.walk(words, i, t.phrases[v]); n > 0 {
			return n, out
		}
	}
	return 0, nil
}

// MatchStarts is Match given Starts(words[i]), for a caller that keeps
// each word's starts.
func MatchStarts(words []string, i int, starts []Start) (int, []Entry) {
	if i < 0 || i >= len(words) {
		return 0, nil
	}
	t := get()
	for _, st := range starts {
		if n, out := t.walk(words, i, st.nd); n > 0 {
			return n, out
		}
	}
	return 0, nil
}

// walk reads words from i on, the first read as nd (nil: not a start),
// while a longer name begins with what has been read, and returns the
// longest name met.
func (t *table) walk(words []string, i int, nd *node) (int, []Entry) {
	var arr [256]byte
	var buf []byte
	best, bestAt := 0, (*node)(nil)
	for n := 1; nd != nil; n++ {
		if len(nd.idx) > 0 {
			best, bestAt = n, nd
		}
		if !nd.more || i+n >= len(words) {
			break
		}
		if buf == nil {
			buf = append(arr[:0], nd.key...)
		}
		buf = append(buf, ' ')
		buf = append(buf, words[i+n]...)
		nd = t.phrases[string(buf)]
	}
	return best, t.named(bestAt)
}
