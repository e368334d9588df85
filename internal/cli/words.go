package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/wordrep"
)

// trainWordsCmd learns word clusters from unlabeled news (issue 17).
func (a *app) trainWordsCmd() *cobra.Command {
	var corpora []string
	var out string
	var limit int
	var opt wordrep.Options
	var vopt wordrep.VectorOptions
	var vectors bool
	cmd := &cobra.Command{
		Use:   "words --corpus FILE.jsonl[.gz]... --out FILE.tsv.gz",
		Short: "Learn hierarchical word clusters (Brown family: exchange, then merge tree) from unlabeled news in taqrir JSONL; write units, bit-string paths and counts",
		Example: `  taqrir train words --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz --limit 2000 --classes 100 --out words-small.tsv.gz
  taqrir train words --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz,../shared/data/ant-news/ant-jawharafm.jsonl.gz --workers 2 --out words.tsv.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(corpora) == 0 {
				return fmt.Errorf("train words: --corpus FILE is required (taqrir JSONL, e.g. ../shared/data/ant-news/ant-multisource-2018.jsonl.gz)")
			}
			if out == "" {
				return fmt.Errorf("train words: --out FILE is required (the gzip table to write)")
			}
			t0 := time.Now()
			c := wordrep.NewCorpus()
			var prov []string
			for _, p := range corpora {
				sum, err := fileSHA256(p)
				if err != nil {
					return fmt.Errorf("train words: %w", err)
				}
				n, err := c.ReadJSONL(p, limit)
				if err != nil {
					return fmt.Errorf("train words: %w", err)
				}
				prov = append(prov, fmt.Sprintf("corpus\t%s\t%d articles\tsha256 %s", filepath.Base(p), n, sum))
			}
			fmt.Fprintf(a.stderr, "train words: read %d units of %d documents in %.1fs\n", c.Tokens, c.Docs, time.Since(t0).Seconds())
			if vectors {
				vopt.MinCount, vopt.Seed, vopt.Workers, vopt.Log = opt.MinCount, opt.Seed, opt.Workers, a.stderr
				vec, st, err := wordrep.TrainVectors(c, vopt)
				if err != nil {
					return fmt.Errorf("train words: %w", err)
				}
				o := vopt
				vec.Header = append(prov,
					fmt.Sprintf("options\tskip-gram, negative sampling\tdim %d\twindow %d\tnegative %d\tepochs %d\tmin-count %d\tn-grams %d-%d in %d buckets\tsample %g\tlr %g\tseed %d\tworkers %d\tlimit %d",
						vec.Dim, o.Window, o.Negative, o.Epochs, o.MinCount, vec.MinN, vec.MaxN, vec.Buckets, o.Sample, o.LR, o.Seed, o.Workers, limit),
					fmt.Sprintf("counts\t%d units\t%d types\t%d in the vocabulary\t%d centre units trained", st.Tokens, st.Types, st.Vocab, st.Trained),
					"unit\tarabic.KeyNoStem of each token; rows: the unit's vector (half its own row, half the mean of its character n-gram rows; unit length, int8 with a scale a row), then the n-gram bucket rows",
				)
				if err := vec.WriteFile(out); err != nil {
					return fmt.Errorf("train words: %w", err)
				}
				fmt.Fprintf(a.stderr, "train words: wrote %s: %d units, dim %d, %d buckets; training %.1fs, all %.1fs\n",
					out, len(vec.Words), vec.Dim, vec.Buckets, st.TrainTime.Seconds(), time.Since(t0).Seconds())
				return nil
			}
			opt.Log = a.stderr
			tab, st, err := wordrep.Train(c, opt)
			if err != nil {
				return fmt.Errorf("train words: %w", err)
			}
			tab.Header = append(prov,
				fmt.Sprintf("options\tclasses %d\tmin-count %d\texchange passes %d\tseed %d\tlimit %d", st.Classes, st.MinCount, st.Passes, opt.Seed, limit),
				fmt.Sprintf("counts\t%d units\t%d types\t%d in the vocabulary", st.Tokens, st.Types, st.Vocab),
				"unit\tarabic.KeyNoStem of each token (punctuation: its display form); rows: unit, path, count; rare units counted as "+wordrep.Unknown,
			)
			if err := tab.WriteFile(out); err != nil {
				return fmt.Errorf("train words: %w", err)
			}
			fmt.Fprintf(a.stderr, "train words: wrote %s: %d units, %d classes; exchange %.1fs (%d passes), merge %.1fs, all %.1fs\n",
				out, len(tab.Entries), st.Classes, st.ExchangeTime.Seconds(), st.Passes, st.MergeTime.Seconds(), time.Since(t0).Seconds())
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&corpora, "corpus", nil, "taqrir JSONL files of articles (.gz read through); title and text are read")
	cmd.Flags().StringVar(&out, "out", "", "where to write the gzip table")
	cmd.Flags().IntVar(&limit, "limit", 0, "read at most this many articles of each corpus file (0: all)")
	cmd.Flags().IntVar(&opt.Classes, "classes", 1000, "leaf classes")
	cmd.Flags().IntVar(&opt.MinCount, "min-count", 5, "units seen fewer times are counted as one unknown unit")
	cmd.Flags().IntVar(&opt.Iterations, "iterations", 8, "most exchange passes (stops earlier when under 0.1% of words move)")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "seed of the initial classes")
	cmd.Flags().IntVar(&opt.Workers, "workers", 1, "goroutines for the heavy loops (clusters: the table is the same for any number; vectors: the same for a given number)")
	cmd.Flags().BoolVar(&vectors, "vectors", false, "learn dense word vectors instead (skip-gram with negative sampling over character n-grams); write a quantised vector table")
	cmd.Flags().IntVar(&vopt.Dim, "dim", 64, "vectors: the vector size")
	cmd.Flags().IntVar(&vopt.Epochs, "epochs", 3, "vectors: passes over the text")
	cmd.Flags().IntVar(&vopt.Buckets, "buckets", 100000, "vectors: rows the character n-grams are hashed into")
	cmd.Flags().IntVar(&vopt.Negative, "negative", 5, "vectors: negative samples per context word")
	cmd.Flags().IntVar(&vopt.Window, "window", 5, "vectors: most context words on each side")
	cmd.Flags().Float64Var(&vopt.Sample, "sample", 1e-4, "vectors: frequent words are kept with probability √(s/f)+s/f, f their share of the text (1: keep all)")
	return cmd
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// similarCmd shows the words a cluster table puts nearest a word.
func (a *app) similarCmd() *cobra.Command {
	var table string
	var n int
	cmd := &cobra.Command{
		Use:   "similar [--words FILE] WORD",
		Short: "Show the words nearest WORD in a word table: by cosine in a vector table (train words --vectors), by the longest shared path prefix in a cluster table (score 1 = the same class)",
		Example: `  taqrir similar يناير
  taqrir similar --words words.tsv.gz فرنسا
  taqrir similar --words vectors.bin.gz الانتخابات`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if table == "" {
				t, err := wordrep.Clusters()
				if err != nil {
					return fmt.Errorf("similar: %w", err)
				}
				return a.similarClusters(t, "the shipped cluster table", args[0], n)
			}
			vec, err := wordrep.ReadVectorsFile(table)
			switch {
			case err == nil:
				return a.similarVectors(vec, table, args[0], n)
			case !errors.Is(err, wordrep.ErrNotVectors):
				return fmt.Errorf("similar: %w", err)
			}
			t, err := wordrep.ReadFile(table)
			if err != nil {
				return fmt.Errorf("similar: %w", err)
			}
			return a.similarClusters(t, table, args[0], n)
		},
	}
	cmd.Flags().StringVar(&table, "words", "", "the word table (clusters or vectors, written by taqrir train words)")
	cmd.Flags().IntVar(&n, "n", 20, "how many words to show")
	return cmd
}

// similarClusters prints the units nearest a word in the cluster table
// t (named name in messages): those sharing the longest path prefix.
func (a *app) similarClusters(t *wordrep.Table, name, word string, n int) error {
	q, nb, ok := t.Similar(word, n)
	if !ok {
		return fmt.Errorf("similar: %q (unit %q) is not in %s: too rare in the training text, or not seen", word, wordrep.Unit(word), name)
	}
	if a.json {
		type nj struct {
			Word   string  `json:"word"`
			Path   string  `json:"path"`
			Count  int64   `json:"count"`
			Shared int     `json:"shared"`
			Score  float64 `json:"score"`
		}
		res := struct {
			Word    string `json:"word"`
			Unit    string `json:"unit"`
			Path    string `json:"path"`
			Count   int64  `json:"count"`
			Similar []nj   `json:"similar"`
		}{word, q.Word, q.Path, q.Count, []nj{}}
		for _, e := range nb {
			res.Similar = append(res.Similar, nj{e.Word, e.Path, e.Count, e.Shared, e.Score})
		}
		return a.printJSON(res)
	}
	fmt.Fprintf(a.stdout, "%s (unit %s, path %s, count %d)\n", word, q.Word, q.Path, q.Count)
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "word\tscore\tshared\tpath\tcount")
	for _, e := range nb {
		fmt.Fprintf(tw, "%s\t%.2f\t%d\t%s\t%d\n", e.Word, e.Score, e.Shared, e.Path, e.Count)
	}
	return tw.Flush()
}

// similarVectors prints the units nearest a word by the cosine of their
// vectors; a word out of the vocabulary is looked up by its n-grams.
func (a *app) similarVectors(vec *wordrep.Vectors, table, word string, n int) error {
	nb, known, ok := vec.Nearest(word, n, -1)
	if !ok {
		return fmt.Errorf("similar: %q (unit %q) has no vector in %s: no letters, or no n-gram of it", word, wordrep.Unit(word), table)
	}
	how := "in the vocabulary"
	if !known {
		how = "not in the vocabulary: a vector from its character n-grams"
	}
	if a.json {
		type nj struct {
			Word  string  `json:"word"`
			Count int64   `json:"count"`
			Score float64 `json:"score"`
		}
		res := struct {
			Word    string `json:"word"`
			Unit    string `json:"unit"`
			Known   bool   `json:"known"`
			Similar []nj   `json:"similar"`
		}{word, wordrep.Unit(word), known, []nj{}}
		for _, e := range nb {
			res.Similar = append(res.Similar, nj{e.Word, e.Count, e.Score})
		}
		return a.printJSON(res)
	}
	fmt.Fprintf(a.stdout, "%s (unit %s, %s)\n", word, wordrep.Unit(word), how)
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "word\tcosine\tcount")
	for _, e := range nb {
		fmt.Fprintf(tw, "%s\t%.3f\t%d\n", e.Word, e.Score, e.Count)
	}
	return tw.Flush()
}
