package claims

import (
	"encoding/json"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/facts/resolve"
	"github.com/taqrir/taqrir/internal/news"
)

// corpusBody returns the body of a sample-corpus article named as in
// testdata/corpus_claims.tsv: "file.jsonl:line" or "file.txt", with its
// paragraphs joined as news.Article.Body joins them.
func corpusBody(t *testing.T, name string) string {
	t.Helper()
	file, line, isJSONL := strings.Cut(name, ":")
	raw, err := fs.ReadFile(corpus.FS(), file)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var lines []string
	if isJSONL {
		n, err := strconv.Atoi(line)
		all := strings.Split(string(raw), "\n")
		if err != nil || n < 1 || n > len(all) {
			t.Fatalf("%s: no such line", name)
		}
		var v struct{ Text string }
		if err := json.Unmarshal([]byte(all[n-1]), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines = strings.Split(v.Text, "\n")
	} else {
		_, rest, _ := strings.Cut(string(raw), "\n\n") // headers
		lines = strings.Split(rest, "\n")[1:]          // title
	}
	var ps []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			ps = append(ps, l)
		}
	}
	return strings.Join(ps, "\n\n")
}

// TestCorpusClaims scores Extract on hand-annotated sentences of the
// sample corpus, text we did not write the rules from. A predicted claim
// matches an expected one in the same sentence when their contents share
// at least half their words (token F1 ≥ 0.5); recall and precision count
// matches, and matched claims are scored for speaker, anonymous flag and
// content F1 ≥ 0.8 as in TestClaimsAccuracy.
func TestCorpusClaims(t *testing.T) {
	corpusClaims(t, "testdata/corpus_claims.tsv", 90, false)
}

// TestCorpusClaimsWithEntities is TestCorpusClaims with the entities of
// the tagger and the resolver passed in, as the facts pipeline does.
func TestCorpusClaimsWithEntities(t *testing.T) {
	corpusClaims(t, "testdata/corpus_claims.tsv", 90, true)
	corpusClaims(t, "testdata/corpus_claims_heldout.tsv", 60, true)
}

// TestCorpusClaimsHeldOut scores the held-out corpus annotations, which
// the rules were not tuned on; it only fails on a collapse.
func TestCorpusClaimsHeldOut(t *testing.T) {
	corpusClaims(t, "testdata/corpus_claims_heldout.tsv", 60, false)
}

// entitiesOf runs the tagger and the resolver over body.
func entitiesOf(body string) []news.Entity {
	var ms []resolve.Mention
	for _, s := range ner.Default().Entities(body) {
		ms = append(ms, resolve.Mention{Start: s.Start, End: s.End, Type: s.Type, Text: s.Text})
	}
	return resolve.Resolve(body, ms)
}

// corpusClaims scores one annotation file and requires recall and
// precision of at least floor percent.
func corpusClaims(t *testing.T, path string, floor float64, withEntities bool) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		speaker, content string
		anonymous        bool
	}
	type sent struct {
		article string
		s       arabic.Sentence
		wants   []want
	}
	var sents []*sent
	bodies := map[string]string{}
	index := map[string]*sent{}
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("%s:%d: want 5 fields, got %d", path, i+1, len(f))
		}
		body, ok := bodies[f[0]]
		if !ok {
			body = corpusBody(t, f[0])
			bodies[f[0]] = body
		}
		key := f[0] + "\t" + f[1]
		st := index[key]
		if st == nil {
			var found []arabic.Sentence
			for _, s := range arabic.Sentences(body) {
				if strings.Contains(s.Text, f[1]) {
					found = append(found, s)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%s:%d: %q picks %d sentences of %s, want 1", path, i+1, f[1], len(found), f[0])
			}
			st = &sent{article: f[0], s: found[0]}
			index[key] = st
			sents = append(sents, st)
		}
		if f[2] != "-" {
			st.wants = append(st.wants, want{speaker: f[2], content: f[4], anonymous: f[3] == "1"})
		}
	}
	claimsOf := map[string][]news.Claim{}
	for name, body := range bodies {
		var es []news.Entity
		if withEntities {
			es = entitiesOf(body)
		}
		claimsOf[name] = Extract(body, nil, es)
	}
	var expected, predicted, matched, speaker, anon, content int
	for _, st := range sents {
		var got []news.Claim
		for _, c := range claimsOf[st.article] {
			if c.Start >= st.s.Start && c.End <= st.s.End {
				got = append(got, c)
			}
		}
		expected += len(st.wants)
		predicted += len(got)
		used := make([]bool, len(got))
		for _, w := range st.wants {
			best, bestF := -1, 0.5
			for j, g := range got {
				if f := overlap(w.content, g.Text); !used[j] && f >= bestF {
					best, bestF = j, f
				}
			}
			if best < 0 {
				t.Logf("%s: missed %q: %q", st.article, w.speaker, w.content)
				continue
			}
			used[best] = true
			g := got[best]
			matched++
			sp, an, co := trimSpeaker(g.Speaker) == trimSpeaker(w.speaker), g.Anonymous == w.anonymous, bestF >= 0.8
			speaker += b2i(sp)
			anon += b2i(an)
			content += b2i(co)
			if !sp || !an || !co {
				t.Logf("%s:\n speaker want %q got %q; anonymous want %v got %v\n content want %q\n         got %q (F1 %.2f)",
					st.article, w.speaker, g.Speaker, w.anonymous, g.Anonymous, w.content, g.Text, bestF)
			}
		}
		for j, g := range got {
			if !used[j] {
				t.Logf("%s: spurious claim %q: %q", st.article, g.Speaker, g.Text)
			}
		}
	}
	pct := func(k, n int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	t.Logf("%s (entities %v): %d expected in %d sentences, %d predicted; recall %.1f%% precision %.1f%%; of matched: speaker %.1f%% anonymous %.1f%% content F1≥0.8 %.1f%%",
		path, withEntities, expected, len(sents), predicted, pct(matched, expected), pct(matched, predicted), pct(speaker, matched), pct(anon, matched), pct(content, matched))
	if pct(matched, expected) < floor || pct(matched, predicted) < floor {
		t.Errorf("%s: recall or precision below %.0f%%", path, floor)
	}
}
