package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/testsuite"
)

func TestMigrateInputErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate"}, "give --from DIR"},
		{[]string{"migrate", "--from", filepath.Join(dir, "nope"), "--to", "postgres://u@h/db"}, "no such directory"},
		{[]string{"migrate", "--from", dir, "--to", "postgres://u@h/db"}, "is not a taqrir data directory"},
		{[]string{"migrate", "--from", dir, "--to", "sqlite:///x.db"}, "want a postgres://"},
	} {
		code, _, errs := run(t, "", c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("taqrir %s: exit %d, %q; want an error saying %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// TestMigrateCommand: the demo directory and a token moved with taqrir
// migrate; --json reports equal checksums; the token is listed and the
// search answers the same with --db on another directory; a re-run copies
// nothing.
func TestMigrateCommand(t *testing.T) {
	url := testsuite.PostgresSchema(t)
	src := filepath.Join(t.TempDir(), "data")
	if code, _, errs := run(t, "", "--data", src, "demo"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "", "--data", src, "token", "create", "ci"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "", "--json", "migrate", "--from", src, "--to", url)
	if code != 0 {
		t.Fatal(errs)
	}
	var rep struct {
		Copied bool `json:"copied"`
		Items  []struct {
			Name           string
			Source, Target struct {
				Count  int64
				SHA256 string
			}
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || !rep.Copied || len(rep.Items) < 4 {
		t.Fatalf("migrate --json: %v %s", err, out)
	}
	for _, it := range rep.Items {
		if it.Source != it.Target || it.Source.Count == 0 {
			t.Errorf("%s: source %+v, target %+v", it.Name, it.Source, it.Target)
		}
	}
	other := filepath.Join(t.TempDir(), "replica")
	if code, out, errs := run(t, "", "--data", other, "--db", url, "token", "list"); code != 0 || !strings.HasPrefix(out, "ci\t") {
		t.Errorf("token list with --db: exit %d, %q %s", code, out, errs)
	}
	hits := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, "", append(args, "--json", "search", "هدنة")...)
		var res struct {
			Total int
			Hits  []struct {
				ID    string
				Score float64
			}
		}
		if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || res.Total == 0 {
			t.Fatalf("search %v: exit %d %v %s", args, code, err, errs)
		}
		b, _ := json.Marshal(res)
		return string(b)
	}
	if want, got := hits("--data", src), hits("--data", other, "--db", url); got != want {
		t.Errorf("search with --db: %s, the directory's %s", got, want)
	}
	if code, out, errs := run(t, "", "migrate", "--from", src, "--to", url); code != 0 || !strings.Contains(out, "nothing copied") {
		t.Errorf("migrate again: exit %d, %q %s", code, out, errs)
	}
}
