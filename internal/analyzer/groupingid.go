package analyzer

import "github.com/emberdb/ember/internal/logical"

// fillGroupingID gives grouping_id() without arguments its implicit
// arguments: all grouping columns, in order (Spark's GroupingID(Nil)).
func fillGroupingID(groups []logical.Expr, out []logical.Named) {
	for _, n := range out {
		logical.Walk(n.Expr, func(e logical.Expr) bool {
			if c, ok := e.(*logical.Call); ok && c.Fn == "grouping_id" && len(c.Args) == 0 && len(groups) > 0 {
				c.Args = append([]logical.Expr(nil), groups...)
				return false
			}
			return true
		})
	}
}
