package claims

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/taqrir/taqrir/internal/wordtable"
)

// The word lists claim extraction reads are data, not code: they live in
// lexicon/*.tsv, written by the taqrir authors, each file opening with
// comment lines that say what it holds, where it comes from and how it is
// written. The words are in folded form (arabic.Fold), so one entry covers
// the spellings a journalist may use. They are embedded in the binary and
// parsed on first use (loadLexicon), not at init.
//
//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// The tables of lexicon/*.tsv, filled by loadLexicon; the files say what
// each holds.
var (
	verbCues       map[string]string // inflection of an attribution verb → the verb (verbs.tsv)
	participleCues map[string]string // circumstantial participle → its verb (participles.tsv)

	// word sets of words.tsv
	objectVerbs, agentVerbs, relatives, contentStops, clauseBreaks, clauseBreaks2 map[string]bool
	documentNouns, documentAdjectives, readVerbs, prepCues, anonymousHeads        map[string]bool
	quantifiers, timeWords, stopPreps, mediumNouns, occasionNouns, mediaOutlets   map[string]bool
	audience, thenWords, clauseOpeners                                            map[string]bool
)

// setVars are the sets lexicon/words.tsv must define, each with the
// variable loadLexicon fills from it.
func setVars() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"objectVerbs": &objectVerbs, "agentVerbs": &agentVerbs, "relatives": &relatives,
		"contentStops": &contentStops, "clauseBreaks": &clauseBreaks, "clauseBreaks2": &clauseBreaks2,
		"documentNouns": &documentNouns, "documentAdjectives": &documentAdjectives, "readVerbs": &readVerbs,
		"prepCues": &prepCues, "anonymousHeads": &anonymousHeads, "quantifiers": &quantifiers,
		"timeWords": &timeWords, "stopPreps": &stopPreps, "mediumNouns": &mediumNouns,
		"occasionNouns": &occasionNouns, "mediaOutlets": &mediaOutlets, "audience": &audience,
		"thenWords": &thenWords, "clauseOpeners": &clauseOpeners,
	}
}

// lexicon is the parsed content of lexicon/*.tsv.
type lexicon struct {
	sets               map[string]map[string]bool
	verbs, participles map[string]string
}

// readLexicon reads the tables of fsys (lexiconFiles, or a rewritten copy
// in tests).
func readLexicon(fsys fs.FS) (*lexicon, error) {
	sets, err := wordtable.Sets(fsys, "lexicon/words.tsv", phraseSets(slices.Sorted(maps.Keys(setVars())), "clauseBreaks2")...)
	if err != nil {
		return nil, err
	}
	lx := &lexicon{sets: map[string]map[string]bool{}}
	for name, words := range sets {
		m := make(map[string]bool, len(words))
		for _, w := range words {
			m[w] = true
		}
		lx.sets[name] = m
	}
	if lx.verbs, err = wordtable.Forms(fsys, "lexicon/verbs.tsv", "lemma", nil); err != nil {
		return nil, err
	}
	if lx.participles, err = wordtable.Forms(fsys, "lexicon/participles.tsv", "lemma", nil); err != nil {
		return nil, err
	}
	return lx, nil
}

// phraseSets returns the sets of names, the phrase sets among them marked.
func phraseSets(names []string, phrases ...string) []wordtable.Set {
	sets := wordtable.SetsNamed(names...)
	for i := range sets {
		sets[i].Phrases = slices.Contains(phrases, sets[i].Name)
	}
	return sets
}

var lexiconOnce sync.Once

// loadLexicon fills the tables from the embedded files the first time it
// is called; Extract calls it first, so the rest of the package reads
// plain maps. The embedded files are part of the source, and
// TestEmbeddedLexiconParses proves they parse: a failure here is a broken
// build, reported with file and line.
func loadLexicon() {
	lexiconOnce.Do(func() {
		lx, err := readLexicon(lexiconFiles)
		if err != nil {
			panic(fmt.Sprintf("claims: embedded word list: %v", err))
		}
		for name, dst := range setVars() {
			*dst = lx.sets[name]
		}
		verbCues, participleCues = lx.verbs, lx.participles
	})
}

// marker reports whether a folded token introduces reported content:
// إن، أن، بأن with an optional pronoun (إنه، أنها، بأنهم).
func marker(f string) bool {
	rest, ok := strings.CutPrefix(f, "ان")
	if !ok {
		rest, ok = strings.CutPrefix(f, "بان")
	}
	if !ok {
		rest, ok = strings.CutPrefix(f, "لان")
		if !ok || rest == "" {
			return false
		}
	}
	switch rest {
	case "", "ه", "ها", "هم", "هما", "هن", "ني", "نا", "ك", "كم":
		return true
	}
	return false
}

// stripConj removes a leading و or ف conjunction when what is left is a
// word of lex (وقال → قال, فأكد → اكد).
func stripConj[V any](f string, lex map[string]V) (string, bool) {
	if _, ok := lex[f]; ok {
		return f, true
	}
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			if _, ok := lex[rest]; ok {
				return rest, true
			}
		}
	}
	return f, false
}

// withoutArticle drops ال (and a conjunction before it) from a folded word.
func withoutArticle(f string) string {
	for _, p := range []string{"وال", "فال", "ال"} {
		if rest, ok := strings.CutPrefix(f, p); ok && len(rest) >= 4 {
			return rest
		}
	}
	return f
}
