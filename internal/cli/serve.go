package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/server"
	"github.com/taqrir/taqrir/internal/statedoc"
)

func (a *app) serveCmd() *cobra.Command {
	var o server.RunOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP API and the web UI on the data directory, and monitor its sources",
		Long: `Open the data directory once and serve it until interrupted: the JSON API under /api/v1
(documented at /api/v1/openapi.json), the web UI (/, /search, /articles/ID, /stories,
/entities/NAME, /report, /saved), the Atom feeds of saved searches (/feeds/NAME.atom) and
Prometheus metrics (/api/v1/metrics); and read every source of taqrir sources when its
interval has passed. With --db (PostgreSQL) any number of servers share one store: each keeps
its index caught up with it every second (what a worker or another server stored is found
without a restart) and reads no sources itself: taqrir worker does. On loopback, reads need no token (the Host header is checked);
writes always need one (taqrir token create NAME). Bound elsewhere, every request needs
a token unless --open-reads. While it runs, the data directory's address is in
serve.addr, and other commands on the directory say to use it.`,
		Example: `  taqrir demo && taqrir serve
  taqrir serve --addr 127.0.0.1:9000
  taqrir token create ci && taqrir serve --addr 0.0.0.0:8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := a.open(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer d.Close()
			o.Log = a.stderr
			if a.db != "" {
				// Stateless: the index follows the shared store, and the
				// workers (taqrir worker) read the sources.
				o.Follow = time.Second
			}
			o.Ready = func(url string) {
				fmt.Fprintf(a.stderr, "taqrir: serving %s on %s (Ctrl-C stops)\n", a.dataDir, url)
			}
			return server.Run(cmd.Context(), d, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	f.BoolVar(&o.OpenReads, "open-reads", false, "when not on loopback, let reads through without a token")
	f.StringSliceVar(&o.Hosts, "host", nil, "another Host name to accept on loopback (e.g. behind a local proxy); repeatable")
	f.BoolVar(&o.AllowPrivate, "allow-private", false, "let the monitor and webhooks reach loopback, private and link-local addresses")
	return cmd
}

func (a *app) tokenCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Create, list and revoke the API tokens of the data directory (stored hashed)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	create := &cobra.Command{
		Use:   "create NAME",
		Short: "Make a token; it is printed once, alone on the last line, and only its hash is kept",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var secret string
			err := a.onState(cmd.Context(), "token create", func(st statedoc.Store) (err error) {
				secret, err = taqapp.NewTokens(st).Create(args[0], time.Now())
				return err
			})
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(map[string]string{"name": args[0], "token": secret})
			}
			fmt.Fprintf(a.stderr, "taqrir: token %s created; it is shown once, keep it now:\n", args[0])
			fmt.Fprintln(a.stdout, secret)
			return nil
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the tokens by name",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var ts []taqapp.Token
			err := a.onState(cmd.Context(), "token list", func(st statedoc.Store) (err error) {
				ts, err = taqapp.NewTokens(st).List()
				return err
			})
			if err != nil {
				return err
			}
			if a.json {
				type row struct {
					Name    string    `json:"name"`
					Created time.Time `json:"created"`
				}
				rows := []row{}
				for _, t := range ts {
					rows = append(rows, row{t.Name, t.Created})
				}
				return a.printJSON(map[string]any{"tokens": rows})
			}
			if len(ts) == 0 {
				fmt.Fprintln(a.stdout, "no tokens (taqrir token create NAME makes one)")
			}
			for _, t := range ts {
				fmt.Fprintf(a.stdout, "%s\tcreated %s\n", t.Name, t.Created.Format("2006-01-02 15:04"))
			}
			return nil
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke NAME",
		Short: "Delete a token: requests carrying it are refused from now on",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			err := a.onState(cmd.Context(), "token revoke", func(st statedoc.Store) error {
				return taqapp.NewTokens(st).Revoke(args[0])
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "token %s revoked\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}

// state opens the state documents for `taqrir token` and `taqrir
// sources`, which work while the server runs without opening the data
// directory: its files, or with --db the database's. The caller closes it.
func (a *app) state(ctx context.Context) (statedoc.Store, func() error, error) {
	return taqapp.OpenState(ctx, a.dataDir, a.db)
}

// onState runs fn on the state documents (a.state), naming the command in
// an error.
func (a *app) onState(ctx context.Context, what string, fn func(statedoc.Store) error) error {
	st, done, err := a.state(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer done()
	if err := fn(st); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (a *app) sourcesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "Add, list and remove the feeds and pages taqrir serve monitors",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var every time.Duration
	var page bool
	add := &cobra.Command{
		Use:   "add NAME URL",
		Short: "Monitor a feed (RSS or Atom: each new entry's page), or with --page one page, every --every",
		Example: `  taqrir sources add sada https://sada.example/rss.xml --every 15m
  taqrir sources add front https://example.com/ --page --every 1h`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			src := taqapp.Source{Name: args[0], URL: args[1], Feed: !page, Interval: every}
			err := a.onState(cmd.Context(), "sources add", func(st statedoc.Store) error {
				return taqapp.NewSources(st).Add(src, time.Now())
			})
			if err != nil {
				return err
			}
			kind := "feed"
			if page {
				kind = "page"
			}
			fmt.Fprintf(a.stdout, "source %s added: %s %s every %s (%s reads it)\n", args[0], kind, termSafe(args[1]), every, a.sourceReader())
			return nil
		},
	}
	add.Flags().DurationVar(&every, "every", 15*time.Minute, "how often to read it (at least 1m)")
	add.Flags().BoolVar(&page, "page", false, "the URL is one page to ingest, not a feed")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the monitored sources and what their last reading brought",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var list []taqapp.Source
			err := a.onState(cmd.Context(), "sources list", func(st statedoc.Store) (err error) {
				list, err = taqapp.NewSources(st).List()
				return err
			})
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(map[string]any{"sources": list})
			}
			if len(list) == 0 {
				fmt.Fprintln(a.stdout, "no sources (taqrir sources add NAME URL adds one)")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
			for _, s := range list {
				kind, last := "feed", "never read"
				if !s.Feed {
					kind = "page"
				}
				if !s.Last.IsZero() {
					last = s.Last.Format("2006-01-02 15:04") + ": " + s.LastResult
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\tevery %s\t%s\n", termSafe(s.Name), kind, termSafe(s.URL), s.Interval, termSafe(strings.TrimSpace(last)))
			}
			return tw.Flush()
		},
	}
	remove := &cobra.Command{
		Use:   "remove NAME",
		Short: "Stop monitoring a source (what it brought stays stored)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			err := a.onState(cmd.Context(), "sources remove", func(st statedoc.Store) error {
				return taqapp.NewSources(st).Remove(args[0])
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "source %s removed\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(add, list, remove)
	return cmd
}

// sourceReader names the command that reads the monitored sources: taqrir
// worker on a PostgreSQL store, else taqrir serve.
func (a *app) sourceReader() string {
	if a.db != "" {
		return "taqrir worker"
	}
	return "taqrir serve"
}
