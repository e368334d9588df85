package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// ErrBadXQuAD is returned, wrapped, when the XQuAD-R file does not have the
// expected shape.
var ErrBadXQuAD = errors.New("eval: malformed XQuAD-R file")

// DefaultXQuADPath is where the shared data directory keeps XQuAD-R Arabic,
// relative to the repository root.
const DefaultXQuADPath = "../shared/data/xquad-r-ar/ar.json"

// Retrieval is the XQuAD-R Arabic retrieval task: every sentence of every
// paragraph is a candidate, and each question has exactly one gold sentence,
// the one of its own paragraph that contains the start of its answer.
type Retrieval struct {
	Sentences []string
	// Articles holds, for each sentence, the index of its article in the
	// file's data array; nil when the task was not read from a file.
	Articles  []int
	Questions []Question
}

// Question is one query of the retrieval task.
type Question struct {
	ID   string
	Text string
	// Gold is the index into Retrieval.Sentences of the answer sentence.
	Gold int
}

// Split names a part of XQuAD-R. Articles alternate between the parts so
// that every topic area the file covers has some of each, and a whole
// article stays on one side: questions on one article share its names and
// wording, so splitting inside an article would leak test text into dev.
type Split string

const (
	// SplitDev is every even-numbered article (data[0], data[2], ...): the
	// only part whose figures and diagnostics may guide a rule or weight.
	SplitDev Split = "dev"
	// SplitTest is every odd-numbered article, looked at only to report.
	SplitTest Split = "test"
	// SplitAll is the whole file.
	SplitAll Split = "all"
)

// Splits lists the parts in the order XQuAD reports them.
var Splits = []Split{SplitDev, SplitTest, SplitAll}

// Part returns the task restricted to the articles of s: their sentences
// are the whole candidate pool and their questions the queries, with Gold
// renumbered. SplitAll, and a task without Articles, return t itself.
func (t *Retrieval) Part(s Split) *Retrieval {
	if s == SplitAll || t.Articles == nil {
		return t
	}
	want := 0
	if s == SplitTest {
		want = 1
	}
	part := &Retrieval{}
	renum := make([]int, len(t.Sentences))
	for i, a := range t.Articles {
		renum[i] = -1
		if a%2 == want {
			renum[i] = len(part.Sentences)
			part.Sentences = append(part.Sentences, t.Sentences[i])
			part.Articles = append(part.Articles, a)
		}
	}
	for _, q := range t.Questions {
		if g := renum[q.Gold]; g >= 0 {
			q.Gold = g
			part.Questions = append(part.Questions, q)
		}
	}
	return part
}

// xquadFile mirrors the parts of the SQuAD-style JSON that the task needs.
type xquadFile struct {
	Data []struct {
		Paragraphs []struct {
			Context        string   `json:"context"`
			Sentences      []string `json:"sentences"`
			SentenceBreaks [][2]int `json:"sentence_breaks"`
			QAs            []struct {
				ID       string `json:"id"`
				Question string `json:"question"`
				Answers  []struct {
					AnswerStart int `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// LoadXQuAD reads an XQuAD-R file (SQuAD-style JSON with sentences and
// sentence_breaks per paragraph).
func LoadXQuAD(path string) (*Retrieval, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: open XQuAD-R: %w", err)
	}
	defer f.Close()
	return ParseXQuAD(f)
}

// ParseXQuAD reads the XQuAD-R JSON from r. Breaks and answer starts are
// rune offsets into the paragraph context, not byte offsets.
func ParseXQuAD(r io.Reader) (*Retrieval, error) {
	var file xquadFile
	if err := json.NewDecoder(r).Decode(&file); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadXQuAD, err)
	}
	ret := &Retrieval{}
	for di, doc := range file.Data {
		for pi, p := range doc.Paragraphs {
			if len(p.Sentences) != len(p.SentenceBreaks) {
				return nil, fmt.Errorf("%w: data[%d].paragraphs[%d] has %d sentences but %d breaks",
					ErrBadXQuAD, di, pi, len(p.Sentences), len(p.SentenceBreaks))
			}
			first := len(ret.Sentences)
			ret.Sentences = append(ret.Sentences, p.Sentences...)
			for range p.Sentences {
				ret.Articles = append(ret.Articles, di)
			}
			for qi, qa := range p.QAs {
				if len(qa.Answers) == 0 {
					return nil, fmt.Errorf("%w: data[%d].paragraphs[%d].qas[%d] has no answer", ErrBadXQuAD, di, pi, qi)
				}
				at := qa.Answers[0].AnswerStart
				gold := -1
				for si, br := range p.SentenceBreaks {
					if br[0] <= at && at < br[1] {
						gold = first + si
						break
					}
				}
				if gold < 0 {
					return nil, fmt.Errorf("%w: answer_start %d of question %q lies in no sentence", ErrBadXQuAD, at, qa.ID)
				}
				ret.Questions = append(ret.Questions, Question{ID: qa.ID, Text: qa.Question, Gold: gold})
			}
		}
	}
	if len(ret.Questions) == 0 {
		return nil, fmt.Errorf("%w: no questions", ErrBadXQuAD)
	}
	return ret, nil
}

// Config is one way of indexing and querying to compare.
type Config struct {
	Name     string
	Analyzer string // a bleve analyzer name, used for the field and the query
	// SynonymBoost, when positive, adds arabic.Synonyms of every query key as
	// extra term clauses with this boost.
	SynonymBoost float64
	// Second, when set, also indexes every sentence in a second field under
	// this analyzer and adds the question's terms in that field at
	// SecondBoost: a way to blend a looser or stricter analysis in.
	Second      string
	SecondBoost float64
	// More adds further fields the same way as Second.
	More []Field
	// Near, when set, adds for every query word the keys of its nearest
	// words in a vector table (wordrep.Expander) as extra term clauses
	// at NearBoost (times the cosine when NearByScore).
	Near        *wordrep.Expander
	NearBoost   float64
	NearByScore bool
	// Rerank, when positive and Vectors is set, reorders the best
	// RerankDepth hits by their BM25 score over the best one's plus Rerank
	// times the cosine of the question's and the sentence's mean vectors
	// (wordrep.Vectors.Mean).
	Vectors     *wordrep.Vectors
	Rerank      float64
	RerankDepth int
	// RerankAlign scores a sentence for the rerank by word alignment
	// instead of mean vectors: the SIF-weighted mean, over the question's
	// words that are not stopwords, of the best cosine with any word of
	// the sentence.
	RerankAlign bool
}

// Field is one extra field of a configuration: the sentence indexed again
// under Analyzer, and the question's terms in it added at Boost.
type Field struct {
	Analyzer string
	Boost    float64
}

// fields lists the configuration's extra fields, Second first.
func (c Config) fields() []Field {
	var fs []Field
	if c.Second != "" {
		fs = append(fs, Field{c.Second, c.SecondBoost})
	}
	return append(fs, c.More...)
}

func extraField(i int) string {
	if i == 0 {
		return secondField
	}
	return secondField + strconv.Itoa(i+1)
}

// Configs are the configurations XQuAD compares, baseline first. The n-gram
// rows add a second field of letter trigrams at a fraction of the weight,
// each to ours and to bleve's ar, so that the gain of the trigrams and the
// gain of the analyzer can be told apart. StemNgramBoost was chosen on the
// dev split only (0.3 and 0.7 give 0.2 to 0.3 points less on dev).
var Configs = []Config{
	{Name: "bleve ar", Analyzer: ar.AnalyzerName},
	{Name: analyzer.Name, Analyzer: analyzer.Name},
	{Name: analyzer.Name + "+syn", Analyzer: analyzer.Name, SynonymBoost: 0.3},
	{Name: analyzer.NameNoStem, Analyzer: analyzer.NameNoStem},
	{Name: analyzer.Name + "+ngram", Analyzer: analyzer.Name, Second: analyzer.NameNgram, SecondBoost: 0.3},
	{Name: "bleve ar+ngram", Analyzer: ar.AnalyzerName, Second: analyzer.NameNgram, SecondBoost: 0.3},
	{Name: analyzer.Name + "+stemgram", Analyzer: analyzer.Name, Second: analyzer.NameStemNgram, SecondBoost: StemNgramBoost},
	{Name: "bleve ar+stemgram", Analyzer: ar.AnalyzerName, Second: analyzer.NameStemNgram, SecondBoost: StemNgramBoost},
}

// The vector settings chosen on the dev split only (TestXQuADVectorGrid,
// with the d32 table of internal/wordrep/EXPERIMENTS.md): each query
// word's NearK nearest keys at cosine NearMin or more among the NearAmong
// most frequent units, at NearWeight (no setting of the grid beat the
// synonyms alone on dev; this one tied); the rerank of the best
// RerankDepth hits by word alignment at RerankWeight (+0.2 on dev).
const (
	NearK        = 1
	NearMin      = 0.7
	NearAmong    = 30000
	NearWeight   = 0.1
	RerankWeight = 0.3
	RerankDepth  = 20
)

// VectorConfigs are the configurations that use a vector table: ours with
// synonyms plus the nearest-neighbour expansion, plus the alignment
// rerank, and both.
func VectorConfigs(v *wordrep.Vectors) []Config {
	base := Config{Name: analyzer.Name + "+syn", Analyzer: analyzer.Name, SynonymBoost: 0.3}
	near := base
	near.Name += "+near"
	near.Near = &wordrep.Expander{Vectors: v, K: NearK, MinScore: NearMin, Among: NearAmong}
	near.NearBoost = NearWeight
	rr := base
	rr.Name += "+align"
	rr.Vectors, rr.Rerank, rr.RerankDepth, rr.RerankAlign = v, RerankWeight, RerankDepth, true
	both := near
	both.Name += "+align"
	both.Vectors, both.Rerank, both.RerankDepth, both.RerankAlign = v, RerankWeight, RerankDepth, true
	return []Config{near, rr, both}
}

// StemNgramBoost is the weight of the analyzer.NameStemNgram field relative
// to the word field in the combined configuration.
const StemNgramBoost = 0.5

// Result holds the figures of one configuration. Rates are fractions in [0,1].
type Result struct {
	Config   string        `json:"config"`
	Split    Split         `json:"split,omitempty"`
	MRR10    float64       `json:"mrr10"`
	Recall1  float64       `json:"recall1"`
	Recall10 float64       `json:"recall10"`
	Queries  int           `json:"queries"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	// Ranks holds the 1-based rank of each question's gold sentence within the
	// top 10, or 0 when it was not retrieved; the order is Retrieval.Questions.
	Ranks []int `json:"-"`
}

// XQuAD runs the XQuAD-R Arabic sentence retrieval for every entry of Configs
// on each of Splits of the file at path, prints a table to w (nil for none)
// and returns the results, split by split in the order of Configs. Each
// configuration and split gets its own in-memory bleve index with BM25
// scoring over that split's sentences; a question is the disjunction of its
// terms.
// Extra configurations (VectorConfigs, say) run after Configs.
func XQuAD(ctx context.Context, path string, w io.Writer, extra ...Config) ([]Result, error) {
	task, err := LoadXQuAD(path)
	if err != nil {
		return nil, err
	}
	var results []Result
	for _, s := range Splits {
		part := task.Part(s)
		for _, c := range append(slices.Clip(Configs), extra...) {
			res, err := part.Run(ctx, c)
			if err != nil {
				return nil, err
			}
			res.Split = s
			results = append(results, res)
		}
	}
	if w != nil {
		if err := WriteTable(w, results); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// The fields of the retrieval index: the sentence under the configuration's
// analyzer, and with Config.Second again under that analyzer.
const (
	textField   = "text"
	secondField = "second"
)

// Run indexes the candidate sentences with c and answers every question.
func (t *Retrieval) Run(ctx context.Context, c Config) (Result, error) {
	began := time.Now()
	idx, err := t.buildIndex(c)
	if err != nil {
		return Result{}, fmt.Errorf("eval: %s: %w", c.Name, err)
	}
	defer idx.Close()
	qa := idx.Mapping().AnalyzerNamed(c.Analyzer)
	if qa == nil {
		return Result{}, fmt.Errorf("eval: %s: no analyzer %q", c.Name, c.Analyzer)
	}
	extra := c.fields()
	qes := make([]analysis.Analyzer, len(extra))
	for i, f := range extra {
		if qes[i] = idx.Mapping().AnalyzerNamed(f.Analyzer); qes[i] == nil {
			return Result{}, fmt.Errorf("eval: %s: no analyzer %q", c.Name, f.Analyzer)
		}
	}

	res := Result{Config: c.Name, Queries: len(t.Questions), Ranks: make([]int, len(t.Questions))}
	for i, q := range t.Questions {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		clauses := termClauses(nil, qa, q.Text, textField, 1, c.SynonymBoost)
		if c.Near != nil && c.NearBoost > 0 {
			clauses = nearClauses(clauses, c.Near, q.Text, textField, c.NearBoost, c.NearByScore)
		}
		for i, qe := range qes {
			clauses = termClauses(clauses, qe, q.Text, extraField(i), extra[i].Boost, 0)
		}
		var bq query.Query = query.NewMatchNoneQuery()
		if len(clauses) > 0 {
			dq := query.NewDisjunctionQuery(clauses)
			dq.SetMin(1)
			bq = dq
		}
		depth := 10
		rerank := c.Vectors != nil && c.Rerank > 0
		if rerank {
			depth = max(depth, c.RerankDepth)
		}
		req := bleve.NewSearchRequestOptions(bq, depth, 0, false)
		sr, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return Result{}, fmt.Errorf("eval: %s: question %s: %w", c.Name, q.ID, err)
		}
		ids := make([]string, len(sr.Hits))
		for k, h := range sr.Hits {
			ids[k] = h.ID
		}
		if rerank && len(sr.Hits) > 1 {
			ids = t.rerank(c, q.Text, sr.Hits)
		}
		gold := strconv.Itoa(q.Gold)
		for rank, id := range ids[:min(10, len(ids))] {
			if id == gold {
				res.Ranks[i] = rank + 1
				break
			}
		}
	}
	for _, r := range res.Ranks {
		if r > 0 {
			res.MRR10 += 1 / float64(r)
			res.Recall10++
			if r == 1 {
				res.Recall1++
			}
		}
	}
	n := float64(len(t.Questions))
	res.MRR10 /= n
	res.Recall1 /= n
	res.Recall10 /= n
	res.Elapsed = time.Since(began)
	return res, nil
}

func (t *Retrieval) buildIndex(c Config) (bleve.Index, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	field := func(analyzerName string) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = analyzerName
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		return fm
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(textField, field(c.Analyzer))
	extra := c.fields()
	for i, f := range extra {
		dm.AddFieldMappingsAt(extraField(i), field(f.Analyzer))
	}
	im.DefaultMapping = dm
	im.DefaultField = textField

	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, err
	}
	batch := idx.NewBatch()
	for i, s := range t.Sentences {
		doc := map[string]string{textField: s}
		for i := range extra {
			doc[extraField(i)] = s
		}
		if err := batch.Index(strconv.Itoa(i), doc); err != nil {
			idx.Close()
			return nil, err
		}
	}
	if err := idx.Batch(batch); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// termClauses appends to clauses one term query on field per token of text
// as analysed by a, as bleve's MatchQuery would, and with a positive synBoost
// one per synonym of each key. The caller joins all clauses into one flat
// disjunction rather than nesting a key with its synonyms, because bleve
// multiplies a disjunction's score by the fraction of its clauses that
// matched: a nested group would punish the documents that use the key
// itself.
func termClauses(clauses []query.Query, a analysis.Analyzer, text, field string, boost, synBoost float64) []query.Query {
	seen := make(map[string]bool)
	for _, tok := range a.Analyze([]byte(text)) {
		key := string(tok.Term)
		tq := query.NewTermQuery(key)
		tq.SetField(field)
		tq.SetBoost(boost)
		clauses = append(clauses, tq)
		if synBoost <= 0 || seen[key] {
			continue
		}
		seen[key] = true
		for _, syn := range arabic.Synonyms(key) {
			if syn == key {
				continue
			}
			sq := query.NewTermQuery(syn)
			sq.SetField(field)
			sq.SetBoost(synBoost * boost)
			clauses = append(clauses, sq)
		}
	}
	return clauses
}

// nearClauses appends, for every word of text that is not a stopword, one
// term clause on field per key its expander gives, at boost (times the
// cosine when byScore), into the same flat disjunction as the words.
func nearClauses(clauses []query.Query, e *wordrep.Expander, text, field string, boost float64, byScore bool) []query.Query {
	seen := map[string]bool{}
	arabic.EachTerm(text, func(start, end int, key string, stop bool) {
		if stop || key == "" || seen[key] {
			return
		}
		seen[key] = true
		for _, x := range e.Keys(text[start:end], key) {
			b := boost
			if byScore {
				b *= x.Score
			}
			tq := query.NewTermQuery(x.Key)
			tq.SetField(field)
			tq.SetBoost(b)
			clauses = append(clauses, tq)
		}
	})
	return clauses
}

// meanVector is the SIF-weighted mean vector of a text's words.
func meanVector(v *wordrep.Vectors, text string) ([]float32, bool) {
	var words []string
	for _, tok := range arabic.Tokenize(text) {
		if tok.Kind != arabic.KindPunct {
			words = append(words, tok.Text)
		}
	}
	return v.Mean(words)
}

// rerank orders hits by BM25 over the best hit's plus c.Rerank times the
// cosine of the question's and each sentence's mean vectors.
func (t *Retrieval) rerank(c Config, question string, hits search.DocumentMatchCollection) []string {
	if c.RerankAlign {
		return t.rerankAlign(c, question, hits)
	}
	qv, ok := meanVector(c.Vectors, question)
	type scored struct {
		id string
		s  float64
	}
	top := hits[0].Score
	out := make([]scored, len(hits))
	for k, h := range hits {
		s := h.Score / top
		if ok {
			n, _ := strconv.Atoi(h.ID)
			if sv, ok := meanVector(c.Vectors, t.Sentences[n]); ok {
				s += c.Rerank * wordrep.Dot(qv, sv)
			}
		}
		out[k] = scored{h.ID, s}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].s > out[j].s })
	ids := make([]string, len(out))
	for k, o := range out {
		ids[k] = o.id
	}
	return ids
}

// contentVectors are the vectors of a text's words that are not stopwords,
// with their SIF weights.
func contentVectors(v *wordrep.Vectors, text string) (vs [][]float32, ws []float64) {
	for _, tok := range arabic.Tokenize(text) {
		if tok.Kind == arabic.KindPunct || arabic.IsStopword(tok.Text) {
			continue
		}
		if x, _, ok := v.Vector(tok.Text); ok {
			vs = append(vs, x)
			ws = append(ws, v.Weight(tok.Text))
		}
	}
	return vs, ws
}

// rerankAlign is rerank by word alignment (Config.RerankAlign).
func (t *Retrieval) rerankAlign(c Config, question string, hits search.DocumentMatchCollection) []string {
	qv, qw := contentVectors(c.Vectors, question)
	type scored struct {
		id string
		s  float64
	}
	top := hits[0].Score
	out := make([]scored, len(hits))
	for k, h := range hits {
		s := h.Score / top
		n, _ := strconv.Atoi(h.ID)
		sv, _ := contentVectors(c.Vectors, t.Sentences[n])
		if len(qv) > 0 && len(sv) > 0 {
			var num, den float64
			for i, q := range qv {
				best := -1.0
				for _, x := range sv {
					best = max(best, wordrep.Dot(q, x))
				}
				num += qw[i] * best
				den += qw[i]
			}
			s += c.Rerank * num / den
		}
		out[k] = scored{h.ID, s}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].s > out[j].s })
	ids := make([]string, len(out))
	for k, o := range out {
		ids[k] = o.id
	}
	return ids
}

// WriteTable prints results as an aligned table with percentages.
func WriteTable(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "split\tconfig\tMRR@10\tR@1\tR@10\tqueries\ttime\t\n")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.1f\t%d\t%s\t\n", r.Split, r.Config,
			100*r.MRR10, 100*r.Recall1, 100*r.Recall10, r.Queries, r.Elapsed.Round(time.Millisecond))
	}
	return tw.Flush()
}
