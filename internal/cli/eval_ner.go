package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/facts/ner"
)

// evalNERCmd is `taqrir eval ner FILE`.
func (a *app) evalNERCmd() *cobra.Command {
	var wojood, conll, alone bool
	var model, format string
	cmd := &cobra.Command{
		Use:   "ner FILE [--format auto|conll|wojood]",
		Short: "Tag a CoNLL `token TAG` file (or Wojood's nested tag columns) with the shipped NER model; print entity-level P/R/F1 per type and micro-averaged",
		Example: `  taqrir eval ner ../shared/data/wojood-sample/test.txt
  taqrir eval ner --format conll dev.conll`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := strings.ToLower(format)
			for _, old := range []struct {
				set  bool
				name string
			}{{wojood, "wojood"}, {conll, "conll"}} {
				if !old.set {
					continue
				}
				fmt.Fprintf(a.stderr, "taqrir: --%s is deprecated: use --format %s\n", old.name, old.name)
				if f != "" && f != "auto" && f != old.name {
					return fmt.Errorf("eval ner: --%s (deprecated) and --format %s disagree", old.name, format)
				}
				f = old.name
			}
			var nf eval.NERFormat
			switch f {
			case "", "auto":
				nf = eval.NERAuto
			case "conll":
				nf = eval.NERCoNLL
			case "wojood":
				nf = eval.NERWojood
			default:
				return fmt.Errorf("eval ner: --format %q: want auto, conll or wojood", format)
			}
			sents, err := eval.ReadNERFile(args[0], nf)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			tagger := ner.Default()
			if model != "" {
				if tagger, err = ner.LoadFile(model); err != nil {
					return fmt.Errorf("eval ner: %w", err)
				}
			}
			t0 := time.Now()
			tagDoc := tagger.TagDoc
			if alone {
				tagDoc = func(s [][]string) [][]string {
					out := make([][]string, len(s))
					for i := range s {
						out[i] = tagger.Tag(s[i])
					}
					return out
				}
			}
			sc, err := eval.TagNERDoc(sents, tagDoc)
			if err != nil {
				return fmt.Errorf("eval ner: %s: %w", args[0], err)
			}
			el := time.Since(t0)
			if a.json {
				return a.printJSON(sc)
			}
			if err := eval.WriteNER(a.stdout, sc); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "tagged %d tokens in %s (%.0f tokens/s)\n", sc.Tokens, el.Round(time.Millisecond), float64(sc.Tokens)/el.Seconds())
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "auto", "auto (detect), conll (one tag column) or wojood (Wojood's nested tag columns: GPE, LOC, FAC → LOC; NORP, EVENT, LANGUAGE → MISC; others dropped)")
	// The first spellings, kept hidden for scripts, with a deprecation warning.
	cmd.Flags().BoolVar(&wojood, "wojood", false, "deprecated: --format wojood")
	cmd.Flags().BoolVar(&conll, "conll", false, "deprecated: --format conll")
	_ = cmd.Flags().MarkHidden("wojood")
	_ = cmd.Flags().MarkHidden("conll")
	cmd.Flags().BoolVar(&alone, "sentence", false, "tag each sentence alone, without the document pass (which reads the file's ±10 neighbouring sentences as the document)")
	cmd.Flags().StringVar(&model, "model", "", "a model file from `taqrir train ner --out` instead of the shipped one")
	return cmd
}
