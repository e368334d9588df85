package resolve

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/wordtable"
)

// The word sets and the capitals the resolver reads are data, not code:
// they live in lexicon/*.tsv, written by the taqrir authors, each file
// opening with comment lines that say what it holds, where it comes from
// and how it is written. They are embedded in the binary and parsed on
// first use (loadLexicon), not at init.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// The word sets of lexicon/words.tsv (folded words; the file says what
// each does), filled by loadLexicon.
var (
	politicalVerbs map[string]bool // verbs of which a capital as subject names its government
	politicalNouns map[string]bool // nouns before a capital that make it the government's
	honorifics     map[string]bool // ranks and forms of address before a name, not an office
	orgHeads       map[string]bool // nouns that open the name of an institution
	experts        map[string]bool // descriptors read like a title before an expert's name
	notNames       map[string]bool // verbs and particles that follow a title but are never a name
	deputies       map[string]bool // words that make a deputy of the role after them
	placeHeads     map[string]bool // nouns that name a kind of place
	genericBodies  map[string]bool // nouns that name a kind of body (الجيش), not one
	genericQuals   map[string]bool // adjectives that say what kind a body is, not whose (المسلحة)
	platforms      map[string]bool // social platforms: where something was posted, the medium
	glueWords      map[string]bool // words glued after an organisation's name (التابعة)
	operationHeads map[string]bool // nouns before an operation's name (عملية)
	// capitals maps a capital to its country (canonical names as in the
	// gazetteer), for a capital named as a political agent (metonymy).
	capitals map[string]string
	// demonyms maps the keys of a people's name (الأتراك → "ترك") to its
	// country, for the report's actors.
	demonyms map[string]string
	// contextual maps the key of a name that stands for a country only in
	// context (المملكة) to the countries it can stand for; nil: any.
	contextual map[string][]string
)

// lexicon is the parsed content of lexicon/*.tsv.
type lexicon struct {
	sets       map[string]map[string]bool
	capitals   map[string]string
	demonyms   map[string]string
	contextual map[string][]string
}

// setVars are the sets lexicon/words.tsv must define, each with the
// variable loadLexicon fills from it.
func setVars() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"politicalVerbs": &politicalVerbs, "politicalNouns": &politicalNouns, "honorifics": &honorifics,
		"orgHeads": &orgHeads, "experts": &experts, "notNames": &notNames, "deputies": &deputies, "placeHeads": &placeHeads, "genericBodies": &genericBodies,
		"genericQualifiers": &genericQuals, "platforms": &platforms, "glueWords": &glueWords, "operationHeads": &operationHeads,
	}
}

// setNames returns the names of setVars, sorted.
func setNames() []string {
	return slices.Sorted(maps.Keys(setVars()))
}

// readLexicon reads the tables of fsys (lexiconFiles, or a rewritten copy
// in tests).
func readLexicon(fsys fs.FS) (*lexicon, error) {
	sets, err := wordtable.Sets(fsys, "lexicon/words.tsv", wordtable.SetsNamed(setNames()...)...)
	if err != nil {
		return nil, err
	}
	lx := &lexicon{sets: map[string]map[string]bool{}, capitals: map[string]string{}, demonyms: map[string]string{}, contextual: map[string][]string{}}
	for name, words := range sets {
		m := make(map[string]bool, len(words))
		for _, w := range words {
			m[w] = true
		}
		lx.sets[name] = m
	}
	phrase := func(name string) wordtable.Column {
		return wordtable.Column{Name: name, Required: true, Phrase: true}
	}
	rows, err := wordtable.Read(fsys, "lexicon/capitals.tsv", phrase("capital"), phrase("country"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		city := r.Cols[0][0]
		if _, dup := lx.capitals[city]; dup {
			return nil, r.Errorf("capital %q listed twice", city)
		}
		lx.capitals[city] = r.Cols[1][0]
	}
	rows, err = wordtable.Read(fsys, "lexicon/demonyms.tsv", phrase("country"),
		wordtable.Column{Name: "forms", Required: true, List: true, Phrase: true})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		for _, f := range r.Cols[1] {
			k := phraseKey(f)
			if k == "" {
				return nil, r.Errorf("form %q has no word", f)
			}
			if other, dup := lx.demonyms[k]; dup && other != r.Cols[0][0] {
				return nil, r.Errorf("form %q is a people of %s and of %s", f, other, r.Cols[0][0])
			}
			lx.demonyms[k] = r.Cols[0][0]
		}
	}
	rows, err = wordtable.Read(fsys, "lexicon/contextual.tsv", phrase("name"),
		wordtable.Column{Name: "countries", Required: true, List: true, Phrase: true})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		k := phraseKey(r.Cols[0][0])
		if _, dup := lx.contextual[k]; dup {
			return nil, r.Errorf("name %q listed twice", r.Cols[0][0])
		}
		var cs []string
		if len(r.Cols[1]) != 1 || r.Cols[1][0] != "*" {
			cs = r.Cols[1]
		}
		lx.contextual[k] = cs
	}
	return lx, nil
}

// phraseKey is the analysis keys of a phrase's words, space-separated.
func phraseKey(s string) string {
	var ks []string
	for _, w := range strings.Fields(s) {
		if k := arabic.Key(w); k != "" {
			ks = append(ks, k)
		}
	}
	return strings.Join(ks, " ")
}

var lexiconOnce sync.Once

// loadLexicon fills the word sets and capitals from the embedded tables
// the first time it is called; the exported functions and getTables call
// it first, so the rest of the package reads plain maps. The embedded
// files are part of the source, and TestEmbeddedLexiconParses proves they
// parse: a failure here is a broken build, reported with file and line.
func loadLexicon() {
	lexiconOnce.Do(func() {
		lx, err := readLexicon(lexiconFiles)
		if err != nil {
			panic(fmt.Sprintf("resolve: embedded word list: %v", err))
		}
		for name, dst := range setVars() {
			*dst = lx.sets[name]
		}
		capitals = lx.capitals
		demonyms = lx.demonyms
		contextual = lx.contextual
	})
}
