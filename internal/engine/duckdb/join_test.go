package duckdb

import (
	"context"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// Inner and cross joins that only pass their inputs' columns through nest
// as one FROM clause (no projection between them), so DuckDB can reorder
// the whole join graph; other joins keep their projection.
func TestFlatJoinTrees(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "joins")
	rng := func(name string) (*logical.Range, logical.Attr) {
		a := attr(name, types.Long, false)
		return &logical.Range{Start: 0, End: 3, Step: 1, Attr: a}, a
	}
	through := func(as ...logical.Attr) []logical.Named {
		out := make([]logical.Named, len(as))
		for i, a := range as {
			out[i] = logical.Named{Attr: a, Expr: ref(a)}
		}
		return out
	}
	r1, a1 := rng("a")
	r2, a2 := rng("b")
	r3, a3 := rng("c")
	inner := &logical.Join{Type: logical.Cross, Left: r1, Right: r2, Out: through(a1, a2)}
	tree := &logical.Join{Type: logical.Inner, Left: inner, Right: r3, Out: through(a1, a2, a3),
		Cond: call(t, "==", ref(a1), ref(a3))}
	q, err := Query(&functions.LowerCtx{}, tree)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(q, "SELECT"); n != 5 {
		t.Errorf("flat join tree lowered with %d SELECTs (want the result, the join and one per leaf):\n%s", n, q)
	}
	if _, err := bindsInDuckDB(context.Background(), s, false, tree); err != nil {
		t.Fatalf("flat join does not run: %v\n%s", err, q)
	}
	// A join that computes a column keeps its own projection.
	renamed := logical.Attr{ID: a1.ID + 1000, Name: "a2", Type: types.Long}
	proj := &logical.Join{Type: logical.Cross, Left: r1, Right: r2,
		Out: []logical.Named{{Attr: renamed, Expr: ref(a1)}, {Attr: a2, Expr: ref(a2)}}}
	if flatJoin(proj) {
		t.Error("a renaming join is not flat")
	}
	if flatJoin(&logical.Join{Type: logical.LeftOuter, Left: r1, Right: r2, Out: through(a1, a2)}) {
		t.Error("an outer join is not flat")
	}
}
