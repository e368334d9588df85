package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/arabic"
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
	Questions []Question
}

// Question is one query of the retrieval task.
type Question struct {
	ID   string
	Text string
	// Gold is the index into Retrieval.Sentences of the answer sentence.
	Gold int
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
}

// Configs are the configurations XQuAD compares, baseline first.
var Configs = []Config{
	{Name: "bleve ar", Analyzer: ar.AnalyzerName},
	{Name: analyzer.Name, Analyzer: analyzer.Name},
	{Name: analyzer.Name + "+syn", Analyzer: analyzer.Name, SynonymBoost: 0.3},
	{Name: analyzer.NameNoStem, Analyzer: analyzer.NameNoStem},
}

// Result holds the figures of one configuration. Rates are fractions in [0,1].
type Result struct {
	Config   string        `json:"config"`
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
// on the file at path, prints a table to w (nil for none) and returns the
// results in the order of Configs. Each configuration gets its own in-memory
// bleve index with BM25 scoring; a question is the disjunction of its terms.
func XQuAD(ctx context.Context, path string, w io.Writer) ([]Result, error) {
	task, err := LoadXQuAD(path)
	if err != nil {
		return nil, err
	}
	var results []Result
	for _, c := range Configs {
		res, err := task.Run(ctx, c)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	if w != nil {
		if err := WriteTable(w, results); err != nil {
			return nil, err
		}
	}
	return results, nil
}

const textField = "text"

// Run indexes the candidate sentences with c and answers every question.
func (t *Retrieval) Run(ctx context.Context, c Config) (Result, error) {
	began := time.Now()
	idx, err := t.buildIndex(c.Analyzer)
	if err != nil {
		return Result{}, fmt.Errorf("eval: %s: %w", c.Name, err)
	}
	defer idx.Close()
	qa := idx.Mapping().AnalyzerNamed(c.Analyzer)
	if qa == nil {
		return Result{}, fmt.Errorf("eval: %s: no analyzer %q", c.Name, c.Analyzer)
	}

	res := Result{Config: c.Name, Queries: len(t.Questions), Ranks: make([]int, len(t.Questions))}
	for i, q := range t.Questions {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		bq := buildQuery(qa, q.Text, c.SynonymBoost)
		req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
		sr, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return Result{}, fmt.Errorf("eval: %s: question %s: %w", c.Name, q.ID, err)
		}
		gold := strconv.Itoa(q.Gold)
		for rank, hit := range sr.Hits {
			if hit.ID == gold {
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

func (t *Retrieval) buildIndex(analyzerName string) (bleve.Index, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	fm := mapping.NewTextFieldMapping()
	fm.Analyzer = analyzerName
	fm.Store = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(textField, fm)
	im.DefaultMapping = dm
	im.DefaultField = textField

	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, err
	}
	batch := idx.NewBatch()
	for i, s := range t.Sentences {
		if err := batch.Index(strconv.Itoa(i), map[string]string{textField: s}); err != nil {
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

// buildQuery makes one flat disjunction of term clauses, one per query token
// as bleve's MatchQuery would, plus, with a positive synBoost, one clause per
// synonym of each key. Flat rather than nested because bleve multiplies a
// disjunction's score by the fraction of its clauses that matched: a nested
// group of a key and its synonyms would punish the documents that use the
// key itself.
func buildQuery(a analysis.Analyzer, text string, synBoost float64) query.Query {
	tokens := a.Analyze([]byte(text))
	clauses := make([]query.Query, 0, len(tokens))
	seen := make(map[string]bool)
	for _, tok := range tokens {
		key := string(tok.Term)
		tq := query.NewTermQuery(key)
		tq.SetField(textField)
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
			sq.SetField(textField)
			sq.SetBoost(synBoost)
			clauses = append(clauses, sq)
		}
	}
	if len(clauses) == 0 {
		return query.NewMatchNoneQuery()
	}
	dq := query.NewDisjunctionQuery(clauses)
	dq.SetMin(1)
	return dq
}

// WriteTable prints results as an aligned table with percentages.
func WriteTable(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "config\tMRR@10\tR@1\tR@10\tqueries\ttime\t\n")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%d\t%s\t\n", r.Config,
			100*r.MRR10, 100*r.Recall1, 100*r.Recall10, r.Queries, r.Elapsed.Round(time.Millisecond))
	}
	return tw.Flush()
}
