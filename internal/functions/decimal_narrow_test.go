package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

func TestExactDecimalArith(t *testing.T) {
	ansi := &Ctx{ANSI: true, TimeZone: "UTC"}
	col := func(t types.DataType) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: "x", Type: t, Nullable: true}}
	}
	dec := func(p, s int) logical.Expr { return col(types.Decimal{Precision: p, Scale: s}) }
	tests := []struct {
		name           string
		fn             string
		args           []logical.Expr
		exact, keeping bool
	}{
		{"product within 38 digits", "*", []logical.Expr{dec(15, 2), dec(16, 2)}, true, true},
		{"product capped at 38 digits keeps its scale", "*", []logical.Expr{dec(32, 4), dec(16, 2)}, false, true},
		{"product whose scale Spark reduces", "*", []logical.Expr{dec(38, 10), dec(38, 10)}, false, false},
		{"sum of two decimals", "+", []logical.Expr{dec(15, 2), dec(10, 4)}, true, true},
		{"difference at the precision limit", "-", []logical.Expr{dec(38, 2), dec(10, 2)}, false, true},
		{"double operand", "*", []logical.Expr{dec(15, 2), col(types.Double)}, false, false},
		{"integer operand, widened to decimal(10,0)", "*", []logical.Expr{dec(15, 2), col(types.Int)}, true, true},
		{"division", "/", []logical.Expr{dec(15, 2), dec(16, 2)}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(ansi, tc.fn, tc.args, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := ExactDecimalArith(e); got != tc.exact {
				t.Fatalf("ExactDecimalArith(%s) = %v, want %v", e.SQL(), got, tc.exact)
			}
			if got := ScaleKeepingDecimalArith(e); got != tc.keeping {
				t.Fatalf("ScaleKeepingDecimalArith(%s) = %v, want %v", e.SQL(), got, tc.keeping)
			}
		})
	}
	sum, err := Call(ansi, "sum", []logical.Expr{dec(15, 2)}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !TakesNarrowDecimal(sum.(*logical.Call)) {
		t.Fatal("sum should take a narrower decimal")
	}
	distinct, err := Call(ansi, "sum", []logical.Expr{dec(15, 2)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if TakesNarrowDecimal(distinct.(*logical.Call)) {
		t.Fatal("sum(DISTINCT) compares values of its own input type; it keeps the cast")
	}
}
