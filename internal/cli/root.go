package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/datalock"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/version"
)

// ErrFailed makes the process exit non-zero after a command has already
// reported its problems (e.g. some ingest items failed).
var ErrFailed = errors.New("some items failed")

// app holds the global flags and the streams commands write to.
type app struct {
	dataDir string
	json    bool
	wait    time.Duration  // --wait: how long to wait for the data directory's lock
	cmdline string         // the command as typed, for the lock's holder line
	lock    *datalock.Lock // held from the first open of the data directory to the end of Main
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, cmdline: strings.Join(append([]string{"taqrir"}, args...), " ")}
	defer func() { a.lock.Release() }() // a.lock is set later, when a command opens the data directory
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		if !errors.Is(err, ErrFailed) {
			fmt.Fprintln(stderr, "taqrir:", err)
		}
		return 1
	}
	return 0
}

func defaultDataDir() string {
	if d := os.Getenv("TAQRIR_DATA"); d != "" {
		return d
	}
	return "taqrir-data"
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "taqrir",
		Short:         "Arabic-first news intelligence: ingest, clean, search and report on Arabic news",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version.Long(),
	}
	root.SetVersionTemplate("taqrir {{.Version}}\n")
	root.SetFlagErrorFunc(exclusionAsFlag)
	root.PersistentFlags().StringVar(&a.dataDir, "data", defaultDataDir(), "data directory (default $TAQRIR_DATA, else ./taqrir-data)")
	root.PersistentFlags().BoolVar(&a.json, "json", false, "print JSON for scripts instead of text")
	root.PersistentFlags().DurationVar(&a.wait, "wait", 0, "when another taqrir process is using the data directory, wait this long for it (e.g. 1m) instead of stopping at once")
	root.AddCommand(
		a.analyzeCmd(), a.cleanCmd(), a.ingestCmd(), a.searchCmd(), a.showCmd(), a.statsCmd(),
		a.reprocessCmd(), a.reindexCmd(), a.checkCmd(), a.demoCmd(), a.evalCmd(),
		a.extractCmd(),
		a.storiesCmd(),
		a.reportCmd(),
		a.trainCmd(),
		a.serveCmd(), a.tokenCmd(), a.sourcesCmd(),
	)
	return root
}

// exclusionAsFlag explains the flag error of a query's -exclusion typed
// as its own argument (search فيضانات -ليبيا): the flag parser reads it as
// shorthand flags and would name a byte of its first letter.
func exclusionAsFlag(cmd *cobra.Command, err error) error {
	msg := err.Error()
	i := strings.LastIndex(msg, " in -")
	if !strings.HasPrefix(msg, "unknown shorthand flag") || i < 0 {
		return err
	}
	arg := msg[i+len(" in "):]
	if r, _ := utf8.DecodeRuneInString(arg[1:]); r < utf8.RuneSelf {
		return err
	}
	return fmt.Errorf("%s is not a flag: to exclude a word, put the query after -- (taqrir %s -- … %s) or quote the whole query", arg, cmd.Name(), arg)
}

// printJSON writes v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// data is an open data directory (the application layer's).
type data = taqapp.Data

func (a *app) storePath() string   { return filepath.Join(a.dataDir, taqapp.StoreFile) }
func (a *app) indexPath() string   { return filepath.Join(a.dataDir, taqapp.IndexDir) }
func (a *app) storiesPath() string { return filepath.Join(a.dataDir, taqapp.StoriesFile) }

// open opens the data directory, creating it if needed, and brings the index
// up to date with the store (repairing an interrupted ingest).
func (a *app) open(ctx context.Context, withIndex bool) (*data, error) {
	return a.openData(ctx, withIndex, true)
}

// openExisting is open for commands that only read: a data directory that
// does not exist yet is an error, not an empty store created on the spot.
func (a *app) openExisting(ctx context.Context, withIndex bool) (*data, error) {
	return a.openData(ctx, withIndex, false)
}

// lockData takes the data directory's writer lock for this process (once:
// a command that opens the directory twice holds it once). Every command
// that opens the directory takes it, since opening brings the index and the
// stories up to date: a second process refuses at once naming the holder,
// or waits up to --wait.
func (a *app) lockData() error {
	if a.lock != nil {
		return nil
	}
	l, err := taqapp.Lock(a.dataDir, termSafe(a.cmdline), a.wait)
	if err != nil {
		return err
	}
	a.lock = l
	return nil
}

func (a *app) openData(ctx context.Context, withIndex, create bool) (*data, error) {
	if !create {
		if _, err := os.Stat(a.storePath()); errors.Is(err, fs.ErrNotExist) {
			return nil, &taqapp.NoDataError{Dir: a.dataDir}
		}
	}
	if err := a.lockData(); err != nil {
		return nil, err
	}
	return taqapp.Open(ctx, a.dataDir, taqapp.Options{Create: create, NoIndex: !withIndex, Notes: a.stderr})
}

// readInput returns the text of a TEXT|- or FILE|- argument and the name
// it came under ("-" for stdin, the path for a file, "" for text).
func (a *app) readInput(arg string, isFile bool) ([]byte, string, error) {
	if arg == "-" {
		b, err := io.ReadAll(a.stdin)
		return b, "-", err
	}
	if !isFile {
		return []byte(arg), "", nil
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return nil, arg, err
	}
	return b, arg, nil
}

// report prints a batch command's outcome: the JSON summary, or each
// failure on stderr and the summary line on stdout. It returns ErrFailed
// when anything failed, so the exit status says so.
func (a *app) report(summary any, failures []ingest.Failure, line string) error {
	if a.json {
		if err := a.printJSON(summary); err != nil {
			return err
		}
	} else {
		for _, f := range failures {
			fmt.Fprintln(a.stderr, termSafe(f.Origin)+": "+termSafe(f.Reason))
		}
		fmt.Fprintln(a.stdout, line)
	}
	if len(failures) > 0 {
		return ErrFailed
	}
	return nil
}
