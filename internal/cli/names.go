package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/facts/ner"
	"github.com/taqrir/taqrir/internal/wordrep"
)

// trainNamesCmd mines name slots from unlabeled news (issue 17): the
// table `train ner --dev --mined` reads.
func (a *app) trainNamesCmd() *cobra.Command {
	var corpora []string
	var out string
	var limit, minCount int
	cmd := &cobra.Command{
		Use:     "names --corpus FILE.jsonl[.gz]... --out FILE.tsv.gz",
		Short:   "Count, for each word of unlabeled news, how often it follows a title or role, a given name, a speech verb, a place's or a body's head noun (name slots for the NER experiment)",
		Example: `  taqrir train names --corpus ../shared/data/ant-news/ant-multisource-2018.jsonl.gz,../shared/data/ant-news/ant-jawharafm.jsonl.gz --out mined.tsv.gz`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(corpora) == 0 || out == "" {
				return fmt.Errorf("train names: --corpus FILE and --out FILE are required")
			}
			t0 := time.Now()
			nm := ner.NewNameMiner()
			var prov []string
			for _, p := range corpora {
				sum, err := fileSHA256(p)
				if err != nil {
					return fmt.Errorf("train names: %w", err)
				}
				n, err := wordrep.EachArticle(p, limit, func(title, text string) {
					nm.AddText(title)
					nm.AddText(text)
				})
				if err != nil {
					return fmt.Errorf("train names: %w", err)
				}
				prov = append(prov, fmt.Sprintf("corpus\t%s\t%d articles\tsha256 %s", filepath.Base(p), n, sum))
			}
			t := nm.Table(minCount)
			t.Header = append(prov, fmt.Sprintf("options\tmin-count %d\tlimit %d", minCount, limit), fmt.Sprintf("counts\t%d units read\t%d rows", nm.Tokens, t.Len()))
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("train names: %w", err)
			}
			if err := t.Write(f); err != nil {
				f.Close()
				return fmt.Errorf("train names: %w", err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("train names: %w", err)
			}
			fmt.Fprintf(a.stderr, "train names: %d units read, %d rows written to %s in %.1fs\n", nm.Tokens, t.Len(), out, time.Since(t0).Seconds())
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&corpora, "corpus", nil, "taqrir JSONL files of articles (.gz read through); title and text are read")
	cmd.Flags().StringVar(&out, "out", "", "where to write the gzip table")
	cmd.Flags().IntVar(&limit, "limit", 0, "read at most this many articles of each corpus file (0: all)")
	cmd.Flags().IntVar(&minCount, "min-count", 3, "keep units seen at least this many times")
	return cmd
}
