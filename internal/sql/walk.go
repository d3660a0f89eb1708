package sql

import "github.com/emberdb/ember/internal/plan"

// rewriteExpr rebuilds e bottom-up, replacing every node n by f(n). It does
// not descend into subquery plans.
func rewriteExpr(e plan.Expr, f func(plan.Expr) plan.Expr) plan.Expr {
	if e == nil {
		return nil
	}
	r := func(x plan.Expr) plan.Expr { return rewriteExpr(x, f) }
	rs := func(xs []plan.Expr) {
		for i := range xs {
			xs[i] = r(xs[i])
		}
	}
	sorts := func(xs []*plan.SortOrder) {
		for _, s := range xs {
			s.Child = r(s.Child)
		}
	}
	switch x := e.(type) {
	case *plan.UnresolvedFunction:
		rs(x.Args)
		x.Filter = r(x.Filter)
	case *plan.Alias:
		x.Child = r(x.Child)
	case *plan.Cast:
		x.Child = r(x.Child)
	case *plan.SortOrder:
		x.Child = r(x.Child)
	case *plan.LambdaFunction:
		x.Body = r(x.Body)
	case *plan.Window:
		x.Func = r(x.Func)
		rs(x.PartitionBy)
		sorts(x.OrderBy)
		if x.Frame != nil {
			x.Frame.Lower.Value = r(x.Frame.Lower.Value)
			x.Frame.Upper.Value = r(x.Frame.Upper.Value)
		}
	case *plan.ExtractValue:
		x.Child = r(x.Child)
		x.Extraction = r(x.Extraction)
	case *plan.UpdateFields:
		x.Child = r(x.Child)
		x.Value = r(x.Value)
	case *plan.NamedArgument:
		x.Value = r(x.Value)
	case *plan.CaseWhen:
		x.Operand = r(x.Operand)
		for i := range x.Branches {
			x.Branches[i][0] = r(x.Branches[i][0])
			x.Branches[i][1] = r(x.Branches[i][1])
		}
		x.Else = r(x.Else)
	case *plan.InSubquery:
		rs(x.Values)
	case *plan.WithinGroup:
		x.Func = r(x.Func)
		sorts(x.Order)
	case *plan.NullTreatment:
		x.Func = r(x.Func)
	}
	return f(e)
}
