package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Aggregate and window functions.

func init() {
	agg := func(d *Def) *Def { d.Kind = logical.Agg; d.Group = "agg"; return d }
	win := func(d *Def) *Def { d.Kind = logical.WindowOnly; d.Group = "window"; return d }
	Register(
		agg(&Def{Name: "count", MinArgs: 0, MaxArgs: -1, Resolve: resolveCount, Lower: lowerCount, Pretty: prettyCount}),
		agg(&Def{Name: "count_if", MinArgs: 1, MaxArgs: 1, Resolve: resolveBoolAgg(types.Long, false), Lower: tmpl("count_if($1)")}),
		agg(&Def{Name: "sum", MinArgs: 1, MaxArgs: 1, Resolve: resolveSum, Lower: lowerSum}),
		agg(&Def{Name: "avg", Aliases: []string{"mean"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveAvg, Lower: lowerAvg, ShowAlias: true}),
		agg(&Def{Name: "min", MinArgs: 1, MaxArgs: 1, Resolve: sameType, Lower: fn("min")}),
		agg(&Def{Name: "max", MinArgs: 1, MaxArgs: 1, Resolve: sameType, Lower: fn("max")}),
		agg(&Def{Name: "first", Aliases: []string{"first_value"}, MinArgs: 1, MaxArgs: 2, Resolve: resolveFirstLast, Lower: lowerFirstLast("first"), Pretty: firstArgOnly, ShowAlias: true}),
		agg(&Def{Name: "last", Aliases: []string{"last_value"}, MinArgs: 1, MaxArgs: 2, Resolve: resolveFirstLast, Lower: lowerFirstLast("last"), Pretty: firstArgOnly, ShowAlias: true}),
		agg(&Def{Name: "any_value", MinArgs: 1, MaxArgs: 2, Resolve: resolveFirstLast, Lower: lowerFirstLast("first"), Pretty: firstArgOnly}),
		agg(&Def{Name: "collect_list", Aliases: []string{"array_agg"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveCollect, Lower: lowerCollect(false)}),
		agg(&Def{Name: "collect_set", MinArgs: 1, MaxArgs: 1, Resolve: resolveCollect, Lower: lowerCollect(true)}),
		agg(&Def{Name: "stddev", Aliases: []string{"std"}, MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("stddev_samp"), ShowAlias: true}),
		agg(&Def{Name: "stddev_samp", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("stddev_samp")}),
		agg(&Def{Name: "stddev_pop", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("stddev_pop")}),
		agg(&Def{Name: "variance", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("var_samp")}),
		agg(&Def{Name: "var_samp", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("var_samp")}),
		agg(&Def{Name: "var_pop", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("var_pop")}),
		agg(&Def{Name: "bool_and", Aliases: []string{"every"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveBoolAgg(types.Boolean, true), Lower: fn("bool_and"), ShowAlias: true}),
		agg(&Def{Name: "bool_or", Aliases: []string{"some", "any"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveBoolAgg(types.Boolean, true), Lower: fn("bool_or"), ShowAlias: true}),
		agg(&Def{Name: "percentile_approx", Aliases: []string{"approx_percentile"}, MinArgs: 2, MaxArgs: 3, Resolve: resolvePercentileApprox, Lower: lowerPercentileApprox, ShowAlias: true}),

		win(&Def{Name: "row_number", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Int, false), Lower: tmpl("row_number()")}),
		win(&Def{Name: "rank", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Int, false), Lower: tmpl("rank()"), Pretty: upperName("RANK")}),
		win(&Def{Name: "dense_rank", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Int, false), Lower: tmpl("dense_rank()"), Pretty: upperName("DENSE_RANK")}),
		win(&Def{Name: "percent_rank", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Double, false), Lower: tmpl("percent_rank()"), Pretty: upperName("PERCENT_RANK")}),
		win(&Def{Name: "cume_dist", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Double, false), Lower: tmpl("cume_dist()")}),
		win(&Def{Name: "ntile", MinArgs: 1, MaxArgs: 1, Resolve: fixed(types.Int, false), Lower: tmpl("ntile($1)")}),
		win(&Def{Name: "lag", MinArgs: 1, MaxArgs: 4, Resolve: resolveLagLead, Lower: lowerLagLead("lag"), Pretty: prettyLagLead}),
		win(&Def{Name: "lead", MinArgs: 1, MaxArgs: 4, Resolve: resolveLagLead, Lower: lowerLagLead("lead"), Pretty: prettyLagLead}),
		win(&Def{Name: "nth_value", MinArgs: 2, MaxArgs: 3, Resolve: resolveNth, Lower: lowerNth, Pretty: prettyNth}),
	)
}

func fixed(t types.DataType, nullable bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		return args, t, nullable, nil
	}
}

func sameType(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if ContainsVariant(args[0].Type()) {
		return nil, nil, false, orderingTypeError(DefaultPretty(name, args, false), name, args[0].Type())
	}
	return args, args[0].Type(), true, nil
}

func toDouble(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	if !types.IsNumeric(t) {
		return nil, nil, false, typeMismatch(name+"("+args[0].SQL()+")", 1, "\"NUMERIC\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Double, true, nil
}

func resolveCount(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return args, types.Long, false, nil
}

func lowerCount(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	d := ""
	if call.Distinct {
		d = "DISTINCT "
	}
	switch len(args) {
	case 0:
		return "count(*)", nil
	case 1:
		return "count(" + d + args[0] + ")", nil
	}
	// count(a, b) counts rows where every argument is non-null.
	conds := make([]string, len(args))
	for i, a := range args {
		conds[i] = a + " IS NOT NULL"
	}
	if call.Distinct {
		return "count(DISTINCT CASE WHEN " + strings.Join(conds, " AND ") + " THEN row(" + strings.Join(args, ", ") + ") END)", nil
	}
	return "count(CASE WHEN " + strings.Join(conds, " AND ") + " THEN 1 END)", nil
}

func prettyCount(name string, args []logical.Expr, distinct bool) string {
	return DefaultPretty("count", args, distinct)
}

func resolveSum(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	switch {
	case types.IsIntegral(t):
		return []logical.Expr{ImplicitCast(args[0], t)}, types.Long, true, nil
	case t.Kind() == types.KindDecimal:
		d := t.(types.Decimal)
		return args, types.BoundedDecimal(d.Precision+10, d.Scale), true, nil
	case t.Kind() == types.KindFloat || t.Kind() == types.KindDouble:
		return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Double, true, nil
	case isANSIInterval(t):
		return args, t, true, nil
	}
	return nil, nil, false, typeMismatch(name+"("+args[0].SQL()+")", 1, "(\"NUMERIC\" or \"ANSI INTERVAL\")", args[0])
}

func resolveAvg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	switch {
	case t.Kind() == types.KindDecimal:
		d := t.(types.Decimal)
		return args, types.BoundedDecimal(d.Precision+4, d.Scale+4), true, nil
	case types.IsNumeric(t):
		return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Double, true, nil
	case isANSIInterval(t):
		return args, widestInterval(t), true, nil
	}
	return nil, nil, false, typeMismatch(name+"("+args[0].SQL()+")", 1, "(\"NUMERIC\" or \"ANSI INTERVAL\")", args[0])
}

// resolveBoolAgg types an aggregate of a BOOLEAN argument (count_if,
// bool_and, bool_or); a NULL literal is taken as a BOOLEAN.
func resolveBoolAgg(t types.DataType, nullable bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		switch args[0].Type().Kind() {
		case types.KindBoolean:
			return args, t, nullable, nil
		case types.KindNull:
			return []logical.Expr{ImplicitCast(args[0], types.Boolean)}, t, nullable, nil
		}
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BOOLEAN\"", args[0])
	}
}

func lowerAvg(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isANSIInterval(call.Args[0].Type()) {
		return intervalAvg(c, call, args), nil
	}
	arg := args[0]
	if call.Distinct {
		arg = "DISTINCT " + arg
	}
	if d, ok := call.T.(types.Decimal); ok {
		// Spark divides the decimal sum (precision + 10) by the count as a
		// decimal(20, 0), rounding to that division's scale, then casts
		// to the average's type.
		in, _ := types.DecimalOf(call.Args[0].Type())
		sum := types.Decimal{Precision: min(38, in.Precision+10), Scale: in.Scale}
		mid := decimalArith("/", sum, types.Decimal{Precision: 20, Scale: 0}).Scale
		q := decimalAvg(c.Agg("sum("+arg+")"), c.Agg("count("+arg+")"), sum.Scale, mid, d.Scale)
		return "CAST(" + q + " AS DECIMAL(" + itoa(d.Precision) + "," + itoa(d.Scale) + "))", nil
	}
	return "avg(" + arg + ")", nil
}

func resolveFirstLast(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return args, args[0].Type(), true, nil
}

func lowerFirstLast(f string) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		// ignoreNulls is a boolean literal argument.
		ignoreNulls := false
		if len(args) == 2 {
			if l, ok := call.Args[1].(*logical.Lit); ok && l.V == true {
				ignoreNulls = true
			}
		}
		if c != nil && c.Over != "" {
			// Over a window frame DuckDB takes first/last as its
			// first_value/last_value window functions, which accept
			// IGNORE NULLS but no FILTER clause; both take the
			// frame's first/last row as Spark does.
			in := args[0] + c.ArgOrder
			if ignoreNulls {
				in += " IGNORE NULLS"
			}
			return f + "_value(" + in + ")", nil
		}
		if ignoreNulls {
			return f + "(" + args[0] + ") FILTER (WHERE " + args[0] + " IS NOT NULL)", nil
		}
		return f + "(" + args[0] + ")", nil
	}
}

func resolveCollect(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return args, types.Array{Elem: args[0].Type(), ContainsNull: false}, false, nil
}

func lowerCollect(distinct bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		d := ""
		if distinct || call.Distinct {
			d = "DISTINCT "
		}
		dt, err := DuckType(call.T)
		if err != nil {
			return "", err
		}
		return "coalesce(" + c.Agg("list("+d+args[0]+") FILTER (WHERE "+args[0]+" IS NOT NULL)") + ", CAST([] AS " + dt + "))", nil
	}
}

// resolveLagLead fills Spark's defaults (offset 1, default NULL), which
// also appear in the generated column name: lag(v, 1, NULL).
func resolveLagLead(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := append([]logical.Expr{}, args...)
	if len(out) < 2 {
		out = append(out, &logical.Lit{T: types.Int, V: int32(1), Text: "1"})
	}
	if len(out) < 3 {
		out = append(out, &logical.Lit{T: args[0].Type(), V: nil, Text: "NULL"})
	}
	out[1] = ImplicitCast(out[1], types.Int)
	out[2] = ImplicitCast(out[2], args[0].Type())
	if len(out) == 4 {
		// A fourth argument, ignoreNulls, must be a boolean literal; it
		// is kept only when true.
		l, ok := out[3].(*logical.Lit)
		if !ok || !types.Equal(l.T, types.Boolean) {
			return nil, nil, false, sparkerr.Unsupported(name + " with an ignoreNulls argument that is not a boolean literal")
		}
		if l.V == true {
			return out, args[0].Type(), true, nil
		}
	}
	return out[:3], args[0].Type(), true, nil
}

func lowerLagLead(f string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if len(args) == 4 {
			// resolveLagLead keeps the fourth argument only for IGNORE NULLS.
			return f + "(" + strings.Join(args[:3], ", ") + " IGNORE NULLS)", nil
		}
		return f + "(" + strings.Join(args, ", ") + ")", nil
	}
}

// prettyLagLead: Spark's name shows input, offset and default only.
func prettyLagLead(name string, args []logical.Expr, d bool) string {
	return DefaultPretty(name, args[:min(3, len(args))], d)
}

// resolveNth keeps a third argument only when it asks to skip nulls
// (a true boolean literal); nth_value(v, n, false) is nth_value(v, n).
func resolveNth(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 3 {
		l, ok := args[2].(*logical.Lit)
		if !ok || !types.Equal(l.T, types.Boolean) {
			return nil, nil, false, sparkerr.Unsupported("nth_value with an ignoreNulls argument that is not a boolean literal")
		}
		if l.V == true {
			return args[:3], args[0].Type(), true, nil
		}
	}
	return args[:2], args[0].Type(), true, nil
}

func lowerNth(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	in := args[0] + ", " + args[1]
	if c != nil {
		in += c.ArgOrder
	}
	if len(args) == 3 {
		in += " IGNORE NULLS"
	}
	return "nth_value(" + in + ")", nil
}

// PeerOrderSensitive reports a window function whose answer depends on
// the order of the rows inside its frame, not only on which rows are in
// it: first/last (any_value) and nth_value.
func PeerOrderSensitive(call *logical.Call) bool {
	switch call.Fn {
	case "first", "last", "any_value", "nth_value":
		return true
	}
	return false
}

// prettyNth names nth_value as Spark does: the null treatment follows
// the call, "nth_value(v, 2) ignore nulls".
func prettyNth(name string, args []logical.Expr, d bool) string {
	s := DefaultPretty(name, args[:2], d)
	if len(args) == 3 {
		s += " ignore nulls"
	}
	return s
}

func firstArgOnly(name string, args []logical.Expr, d bool) string {
	return DefaultPretty(name, args[:1], d)
}

func resolvePercentileApprox(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		args = append(args, &logical.Lit{T: types.Int, V: int32(10000), Text: "10000"})
	}
	if !types.IsNumeric(args[0].Type()) && !types.IsDatetime(args[0].Type()) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\")", args[0])
	}
	if at, ok := args[1].Type().(types.Array); ok {
		_ = at
		return args, types.Array{Elem: args[0].Type(), ContainsNull: false}, true, nil
	}
	return args, args[0].Type(), true, nil
}

// lowerPercentileApprox: Spark's approximate percentile returns an input
// value (no interpolation); on small data it is exact, like quantile_disc.
func lowerPercentileApprox(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "quantile_disc(" + args[0] + ", " + args[1] + ")", nil
}

// decimalAvg is decimalDiv(sum, count, mid, scale) for an average of a
// sum at scale sumScale. When the sum times 10^scale fits in 64 bits and
// the count is below 10^(mid-scale), it divides in DuckDB's BIGINTs,
// rounding once at scale; otherwise it calls the exact Go function, which
// rounds at scale 38, then mid, then scale. The single rounding is the
// same: two roundings differ only when the remainder lies strictly between
// the divisor less a fraction 10^-(k) of it and the divisor (k the digits
// between the two scales), which no integer remainder can when the divisor
// (here the count, or the count scaled to mid) is below 10^k; every count
// is below 10^(38-mid) when mid <= 19. The Go function costs a call per
// group, which dominated averages over many groups.
func decimalAvg(sum, count string, sumScale, mid, scale int) string {
	exact := decimalDiv(sum, count, mid, scale)
	if mid > 19 || scale < sumScale || scale > 17 || mid < scale {
		return exact
	}
	// The sum times 10^scale as an integer, from its integral and
	// fractional parts.
	n := "(CAST(trunc(" + sum + ") AS BIGINT) * " + pow10Text(scale) + ")"
	if sumScale > 0 {
		frac := "CAST((" + sum + " - trunc(" + sum + ")) * " + pow10Decimal(sumScale) + " AS BIGINT)"
		n = "(" + n + " + " + frac + " * " + pow10Text(scale-sumScale) + ")"
	}
	d := "CAST(" + count + " AS BIGINT)"
	q := "ember_divround(" + n + ", " + d + ")"
	fast := "CAST(" + q + " AS DECIMAL(18,0))"
	if scale > 0 {
		fast = "(" + fast + " * CAST('0." + strings.Repeat("0", scale-1) + "1' AS DECIMAL(" + itoa(scale+1) + "," + itoa(scale) + ")))"
	}
	guard := "abs(" + sum + ") < " + pow10Decimal(18-scale)
	if mid > scale {
		guard += " AND " + count + " < " + pow10Text(mid-scale)
	}
	return "(CASE WHEN " + count + " = 0 THEN NULL WHEN " + guard + " THEN " + fast + " ELSE " + exact + " END)"
}

// pow10Text is 10^k as digits; pow10Decimal the same as a DECIMAL(k+1,0).
func pow10Text(k int) string { return "1" + strings.Repeat("0", k) }

func pow10Decimal(k int) string {
	return "CAST(" + pow10Text(k) + " AS DECIMAL(" + itoa(k+1) + ",0))"
}

func init() {
	Macros = append(Macros,
		// n / d rounded half away from zero, for integers (// and %
		// truncate toward zero).
		`CREATE OR REPLACE MACRO ember_divround(n, d) AS (n // d) + (CASE WHEN 2 * abs(n % d) >= abs(d) THEN (CASE WHEN (n < 0) <> (d < 0) THEN -1 ELSE 1 END) ELSE 0 END)`,
	)
}

// DecimalAvgSQL exposes decimalAvg and decimalDiv to tests of the engine,
// which compare the two.
func DecimalAvgSQL(sum, count string, sumScale, mid, scale int) (fast, exact string) {
	return decimalAvg(sum, count, sumScale, mid, scale), decimalDiv(sum, count, mid, scale)
}
