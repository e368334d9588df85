package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/corpus"
	"github.com/taqrir/taqrir/internal/feed"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// openAt opens dir (with db, PostgreSQL mode) under its lock, both
// released when the test ends.
func openAt(t *testing.T, dir, db string, notes *strings.Builder) *Data {
	t.Helper()
	l, err := Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Create: true, DB: db}
	if notes != nil {
		o.Notes = notes
	}
	d, err := Open(context.Background(), dir, o)
	if err != nil {
		l.Release()
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(); l.Release() })
	return d
}

// TestPostgresStateSharedByInstances: two data directories on one
// database are two servers. Tokens and saved searches added from both at
// once are all kept (each add is a read-change-write of one document under
// its row lock); a token made by one is accepted by the other; a source
// added by one is listed by the other; the fetch validators and feeds seen
// that one saves are the other's too, merged with its own; and neither
// directory holds any state file.
func TestPostgresStateSharedByInstances(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	dirA, dirB := t.TempDir(), t.TempDir()
	a, b := openAt(t, dirA, url, nil), openAt(t, dirB, url, nil)
	if _, err := a.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	const each = 12
	var wg sync.WaitGroup
	secrets := make([][]string, 2)
	for i, d := range []*Data{a, b} {
		secrets[i] = make([]string, each)
		for k := range each {
			wg.Add(2)
			go func() {
				defer wg.Done()
				s, err := d.Tokens().Create(fmt.Sprintf("tok-%d-%d", i, k), time.Now())
				if err != nil {
					t.Error(err)
				}
				secrets[i][k] = s
			}()
			go func() {
				defer wg.Done()
				if err := d.Saved().Add(ctx, SavedSearch{Name: fmt.Sprintf("s-%d-%d", i, k), Query: "هدنة"}, time.Now()); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	for name, d := range map[string]*Data{"A": a, "B": b} {
		toks, err := d.Tokens().List()
		if err != nil || len(toks) != 2*each {
			t.Errorf("%s lists %d tokens (%v), want %d: updates lost", name, len(toks), err, 2*each)
		}
		saved, err := d.Saved().List()
		if err != nil || len(saved) != 2*each {
			t.Errorf("%s lists %d saved searches (%v), want %d: updates lost", name, len(saved), err, 2*each)
		}
	}
	// A token made on one server is accepted by the other, and by a
	// command that opens only the state (taqrir --db … token list).
	for i, other := range []*Data{b, a} {
		if who, ok := other.Tokens().Check(secrets[i][3]); !ok || who != fmt.Sprintf("tok-%d-3", i) {
			t.Errorf("the token made by instance %d is not accepted by the other: %q %v", i, who, ok)
		}
	}
	st, done, err := OpenState(ctx, t.TempDir(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if toks, err := NewTokens(st).List(); err != nil || len(toks) != 2*each {
		t.Errorf("OpenState lists %d tokens (%v)", len(toks), err)
	}
	if err := a.Tokens().Revoke("tok-1-0"); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Tokens().Check(secrets[1][0]); ok {
		t.Error("a token revoked on A is still accepted by B")
	}
	// A source added on one is the other's monitor's too.
	if err := a.Sources().Add(Source{Name: "sada", URL: "https://sada.example/rss.xml", Feed: true, Interval: time.Hour}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if list, err := b.Sources().List(); err != nil || len(list) != 1 || list[0].Name != "sada" {
		t.Errorf("B's sources: %v %v, want sada", list, err)
	}
	// Validators and feeds seen: each instance saves its own changes,
	// merged with the other's.
	for i, d := range []*Data{a, b} {
		v, err := fetch.LoadValidators(ctx, d.State(), fetch.ValidatorsFile)
		if err != nil {
			t.Fatal(err)
		}
		v.Put(fmt.Sprintf("https://x.example/%d", i), fetch.Validator{ETag: fmt.Sprintf(`"e%d"`, i)})
		seen, err := feed.LoadSeen(ctx, d.State(), feed.SeenFile)
		if err != nil {
			t.Fatal(err)
		}
		seen.Add("https://x.example/rss", fmt.Sprintf("entry-%d", i), fmt.Sprintf("origin-%d", i))
		if err := errors.Join(v.Save(), seen.Save()); err != nil {
			t.Fatal(err)
		}
	}
	v, err := fetch.LoadValidators(ctx, a.State(), fetch.ValidatorsFile)
	if err != nil {
		t.Fatal(err)
	}
	seen, err := feed.LoadSeen(ctx, a.State(), feed.SeenFile)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if x, ok := v.Get(fmt.Sprintf("https://x.example/%d", i)); !ok || x.ETag != fmt.Sprintf(`"e%d"`, i) {
			t.Errorf("validator %d: %+v %v", i, x, ok)
		}
		if !seen.Has("https://x.example/rss", fmt.Sprintf("entry-%d", i)) {
			t.Errorf("feed entry %d not seen", i)
		}
	}
	// Stories: B's catch-up finds what A's saved, no rebuild.
	if _, err := a.CatchUpStories(ctx); err != nil {
		t.Fatal(err)
	}
	wa, err := a.StoriesWatermark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if wb, err := b.StoriesWatermark(ctx); err != nil || wb != wa || wa == 0 {
		t.Errorf("stories watermark: A %d, B %d (%v)", wa, wb, err)
	}
	for _, dir := range []string{dirA, dirB} {
		for _, name := range StateDocs {
			if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
				t.Errorf("%s holds %s (%v): in PostgreSQL mode the state is the database's", dir, name, err)
			}
		}
	}
}

// embeddedWithState makes an embedded data directory holding the sample
// corpus and every kind of state, and closes it; it returns a token's
// secret.
func embeddedWithState(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	l, err := Lock(dir, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	d, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if sum, err := d.Ingest(ctx, source.Options{}.FS(corpus.FS(), "."), ingest.Options{}); err != nil || sum.New == 0 {
		t.Fatalf("ingest: %v %s", err, sum)
	}
	secret, err := d.Tokens().Create("ci", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Tokens().Create("ops", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := d.Saved().Add(ctx, SavedSearch{Name: "truce", Query: "هدنة"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := d.Sources().Add(Source{Name: "sada", URL: "https://sada.example/rss.xml", Feed: true, Interval: time.Hour}, time.Now()); err != nil {
		t.Fatal(err)
	}
	fx, err := d.OpenFetching(fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fx.validators.Put("https://sada.example/a/1", fetch.Validator{ETag: `"v1"`, Fetched: time.Now().UTC()})
	fx.seen.Add("https://sada.example/rss.xml", "guid-1", "https://sada.example/a/1")
	if err := fx.Settle(ingest.Summary{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Stories(ctx, StoryFilter{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range StateDocs {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("the embedded directory lacks %s: %v", name, err)
		}
	}
	return dir, secret
}

// TestMigrate moves an embedded directory holding the sample corpus and
// every kind of state to PostgreSQL: counts and checksums equal on both
// sides, a re-run copies nothing and says so, and a directory opened on
// the database answers search, report, stories and tokens as the embedded
// one does; a database changed since is refused.
func TestMigrate(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	ctx := context.Background()
	src, secret := embeddedWithState(t)
	rep, err := Migrate(ctx, src, url, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Copied || len(rep.Items) != 2+len(StateDocs) {
		t.Fatalf("report: copied %v, %d items, want %d", rep.Copied, len(rep.Items), 2+len(StateDocs))
	}
	for _, m := range rep.Items {
		if m.Source != m.Target || m.Source.Count == 0 || len(m.Source.SHA256) != 64 {
			t.Errorf("%s: source %+v, target %+v", m.Name, m.Source, m.Target)
		}
	}
	again, err := Migrate(ctx, src, url, 0)
	if err != nil {
		t.Fatalf("migrate again: %v", err)
	}
	if again.Copied || !slices.Equal(again.Items, rep.Items) {
		t.Errorf("migrate again: copied %v, items %+v; want nothing copied, the same checksums %+v", again.Copied, again.Items, rep.Items)
	}

	// The same answers from the database as from the directory.
	var notes strings.Builder
	embLock, err := Lock(src, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	emb, err := Open(ctx, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pg := openAt(t, t.TempDir(), url, &notes)
	for _, q := range []string{"امريكا ايران", "هدنة", "السودان"} {
		we, err1 := emb.Search(ctx, index.Request{Query: q, Limit: 50})
		wp, err2 := pg.Search(ctx, index.Request{Query: q, Limit: 50})
		if err1 != nil || err2 != nil || we.Total == 0 || we.Total != wp.Total || !slices.Equal(hitIDs(we), hitIDs(wp)) {
			t.Errorf("search %s: embedded %d %v (%v), PostgreSQL %d %v (%v)", q, we.Total, hitIDs(we), err1, wp.Total, hitIDs(wp), err2)
		}
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	re, err1 := emb.Report(ctx, report.Query{Text: "هدنة"}, report.Options{Now: now})
	rp, err2 := pg.Report(ctx, report.Query{Text: "هدنة"}, report.Options{Now: now})
	je, _ := json.Marshal(re)
	jp, _ := json.Marshal(rp)
	if err1 != nil || err2 != nil || string(je) != string(jp) {
		t.Errorf("report: embedded and PostgreSQL differ (%v, %v)", err1, err2)
	}
	se, ne, err1 := emb.Stories(ctx, StoryFilter{})
	sp, np, err2 := pg.Stories(ctx, StoryFilter{})
	je, _ = json.Marshal(se)
	jp, _ = json.Marshal(sp)
	if err1 != nil || err2 != nil || ne != np || len(se) == 0 || string(je) != string(jp) {
		t.Errorf("stories: embedded %d stories of %d articles (%v), PostgreSQL %d of %d (%v)", len(se), ne, err1, len(sp), np, err2)
	}
	if strings.Contains(notes.String(), "stories rebuilt") {
		t.Errorf("the migrated stories were rebuilt: %s", notes.String())
	}
	if who, ok := pg.Tokens().Check(secret); !ok || who != "ci" {
		t.Errorf("the embedded token is not accepted in PostgreSQL mode: %q %v", who, ok)
	}
	for _, get := range []func(*Data) (any, error){
		func(d *Data) (any, error) { return d.Tokens().List() },
		func(d *Data) (any, error) { return d.Saved().List() },
		func(d *Data) (any, error) { return d.Sources().List() },
	} {
		ve, err1 := get(emb)
		vp, err2 := get(pg)
		je, _ = json.Marshal(ve)
		jp, _ = json.Marshal(vp)
		if err1 != nil || err2 != nil || string(je) != string(jp) {
			t.Errorf("state differs: embedded %s (%v), PostgreSQL %s (%v)", je, err1, jp, err2)
		}
	}
	emb.Close()
	embLock.Release()
	if wm, err := pg.StoriesWatermark(ctx); err != nil || wm == 0 {
		t.Errorf("stories watermark in PostgreSQL: %d %v", wm, err)
	}

	// The database changed since: refused, naming what differs.
	if _, err := pg.Tokens().Create("later", time.Now()); err != nil {
		t.Fatal(err)
	}
	_, err = Migrate(ctx, src, url, 0)
	var me *MigrateError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), TokensFile) {
		t.Errorf("migrate onto a database changed since: %v, want a MigrateError naming %s", err, TokensFile)
	}
}

func hitIDs(r index.Result) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestMigrateInputErrors(t *testing.T) {
	ctx := context.Background()
	empty := t.TempDir()
	file := filepath.Join(empty, "f")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, c := range []struct{ dir, url, want string }{
		{filepath.Join(empty, "missing"), "postgres://u@h/db", "no such directory"},
		{file, "postgres://u@h/db", "not a directory"},
		{empty, "postgres://u@h/db", "is not a taqrir data directory: it holds no taqrir.db"},
		{empty, "mysql://u:secret@h/db", `--to "mysql://u:xxxxx@h/db": want a postgres://`},
		{empty, "/tmp/db", `want a postgres://`},
	} {
		_, err := Migrate(ctx, c.dir, c.url, 0)
		var me *MigrateError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Migrate(%s, %s): %v, want %q", c.dir, c.url, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(empty, StoreFile)); !os.IsNotExist(err) {
		t.Errorf("Migrate made a store in a directory that had none: %v", err)
	}
}
