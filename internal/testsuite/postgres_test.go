package testsuite

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestPostgresSchema checks the helper the PostgreSQL tests stand on: a
// real server, a schema of the test's own that its URL's connections use,
// and gone once the test ends.
func TestPostgresSchema(t *testing.T) {
	base := PostgresURL(t)
	ctx := context.Background()
	var schema string
	t.Run("inside", func(t *testing.T) {
		u := PostgresSchema(t)
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(ctx, `CREATE TABLE probe (n int)`); err != nil {
			t.Fatal(err)
		}
		var where string
		if err := conn.QueryRow(ctx, `SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'`).Scan(&where); err != nil || where != schema {
			t.Fatalf("table probe in %q (%v), want the test's schema %q", where, err, schema)
		}
	})
	if schema == "" || schema == "public" {
		t.Fatalf("current_schema() = %q, want a schema of the test's own", schema)
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1`, schema).Scan(&n); err != nil || n != 0 {
		t.Errorf("schema %s still there after the test (%d, %v)", schema, n, err)
	}
}
