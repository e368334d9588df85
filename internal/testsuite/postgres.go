package testsuite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgresEnv names the variable that gives the tests a PostgreSQL
// database: a postgres:// URL whose user may create schemas in it.
// .ci/run starts a throwaway cluster and sets it (see .ci/pg).
const PostgresEnv = "TAQRIR_TEST_PG"

// PostgresURL returns the test database's URL from TAQRIR_TEST_PG.
// Without it the test skips, except in CI (CI=true), where it fails: CI
// must run every store test against a real PostgreSQL.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(PostgresEnv)
	if u != "" {
		return u
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set: under CI the PostgreSQL tests must run (.ci/run starts a cluster with .ci/pg)", PostgresEnv)
	}
	t.Skipf("%s is not set: skipping the tests against a real PostgreSQL (set it to a postgres:// URL, or run .ci/pg start DIR for a throwaway cluster)", PostgresEnv)
	return ""
}

// PostgresSchema creates a schema of its own for the test in the test
// database and returns a URL whose connections use it (search_path), so
// each test starts from an empty database and tests run in parallel
// without seeing each other. The schema is dropped when the test ends.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
