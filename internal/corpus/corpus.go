package corpus

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed sample
var sample embed.FS

//go:embed relevance.tsv
var relevanceTSV string

// Names of the files in FS that describe the corpus rather than hold
// articles; an ingester walking FS should skip them.
const (
	StoriesFile        = "stories.json"
	ContradictionsFile = "contradictions.json"
	ManifestFile       = "MANIFEST.md"
)

// ErrMalformed reports embedded data that does not have the documented
// shape. It can only come from a bad edit to this package, so callers may
// treat it as a bug.
var ErrMalformed = errors.New("corpus: malformed embedded data")

// FS returns the sample corpus as a read-only file system rooted at the
// sample directory: txt/<outlet>/*.txt, jsonl/*.jsonl, StoriesFile,
// ContradictionsFile and ManifestFile.
func FS() fs.FS {
	sub, err := fs.Sub(sample, "sample")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "sample" is a constant.
		panic(err)
	}
	return sub
}

// ArticleFiles returns the slash-separated paths, inside FS, of every file
// that holds articles (*.txt and *.jsonl), sorted, so ingestion order is
// the same on every run.
func ArticleFiles() []string {
	var files []string
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := path.Ext(p); !d.IsDir() && (ext == ".txt" || ext == ".jsonl") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		// An embedded tree cannot fail to walk.
		panic(err)
	}
	sort.Strings(files)
	return files
}

// Story is one news story of the sample: the articles that different
// outlets published about the same event over several days.
type Story struct {
	ID      string   `json:"id"`      // stable ASCII key, e.g. "doha-truce"
	Title   string   `json:"title"`   // Arabic name of the story
	Summary string   `json:"summary"` // one line in English for developers
	URLs    []string `json:"urls"`    // article urls, oldest first, undated last
}

// Stories returns the stories of the sample in the order of StoriesFile.
// It is the ground truth for story clustering: every article belongs to
// exactly one story.
func Stories() ([]Story, error) {
	raw, err := fs.ReadFile(FS(), StoriesFile)
	if err != nil {
		return nil, fmt.Errorf("corpus: reading %s: %w", StoriesFile, err)
	}
	var doc struct {
		Stories []Story `json:"stories"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, StoriesFile, err)
	}
	for i, s := range doc.Stories {
		if s.ID == "" || len(s.URLs) == 0 {
			return nil, fmt.Errorf("%w: %s: story %d has no id or no urls", ErrMalformed, StoriesFile, i)
		}
	}
	return doc.Stories, nil
}

// Contradiction is one disagreement planted in the sample, for testing the
// report stage: two claims that cannot both be true, or, for Kind
// "attributed-dispute", two attributed claims a report must show side by
// side without calling either wrong.
type Contradiction struct {
	ID      string  `json:"id"`
	Story   string  `json:"story"` // Story.ID
	Kind    string  `json:"kind"`  // date, figure, within-article, toll-decrease or attributed-dispute
	Summary string  `json:"summary"`
	Claims  []Claim `json:"claims"`
}

// Claim is one side of a Contradiction.
type Claim struct {
	URL   string `json:"url"`   // the article that makes the claim
	Quote string `json:"quote"` // exact text of the article, so a test can find it
	Value string `json:"value"` // the claimed value, normalised: 2025-03-14, 41, 12.8%
}

// Contradictions returns the planted contradictions in the order of
// ContradictionsFile.
func Contradictions() ([]Contradiction, error) {
	raw, err := fs.ReadFile(FS(), ContradictionsFile)
	if err != nil {
		return nil, fmt.Errorf("corpus: reading %s: %w", ContradictionsFile, err)
	}
	var doc struct {
		Contradictions []Contradiction `json:"contradictions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, ContradictionsFile, err)
	}
	for _, c := range doc.Contradictions {
		if c.ID == "" || len(c.Claims) < 2 {
			return nil, fmt.Errorf("%w: %s: contradiction %q needs an id and two claims", ErrMalformed, ContradictionsFile, c.ID)
		}
	}
	return doc.Contradictions, nil
}

// RelevanceCase is one line of the relevance suite: a query and the url of
// the one article a good search must rank first.
type RelevanceCase struct {
	Line  int    // 1-based line in relevance.tsv, for error messages
	Query string // as a user types it: may hold "phrases", -exclusions and OR
	URL   string // the article that must rank first
	Kind  string // what the query tests: spelling, synonym, inflection, phrase, exclusion or or
	Note  string // the whole note column, starting with Kind
}

// Relevance returns the relevance suite in file order. Its lines are
// query<TAB>url<TAB>note, and each note starts with the kind of the case
// followed by ": ".
func Relevance() ([]RelevanceCase, error) {
	var cases []RelevanceCase
	for i, line := range strings.Split(relevanceTSV, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 || fields[0] == "" || fields[1] == "" {
			return nil, fmt.Errorf("%w: relevance.tsv:%d: want query<TAB>url<TAB>note, got %d fields", ErrMalformed, i+1, len(fields))
		}
		kind, _, ok := strings.Cut(fields[2], ": ")
		if !ok {
			return nil, fmt.Errorf("%w: relevance.tsv:%d: note must start with \"kind: \"", ErrMalformed, i+1)
		}
		cases = append(cases, RelevanceCase{Line: i + 1, Query: fields[0], URL: fields[1], Kind: kind, Note: fields[2]})
	}
	return cases, nil
}
