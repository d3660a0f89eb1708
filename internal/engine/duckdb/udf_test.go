package duckdb

import (
	"context"
	"database/sql/driver"
	"testing"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/udf"
)

// A Go function registered in internal/udf is callable from every session,
// including sessions opened after the engine.
func TestUDFsVisibleToSessions(t *testing.T) {
	udf.Register(udf.Func{Name: "ember_test_twice", Overloads: []duckdb.ScalarFunc{udf.Scalar{
		In:  []duckdb.TypeInfo{udf.T(duckdb.TYPE_BIGINT)},
		Out: udf.T(duckdb.TYPE_BIGINT),
		Fn:  func(a []driver.Value) (any, error) { return a[0].(int64) * 2, nil },
	}}})
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	for _, id := range []string{"s1", "s2"} {
		s, err := e.OpenSession(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got int64
		if err := s.conn.QueryRowContext(ctx, "SELECT ember_test_twice(21)").Scan(&got); err != nil {
			t.Fatal(err)
		}
		var null any
		if err := s.conn.QueryRowContext(ctx, "SELECT ember_test_twice(NULL)").Scan(&null); err != nil {
			t.Fatal(err)
		}
		if got != 42 || null != nil {
			t.Fatalf("session %s: got %d and %v, want 42 and NULL", id, got, null)
		}
	}
}
