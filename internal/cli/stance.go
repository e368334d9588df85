package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/facts/stance"
)

// evalStanceCmd is `taqrir eval stance FILE.csv`.
func (a *app) evalStanceCmd() *cobra.Command {
	var model string
	cmd := &cobra.Command{
		Use:   "stance FILE.csv [--model FILE]",
		Short: "Decide agree/disagree/other for each s1,s2 pair of a CSV (ANS stance format); print per-label P/R/F1 and macro-F1 of the model, the majority label and a word-overlap rule",
		Example: `  taqrir eval stance ../shared/data/ans/stance-dev.csv
  taqrir --json eval stance ../shared/data/ans/stance-dev.csv | jq .model.macro_f1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pairs, err := stance.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("eval stance: %w", err)
			}
			m := stance.Default()
			if model != "" {
				if m, err = stance.LoadModel(model); err != nil {
					return fmt.Errorf("eval stance: %w", err)
				}
			}
			t0 := time.Now()
			rep := stance.EvaluateAll(m, args[0], pairs)
			el := time.Since(t0)
			if a.json {
				return a.printJSON(rep)
			}
			if err := rep.Write(a.stdout); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\n%d pairs in %s (model and baselines)\nmodel: %s\n", len(pairs), el.Round(time.Millisecond), m.Info)
			return nil
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "a model file written by `taqrir train stance` (default: the shipped model)")
	return cmd
}

// trainStanceCmd is `taqrir train stance`.
func (a *app) trainStanceCmd() *cobra.Command {
	var trainPath, devPath, out string
	var opt stance.TrainOptions
	var cv int
	var noOffsets bool
	cmd := &cobra.Command{
		Use:   "stance --train FILE.csv --dev FILE.csv [--out FILE]",
		Short: "Train the stance decision on labelled pairs; choose its decision offsets and the overlap baseline on the dev pairs and print the dev figures",
		Example: `  taqrir train stance --train ../shared/data/ans/stance-train.csv --dev ../shared/data/ans/stance-dev.csv --cv 5
  taqrir train stance --train ../shared/data/ans/stance-train.csv --dev ../shared/data/ans/stance-dev.csv --out internal/facts/stance/model.bin.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if trainPath == "" || devPath == "" {
				return fmt.Errorf("train stance: --train FILE and --dev FILE are required (e.g. ../shared/data/ans/stance-train.csv and stance-dev.csv)")
			}
			train, trainSum, err := readPairs(trainPath)
			if err != nil {
				return fmt.Errorf("train stance: %w", err)
			}
			dev, devSum, err := readPairs(devPath)
			if err != nil {
				return fmt.Errorf("train stance: %w", err)
			}
			opt.Log = a.stderr
			opt.Info = fmt.Sprintf("train=%s (%d pairs, sha256 %s) dev=%s (%d pairs, sha256 %s) epochs=%d runs=%d seed=%d bits=%d",
				filepath.Base(trainPath), len(train), trainSum[:12], filepath.Base(devPath), len(dev), devSum[:12], opt.Epochs, opt.Runs, opt.Seed, opt.Bits)
			t0 := time.Now()
			m, err := stance.Train(train, opt)
			if err != nil {
				return fmt.Errorf("train stance: %w", err)
			}
			fmt.Fprintf(a.stderr, "trained in %s: %d weights, %d mined pairs and markers\n", time.Since(t0).Round(time.Millisecond), m.Size(), len(m.Mined))
			plain := stance.Evaluate("model, no offsets", dev, func(x, y string) stance.Label { l, _ := m.Decide(x, y); return l })
			gain := stance.Tune(m, dev)
			if noOffsets {
				m.Offset = [3]float64{}
			}
			rep := stance.EvaluateAll(m, devPath, dev)
			res := map[string]any{"dev": rep, "dev_no_offsets": plain, "offsets": m.Offset, "offset_gain_held_out": gain, "weights": m.Size()}
			var cvScore *stance.Score
			if cv > 0 {
				got, err := stance.CrossValidate(train, cv, opt, m.Offset)
				if err != nil {
					return fmt.Errorf("train stance: %w", err)
				}
				gold := make([]stance.Label, len(train))
				for i, p := range train {
					gold[i] = p.Label
				}
				s := stance.ScoreLabels(fmt.Sprintf("train %d-fold cross-validation", cv), gold, got)
				cvScore = &s
				res["train_cv"] = s
			}
			if a.json {
				if err := a.printJSON(res); err != nil {
					return err
				}
			} else {
				if err := rep.Write(a.stdout); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "\ndecision offsets fitted on one half of dev gain %+.1f macro-F1 on the other (kept from %+.1f): ", 100*gain, 100*stance.MinOffsetGain)
				if m.Offset == ([3]float64{}) {
					fmt.Fprintf(a.stdout, "none kept\n")
				} else {
					fmt.Fprintf(a.stdout, "agree %+.1f, other %+.1f; without them macro-F1 %.1f (agree %.1f, disagree %.1f, other %.1f)\n",
						m.Offset[stance.Agree], m.Offset[stance.Other], 100*plain.MacroF1,
						100*plain.Classes[stance.Agree].F1, 100*plain.Classes[stance.Disagree].F1, 100*plain.Classes[stance.Other].F1)
				}
				if cvScore != nil {
					fmt.Fprintf(a.stdout, "%s: macro-F1 %.1f (agree %.1f, disagree %.1f, other %.1f)\n", cvScore.Name, 100*cvScore.MacroF1,
						100*cvScore.Classes[stance.Agree].F1, 100*cvScore.Classes[stance.Disagree].F1, 100*cvScore.Classes[stance.Other].F1)
				}
			}
			if out == "" {
				return nil
			}
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("train stance: %w", err)
			}
			if err := m.Write(f); err != nil {
				f.Close()
				return fmt.Errorf("train stance: %s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("train stance: %s: %w", out, err)
			}
			fmt.Fprintf(a.stderr, "wrote %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&trainPath, "train", "", "training pairs, CSV with columns s1,s2,stance (ANS stance-train.csv)")
	cmd.Flags().StringVar(&devPath, "dev", "", "development pairs: the decision offsets and the overlap baseline are chosen here (ANS stance-dev.csv)")
	cmd.Flags().StringVar(&out, "out", "", "where to write the gzip model (internal/facts/stance/model.bin.gz to ship it)")
	cmd.Flags().IntVar(&opt.Epochs, "epochs", 10, "passes over the training data")
	cmd.Flags().IntVar(&opt.Runs, "runs", 5, "runs averaged, with consecutive seeds")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", 1, "shuffling seed of the first run")
	cmd.Flags().Uint8Var(&opt.Bits, "bits", 18, "log2 of the number of feature buckets")
	cmd.Flags().IntVar(&cv, "cv", 0, "also report K-fold cross-validation on the training pairs (K trainings), with the offsets chosen on dev")
	cmd.Flags().BoolVar(&noOffsets, "no-offsets", false, "keep the decision offsets at zero (the overlap baseline is still chosen on dev)")
	return cmd
}

// readPairs reads a stance CSV and the SHA-256 of its bytes (hex).
func readPairs(path string) ([]stance.Pair, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	pairs, err := stance.ReadCSV(bytes.NewReader(b), path)
	return pairs, hex.EncodeToString(sum[:]), err
}
