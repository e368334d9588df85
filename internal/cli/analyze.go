package cli

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/wordrep"
)

type tokenJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
	Norm  string `json:"norm"`
	Stem  string `json:"stem"`
	Key   string `json:"key"`
	Alt   string `json:"alt,omitempty"` // a second index key when a first letter may be a clitic
	Stop  bool   `json:"stop"`
	// Cluster is the token's word-cluster path when a table is loaded
	// (--words); absent otherwise, or when the table does not know it.
	Cluster string `json:"cluster,omitempty"`
}

type sentenceJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

func (a *app) analyzeCmd() *cobra.Command {
	var sentences bool
	var words string
	cmd := &cobra.Command{
		Use:   "analyze [--sentences] TEXT|-",
		Short: "Show how taqrir reads Arabic text: tokens with offsets, normal form, stem, key, stopword; or sentences",
		Example: `  taqrir analyze "والأميركيين في واشنطن"
  echo "قال د. أحمد إن النمو بلغ 3.5%. وأضاف…" | taqrir analyze --sentences -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := strings.Join(args, " ")
			if len(args) == 1 && args[0] == "-" {
				b, _, err := a.readInput("-", false)
				if err != nil {
					return fmt.Errorf("analyze: reading stdin: %w", err)
				}
				text = string(b)
			}
			if strings.TrimSpace(text) == "" {
				if len(args) == 1 && args[0] == "-" {
					return errors.New("analyze: standard input is empty: nothing to analyse")
				}
				return errors.New("analyze: empty text: give the text to analyse, or - to read it from standard input")
			}
			if sentences {
				out := []sentenceJSON{}
				for _, s := range arabic.Sentences(text) {
					out = append(out, sentenceJSON{s.Start, s.End, s.Text})
				}
				if a.json {
					return a.printJSON(out)
				}
				for _, s := range out {
					fmt.Fprintf(a.stdout, "%d-%d\t%s\n", s.Start, s.End, s.Text)
				}
				return nil
			}
			table, err := wordrep.Clusters()
			if words != "" {
				table, err = wordrep.ReadFile(words)
			}
			if err != nil {
				return fmt.Errorf("analyze: %w", err)
			}
			alts := map[int]string{}
			arabic.EachTermAlt(text, func(start, _ int, _, alt string, _ bool) {
				if alt != "" {
					alts[start] = alt
				}
			})
			out := []tokenJSON{}
			for _, t := range arabic.Analyze(text) {
				tj := tokenJSON{t.Start, t.End, t.Text, t.Kind.String(), t.Norm, t.Stem, t.Key, alts[t.Start], t.Stop, ""}
				if table != nil {
					tj.Cluster = table.Path(t.Text)
				}
				out = append(out, tj)
			}
			if a.json {
				return a.printJSON(out)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			head := "start\tend\ttext\tnorm\tstem\tkey\talt\tstop"
			if table != nil {
				head += "\tcluster"
			}
			fmt.Fprintln(tw, head)
			for _, t := range out {
				stop := ""
				if t.Stop {
					stop = "stop"
				}
				line := fmt.Sprintf("%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s", t.Start, t.End, t.Text, t.Norm, t.Stem, t.Key, t.Alt, stop)
				if table != nil {
					line += "\t" + t.Cluster
				}
				fmt.Fprintln(tw, line)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&sentences, "sentences", false, "split into sentences (with byte offsets) instead of tokens")
	cmd.Flags().StringVar(&words, "words", "", "the word-cluster table whose path each token shows (default: the shipped one, internal/wordrep/MODEL.md; or a table of taqrir train words)")
	return cmd
}
