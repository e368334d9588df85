package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taqrir/taqrir/internal/clean"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/source"
)

func (a *app) cleanCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "clean FILE|-",
		Short: "Clean one scraped article (.txt format) and show what was removed or moved, and why",
		Example: `  taqrir clean article.txt
  taqrir clean --json article.txt | jq .removed`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, name, err := a.readInput(args[0], true)
			if err != nil {
				return fmt.Errorf("clean: %w", err)
			}
			if f, _ := source.FormatOf(name); f == source.FormatHTML || guessFormat(data) == source.FormatHTML {
				return fmt.Errorf("clean: %s is an HTML page; clean reads the .txt format: use taqrir extract %s (it extracts the article from the page and cleans it)", name, name)
			}
			if err := source.CheckText(data); err != nil {
				return fmt.Errorf("clean: %s: %w", name, err)
			}
			text, enc, err := extract.DecodeText(data)
			if err != nil {
				return fmt.Errorf("clean: %s: %w", name, err)
			}
			a.note(name, extract.EncodingNote(enc))
			f, err := extract.ParseText([]byte(text))
			if err != nil {
				return fmt.Errorf("clean: %s: %w", name, err)
			}
			res := clean.Article(f.Title, f.Text)
			if a.json {
				return a.printJSON(res)
			}
			fmt.Fprintln(a.stdout, termSafe(res.Title))
			fmt.Fprintln(a.stdout)
			fmt.Fprintln(a.stdout, res.Body)
			if len(res.Captions) > 0 {
				fmt.Fprintln(a.stdout, "\nCaptions:")
				for _, c := range res.Captions {
					fmt.Fprintln(a.stdout, "  "+c)
				}
			}
			if len(res.Credits) > 0 {
				fmt.Fprintln(a.stdout, "\nCredits: "+strings.Join(res.Credits, "، "))
			}
			if len(res.Removed) > 0 {
				fmt.Fprintln(a.stdout, "\nRemoved or moved:")
				for _, r := range res.Removed {
					fmt.Fprintf(a.stdout, "  [%s] %s\n", r.Reason, termSafe(r.Text))
				}
			}
			return nil
		},
	}
}
