package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

var shared struct {
	once sync.Once
	root string // removed by TestMain
	dir  string
	out  string // what demo printed
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.root != "" {
		os.RemoveAll(shared.root)
	}
	os.Exit(code)
}

// demoData returns a data directory holding the demo corpus, ingested once
// for the whole package. Tests must only read it: a test that writes to its
// data directory runs its own demo.
func demoData(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("short: skipping the demo ingest")
	}
	shared.once.Do(func() {
		shared.root, shared.err = os.MkdirTemp("", "taqrir-cli-demo-")
		if shared.err != nil {
			return
		}
		shared.dir = shared.root + "/data"
		var out, errb bytes.Buffer
		if code := Main(context.Background(), []string{"--data", shared.dir, "demo"}, strings.NewReader(""), &out, &errb); code != 0 {
			shared.err = fmt.Errorf("demo: exit %d: %s", code, errb.String())
		}
		shared.out = out.String()
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.dir
}
