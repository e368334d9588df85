package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/postgres"
	"github.com/taqrir/taqrir/internal/store/sqlite"
)

// Migrated is one table or state document that Migrate moved, with the
// checksum of each side: rows (a table) or bytes (a document) and the
// SHA-256 of the canonical form (store.RowHash) or of the bytes, computed
// the same way on both sides after the copy.
type Migrated struct {
	Name   string         `json:"name"`
	Kind   string         `json:"kind"` // "table" or "document"
	Source store.Checksum `json:"source"`
	Target store.Checksum `json:"target"`
}

// MigrateReport is what Migrate did.
type MigrateReport struct {
	From string `json:"from"`
	To   string `json:"to"` // the URL, password hidden
	// Copied is false when the database already held exactly the
	// directory's data (a migrate run again): nothing was written.
	Copied bool       `json:"copied"`
	Items  []Migrated `json:"items"`
}

// MigrateError is a problem with Migrate's input.
type MigrateError struct{ msg string }

func (e *MigrateError) Error() string { return e.msg }

// RedactURL is url with its password hidden, for messages.
func RedactURL(url string) string {
	u, err := neturl.Parse(url)
	if err != nil {
		return "(an unparsable URL)"
	}
	return u.Redacted()
}

// checkPostgresURL says what is wrong with url as a database to open.
func checkPostgresURL(flag, url string) error {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		shown := url
		if _, err := neturl.Parse(url); err == nil {
			shown = RedactURL(url)
		}
		return &MigrateError{fmt.Sprintf("%s %q: want a postgres://USER:PASSWORD@HOST/DB URL", flag, shown)}
	}
	if _, err := neturl.Parse(url); err != nil {
		return &MigrateError{fmt.Sprintf("%s: not a URL: %v", flag, err)}
	}
	return nil
}

// Migrate moves the embedded data directory dir to the PostgreSQL database
// at url: every raw item and article as stored (seq and copy_of kept) and
// every state document (StateDocs), in one transaction that reads it all
// back and compares checksums before it commits; then checks again, each
// side read afresh, and reports the counts and checksums. It holds dir's
// writer lock throughout (wait as Lock's). A database already holding
// anything is refused, unless it holds exactly what dir holds (migrate run
// again): then nothing is written and the report says so. The index is not
// moved: each data directory opened with --db builds its own from the
// store.
func Migrate(ctx context.Context, dir, url string, wait time.Duration) (*MigrateReport, error) {
	if err := checkPostgresURL("--to", url); err != nil {
		return nil, err
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &MigrateError{fmt.Sprintf("--from %s: no such directory", dir)}
	case err != nil:
		return nil, fmt.Errorf("--from %s: %w", dir, err)
	case !fi.IsDir():
		return nil, &MigrateError{fmt.Sprintf("--from %s: not a directory", dir)}
	}
	if _, err := os.Stat(filepath.Join(dir, StoreFile)); errors.Is(err, fs.ErrNotExist) {
		return nil, &MigrateError{fmt.Sprintf("--from %s is not a taqrir data directory: it holds no %s", dir, StoreFile)}
	}
	lock, err := Lock(dir, "taqrir migrate", wait)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	src, err := sqlite.Open(ctx, filepath.Join(dir, StoreFile))
	if err != nil {
		return nil, err
	}
	defer src.Close()
	files := StateFiles(dir)
	docs := map[string][]byte{}
	for _, name := range StateDocs {
		b, err := files.Load(ctx, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		docs[name] = b
	}
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("--to %s: %w", RedactURL(url), err)
	}
	defer dst.Close()
	rep := &MigrateReport{From: dir, To: RedactURL(url), Copied: true}
	_, err = dst.Import(ctx, src, docs)
	var ne *postgres.NotEmptyError
	if errors.As(err, &ne) {
		rep.Copied = false
	} else if err != nil {
		return nil, err
	}
	// Both sides read afresh, the same way.
	if err := rep.compare(ctx, src, dst, docs); err != nil {
		if ne != nil {
			return nil, &MigrateError{fmt.Sprintf("%s already holds other data (%s) and differs from %s in %v: migrate copies into an empty database, or finds it already holding exactly the directory's data",
				rep.To, strings.TrimPrefix(ne.Error(), "the database is "), dir, err)}
		}
		return nil, fmt.Errorf("migrate: copied, but the check after the copy failed: %w", err)
	}
	return rep, nil
}

// compare fills the report's items from both sides and returns what
// differs.
func (rep *MigrateReport) compare(ctx context.Context, src *sqlite.DB, dst *postgres.DB, docs map[string][]byte) error {
	var differ []string
	sRaw, sArt, err := store.SumRows(ctx, src)
	if err != nil {
		return err
	}
	dRaw, dArt, err := store.SumRows(ctx, dst)
	if err != nil {
		return err
	}
	rep.Items = append(rep.Items, Migrated{"raw_items", "table", sRaw, dRaw}, Migrated{"articles", "table", sArt, dArt})
	if sRaw != dRaw {
		differ = append(differ, "raw_items")
	}
	if sArt != dArt {
		differ = append(differ, "articles")
	}
	pg := dst.Docs()
	held, err := pg.Names(ctx)
	if err != nil {
		return err
	}
	for _, name := range StateDocs {
		b, ok := docs[name]
		got, err := pg.Load(ctx, name)
		if errors.Is(err, fs.ErrNotExist) {
			if ok {
				differ = append(differ, name+" (missing)")
			}
			continue
		} else if err != nil {
			return err
		}
		m := Migrated{Name: name, Kind: "document", Source: store.DocChecksum(b), Target: store.DocChecksum(got)}
		rep.Items = append(rep.Items, m)
		if !ok || m.Source != m.Target {
			differ = append(differ, name)
		}
	}
	for _, name := range held {
		if !isStateDoc(name) {
			differ = append(differ, name+" (not taqrir's)")
		}
	}
	if len(differ) > 0 {
		return errors.New(strings.Join(differ, ", "))
	}
	return nil
}

func isStateDoc(name string) bool {
	for _, n := range StateDocs {
		if n == name {
			return true
		}
	}
	return false
}
