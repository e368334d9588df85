package cli

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	taqapp "github.com/taqrir/taqrir/internal/app"
)

func (a *app) migrateCmd() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from DIR --to postgres://…",
		Short: "Move an embedded data directory to PostgreSQL: articles, raw items and every state document, checked",
		Long: `Copy the store of the data directory DIR (every raw item and article as stored,
seq and copy_of kept) and its state (tokens, saved searches, sources, fetch validators,
feeds seen, stories) into the PostgreSQL database, in one transaction that reads it all back
and compares checksums before it commits; then compare again, each side read afresh, and
print per table and document the count (rows, or bytes for a document) and the SHA-256 on
both sides. The database must be empty; run again on a database that holds exactly DIR's
data, migrate changes nothing and says so. The index is not copied: a data directory
opened with --db builds its own from the store. Afterwards serve and every other command
run with --db (or TAQRIR_DB) on the database.`,
		Example: `  taqrir migrate --from ./taqrir-data --to postgres://taqrir:secret@db.example/taqrir
  taqrir --db postgres://taqrir:secret@db.example/taqrir serve`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if to == "" {
				to = a.db // --db (or TAQRIR_DB) names the database unless --to does
			}
			if from == "" || to == "" {
				return errors.New("migrate: give --from DIR (an embedded data directory) and --to postgres://…")
			}
			rep, err := taqapp.Migrate(cmd.Context(), from, to, a.wait)
			if err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			if a.json {
				return a.printJSON(rep)
			}
			if rep.Copied {
				fmt.Fprintf(a.stdout, "migrated %s to %s:\n", termSafe(rep.From), termSafe(rep.To))
			} else {
				fmt.Fprintf(a.stdout, "%s already holds exactly %s's data: nothing copied\n", termSafe(rep.To), termSafe(rep.From))
			}
			tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "what\tcount\tsource sha256\ttarget sha256\t")
			for _, m := range rep.Items {
				unit := "rows"
				if m.Kind == "document" {
					unit = "bytes"
				}
				fmt.Fprintf(tw, "%s\t%d %s\t%.16s\t%.16s\t\n", m.Name, m.Source.Count, unit, m.Source.SHA256, m.Target.SHA256)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, "every count and checksum equal on both sides")
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the embedded data directory to move")
	cmd.Flags().StringVar(&to, "to", "", "the PostgreSQL database (postgres://USER:PASSWORD@HOST/DB; default --db or $TAQRIR_DB); empty, or holding exactly DIR's data")
	return cmd
}
