package analyzer

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// TestExtractPython checks that Python UDF calls leave the node's
// expressions for PythonEval nodes below it, innermost calls first.
func TestExtractPython(t *testing.T) {
	x := logical.Attr{ID: logical.NewID(), Name: "x", Type: types.Long}
	in := &logical.LocalTable{Table: "t", Columns: []string{"_c0"}, Attrs: []logical.Attr{x}}
	f := &logical.PythonFunc{Name: "f", EvalType: logical.PyBatched, Return: types.Long}
	call := func(arg logical.Expr) *logical.PythonCall {
		return &logical.PythonCall{Func: f, Args: []logical.Expr{arg}, Pretty: "f(" + arg.SQL() + ")"}
	}
	out := logical.Attr{ID: logical.NewID(), Name: "y", Type: types.Long}
	tests := []struct {
		name   string
		expr   logical.Expr
		layers int
	}{
		{"column", &logical.ColRef{Attr: x}, 0},
		{"one call", call(&logical.ColRef{Attr: x}), 1},
		{"nested calls", call(call(&logical.ColRef{Attr: x})), 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &logical.Project{Input: in, Exprs: []logical.Named{{Attr: out, Expr: tc.expr}}}
			got, err := extractPython(p)
			if err != nil {
				t.Fatal(err)
			}
			proj, ok := got.(*logical.Project)
			if !ok {
				t.Fatalf("got %T, want a Project", got)
			}
			if anyPythonCall([]logical.Expr{proj.Exprs[0].Expr}) {
				t.Fatalf("a Python call is left in %s", proj.Exprs[0].Expr.SQL())
			}
			layers := 0
			for n := proj.Input; ; {
				ev, ok := n.(*logical.PythonEval)
				if !ok {
					break
				}
				layers++
				n = ev.Input
			}
			if layers != tc.layers {
				t.Fatalf("%d PythonEval layers, want %d", layers, tc.layers)
			}
		})
	}
}
