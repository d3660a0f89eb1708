package duckdb

import (
	"context"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// An uncorrelated IN / NOT IN conjunct of a WHERE clause over joins moves
// onto the join input that owns its columns; correlated ones, ones that
// need both sides and ones on the null-supplying side of an outer join
// stay where they are.
func TestPushSubqueryFilters(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "pushdown")
	rng := func(name string) (*logical.Range, logical.Attr) {
		a := attr(name, types.Long, false)
		return &logical.Range{Start: 0, End: 5, Step: 1, Attr: a}, a
	}
	through := func(as ...logical.Attr) []logical.Named {
		out := make([]logical.Named, len(as))
		for i, a := range as {
			out[i] = logical.Named{Attr: a, Expr: ref(a)}
		}
		return out
	}
	r1, a := rng("a")
	r2, b := rng("b")
	sub, sa := rng("s")
	in := func(v logical.Attr, p logical.Plan, not bool) *logical.Subquery {
		return &logical.Subquery{Plan: p, Kind: logical.InSubquery, Values: []logical.Expr{ref(v)}, Not: not, T: types.Boolean}
	}
	correlated := &logical.Filter{Input: sub, Cond: call(t, "==", ref(sa), ref(b))}
	join := func(jt logical.JoinType) *logical.Join {
		return &logical.Join{Type: jt, Left: r1, Right: r2, Out: through(a, b), Cond: call(t, "==", ref(a), ref(b))}
	}
	tests := []struct {
		name string
		f    *logical.Filter
		// where the subquery ends up: "left", "right" or "" (not moved)
		want string
	}{
		{"in on the left input", &logical.Filter{Input: join(logical.Inner), Cond: call(t, "and", in(a, sub, false), call(t, ">", ref(b), lit(types.Long, int64(0), "0")))}, "left"},
		{"not in on the right input", &logical.Filter{Input: join(logical.Inner), Cond: in(b, sub, true)}, "right"},
		{"correlated stays", &logical.Filter{Input: join(logical.Inner), Cond: in(a, correlated, false)}, ""},
		{"null-supplying side stays", &logical.Filter{Input: join(logical.LeftOuter), Cond: in(b, sub, false)}, ""},
		{"preserved side moves", &logical.Filter{Input: join(logical.LeftOuter), Cond: in(a, sub, false)}, "left"},
		{"no join", &logical.Filter{Input: r1, Cond: in(a, sub, false)}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pushSubqueryFilters(tc.f)
			if tc.want == "" {
				if ok {
					t.Fatalf("moved, want unchanged")
				}
				return
			}
			if !ok {
				t.Fatal("not moved")
			}
			var j *logical.Join
			for p := got; j == nil; p = p.Children()[0] {
				j, _ = p.(*logical.Join)
			}
			side := j.Left
			if tc.want == "right" {
				side = j.Right
			}
			f, isFilter := side.(*logical.Filter)
			if !isFilter {
				t.Fatalf("%s input is %T, want the moved filter", tc.want, side)
			}
			if _, isSub := f.Cond.(*logical.Subquery); !isSub {
				t.Fatalf("moved condition is %T", f.Cond)
			}
			if _, err := bindsInDuckDB(context.Background(), s, false, got); err != nil {
				t.Fatalf("rewritten plan does not run: %v", err)
			}
		})
	}
}
