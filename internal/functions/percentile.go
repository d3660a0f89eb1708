package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// Exact percentiles: percentile(col, p[, freq]) and median(col).
//
// Spark computes the exact percentile with linear interpolation between the
// two closest ranks (position (n-1)*p), over a numeric input cast to
// double; the result is DOUBLE, or ARRAY<DOUBLE> for an array of
// percentages. NULL inputs are skipped; no rows gives NULL. The optional
// frequency weighs each row by a non-negative integral count.
// (percentile_approx lives in aggregate.go: it returns an input value,
// Spark's rank ceil(p*n), which DuckDB's quantile_disc matches.)
func init() {
	Register(
		&Def{Name: "percentile", Kind: logical.Agg, MinArgs: 2, MaxArgs: 3, Resolve: resolvePercentile, Lower: lowerPercentile, Group: "agg", Since: "2.0.0"},
		&Def{Name: "median", Kind: logical.Agg, MinArgs: 1, MaxArgs: 1, Resolve: resolveMedian, Lower: lowerMedian, Group: "agg", Since: "3.4.0"},
	)
}

func resolvePercentile(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsNumeric(args[0].Type()) && args[0].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", args[0])
	}
	out := []logical.Expr{ImplicitCast(args[0], types.Double)}
	var rt types.DataType = types.Double
	switch pt := args[1].Type().(type) {
	case types.Array:
		if !types.IsNumeric(pt.Elem) && pt.Elem.Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")", args[1])
		}
		out = append(out, ImplicitCast(args[1], types.Array{Elem: types.Double, ContainsNull: pt.ContainsNull}))
		rt = types.Array{Elem: types.Double, ContainsNull: false}
	default:
		if !types.IsNumeric(args[1].Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")", args[1])
		}
		out = append(out, ImplicitCast(args[1], types.Double))
	}
	if len(args) == 3 {
		if !types.IsIntegral(args[2].Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 3, "\"INTEGRAL\"", args[2])
		}
		out = append(out, ImplicitCast(args[2], types.Long))
	} else {
		// Spark shows the default frequency: percentile(x, 0.5, 1).
		out = append(out, &logical.Lit{T: types.Long, V: int64(1), Text: "1"})
	}
	return out, rt, true, nil
}

func lowerPercentile(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if l, ok := call.Args[2].(*logical.Lit); ok && l.V == int64(1) {
		return "quantile_cont(" + args[0] + ", " + args[1] + ")", nil
	}
	// Weighted: repeat each value freq times, then interpolate over the list.
	x, f := args[0], args[2]
	neg := RaiseSQL("INTERNAL_ERROR", "message", "Negative values found in percentile frequency")
	rep := "list_resize([" + x + "], CASE WHEN " + f + " < 0 THEN " + neg + " ELSE " + f + " END, " + x + ")"
	return "list_aggregate(flatten(list(" + rep + ") FILTER (WHERE " + x + " IS NOT NULL AND " + f + " IS NOT NULL AND " + f + " > 0)), 'quantile_cont', " + args[1] + ")", nil
}

func resolveMedian(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsNumeric(args[0].Type()) && args[0].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Double, true, nil
}

func lowerMedian(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	return "quantile_cont(" + args[0] + ", 0.5)", nil
}
