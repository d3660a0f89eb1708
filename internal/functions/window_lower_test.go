package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// first/last/nth_value/lag/lead: naming, and lowering in and out of a window
// (DuckDB takes no FILTER clause on window functions, so ignoreNulls
// becomes IGNORE NULLS there).
func TestFirstLastNthLowering(t *testing.T) {
	v := &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: "v", Type: types.Double, Nullable: true}}
	boolLit := func(b bool) logical.Expr {
		text := "false"
		if b {
			text = "true"
		}
		return &logical.Lit{T: types.Boolean, V: b, Text: text}
	}
	two := &logical.Lit{T: types.Int, V: int32(2), Text: "2"}
	null := &logical.Lit{T: types.Null, V: nil, Text: "NULL"}
	c := &Ctx{ANSI: true, TimeZone: "UTC"}
	over := " OVER (ORDER BY x)"
	tests := []struct {
		name      string
		fn        string
		args      []logical.Expr
		window    bool
		wantSQL   string
		wantLower string
	}{
		{"first", "first", []logical.Expr{v}, false, "first(v)", "first(a0)"},
		{"first ignore nulls", "first", []logical.Expr{v, boolLit(true)}, false, "first(v)", "first(a0) FILTER (WHERE a0 IS NOT NULL)"},
		{"first over a window", "first", []logical.Expr{v, boolLit(false)}, true, "first(v)", "first_value(a0)" + over},
		{"last ignore nulls over a window", "last_value", []logical.Expr{v, boolLit(true)}, true, "last_value(v)", "last_value(a0 IGNORE NULLS)" + over},
		{"nth_value", "nth_value", []logical.Expr{v, two}, true, "nth_value(v, 2)", "nth_value(a0, a1)"},
		{"nth_value respect nulls", "nth_value", []logical.Expr{v, two, boolLit(false)}, true, "nth_value(v, 2)", "nth_value(a0, a1)"},
		{"nth_value ignore nulls", "nth_value", []logical.Expr{v, two, boolLit(true)}, true, "nth_value(v, 2) ignore nulls", "nth_value(a0, a1 IGNORE NULLS)"},
		{"lag", "lag", []logical.Expr{v}, true, "lag(v, 1, NULL)", "lag(a0, a1, a2)"},
		{"lag respect nulls", "lag", []logical.Expr{v, two, null, boolLit(false)}, true, "lag(v, 2, NULL)", "lag(a0, a1, a2)"},
		{"lead ignore nulls", "lead", []logical.Expr{v, two, null, boolLit(true)}, true, "lead(v, 2, NULL)", "lead(a0, a1, a2 IGNORE NULLS)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(c, tc.fn, tc.args, false)
			if err != nil {
				t.Fatal(err)
			}
			call := e.(*logical.Call)
			if got := call.SQL(); got != tc.wantSQL {
				t.Errorf("SQL = %q, want %q", got, tc.wantSQL)
			}
			args := make([]string, len(call.Args))
			for i := range args {
				args[i] = "a" + string(rune('0'+i))
			}
			lc := &LowerCtx{ANSI: true, TimeZone: "UTC"}
			var got string
			if tc.window && call.Kind == logical.Agg {
				got, err = LowerWindow(lc, call, args, over)
			} else {
				got, err = Lower(lc, call, args)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.wantLower {
				t.Errorf("lowered = %q, want %q", got, tc.wantLower)
			}
		})
	}
}
