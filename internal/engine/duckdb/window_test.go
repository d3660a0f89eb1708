package duckdb

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// TestEveryAggregateOverAWindow: each aggregate the registry resolves
// with numeric arguments must also lower as a window function, with and
// without an order, so OVER lands on every aggregate call its lowering
// makes (compound lowerings such as avg of decimals or collect_list).
func TestEveryAggregateOverAWindow(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "window-aggregates")
	ctx := context.Background()

	g := attr("g", types.String, true)
	x := attr("x", types.Double, true)
	y := attr("y", types.Double, true)
	d := attr("d", types.Decimal{Precision: 10, Scale: 2}, true)
	values := &logical.Values{
		Attrs: []logical.Attr{g, x, y, d},
		Rows: [][]logical.Expr{
			{lit(types.String, "a", "a"), lit(types.Double, 1.5, "1.5"), lit(types.Double, 2.0, "2.0"), &logical.Cast{Child: lit(types.Double, 1.5, "1.5"), To: d.Type, Mode: logical.Legacy, Null: true}},
			{lit(types.String, "a", "a"), lit(types.Double, 0.5, "0.5"), lit(types.Double, 3.0, "3.0"), &logical.Cast{Child: lit(types.Double, 2.5, "2.5"), To: d.Type, Mode: logical.Legacy, Null: true}},
		},
	}
	argSets := [][]logical.Expr{
		{ref(x)}, {ref(d)}, {ref(x), ref(y)}, {ref(x), lit(types.Double, 0.5, "0.5")},
	}
	fctx := &functions.Ctx{ANSI: true, TimeZone: "UTC"}
	tried := 0
	for _, name := range functions.Names() {
		def, ok := functions.Lookup(name)
		if !ok || def.Kind != logical.Agg || name == "grouping" || name == "grouping_id" {
			continue
		}
		for _, args := range argSets {
			c, err := functions.Call(fctx, name, args, false)
			if err != nil {
				continue
			}
			grouped := &logical.Aggregate{Input: values, Groups: []logical.Expr{ref(g)}, Aggs: []logical.Named{named(c, "a")}}
			if _, err := bindsInDuckDB(ctx, s, true, grouped); err != nil {
				// Not a form DuckDB runs at all (Spark rejects these
				// arguments too, e.g. a non-constant percentage).
				t.Logf("%s(%d args) as a group aggregate: %v", name, len(args), err)
				continue
			}
			for _, order := range []bool{false, true} {
				w := &logical.Window{Fn: c, Partition: []logical.Expr{ref(g)}, Pretty: name}
				if order {
					w.Order = []logical.SortKey{{Expr: ref(x)}}
				}
				p := &logical.Project{Input: values, Exprs: []logical.Named{named(w, "w")}}
				tried++
				if q, err := bindsInDuckDB(ctx, s, true, p); err != nil {
					t.Errorf("%s(%d args, order=%v) over a window: %v\n%s", name, len(args), order, err, q)
				} else if !strings.Contains(q, "OVER") {
					t.Errorf("%s over a window lowered without OVER: %s", name, q)
				}
			}
		}
	}
	if tried < 40 {
		t.Fatalf("only %d aggregate forms resolved; the test is not exercising the registry", tried)
	}
}

// argOrder finds an argument ORDER BY ending in the row position, just
// before the OVER clause: f(x ORDER BY k, __pos [IGNORE NULLS]) OVER.
var argOrder = regexp.MustCompile(`ORDER BY [^()]*, __pos\d+( IGNORE NULLS)?\) OVER`)

// TestPeerOrderSensitiveWindows: over a RANGE frame (explicit or the
// default one of an ordered window) first/last/nth_value read the tied
// rows in input order, so their lowering carries an argument ORDER BY
// ending in the row position; aggregates that ignore row order and ROWS
// frames (which already sort by position) do not.
func TestPeerOrderSensitiveWindows(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "window-peer-order")
	ctx := context.Background()
	k := attr("k", types.Int, true)
	v := attr("v", types.String, true)
	values := &logical.Values{Attrs: []logical.Attr{k, v}, Rows: [][]logical.Expr{
		{lit(types.Int, int32(1), "1"), lit(types.String, "a", "a")},
		{lit(types.Int, int32(1), "1"), lit(types.String, "b", "b")},
	}}
	fctx := &functions.Ctx{ANSI: true, TimeZone: "UTC"}
	tru := lit(types.Boolean, true, "true")
	two := lit(types.Int, int32(2), "2")
	rangeFrame := &logical.Frame{Lower: logical.FrameBound{Unbounded: true}, Upper: logical.FrameBound{CurrentRow: true}}
	rowsFrame := &logical.Frame{Rows: true, Lower: logical.FrameBound{Unbounded: true}, Upper: logical.FrameBound{CurrentRow: true}}
	tests := []struct {
		name      string
		fn        string
		args      []logical.Expr
		frame     *logical.Frame
		wantOrder bool
	}{
		{"first, default frame", "first", []logical.Expr{ref(v)}, nil, true},
		{"last ignore nulls, range", "last", []logical.Expr{ref(v), tru}, rangeFrame, true},
		{"nth_value ignore nulls, range", "nth_value", []logical.Expr{ref(v), two, tru}, rangeFrame, true},
		{"first, rows frame", "first", []logical.Expr{ref(v)}, rowsFrame, false},
		{"count, default frame", "count", []logical.Expr{ref(v)}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := functions.Call(fctx, tc.fn, tc.args, false)
			if err != nil {
				t.Fatal(err)
			}
			w := &logical.Window{Fn: c, Order: []logical.SortKey{{Expr: ref(k), NullsFirst: true}}, Frame: tc.frame, Pretty: tc.fn}
			p := &logical.Project{Input: values, Exprs: []logical.Named{named(w, "w")}}
			q, err := bindsInDuckDB(ctx, s, true, p)
			if err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			inArgs := argOrder.MatchString(q)
			if inArgs != tc.wantOrder {
				t.Errorf("argument order present = %v, want %v:\n%s", inArgs, tc.wantOrder, q)
			}
		})
	}
}
