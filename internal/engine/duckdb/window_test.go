package duckdb

import (
	"context"
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
