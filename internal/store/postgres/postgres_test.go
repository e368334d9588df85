package postgres

import (
	"context"
	"testing"

	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/storetest"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// open opens a store in a fresh schema of the test database.
func open(t testing.TB) *DB {
	t.Helper()
	s, err := Open(context.Background(), testsuite.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	testsuite.PostgresURL(t)
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}
