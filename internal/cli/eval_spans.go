package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval"
)

// evalSpansCmd is `taqrir eval spans --wojood DIR`.
func (a *app) evalSpansCmd() *cobra.Command {
	var wojood string
	cmd := &cobra.Command{
		Use:     "spans --wojood DIR",
		Short:   "Score the date and quantity extractors on the Wojood sample: exact-span and token-overlap P/R/F1 for DATE, CARDINAL and MONEY",
		Example: `  taqrir eval spans --wojood ../shared/data/wojood-sample`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if wojood == "" {
				return fmt.Errorf("eval spans: --wojood DIR is required (the Wojood sample's directory of .txt files, e.g. ../shared/data/wojood-sample)")
			}
			w := a.stdout
			if a.json {
				w = nil
			}
			res, err := eval.WojoodSpans(wojood, w)
			if err != nil {
				return fmt.Errorf("eval spans: %w", err)
			}
			if a.json {
				type row struct {
					File    string  `json:"file"`
					Type    string  `json:"type"`
					Gold    int     `json:"gold"`
					Pred    int     `json:"pred"`
					ExactP  float64 `json:"exact_p"`
					ExactR  float64 `json:"exact_r"`
					ExactF1 float64 `json:"exact_f1"`
					TokenP  float64 `json:"token_p"`
					TokenR  float64 `json:"token_r"`
					TokenF1 float64 `json:"token_f1"`
				}
				var rows []row
				for _, r := range res {
					for _, s := range r.Scores {
						rows = append(rows, row{r.File, s.Type, s.Gold, s.Pred, s.ExactP(), s.ExactR(), s.ExactF1(), s.TokenP(), s.TokenR(), s.TokenF1()})
					}
				}
				return a.printJSON(rows)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&wojood, "wojood", "", "directory of the Wojood sample (train.txt, val.txt, test.txt)")
	return cmd
}
