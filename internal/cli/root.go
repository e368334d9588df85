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
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/datalock"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/version"
)

// ErrFailed makes the process exit non-zero after a command has already
// reported its problems (e.g. some ingest items failed).
var ErrFailed = errors.New("some items failed")

// app holds the global flags and the streams commands write to.
type app struct {
	dataDir string
	db      string // --db: a postgres:// URL holding the store instead of the data directory
	json    bool
	wait    time.Duration  // --wait: how long to wait for the data directory's lock
	cmdline string         // the command as typed, for the lock's holder line
	lock    *datalock.Lock // held from the first open of the data directory to the end of Main
	reader  bool           // the command opening the data directory only reads it (openReader)
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
	root.PersistentFlags().StringVar(&a.db, "db", os.Getenv("TAQRIR_DB"), "keep the store in PostgreSQL at this postgres:// URL (default $TAQRIR_DB); the data directory keeps this machine's index and the other state")
	root.PersistentFlags().BoolVar(&a.json, "json", false, "print JSON for scripts instead of text")
	root.PersistentFlags().DurationVar(&a.wait, "wait", 0, "when another taqrir process is using the data directory, wait this long for it (e.g. 1m) instead of stopping at once")
	root.AddCommand(
		a.analyzeCmd(), a.similarCmd(), a.cleanCmd(), a.ingestCmd(), a.searchCmd(), a.showCmd(), a.statsCmd(),
		a.reprocessCmd(), a.reindexCmd(), a.checkCmd(), a.demoCmd(), a.evalCmd(),
		a.extractCmd(),
		a.storiesCmd(),
		a.reportCmd(),
		a.trainCmd(),
		a.serveCmd(), a.tokenCmd(), a.sourcesCmd(), a.migrateCmd(), a.workerCmd(),
		a.benchCmd(),
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

func (a *app) storePath() string { return filepath.Join(a.dataDir, taqapp.StoreFile) }
func (a *app) indexPath() string { return filepath.Join(a.dataDir, taqapp.IndexDir) }

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

// openReader is openExisting for the commands that only read (search, show,
// stats): where the data directory cannot be written (a read-only mount, a
// full disk) they read the store's committed state and the index as it
// is, and an index behind the store is said, on stderr, not an error.
func (a *app) openReader(ctx context.Context, withIndex bool) (*data, error) {
	if free := diskFree(a.dataDir); free >= 0 && free < minFreeToSync && a.db == "" {
		// Bringing the index up to date on a full disk fails after bleve
		// has taken the batch in memory, and searching it then panics
		// inside bleve: do not try.
		if _, err := os.Stat(a.storePath()); err == nil {
			return a.openReadOnly(ctx, withIndex, fmt.Errorf("%w: %d KB free", syscall.ENOSPC, free>>10))
		}
	}
	a.reader = true
	defer func() { a.reader = false }()
	d, err := a.openData(ctx, withIndex, false)
	if err != nil && a.db == "" && !errors.Is(err, datalock.ErrHeld) && cannotWrite(err) {
		return a.openReadOnly(ctx, withIndex, err)
	}
	return d, err
}

// minFreeToSync is the free space below which a reading command does not
// write the data directory (sync the index): a full disk.
const minFreeToSync = 32 << 20

// cannotWrite reports whether err comes from a data directory that cannot
// be written: read-only file system, permission denied, no space left.
func cannotWrite(err error) bool {
	if errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EACCES) ||
		errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, fs.ErrPermission) {
		return true
	}
	// Some layers (bleve, SQLite) keep only the message.
	msg := strings.ToLower(err.Error())
	for _, m := range []string{"read-only file system", "no space left", "permission denied", "readonly database", "disk is full", "disk quota", "unable to open database file"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// openReadOnly opens the store and the index without writing anything (no
// lock, no migration, no sync), because cause says the directory cannot be
// written, and says how far the index lags the store.
func (a *app) openReadOnly(ctx context.Context, withIndex bool, cause error) (*data, error) {
	d, err := taqapp.OpenReadOnly(ctx, a.dataDir, withIndex, a.stderr)
	if err != nil {
		return nil, fmt.Errorf("%w (and read-only: %v)", cause, err)
	}
	fmt.Fprintf(a.stderr, "taqrir: %s cannot be written (%s): reading what is committed, changing nothing\n", termSafe(a.dataDir), termSafe(rootCause(cause)))
	if withIndex {
		a.sayLag(ctx, d, cause)
	}
	return d, nil
}

// sayLag tells the user, on stderr, when the index has not caught up with
// the store (searches miss the newest articles) and why it could not.
func (a *app) sayLag(ctx context.Context, d *data, cause error) {
	from, err := d.Index.Seq()
	if err != nil {
		return
	}
	top, err := d.Store.MaxSeq(ctx)
	if err != nil || top <= from {
		return
	}
	n := 0
	if err := d.Store.Scan(ctx, from, func(int64, news.Article) error { n++; return nil }); err != nil {
		n = -1
	}
	what := fmt.Sprintf("%d stored change(s)", n)
	if n < 0 {
		what = "stored changes"
	}
	fmt.Fprintf(a.stderr, "taqrir: the search index is behind the store: %s not indexed yet (%s); searches miss them until an ingest or `taqrir reindex` runs where %s can be written\n",
		what, termSafe(rootCause(cause)), termSafe(a.dataDir))
}

// rootCause is the innermost message of err, the part a user can act on
// ("no space left on device").
func rootCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
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
	if !create && a.db == "" {
		if _, err := os.Stat(a.storePath()); errors.Is(err, fs.ErrNotExist) {
			return nil, &taqapp.NoDataError{Dir: a.dataDir}
		}
	}
	if err := a.lockData(); err != nil {
		return nil, err
	}
	d, err := taqapp.Open(ctx, a.dataDir, taqapp.Options{Create: create, DB: a.db, NoIndex: !withIndex, Notes: a.stderr, Reader: a.reader})
	if err == nil && d.SyncErr != nil {
		// The store is the truth and is readable: search what the
		// index has, and say what it lacks.
		a.sayLag(ctx, d, d.SyncErr)
	}
	return d, err
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
