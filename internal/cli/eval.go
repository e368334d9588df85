package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/wordrep"
)

func (a *app) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure taqrir against public benchmarks",
	}
	var xquad, vectors string
	search := &cobra.Command{
		Use:     "search --xquad FILE",
		Short:   "Rank XQuAD-R sentences for each question under bleve's ar and ours (plain, +synonyms, no stemming, +ngram, +stemgram; bleve's ar +ngram, +stemgram), on dev, test and all; print MRR@10, R@1, R@10",
		Example: `  taqrir eval search --xquad ../shared/data/xquad-r-ar/ar.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if xquad == "" {
				return fmt.Errorf("eval search: --xquad FILE is required (XQuAD-R Arabic, e.g. ../shared/data/xquad-r-ar/ar.json)")
			}
			w := a.stdout
			if a.json {
				w = nil
			}
			var extra []eval.Config
			if vectors != "" {
				vec, err := wordrep.ReadVectorsFile(vectors)
				if err != nil {
					return fmt.Errorf("eval search: %w", err)
				}
				extra = eval.VectorConfigs(vec)
			}
			res, err := eval.XQuAD(cmd.Context(), xquad, w, extra...)
			if err != nil {
				return fmt.Errorf("eval search: %w", err)
			}
			if a.json {
				return a.printJSON(res)
			}
			return nil
		},
	}
	search.Flags().StringVar(&xquad, "xquad", "", "path of XQuAD-R's ar.json")
	search.Flags().StringVar(&vectors, "vectors", "", "a word-vector table (train words --vectors): also rank with ours+synonyms plus its nearest-neighbour expansion, its mean-vector rerank, and both")
	var dir string
	variants := &cobra.Command{
		Use:   "variants [--dir DIR]",
		Short: "Score taqrir's keys and bleve's ar on the variant test set: pairs that must share a key and pairs that must not",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := a.stdout
			if a.json {
				w = nil
			}
			scores, err := eval.Variants(dir, w)
			if err != nil {
				return fmt.Errorf("eval variants: %w (run from the repository root or pass --dir)", err)
			}
			if a.json {
				type row struct {
					Keyer     string  `json:"keyer"`
					Recall    float64 `json:"recall"`
					Apart     float64 `json:"apart"`
					Precision float64 `json:"precision"`
				}
				var rows []row
				for _, s := range scores {
					rows = append(rows, row{s.Keyer, s.Recall(), s.Apart(), s.Precision()})
				}
				return a.printJSON(rows)
			}
			return nil
		},
	}
	variants.Flags().StringVar(&dir, "dir", "internal/arabic/testdata/variants", "directory holding same.tsv and different.tsv")
	cmd.AddCommand(search, variants)
	cmd.AddCommand(a.evalNERCmd())
	cmd.AddCommand(a.evalExtractionCmd())
	cmd.AddCommand(a.evalSpansCmd())
	cmd.AddCommand(a.evalStoriesCmd())
	cmd.AddCommand(a.evalStanceCmd())
	cmd.AddCommand(a.evalRealnewsCmd())
	return cmd
}

func (a *app) evalExtractionCmd() *cobra.Command {
	var aeb, arabic string
	var rounds int
	cmd := &cobra.Command{
		Use:   "extraction [--aeb DIR] [--arabic DIR] [--rounds N]",
		Short: "Score taqrir's HTML extractor, go-trafilatura and go-readability on the AEB and the Arabic fixture set: F1 (P/R), title, date and caption accuracy, pages/s",
		Example: `  taqrir eval extraction --aeb ../shared/data/aeb --arabic testdata/extraction/arabic
  taqrir --json eval extraction --arabic testdata/extraction/arabic --rounds 0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if aeb == "" && arabic == "" {
				return fmt.Errorf("eval extraction: give --aeb DIR (e.g. ../shared/data/aeb) and/or --arabic DIR (e.g. testdata/extraction/arabic)")
			}
			if rounds < 0 {
				return fmt.Errorf("eval extraction: --rounds %d: want 0 (no timing) or more", rounds)
			}
			var opt eval.ExtractionOptions
			var err error
			if aeb != "" {
				if opt.AEB, err = eval.LoadAEB(aeb); err != nil {
					return fmt.Errorf("eval extraction: %w", err)
				}
			}
			if arabic != "" {
				if opt.Arabic, err = eval.LoadArabicExtraction(arabic); err != nil {
					return fmt.Errorf("eval extraction: %w", err)
				}
			}
			opt.Rounds = rounds
			rep, err := eval.EvalExtraction(cmd.Context(), opt, eval.DefaultExtractors())
			if err != nil {
				return fmt.Errorf("eval extraction: %w", err)
			}
			if a.json {
				return a.printJSON(rep)
			}
			eval.WriteExtractionReport(a.stdout, rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&aeb, "aeb", "", "directory of the Article Extraction Benchmark (ground-truth.json, html/*.html.gz)")
	cmd.Flags().StringVar(&arabic, "arabic", "", "directory of the Arabic fixture set (NN-name.html with NN-name.json)")
	cmd.Flags().IntVar(&rounds, "rounds", 1, "timed passes after the warm-up (best counts); 0 skips timing")
	return cmd
}
