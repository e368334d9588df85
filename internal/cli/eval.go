package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval"
)

func (a *app) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure taqrir against public benchmarks",
	}
	var xquad string
	search := &cobra.Command{
		Use:     "search --xquad FILE",
		Short:   "Rank XQuAD-R sentences for each question under bleve's ar, ours, ours+synonyms, no stemming; print MRR@10, R@1, R@10",
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
			res, err := eval.XQuAD(cmd.Context(), xquad, w)
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
	return cmd
}
